"""The CLI's door to the journal: open it once per process, save and read what commands need.

Storage errors become a clear message and exit code 1; a write that fails is reported, never
skipped silently.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta
from typing import Any

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.activity import RecentActivity, recent_activity
from sciatica_coach.domain.plan_model import Plan, PlanFormatError, plan_from_json
from sciatica_coach.domain.screening import ScreeningResult
from sciatica_coach.domain.session import SessionRecord
from sciatica_coach.storage.database import StorageError, open_database
from sciatica_coach.storage.history import History, read_history
from sciatica_coach.storage.journal import Journal

from .output import fail

EXIT_STORAGE = 1


@functools.cache
def journal() -> Journal:
    try:
        return Journal(open_database())
    except StorageError as error:
        fail(f"the journal could not be opened: {error}", EXIT_STORAGE)


def now() -> datetime:
    """The person's local time, time-zone aware, so "today" is their own calendar day."""
    return datetime.now(UTC).astimezone()


def recent_activity_now() -> RecentActivity:
    current = now()
    try:
        sessions = journal().past_sessions(since=current - timedelta(days=8))
    except StorageError as error:
        fail(f"could not read your past sessions: {error}", EXIT_STORAGE)
    return recent_activity(sessions, current)


def save_screening(result: ScreeningResult, result_json: dict[str, Any]) -> int:
    try:
        return journal().add_screening(now(), result.level, result.answers_as_json(), result_json)
    except (StorageError, ValueError) as error:
        fail(f"the safety check could not be saved: {error}", EXIT_STORAGE)


def save_plan(plan: Plan) -> int:
    try:
        return journal().add_plan(now(), plan.to_json())
    except (StorageError, ValueError) as error:
        fail(f"the plan could not be saved: {error}", EXIT_STORAGE)


def save_session(
    record: SessionRecord, started_at: datetime, ended_at: datetime, plan_id: int | None
) -> int:
    try:
        return journal().add_session_record(record, started_at, ended_at, plan_id)
    except (StorageError, ValueError) as error:
        fail(f"the session could not be saved: {error}", EXIT_STORAGE)


def latest_plan() -> tuple[Plan, int] | None:
    """The most recently saved plan and its journal id, or None."""
    try:
        plans = journal().plans()
    except StorageError as error:
        fail(f"could not read your plans: {error}", EXIT_STORAGE)
    if not plans:
        return None
    last = plans[-1]
    try:
        return plan_from_json(last.plan), last.id
    except PlanFormatError as error:
        fail(f"your last saved plan cannot be read ({error}); please make a new one")


def recent_answers(within: timedelta) -> tuple[dict[str, object], datetime] | None:
    """Answers of the latest safety check taken within ``within``, and when; or None."""
    try:
        recent = journal().screenings(since=now() - within)
    except StorageError as error:
        fail(f"could not read your safety checks: {error}", EXIT_STORAGE)
    return (dict(recent[-1].answers), recent[-1].taken_at) if recent else None


def history() -> History:
    try:
        return read_history(journal(), now())
    except StorageError as error:
        fail(f"could not read your journal: {error}", EXIT_STORAGE)


def journal_escalations(kb: KnowledgeBase) -> list[str]:
    """Escalations the journal calls for now, for the next screening."""
    return history().escalations(kb.routine.limits.bad_reports_per_week_before_referral)
