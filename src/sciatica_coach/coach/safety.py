"""The safety check: take one, find the one that still counts, and say why a new one is needed.

One set of rules for every door:

* answers are checked one by one (each problem names its question), the journal's own counts
  are put in (sessions today), then :func:`sciatica_coach.domain.screening.screen` decides and
  the journal's escalations are added;
* a check counts for ``rescreen_after_minutes`` (``routine.yaml``), taken no later than now;
* it stops counting at once when a session stopped for bad pain after it, or when the journal
  raises a concern it did not know of (worsening, spreading, repeated bad pain): then a new
  check is needed, and :class:`CheckStatus` says which of these it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sciatica_coach.content import KnowledgeBase, UnknownIdError
from sciatica_coach.domain.activity import RecentActivity
from sciatica_coach.domain.screening import (
    ScreeningIncomplete,
    ScreeningInputError,
    ScreeningResult,
    escalate,
    fill_from_journal,
    read_answer,
    screen,
)

from . import activity
from .errors import Conflict, Invalid, Loc, NeedsCheck, NotAllowed, NotFound, sentence
from .history import read_history
from .ports import JournalPort, Screening

MISSING = "Please answer this question."
NO_CHECK = "Please do the safety check first. A plan or a session needs one from the last hour."
AFTER_BAD_PAIN = (
    "A session stopped for bad pain after your last safety check, so please take it again."
)
NEW_CONCERN = (
    "Your journal shows something new since your last safety check (such as pain getting "
    "worse or spreading), so please take it again."
)
QUESTIONS_CHANGED = "The safety questions have changed since your last check. Please take it again."


@dataclass(frozen=True)
class Checked:
    """A safety check as saved: the result (with today's journal), when, and its id."""

    result: ScreeningResult
    taken_at: datetime
    journal_id: int
    escalations: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckStatus:
    """The check a plan or session would rest on now, or why there is none.

    ``code`` is ``current``, ``none``, ``after_bad_pain``, ``new_concern`` or
    ``questions_changed``; ``message`` says it in words."""

    checked: Checked | None
    code: str
    message: str


def rescreen_window(kb: KnowledgeBase) -> timedelta:
    """How long a safety check counts."""
    return timedelta(minutes=kb.routine.timing.rescreen_after_minutes)


def journal_answers(
    journal: JournalPort, now: datetime, recent: RecentActivity | None = None
) -> dict[str, int]:
    """The answers the journal knows: how many sessions were done today."""
    done = recent if recent is not None else activity.recent(journal, now)
    return {"sessions_today": done.sessions_today}


def journal_escalations(kb: KnowledgeBase, journal: JournalPort, now: datetime) -> list[str]:
    """The concerns the journal raises now, for the next safety check."""
    limit = kb.routine.limits.bad_reports_per_week_before_referral
    return read_history(journal, now).escalations(limit)


def check_answers(kb: KnowledgeBase, raw: Mapping[str, object]) -> None:
    """Raise :class:`Invalid` naming each answer that cannot be used, and why."""
    questions = {q.id: q for q in kb.screening.questions}
    problems: list[tuple[Loc, str]] = []
    for key, value in raw.items():
        if key not in questions:
            problems.append((("answers", key), str(UnknownIdError("question", key, [*questions]))))
        elif value is not None:
            try:
                read_answer(questions[key], value, kb)
            except ValueError as error:
                problems.append((("answers", key), sentence(str(error))))
    if problems:
        raise Invalid(problems)


def screen_answers(
    kb: KnowledgeBase,
    journal: JournalPort,
    now: datetime,
    raw: Mapping[str, object],
    recent: RecentActivity | None = None,
) -> tuple[ScreeningResult, tuple[str, ...]]:
    """Screen the answers with the journal's counts and concerns; :class:`Invalid` if not.

    Returns the result and the journal's escalations it includes. ``recent`` is the
    journal's recent activity at ``now``, when the caller has read it already."""
    check_answers(kb, raw)
    filled = fill_from_journal(kb, raw, journal_answers(journal, now, recent))
    try:
        result = screen(kb, filled)
    except ScreeningIncomplete as error:
        raise Invalid([(("answers", qid), MISSING) for qid in error.missing]) from None
    except ScreeningInputError as error:
        raise Invalid([(("answers",), p) for p in error.problems]) from None
    concerns = tuple(journal_escalations(kb, journal, now))
    return escalate(kb, result, concerns), concerns


def take_check(
    kb: KnowledgeBase,
    journal: JournalPort,
    now: datetime,
    raw: Mapping[str, object],
    answered_by_mistake: bool = False,
) -> Checked:
    """Screen the answers and save the result (as :func:`result_json`, with the concerns).

    A sign that needs medical care (an emergency or urgent result) stands for the rest of
    the hour: new answers that would lift it are refused (:class:`Conflict`
    ``red_flag_stands``) unless the person says the first ones were a mistake, and the
    journal keeps that they did (``corrects`` in the result). So re-answering cannot quietly
    undo a red flag."""
    result, concerns = screen_answers(kb, journal, now, raw)
    corrects = _red_flag_lifted(kb, journal, now, result.level)
    if corrects is not None and not answered_by_mistake:
        raise Conflict(
            "red_flag_stands",
            RED_FLAG_STANDS.format(when=f"{corrects.taken_at.astimezone():%H:%M}"),
            screening_id=corrects.id,
            level=corrects.level,
        )
    kept = result_json(kb, result) | {"escalations": list(concerns)}
    if corrects is not None:
        kept["corrects"] = {"screening_id": corrects.id, "level": corrects.level}
    journal_id = journal.add_screening(now, result.level, result.answers_as_json(), kept)
    return Checked(result, now, journal_id, concerns)


SERIOUS = ("emergency", "urgent")
RED_FLAG_STANDS = (
    "Your answers at {when} showed a sign that needs medical care, and they stand for an "
    "hour: new answers cannot lift that on their own. If those answers were a mistake, tick "
    '"I answered by mistake" and send again. If not, please get the help your result said.'
)


def _red_flag_lifted(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, level: str
) -> Screening | None:
    """The serious check from the last hour that a less serious result would replace."""
    if level in SERIOUS:
        return None
    latest = journal.latest_screening(until=now)
    if latest is None or latest.level not in SERIOUS:
        return None
    return latest if latest.taken_at >= now - rescreen_window(kb) else None


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
            {"title": net.title, "signs": list(net.signs), "action": net.action} if net else None
        ),
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
    try:
        result, concerns = screen_answers(kb, journal, now, dict(latest.answers), recent)
    except Invalid:
        return CheckStatus(None, "questions_changed", QUESTIONS_CHANGED)
    known = latest.result.get("escalations", [])
    if set(concerns) - set(known if isinstance(known, list) else []):
        return CheckStatus(None, "new_concern", NEW_CONCERN)
    return CheckStatus(Checked(result, latest.taken_at, latest.id, concerns), "current", "")


def saved_check(kb: KnowledgeBase, journal: JournalPort, screening_id: int) -> Checked:
    """A check as it was taken: its answers screened again, with the concerns it had then
    (the same content gives the same result), for showing it again later."""
    stored = journal.screening(screening_id)
    if stored is None:
        raise NotFound(f"There is no safety check {screening_id} in your journal.")
    known = stored.result.get("escalations", [])
    concerns = tuple(str(c) for c in known if isinstance(c, str)) if isinstance(known, list) else ()
    try:
        result = escalate(kb, screen(kb, dict(stored.answers)), concerns)
    except (ScreeningInputError, UnknownIdError):
        raise NotFound(
            "This safety check was taken with older questions and cannot be shown again."
        ) from None
    return Checked(result, stored.taken_at, stored.id, concerns)


def current_check(kb: KnowledgeBase, journal: JournalPort, now: datetime) -> Checked | None:
    """The check a plan or session would rest on now, if any."""
    return check_status(kb, journal, now).checked


def allowing_check(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, recent: RecentActivity | None = None
) -> Checked:
    """The check a plan or a session rests on; :class:`NeedsCheck` (with the real reason) if
    there is none, :class:`NotAllowed` if it rules out a session."""
    status = check_status(kb, journal, now, recent)
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
