"""The safety check: take one, find the one that still counts, and say why a new one is needed.

One set of rules for every door:

* the daily questions are answered afresh every time; the health history is kept and used
  while it was confirmed in the last week (:mod:`.health_history`), and given with the
  answers otherwise; the journal fills in what it knows (sessions today, the weeks since the
  pain began);
* :func:`sciatica_coach.domain.screening.screen` decides, then the journal's reasons are
  added (:mod:`.check_reasons`: red flags that still stand, signs logged since, days skipped
  for the pain; :mod:`.history`: worsening, spreading, no improvement, repeated bad pain) and
  a clinician's clearances applied: the journal can raise a result, never lower it;
* a check counts for ``rescreen_after_minutes`` (``routine.yaml``), taken no later than now;
* it stops counting at once when a session stopped for bad pain after it, or when the journal
  raises a concern it did not know of (a sign logged since, worsening, spreading, repeated
  bad pain): then a new check is needed, and :class:`CheckStatus` says which of these it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sciatica_coach.content import KnowledgeBase, UnknownIdError
from sciatica_coach.domain.activity import RecentActivity
from sciatica_coach.domain.logged_signs import Sign
from sciatica_coach.domain.red_flags import Flag
from sciatica_coach.domain.screening import (
    Reason,
    ScreeningIncomplete,
    ScreeningInputError,
    ScreeningResult,
    cleared,
    escalate,
    fill_from_journal,
    read_answer,
    screen,
    with_reasons,
)
from sciatica_coach.storage.integrity import JournalDamaged

from . import activity, flags, safety_records
from .check_reasons import (
    NOT_TODAY_DAYS,
    NOT_TODAY_FROM,
    Beyond,
    active_clearances,
    flag_reasons,
    read_beyond,
    sign_reasons,
)
from .errors import Invalid, Loc, NeedsCheck, NotAllowed, NotFound, sentence
from .health_history import PAIN_BEGAN, HistoryInput, history_for_check, weeks_since
from .history import read_history
from .journal_signs import sign_label
from .ports import JournalPort
from .when import moment_words

MISSING = "Please answer this question."
NO_CHECK = "Please do the safety check first. A plan or a session needs one from the last hour."
AFTER_BAD_PAIN = (
    "A session stopped for bad pain after your last safety check, so please take it again."
)
NEW_CONCERN = (
    "Your journal shows something new since your last safety check (such as pain getting "
    "worse or spreading), so please take it again."
)
NEW_SIGNS = (
    "Since your last safety check you logged {signs} ({when}), so please take it again. "
    "It will ask about what you logged."
)
RED_FLAG_STANDS = (
    "A sign you told us about stands for 24 hours, so no plan or session can start. If you "
    "pressed the wrong answer, you can say so for that sign when you take the safety check "
    "again. If a doctor has checked you about it since, you can record that too."
)
QUESTIONS_CHANGED = "The safety questions have changed since your last check. Please take it again."


@dataclass(frozen=True)
class Checked:
    """A safety check as saved: the result (with today's journal), when, and its id.

    ``flags`` are the red flags standing at the time (each also a reason of the result);
    ``corrected`` the flags of the last day the person said were the wrong answer (a door
    shows them at the top, with the sign's line of the safety net). ``saved`` is False (and
    ``journal_id`` 0) when the journal is damaged and read-only: the result still stands
    and is shown whole, a red flag above all; only keeping it failed."""

    result: ScreeningResult
    taken_at: datetime
    journal_id: int
    escalations: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    corrected: tuple[Flag, ...] = ()
    signs: tuple[Sign, ...] = ()
    saved: bool = True


@dataclass(frozen=True)
class CheckStatus:
    """The check a plan or session would rest on now, or why there is none.

    ``code`` is ``current``, ``none``, ``after_bad_pain``, ``new_concern``, ``new_signs`` or
    ``questions_changed``; ``message`` says it in words."""

    checked: Checked | None
    code: str
    message: str


def rescreen_window(kb: KnowledgeBase) -> timedelta:
    """How long a safety check counts."""
    return timedelta(minutes=kb.routine.timing.rescreen_after_minutes)


def journal_answers(
    journal: JournalPort,
    now: datetime,
    recent: RecentActivity | None = None,
    history: HistoryInput | None = None,
) -> dict[str, int]:
    """The answers the journal knows: how many sessions were done today, and how many
    weeks since the pain began (when the history says)."""
    done = recent if recent is not None else activity.recent(journal, now)
    known = {"sessions_today": done.sessions_today}
    if history is not None and history.pain_began is not None:
        known["weeks_with_pain"] = weeks_since(history.pain_began, now)
    return known


def journal_escalations(kb: KnowledgeBase, journal: JournalPort, now: datetime) -> list[str]:
    """The concerns the journal's progress raises now, for the next safety check."""
    limit = kb.routine.limits.bad_reports_per_week_before_referral
    return read_history(journal, now).escalations(limit)


def check_answers(kb: KnowledgeBase, raw: Mapping[str, object]) -> None:
    """Raise :class:`Invalid` naming each answer that cannot be used, and why."""
    questions = kb.screening.question_by_id
    problems: list[tuple[Loc, str]] = []
    for key, value in raw.items():
        if key == PAIN_BEGAN:
            continue
        if key not in questions:
            problems.append((("answers", key), str(UnknownIdError("question", key, [*questions]))))
        elif value is not None:
            try:
                read_answer(questions[key], value, kb)
            except ValueError as error:
                problems.append((("answers", key), sentence(str(error))))
    if problems:
        raise Invalid(problems)


@dataclass(frozen=True)
class Screened:
    """A set of answers screened with everything the journal adds."""

    result: ScreeningResult
    concerns: tuple[str, ...]
    beyond: Beyond
    history: HistoryInput
    cleared: dict[str, str]


def screen_answers(
    kb: KnowledgeBase,
    journal: JournalPort,
    now: datetime,
    raw: Mapping[str, object],
    recent: RecentActivity | None = None,
) -> Screened:
    """Screen the answers with the kept history, the journal's counts and its concerns;
    :class:`Invalid` if they cannot be screened.

    ``recent`` is the journal's recent activity at ``now``, when the caller has read it."""
    check_answers(kb, raw)
    records = safety_records.read(journal, now)
    history_problem: Invalid | None = None
    try:
        history = history_for_check(kb, raw, records.history, now)
    except Invalid as problem:  # a red flag still decides at once, without the history
        history_problem, history = problem, HistoryInput({}, None, False)
    answers = {k: v for k, v in raw.items() if k != PAIN_BEGAN} | history.answers
    filled = fill_from_journal(kb, answers, journal_answers(journal, now, recent, history))
    try:
        result = screen(kb, filled)
    except ScreeningIncomplete as error:
        found = history_problem.problems if history_problem else []
        named = {loc for loc, _ in found}
        if ("answers", PAIN_BEGAN) in named:  # the weeks are worked out from that date
            named.add(("answers", kb.screening.health_history.weeks_from))
        found += [(("answers", q), MISSING) for q in error.missing if ("answers", q) not in named]
        raise Invalid(found) from None
    except ScreeningInputError as error:
        raise Invalid([(("answers",), p) for p in error.problems]) from None
    if history_problem is not None and result.session_allowed:
        raise history_problem
    concerns = list(journal_escalations(kb, journal, now))
    beyond = read_beyond(kb, journal, now, records)
    today_not = any(r.question_id in NOT_TODAY_FROM for r in result.reasons)
    not_today_days = beyond.not_today_days + (1 if today_not else 0)
    if not_today_days >= NOT_TODAY_DAYS:
        concerns.append("repeated_not_today")
    answered = dict(result.answers)
    added: list[Reason] = [
        *flag_reasons(kb, beyond.flags, now, answered),
        *sign_reasons(kb, beyond.signs, now),
    ]
    result = escalate(kb, with_reasons(kb, result, added), concerns)
    applied = active_clearances(kb, journal, now, records.clearances, answered, beyond.signs)
    if applied:
        result = cleared(kb, result, applied)
    return Screened(result, tuple(concerns), beyond, history, applied)


def take_check(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, raw: Mapping[str, object]
) -> Checked:
    """Screen the answers and save the result (as :func:`result_json`, with the concerns),
    and the health history when it was given with them.

    A red flag given before stands for a day whatever these answers say
    (:mod:`sciatica_coach.domain.red_flags`): it is lifted only sign by sign
    (:func:`sciatica_coach.coach.flags.review_flag`) or by a doctor's visit."""
    try:
        screened = screen_answers(kb, journal, now, raw)
    except JournalDamaged as damage:  # the journal cannot be read: the answers alone
        return _red_flag_alone(kb, now, raw, damage)
    result = screened.result
    kept = result_json(kb, result) | {
        "escalations": list(screened.concerns),
        "cleared": screened.cleared,
    }
    saved = True
    try:
        with journal.atomic() as tx:
            if screened.history.given:
                tx.add_safety_record(now, safety_records.HISTORY, screened.history.record())
            journal_id = tx.add_screening(now, result.level, result.answers_as_json(), kept)
    except JournalDamaged:  # the answers still decide: an emergency is said, saved or not
        saved, journal_id = False, 0
    return Checked(
        result,
        now,
        journal_id,
        screened.concerns,
        screened.beyond.flags,
        screened.beyond.corrected,
        screened.beyond.signs,
        saved,
    )


SERIOUS = frozenset({"emergency", "urgent"})


def _red_flag_alone(
    kb: KnowledgeBase, now: datetime, raw: Mapping[str, object], damage: JournalDamaged
) -> Checked:
    """On a journal too damaged to read, the answers screened on their own: a red flag among
    them is said in full (review 29 C1), unsaved. Anything milder is not decided without the
    journal (it can only raise a result), so the damage is raised again for the door to say."""
    check_answers(kb, raw)
    try:
        result = screen(kb, {k: v for k, v in raw.items() if k != PAIN_BEGAN})
    except (ScreeningIncomplete, ScreeningInputError):
        raise damage from None
    if result.level not in SERIOUS:
        raise damage
    return Checked(result, now, 0, saved=False)


def result_json(kb: KnowledgeBase, result: ScreeningResult) -> dict[str, Any]:
    """A result as plain JSON, with full citations: what ``screen --json`` prints and the
    journal keeps."""
    questions = {q.id: q.question for q in kb.screening.questions}
    net = result.safety_net
    return {
        "level": result.level,
        "title": result.title,
        "message": result.message,
        "what_to_do": result.what_to_do,
        "how_soon": result.how_soon,
        "emergency_extra": result.emergency_extra,
        "session_allowed": result.session_allowed,
        "reasons": [
            {
                "question_id": r.question_id,
                "question": questions.get(r.question_id),
                "level": r.level,
                "message": r.message,
                "what_to_do": r.what_to_do,
                "advice": r.advice,
                "unsure": r.unsure,
                "restrictions": list(r.restrictions),
                "sources": [
                    kb.sources[s].model_dump(mode="json") for s in r.sources if s in kb.sources
                ],
            }
            for r in result.reasons
        ],
        "restrictions": list(result.restrictions),
        "advice": list(result.advice),
        "unanswered": list(result.unanswered),
        "unsure": list(result.unsure),
        "answers": result.answers_as_json(),
        "safety_net": (
            {
                "title": net.title,
                "signs": list(net.signs),
                "action": net.action,
                "today_title": net.today_title,
                "today_signs": list(net.today_signs),
                "today_action": net.today_action,
            }
            if net
            else None
        ),
        "see_gp": result.see_gp,
    }


def check_status(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, recent: RecentActivity | None = None
) -> CheckStatus:
    """The latest check inside the window, screened again with today's journal, or why not.

    ``recent`` is the journal's recent activity at ``now``, if the caller has it (a plan
    reads it once for the check and the plan both)."""
    latest = journal.latest_screening(until=now)
    if latest is None or latest.taken_at < now - rescreen_window(kb):
        return CheckStatus(None, "none", NO_CHECK)
    if recent is None:
        recent = activity.recent(journal, now)
    last_bad = recent.last_bad_stop
    if last_bad is not None and latest.taken_at <= last_bad:
        return CheckStatus(None, "after_bad_pain", AFTER_BAD_PAIN)
    answers = dict(latest.answers)
    try:
        screened = screen_answers(kb, journal, now, answers, recent)
    except Invalid:
        return CheckStatus(None, "questions_changed", QUESTIONS_CHANGED)
    since = [s for s in screened.beyond.signs if s.at > latest.taken_at]
    if since:
        names = list(dict.fromkeys(sign_label(kb, s) for s in since))
        return CheckStatus(
            None,
            "new_signs",
            NEW_SIGNS.format(signs=_and(names), when=moment_words(since[-1].at, now)),
        )
    known = latest.result.get("escalations", [])
    if set(screened.concerns) - set(known if isinstance(known, list) else []):
        return CheckStatus(None, "new_concern", NEW_CONCERN)
    return CheckStatus(
        Checked(
            screened.result,
            latest.taken_at,
            latest.id,
            screened.concerns,
            screened.beyond.flags,
            screened.beyond.corrected,
            screened.beyond.signs,
        ),
        "current",
        "",
    )


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def saved_check(kb: KnowledgeBase, journal: JournalPort, screening_id: int) -> Checked:
    """A check as it was taken: its answers screened again, with the concerns it had then
    (the same content gives the same result), and the flags that stood and were corrected
    at its own time, for showing it again later."""
    stored = journal.screening(screening_id)
    if stored is None:
        raise NotFound(f"There is no safety check {screening_id} in your journal.")
    known = stored.result.get("escalations", [])
    concerns = tuple(str(c) for c in known if isinstance(c, str)) if isinstance(known, list) else ()
    applied = stored.result.get("cleared")
    try:
        result = escalate(kb, screen(kb, dict(stored.answers)), concerns)
        result = with_reasons(kb, result, _added_reasons(stored.result))
    except (ScreeningInputError, UnknownIdError):
        raise NotFound(
            "This safety check was taken with older questions and cannot be shown again."
        ) from None
    if isinstance(applied, dict) and applied:
        result = cleared(kb, result, {str(k): str(v) for k, v in applied.items()})
    at = stored.taken_at
    beyond = read_beyond(kb, journal, at, safety_records.read(journal, at))
    return Checked(
        result,
        at,
        stored.id,
        concerns,
        flags=tuple(f for f in beyond.flags if f.screening_id != stored.id),
        corrected=tuple(f for f in beyond.corrected if f.screening_id != stored.id),
    )


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


ADDED_PREFIXES = ("flag:", "journal:")
"""Reasons a check got from the journal at the time it was taken, kept with its result."""


def _added_reasons(result: Mapping[str, Any]) -> list[Reason]:
    """The reasons the journal added to a saved check (standing flags, logged signs), read
    back from its result: they cannot be worked out again from its answers."""
    found = []
    for r in result.get("reasons", []):
        if not isinstance(r, dict) or not str(r.get("question_id", "")).startswith(ADDED_PREFIXES):
            continue
        level = r.get("level")
        if level not in ("emergency", "urgent", "see_professional", "not_today", "caution"):
            continue
        sources = _list(r.get("sources"))
        found.append(
            Reason(
                question_id=str(r["question_id"]),
                level=level,
                message=str(r.get("message") or ""),
                what_to_do=str(r.get("what_to_do") or ""),
                advice=None,
                restrictions=tuple(str(x) for x in _list(r.get("restrictions"))),
                sources=tuple(str(x["id"]) for x in sources if isinstance(x, dict) and "id" in x),
                unsure=bool(r.get("unsure")),
            )
        )
    return found


def current_check(kb: KnowledgeBase, journal: JournalPort, now: datetime) -> Checked | None:
    """The check a plan or session would rest on now, if any."""
    return check_status(kb, journal, now).checked


def allowing_check(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, recent: RecentActivity | None = None
) -> Checked:
    """The check a plan or a session rests on; :class:`NeedsCheck` (with the real reason) if
    there is none, :class:`NotAllowed` if it rules out a session or a red flag stands."""
    status = check_status(kb, journal, now, recent)
    standing = (
        list(status.checked.flags)
        if status.checked is not None  # worked out with the check, at ``now``
        else [f.flag for f in flags.standing_flags(kb, journal, now)]
    )
    if standing:
        raise NotAllowed(
            "red_flag_stands",
            RED_FLAG_STANDS,
            reasons=[flags.restate(kb, f, now) for f in standing],
            level=standing[0].level,
        )
    if status.checked is None:
        code = "screening_needed" if status.code == "none" else f"rescreen_{status.code}"
        raise NeedsCheck(code, status.message)
    result = status.checked.result
    if not result.session_allowed:
        raise NotAllowed(
            "not_allowed",
            result.message,
            reasons=[r.message for r in result.reasons],
            level=result.level,
        )
    return status.checked
