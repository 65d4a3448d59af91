"""The safety check as the web uses it: the same rules as ``sciatica-coach screen``.

Answers are checked one by one first, so the page and the API can point at the exact question
that needs a fix. The result then gets what the journal calls for (bad-pain stops, worsening,
spreading: :func:`History.escalations`), and is saved. A plan or a session rests on a check
from the last ``rescreen_after_minutes`` (``routine.yaml``), re-screened against today's
journal, as in the CLI.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sciatica_coach.content import KnowledgeBase, UnknownIdError
from sciatica_coach.content.screening_models import Restriction
from sciatica_coach.domain.activity import RecentActivity, recent_activity
from sciatica_coach.domain.screening import (
    SafetyNet,
    ScreeningIncomplete,
    ScreeningInputError,
    ScreeningResult,
    escalate,
    fill_from_journal,
    read_answer,
    screen,
)
from sciatica_coach.storage.history import History, read_history

from .api_models import ReasonOut, RestrictionOut, SafetyNetOut, ScreeningOut
from .context import Coach
from .errors import InputProblem

ACTIVITY_WINDOW = timedelta(days=8)
MISSING = "Please answer this question."


@dataclass(frozen=True)
class Checked:
    """A screening result with when it was taken and its journal id."""

    result: ScreeningResult
    taken_at: datetime
    journal_id: int


def rescreen_after(kb: KnowledgeBase) -> timedelta:
    """How long a safety check counts (the same content value the CLI reads)."""
    return timedelta(minutes=kb.routine.timing.rescreen_after_minutes)


def history(coach: Coach) -> History:
    coach.settle()
    return read_history(coach.journal, coach.now())


def check_answers(kb: KnowledgeBase, raw: Mapping[str, object]) -> None:
    """Raise :class:`InputProblem` naming each answer that cannot be used, and why."""
    questions = {q.id: q for q in kb.screening.questions}
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for key, value in raw.items():
        if key not in questions:
            problems.append((("answers", key), str(UnknownIdError("question", key, [*questions]))))
        elif value is not None:
            try:
                read_answer(questions[key], value, kb)
            except ValueError as error:
                problems.append((("answers", key), sentence(str(error))))
    if problems:
        raise InputProblem(problems)


def screen_answers(coach: Coach, raw: Mapping[str, object]) -> ScreeningResult:
    """Screen the answers and add the journal's escalations; :class:`InputProblem` if not."""
    kb = coach.kb
    check_answers(kb, raw)
    raw = fill_from_journal(kb, raw, {"sessions_today": activity(coach).sessions_today})
    try:
        result = screen(kb, raw)
    except ScreeningIncomplete as error:
        raise InputProblem([(("answers", qid), MISSING) for qid in error.missing]) from None
    except ScreeningInputError as error:
        raise InputProblem([(("answers",), p) for p in error.problems]) from None
    limit = kb.routine.limits.bad_reports_per_week_before_referral
    return escalate(kb, result, history(coach).escalations(limit))


def save_screening(coach: Coach, result: ScreeningResult) -> Checked:
    taken_at = coach.now()
    data = screening_json(coach.kb, result)
    journal_id = coach.journal.add_screening(taken_at, result.level, result.answers_as_json(), data)
    return Checked(result, taken_at, journal_id)


def current_screening(coach: Coach) -> Checked | None:
    """The latest check from the last hour, screened again with today's journal; else None.

    Answers saved under older questions no longer screen, and a check taken before a session
    that stopped for bad pain no longer counts; then a new check is needed."""
    recent = coach.journal.screenings(since=coach.now() - rescreen_after(coach.kb))
    if not recent:
        return None
    latest = recent[-1]
    last_bad = activity(coach).last_bad_stop
    if last_bad is not None and latest.taken_at <= last_bad:
        return None  # a session stopped for bad pain since then: check again
    try:
        result = screen_answers(coach, dict(latest.answers))
    except InputProblem:
        return None
    return Checked(result, latest.taken_at, latest.id)


def activity(coach: Coach) -> RecentActivity:
    """Today's sessions and holds: the journal's, plus sessions running in this app."""
    coach.settle()
    now = coach.now()
    past = coach.journal.past_sessions(since=now - ACTIVITY_WINDOW)
    running = [p for s in coach.sessions.in_progress() if (p := s.past()) is not None]
    return recent_activity([*past, *running], now)


def restriction_views(kb: KnowledgeBase, restrictions: tuple[str, ...]) -> list[RestrictionOut]:
    described: dict[str, Restriction] = {r.id: r for r in kb.screening.restrictions}
    views = []
    for restriction in restrictions:
        base, _, where = restriction.partition(":")
        rule = described.get(base)
        if rule is None:
            views.append(RestrictionOut(id=restriction, label=restriction, description=""))
            continue
        place = place_label(kb, where) if where else None
        views.append(
            RestrictionOut(id=base, label=rule.label, description=rule.description, where=place)
        )
    return views


def sentence(text: str) -> str:
    """A domain message as a sentence: capital first letter, full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else text + "."


def place_label(kb: KnowledgeBase, key: str) -> str:
    """``left:buttock_center`` as a person reads it: "Middle of the buttock (left)"."""
    side, _, region = key.rpartition(":")
    if region not in kb.regions:
        return key
    label = kb.regions[region].label
    return f"{label} ({side})" if side in ("left", "right") else label


def screening_view(
    kb: KnowledgeBase, result: ScreeningResult, checked: Checked | None = None
) -> ScreeningOut:
    questions = {q.id: q.question for q in kb.screening.questions}
    reasons = [
        ReasonOut(
            question_id=r.question_id,
            question=questions.get(r.question_id),
            level=r.level,
            message=r.message,
            what_to_do=r.what_to_do,
            advice=r.advice,
            sources=[kb.sources[s] for s in r.sources if s in kb.sources],
            unsure=r.unsure,
        )
        for r in result.reasons
    ]
    return ScreeningOut(
        id=checked.journal_id if checked else None,
        taken_at=checked.taken_at if checked else None,
        valid_until=checked.taken_at + rescreen_after(kb) if checked else None,
        level=result.level,
        title=result.title,
        message=result.message,
        what_to_do=result.what_to_do,
        session_allowed=result.session_allowed,
        reasons=reasons,
        restrictions=restriction_views(kb, result.restrictions),
        advice=list(result.advice),
        how_soon=result.how_soon,
        emergency_extra=result.emergency_extra,
        safety_net=safety_net_view(result.safety_net) if result.safety_net else None,
        unsure=list(result.unsure),
        answers=result.answers_as_json(),
    )


def safety_net_view(net: SafetyNet) -> SafetyNetOut:
    return SafetyNetOut(title=net.title, signs=list(net.signs), action=net.action)


def screening_json(kb: KnowledgeBase, result: ScreeningResult) -> dict[str, Any]:
    """What the journal keeps of a result: the same shape as the CLI's ``screen --json``."""
    data = screening_view(kb, result).model_dump(mode="json", exclude={"id", "taken_at"})
    data["restrictions"] = list(result.restrictions)
    data["unanswered"] = list(result.unanswered)
    return data
