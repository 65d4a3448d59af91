"""What the use cases need from the journal: the repository's shape, as a protocol.

:class:`sciatica_coach.storage.Journal` is the real one (SQLite or PostgreSQL); the service
tests use a hand-written fake with the same methods (``tests/coach/fakes.py``). Both return the
plain entry dataclasses of :mod:`sciatica_coach.storage.entries`, oldest first; the
``newest_*`` readers give a page, newest first: at most ``limit`` entries, each older than the
entry ``before`` (an id from the page before), so a list costs the same however long the
journal is.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol

from sciatica_coach.domain.session_record import SessionRecord
from sciatica_coach.storage.entries import (
    CheckAnswer,
    CheckedAnswers,
    Goal,
    Note,
    PainEntry,
    PainMap,
    PegEntry,
    SafetyRecord,
    Screening,
    SessionOutcome,
    StoredPlan,
    StoredSession,
)
from sciatica_coach.storage.transfer import Latest

JSON = dict[str, Any]
__all__ = [
    "CheckAnswer",
    "CheckedAnswers",
    "Goal",
    "JournalPort",
    "Note",
    "PainEntry",
    "PainMap",
    "PegEntry",
    "SafetyRecord",
    "Screening",
    "SessionOutcome",
    "StoredPlan",
    "StoredSession",
]


class JournalPort(Protocol):
    """A person's journal: screenings, body maps, plans, sessions, pain, PEG and notes."""

    def atomic(self) -> AbstractContextManager[JournalPort]: ...
    def snapshot(self) -> AbstractContextManager[JournalPort]: ...

    # screenings
    def add_screening(self, taken_at: datetime, level: str, answers: JSON, result: JSON) -> int: ...
    def screenings(self, since: datetime | None = None) -> list[Screening]: ...
    def answers_to(
        self, question_id: str, since: datetime | None = None, until: datetime | None = None
    ) -> list[CheckAnswer]: ...
    def latest_screening(self, until: datetime) -> Screening | None: ...
    def screening(self, screening_id: int) -> Screening | None: ...

    # body maps and plans
    def add_pain_map(self, recorded_at: datetime, regions: list[JSON]) -> int: ...
    def pain_maps(self, since: datetime | None = None) -> list[PainMap]: ...
    def pain_map(self, map_id: int) -> PainMap | None: ...
    def pain_maps_by_id(self, ids: Iterable[int]) -> dict[int, PainMap]: ...
    def newest_pain_maps(self, limit: int, before: int | None = None) -> list[PainMap]: ...
    def add_plan(self, created_at: datetime, plan: JSON) -> int: ...
    def plans(self) -> list[StoredPlan]: ...
    def plan(self, plan_id: int) -> StoredPlan | None: ...
    def latest_plan(self) -> StoredPlan | None: ...
    def newest_plans(self, limit: int, before: int | None = None) -> list[StoredPlan]: ...

    # sessions
    def sessions(self, since: datetime | None = None) -> list[StoredSession]: ...
    def session_outcomes(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[SessionOutcome]: ...
    def first_pain_moment(self, since: datetime) -> datetime | None: ...
    def newest_sessions(self, limit: int, before: int | None = None) -> list[StoredSession]: ...
    def session(self, session_id: int) -> StoredSession | None: ...
    def unfinished_sessions(self) -> list[StoredSession]: ...
    def open_session(
        self,
        opened_at: datetime,
        plan_id: int | None,
        before_map_id: int | None,
        state: JSON,
        record: SessionRecord,
    ) -> int: ...
    def save_session(
        self,
        session_id: int,
        version: int,
        state: JSON,
        record: SessionRecord,
        updated_at: datetime,
        started_at: datetime | None = None,
        ended_at: datetime | None = None,
        after_map_id: int | None = None,
    ) -> int: ...
    def delete_session(self, session_id: int, version: int) -> None: ...

    # pain, PEG and notes
    def add_pain(
        self,
        recorded_at: datetime,
        now: int,
        worst: int | None = None,
        average: int | None = None,
        regions: list[JSON] | None = None,
        note: str | None = None,
    ) -> int: ...
    def pain_entries(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[PainEntry]: ...
    def newest_pain_entries(self, limit: int, before: int | None = None) -> list[PainEntry]: ...
    def add_peg(self, recorded_at: datetime, pain: int, enjoyment: int, activity: int) -> int: ...
    def peg_entries(self, since: datetime | None = None) -> list[PegEntry]: ...
    def newest_peg_entries(self, limit: int, before: int | None = None) -> list[PegEntry]: ...
    def add_note(self, recorded_at: datetime, text: str) -> int: ...
    def notes(self, since: datetime | None = None) -> list[Note]: ...
    def add_goal(self, set_at: datetime, sessions_per_week: int, pegs_per_week: int) -> int: ...
    def goals(self) -> list[Goal]: ...

    # what the person told the app about their safety between checks
    def add_safety_record(self, recorded_at: datetime, kind: str, data: JSON) -> int: ...
    def safety_records(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        kinds: Iterable[str] | None = None,
    ) -> list[SafetyRecord]: ...
    def latest_safety_record(self, kind: str, until: datetime) -> SafetyRecord | None: ...

    # the person's settings
    def country(self) -> str | None: ...
    def set_country(self, country: str | None) -> None: ...
    def checks_since(
        self, since: datetime, until: datetime | None = None
    ) -> list[CheckedAnswers]: ...

    def for_user(self, user_id: int) -> JournalPort: ...

    # the whole journal
    def export_all(self) -> dict[str, Any]: ...
    def import_all(self, data: dict[str, Any], latest: Latest | None = None) -> None: ...
    def is_empty(self) -> bool: ...
