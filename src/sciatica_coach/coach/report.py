"""A summary for a clinician: what the journal says about the last weeks, gathered once.

The figures are the progress report's own (:mod:`.history`, :mod:`sciatica_coach.domain.
progress`): the same daily pain, weekly PEG, sessions and escalations the journal page and
``sciatica-coach progress`` show. To them it adds what a clinician reading a page wants next
to the numbers: the latest safety check with its flags and limits, every red-flag answer of
the period with what followed it (the sign answered again, a doctor's visit, the hours it
stood) and every clinician's clearance (:mod:`.safety_log`, as the exports have them), the
numbness, tingling, burning or electric feelings the person logged, the safety checks and
escalations of the period, the body maps before and after the most recent session, the
muscles worked and tools used, the pain before and after sessions week by week, the person's
notes (only when asked for) and the sources behind every threshold it quotes.

It reads only the weeks asked for (plus the latest check and, for "no improvement", what
:func:`.history.read_history` reads), so it costs the same on a journal of ten years as on
one of ten weeks. Plain data out; :mod:`sciatica_coach.exports.report_pdf` draws it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import Source
from sciatica_coach.domain.body_map import place_label
from sciatica_coach.domain.days import midnight
from sciatica_coach.domain.plan_model import PlanFormatError
from sciatica_coach.domain.progress import (
    Change,
    ScorePoint,
    better_line,
    daily_means,
    mean,
)
from sciatica_coach.domain.restrictions import described
from sciatica_coach.domain.session_record import holds_used

from .activity import holds_done
from .clinical_export import SafetyEntry, safety_entries
from .errors import Invalid
from .history import local_day, read_history
from .maps import map_places
from .ports import JournalPort, PainMap, Screening, StoredSession
from .safety_log import SafetyEvent

MIN_WEEKS = 1
MAX_WEEKS = 12
"""A summary covers up to twelve weeks: two pages hold that many rows beside the rest."""
NOTES_SHOWN = 12
"""The most recent notes a summary carries; it says how many earlier ones it left out."""
NOTE_LENGTH = 300
"""A longer note is cut here (with an ellipsis), so one note cannot fill a page."""
CITED = ("farrar_2001", "reed_2024", "krebs_2009")
"""Every summary quotes these: the thresholds for pain and PEG change, and the PEG itself."""
NERVE_LIKE = ("numbness", "tingling", "burning", "electric")
"""The feelings on a map or pain log that point to a nerve rather than a muscle (numbness is
also a sign to get checked: :mod:`.journal_signs`); the summary lists where they were logged."""


@dataclass(frozen=True)
class Flag:
    """One answer of the safety check that raised its level (or a concern from the journal)."""

    level: str
    question: str | None
    """The question as asked; None for a concern raised by the journal itself."""
    answer: str | None
    message: str


@dataclass(frozen=True)
class SafetyCheck:
    """The latest safety check: when, its level in words, the flags and limits it gave."""

    taken_at: datetime
    level: str
    title: str
    session_allowed: bool
    flags: tuple[Flag, ...]
    restrictions: tuple[str, ...]
    """Each limit in words: "No massage gun", "Stay off some areas: Calf (left)"."""
    unsure: tuple[str, ...]
    """Questions answered "not sure" (which count as yes), as asked."""


@dataclass(frozen=True)
class Escalation:
    """A concern the journal raised: in the period's safety checks, and/or standing today."""

    id: str
    level: str
    message: str
    first_raised: date | None
    times_raised: int
    standing: bool
    """Whether the journal raises it today."""


@dataclass(frozen=True)
class WeekRow:
    start: date
    pain_days: int
    pain: float | None
    peg: float | None
    sessions: int
    before: float | None
    """Mean pain right before the week's sessions that have scores before and after."""
    after: float | None
    scored: int


@dataclass(frozen=True)
class MapPicture:
    recorded_at: datetime
    places: tuple[str, ...]
    """Region keys, as the body map draws them."""
    labels: tuple[str, ...]
    intensity: int | None


@dataclass(frozen=True)
class LatestMaps:
    """The body maps of the most recent session that has any (or the latest map alone)."""

    at: datetime
    session: bool
    """False when no session in the period had a map: ``before`` is then the latest map."""
    before: MapPicture | None
    after: MapPicture | None
    pain_before: int | None
    pain_after: int | None


@dataclass(frozen=True)
class Worked:
    """A muscle on one side, worked in the period."""

    name: str
    side: str
    sessions: int
    holds: int


@dataclass(frozen=True)
class FlagFollowed:
    """A red-flag answer of the period and what followed it: each time the person answered
    that sign again, and the doctor's visit that lifted it (oldest first)."""

    flag: SafetyEntry
    followed: tuple[SafetyEvent, ...]


@dataclass(frozen=True)
class FeltPlace:
    """A nerve-like feeling (``NERVE_LIKE``) logged at one place in the period: how often,
    first and last (on body maps and with pain scores)."""

    feeling: str
    place: str
    """The place in words, with its side: "Calf (left)"."""
    times: int
    first: datetime
    last: datetime


@dataclass(frozen=True)
class NoteLine:
    at: datetime
    text: str


@dataclass(frozen=True)
class ClinicianSummary:
    name: str | None
    made_at: datetime
    weeks: int
    start: date
    end: date
    safety: SafetyCheck | None
    checks_by_level: tuple[tuple[str, int], ...]
    """How many safety checks in the period came out at each level, most serious first."""
    escalations: tuple[Escalation, ...]
    flags: tuple[FlagFollowed, ...]
    """Every red-flag answer of the period, oldest first, with what followed it."""
    safety_other: tuple[SafetyEntry, ...]
    """The rest of the period's safety log, oldest first: every clinician's clearance, and a
    sign answered again or a doctor's visit that belongs to no flag above (its flag came
    before the period, or the visit was about signs logged in the journal)."""
    felt: tuple[FeltPlace, ...]
    """Numbness, tingling, burning or electric feelings logged in the period, by feeling."""
    rows: tuple[WeekRow, ...]
    pain: tuple[ScorePoint, ...]
    """Daily mean pain in the period, oldest first."""
    peg: tuple[ScorePoint, ...]
    session_days: tuple[date, ...]
    better_line: float | None
    """The pain score at or below which pain counts as clinically better than the first
    week's (Farrar et al. 2001); None without pain scores."""
    pain_change: Change | None
    peg_change: Change | None
    sessions: int
    finished: int
    stopped_bad_pain: int
    stopped_other: int
    before: float | None
    after: float | None
    scored: int
    muscles: tuple[Worked, ...]
    tools: tuple[tuple[str, int], ...]
    """Each tool by name, with the number of sessions it was used in."""
    latest_maps: LatestMaps | None
    notes: tuple[NoteLine, ...] | None
    """None when the notes were not asked for."""
    notes_left_out: int
    sources: tuple[Source, ...]


def clinician_summary(
    kb: KnowledgeBase,
    journal: JournalPort,
    now: datetime,
    weeks: int = 8,
    include_notes: bool = False,
    name: str | None = None,
) -> ClinicianSummary:
    """The last ``weeks`` weeks up to ``now`` (the person's own days, in ``now``'s time zone),
    for a clinician. Notes only with ``include_notes``; ``name`` as given, or none."""
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise Invalid.one(
            ("weeks",),
            f"A summary covers {MIN_WEEKS} to {MAX_WEEKS} weeks; {weeks} is not in that range.",
            "query",
        )
    limit = kb.routine.limits.bad_reports_per_week_before_referral
    with journal.snapshot() as snapshot:
        history = read_history(snapshot, now, weeks)
        report = history.report(weeks, limit)
        start = history.today - timedelta(days=7 * weeks - 1)
        since = midnight(start, now) - timedelta(days=1)
        latest = snapshot.latest_screening(until=now)
        checks = [c for c in snapshot.screenings(since) if local_day(c.taken_at, now) >= start]
        stored = [
            s
            for s in snapshot.sessions(since)
            if s.status != "ready" and start <= local_day(s.started_at, now) <= history.today
        ]
        latest_maps = _latest_maps(kb, snapshot, stored, since, start, now)
        log = [
            e
            for e in safety_entries(kb, snapshot, since, now)
            if local_day(e.event.at, now) >= start
        ]
        felt = _felt(kb, snapshot, since, start, now)
        notes = _notes(snapshot, since, start, now) if include_notes else None
    in_view = [s for s in history.sessions if start <= s.day <= history.today]
    pain = [p for p in daily_means(history.pain) if start <= p.day <= history.today]
    rows = []
    for week in report.weeks:
        end = week.start + timedelta(days=7)
        scored = [
            (s.pain_before, s.pain_after)
            for s in in_view
            if week.start <= s.day < end and s.pain_before is not None and s.pain_after is not None
        ]
        rows.append(
            WeekRow(
                week.start,
                sum(1 for p in pain if week.start <= p.day < end),
                week.pain,
                week.peg,
                week.sessions,
                *_before_after(scored),
            )
        )
    all_scored = [
        (s.pain_before, s.pain_after)
        for s in in_view
        if s.pain_before is not None and s.pain_after is not None
    ]
    before, after, scored_count = _before_after(all_scored)
    line = better_line(pain)
    safety = _safety(kb, latest) if latest is not None else None
    escalations = _escalations(kb, checks, report.escalations, now)
    flags, safety_other = _flags_followed(log)
    shown_notes = None if notes is None else tuple(notes[:NOTES_SHOWN])
    return ClinicianSummary(
        name=name.strip() or None if name else None,
        made_at=now,
        weeks=weeks,
        start=start,
        end=history.today,
        safety=safety,
        checks_by_level=_by_level(kb, checks),
        escalations=escalations,
        flags=flags,
        safety_other=safety_other,
        felt=felt,
        rows=tuple(rows),
        pain=tuple(pain),
        peg=tuple(p for p in history.peg if start <= p.day <= history.today),
        session_days=tuple(sorted({s.day for s in in_view})),
        better_line=None if line is None else round(line, 2),
        pain_change=report.pain_change,
        peg_change=report.peg_change,
        sessions=len(stored),
        finished=sum(1 for s in stored if s.status == "finished"),
        stopped_bad_pain=sum(1 for s in stored if s.stop_reason == "bad_pain"),
        stopped_other=sum(
            1
            for s in stored
            if s.status not in ("finished", "in_progress") and s.stop_reason != "bad_pain"
        ),
        before=before,
        after=after,
        scored=scored_count,
        muscles=_muscles(kb, stored),
        tools=_tools(kb, stored),
        latest_maps=latest_maps,
        notes=shown_notes,
        notes_left_out=0 if notes is None else len(notes) - len(shown_notes or ()),
        sources=_sources(kb, safety, latest, escalations, log),
    )


def _before_after(pairs: list[tuple[int, int]]) -> tuple[float | None, float | None, int]:
    if not pairs:
        return None, None, 0
    before = round(mean([float(b) for b, _ in pairs]), 1)
    after = round(mean([float(a) for _, a in pairs]), 1)
    return before, after, len(pairs)


def answer_words(kb: KnowledgeBase, value: object) -> str | None:
    """An answer as a person said it: yes, no, not sure, a number, or places."""
    if value is None:
        return None
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value == "not_sure":
        return "not sure"
    if isinstance(value, list):
        return ", ".join(place_label(kb.regions, str(v)) for v in value) or "none"
    return str(value)


def restriction_words(kb: KnowledgeBase, restriction: str) -> str:
    """``avoid_region:left:calf_posterior`` as "Stay off some areas: Calf (left)"."""
    rule, place = described(kb, restriction)
    if rule is None:
        return restriction
    return f"{rule.label}: {place}" if place else rule.label


def level_title(kb: KnowledgeBase, level: str) -> str:
    """A check's level in words ("Go ahead, with limits"), or its id if the content lost it."""
    return next((lv.title for lv in kb.screening.levels if lv.id == level), level)


def _safety(kb: KnowledgeBase, check: Screening) -> SafetyCheck:
    """The check as it was taken (its saved result), in words."""
    result: Mapping[str, Any] = check.result if isinstance(check.result, dict) else {}
    questions = {q.id: q.question for q in kb.screening.questions}
    doubt = kb.screening.not_sure
    preambles = (doubt.emergency, doubt.urgent, doubt.other)
    flags = []
    for reason in result.get("reasons", []) or []:
        if not isinstance(reason, dict):
            continue
        qid = str(reason.get("question_id", ""))
        asked = questions.get(qid) or reason.get("question")
        message = str(reason.get("message", ""))
        for preamble in preambles:  # "not sure" is the answer shown; why it counts, once
            message = message.removeprefix(preamble + " ")
        flags.append(
            Flag(
                level=str(reason.get("level", "")),
                question=str(asked) if asked else None,
                answer=answer_words(kb, check.answers.get(qid)) if asked else None,
                message=message,
            )
        )
    restrictions = [str(r) for r in result.get("restrictions", []) or []]
    unsure = [str(q) for q in result.get("unsure", []) or []]
    return SafetyCheck(
        taken_at=check.taken_at,
        level=check.level,
        title=level_title(kb, check.level),
        session_allowed=bool(result.get("session_allowed", check.level in ("ok", "caution"))),
        flags=tuple(flags),
        restrictions=tuple(restriction_words(kb, r) for r in restrictions),
        unsure=tuple(questions.get(q, q) for q in unsure),
    )


def _by_level(kb: KnowledgeBase, checks: list[Screening]) -> tuple[tuple[str, int], ...]:
    counts = Counter(c.level for c in checks)
    order = [lv.id for lv in kb.screening.levels]
    ranked = sorted(counts, key=lambda lv: order.index(lv) if lv in order else len(order))
    return tuple((lv, counts[lv]) for lv in ranked)


def _escalations(
    kb: KnowledgeBase, checks: list[Screening], standing: Iterable[str], now: datetime
) -> tuple[Escalation, ...]:
    """Each concern raised in the period's checks or standing today, in the content's order."""
    first: dict[str, date] = {}
    times: Counter[str] = Counter()
    for check in checks:
        raised = check.result.get("escalations", []) if isinstance(check.result, dict) else []
        for concern in raised if isinstance(raised, list) else []:
            times[str(concern)] += 1
            first.setdefault(str(concern), local_day(check.taken_at, now))
    now_raised = set(standing)
    return tuple(
        Escalation(e.id, e.level, e.message, first.get(e.id), times[e.id], e.id in now_raised)
        for e in kb.screening.escalations
        if e.id in times or e.id in now_raised
    )


def _muscles(kb: KnowledgeBase, stored: list[StoredSession]) -> tuple[Worked, ...]:
    sessions: Counter[tuple[str, str]] = Counter()
    holds: Counter[tuple[str, str]] = Counter()
    for session in stored:
        for key, count in holds_done(session.record).items():
            if count > 0:
                sessions[key] += 1
                holds[key] += count
    ranked = sorted(sessions, key=lambda key: (-sessions[key], -holds[key], key))
    return tuple(
        Worked(
            kb.muscles[m].name if m in kb.muscles else m,
            side,
            sessions[(m, side)],
            holds[(m, side)],
        )
        for m, side in ranked
    )


def _tools(kb: KnowledgeBase, stored: list[StoredSession]) -> tuple[tuple[str, int], ...]:
    """The tools of the holds actually done, by the number of sessions they were used in."""
    used: Counter[str] = Counter()
    for session in stored:
        with suppress(PlanFormatError):
            used.update(holds_used(session.record)[1])
    return tuple(
        (kb.tools[t].name if t in kb.tools else t, n)
        for t, n in sorted(used.items(), key=lambda item: (-item[1], item[0]))
    )


def _picture(kb: KnowledgeBase, entry: PainMap) -> MapPicture:
    places = map_places(entry)
    intensity = next(
        (
            r["intensity"]
            for r in entry.regions
            if isinstance(r, dict) and isinstance(r.get("intensity"), int)
        ),
        None,
    )
    return MapPicture(
        entry.recorded_at,
        tuple(places),
        tuple(place_label(kb.regions, p) for p in places),
        intensity,
    )


def _latest_maps(
    kb: KnowledgeBase,
    journal: JournalPort,
    stored: list[StoredSession],
    since: datetime,
    start: date,
    now: datetime,
) -> LatestMaps | None:
    for session in reversed(stored):
        ids = [i for i in (session.before_map_id, session.after_map_id) if i is not None]
        if not ids:
            continue
        found = journal.pain_maps_by_id(ids)
        before = found.get(session.before_map_id) if session.before_map_id else None
        after = found.get(session.after_map_id) if session.after_map_id else None
        if before is None and after is None:
            continue
        return LatestMaps(
            session.started_at,
            True,
            _picture(kb, before) if before else None,
            _picture(kb, after) if after else None,
            session.pain_before,
            session.pain_after,
        )
    maps = [m for m in journal.pain_maps(since) if local_day(m.recorded_at, now) >= start]
    if not maps:
        return None
    newest = maps[-1]
    return LatestMaps(newest.recorded_at, False, _picture(kb, newest), None, None, None)


def _flags_followed(
    log: list[SafetyEntry],
) -> tuple[tuple[FlagFollowed, ...], tuple[SafetyEntry, ...]]:
    """The period's safety log as flags with what followed each, and the rest.

    A sign answered again belongs to the flag of the same check and question (else the latest
    flag of that question before it); a doctor's visit to each flag it lifted."""
    flags = [e for e in log if e.event.kind == "flag"]
    followed: dict[int, list[SafetyEvent]] = {id(f): [] for f in flags}
    other: list[SafetyEntry] = []
    for entry in log:
        event = entry.event
        owners: list[SafetyEntry] = []
        if event.kind == "flag_review":
            same = [f for f in flags if f.event.question_id == event.question_id]
            owners = [f for f in same if f.event.screening_id == event.screening_id] or [
                f for f in same if f.event.at <= event.at
            ][-1:]
        elif event.kind == "doctor_seen":
            owners = [
                f
                for f in flags
                if f.outcome is not None
                and f.outcome.lifted_by == "doctor_seen"
                and f.outcome.until == event.at
            ]
        elif event.kind == "flag":
            continue
        for owner in owners:
            followed[id(owner)].append(event)
        if not owners:
            other.append(entry)
    return tuple(FlagFollowed(f, tuple(followed[id(f)])) for f in flags), tuple(other)


def _felt(
    kb: KnowledgeBase, journal: JournalPort, since: datetime, start: date, now: datetime
) -> tuple[FeltPlace, ...]:
    """Where each nerve-like feeling was logged in the period, on a body map or with a pain
    score, place by place (the same place logged on both at once counts once)."""
    marked = [(m.recorded_at, m.regions) for m in journal.pain_maps(since)]
    marked += [(e.recorded_at, e.regions or []) for e in journal.pain_entries(since)]
    seen: dict[tuple[str, str], list[datetime]] = {}
    for at, regions in marked:
        if local_day(at, now) < start or at > now:
            continue
        for region in regions:
            if not isinstance(region, dict) or not region.get("key"):
                continue
            feels = region.get("feels")
            given = [*feels] if isinstance(feels, list) else []
            found = {str(f) for f in [*given, region.get("kind")] if f in NERVE_LIKE}
            for feeling in found:
                times = seen.setdefault((feeling, str(region["key"])), [])
                if at not in times:
                    times.append(at)
    ranked = sorted(seen, key=lambda k: (NERVE_LIKE.index(k[0]), min(seen[k]), k[1]))
    return tuple(
        FeltPlace(
            feeling,
            place_label(kb.regions, key),
            len(seen[(feeling, key)]),
            min(seen[(feeling, key)]),
            max(seen[(feeling, key)]),
        )
        for feeling, key in ranked
    )


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= NOTE_LENGTH else text[: NOTE_LENGTH - 1].rstrip() + "…"


def _notes(journal: JournalPort, since: datetime, start: date, now: datetime) -> list[NoteLine]:
    """Notes and the notes kept with pain scores in the period, newest first."""
    found = [NoteLine(n.recorded_at, _clip(n.text)) for n in journal.notes()]
    found += [NoteLine(e.recorded_at, _clip(e.note)) for e in journal.pain_entries(since) if e.note]
    kept = [n for n in found if n.text and local_day(n.at, now) >= start and n.at <= now]
    return sorted(kept, key=lambda n: n.at, reverse=True)


def _sources(
    kb: KnowledgeBase,
    safety: SafetyCheck | None,
    latest: Screening | None,
    escalations: tuple[Escalation, ...],
    log: list[SafetyEntry],
) -> tuple[Source, ...]:
    """The references the summary leans on: the thresholds and the PEG, the rules behind
    the latest check's flags, behind the escalations, and behind red flags standing and
    clearances when the period has any."""
    ids: list[str] = list(CITED)
    if safety is not None and latest is not None and isinstance(latest.result, dict):
        for reason in latest.result.get("reasons", []) or []:
            for source in reason.get("sources", []) if isinstance(reason, dict) else []:
                ids.append(str(source.get("id")) if isinstance(source, dict) else str(source))
    known = {e.id: e for e in kb.screening.escalations}
    for escalation in escalations:
        ids += known[escalation.id].sources
    kinds = {e.event.kind for e in log}
    if kinds & {"flag", "flag_review", "doctor_seen"}:
        ids += kb.screening.flags.sources
    if "clearance" in kinds:
        ids += kb.screening.clearances.sources
    return tuple(kb.sources[i] for i in dict.fromkeys(ids) if i in kb.sources)
