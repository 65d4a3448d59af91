"""A hand-written in-memory journal for the service tests (as cosmicpython's FakeRepository).

It keeps the same entries the real journal returns and the same version rule for sessions, so
a use case cannot tell the difference; :meth:`FakeJournal.atomic` rolls back on an error, as a
real transaction does.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields, replace
from datetime import datetime
from typing import Any, Protocol, TypeVar

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
    SessionPlanApart,
    StoredPlan,
    StoredSession,
)
from sciatica_coach.storage.journal import StaleVersion
from sciatica_coach.storage.transfer import Latest

JSON = dict[str, Any]


class Entry(Protocol):
    @property
    def id(self) -> int: ...


E = TypeVar("E", bound=Entry)
B = TypeVar("B")


def newest(entries: list[E], time: str, limit: int, before: int | None) -> list[E]:
    """A page as the real journal cuts it: newest first by (time, id), older than ``before``."""
    ordered = sorted(entries, key=lambda e: (getattr(e, time), e.id), reverse=True)
    if before is not None:
        keys = [e.id for e in ordered]
        if before not in keys:
            return []
        ordered = ordered[keys.index(before) + 1 :]
    return ordered[:limit]


class FakeJournal:
    def __init__(self) -> None:
        self.screenings_: list[Screening] = []
        self.maps: list[PainMap] = []
        self.plans_: list[StoredPlan] = []
        self.sessions_: dict[int, StoredSession] = {}
        self.pain: list[PainEntry] = []
        self.peg: list[PegEntry] = []
        self.notes_: list[Note] = []
        self.goals_: list[Goal] = []
        self.safety_records_: list[SafetyRecord] = []
        self.country_: str | None = None
        self.next_id = 1
        self.commits = 0

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    @contextmanager
    def atomic(self) -> Iterator[FakeJournal]:
        saved = copy.deepcopy(self.__dict__)
        try:
            yield self
        except BaseException:
            self.__dict__.update(saved)
            raise
        self.commits += 1

    @contextmanager
    def snapshot(self) -> Iterator[FakeJournal]:
        yield self

    # screenings
    def add_screening(self, taken_at: datetime, level: str, answers: JSON, result: JSON) -> int:
        entry = Screening(self._id(), taken_at, level, answers, result)
        self.screenings_.append(entry)
        return entry.id

    def screenings(self, since: datetime | None = None) -> list[Screening]:
        return sorted(
            (s for s in self.screenings_ if since is None or s.taken_at >= since),
            key=lambda s: (s.taken_at, s.id),
        )

    def answers_to(
        self, question_id: str, since: datetime | None = None, until: datetime | None = None
    ) -> list[CheckAnswer]:
        return [
            CheckAnswer(s.id, s.taken_at, s.answers.get(question_id))
            for s in self.screenings(since)
            if until is None or s.taken_at < until
        ]

    def screening(self, screening_id: int) -> Screening | None:
        return next((s for s in self.screenings_ if s.id == screening_id), None)

    def latest_screening(self, until: datetime) -> Screening | None:
        before = [s for s in self.screenings() if s.taken_at <= until]
        return before[-1] if before else None

    # maps and plans
    def add_pain_map(self, recorded_at: datetime, regions: list[JSON]) -> int:
        entry = PainMap(self._id(), recorded_at, regions)
        self.maps.append(entry)
        return entry.id

    def pain_maps(self, since: datetime | None = None) -> list[PainMap]:
        return [m for m in self.maps if since is None or m.recorded_at >= since]

    def pain_map(self, map_id: int) -> PainMap | None:
        return next((m for m in self.maps if m.id == map_id), None)

    def pain_maps_by_id(self, ids: Iterable[int]) -> dict[int, PainMap]:
        wanted = set(ids)
        return {m.id: m for m in self.maps if m.id in wanted}

    def newest_pain_maps(self, limit: int, before: int | None = None) -> list[PainMap]:
        return newest(self.maps, "recorded_at", limit, before)

    def add_plan(self, created_at: datetime, plan: JSON) -> int:
        entry = StoredPlan(self._id(), created_at, plan)
        self.plans_.append(entry)
        return entry.id

    def plans(self) -> list[StoredPlan]:
        return list(self.plans_)

    def plan(self, plan_id: int) -> StoredPlan | None:
        return next((p for p in self.plans_ if p.id == plan_id), None)

    def latest_plan(self) -> StoredPlan | None:
        return self.plans_[-1] if self.plans_ else None

    def newest_plans(self, limit: int, before: int | None = None) -> list[StoredPlan]:
        return newest(self.plans_, "created_at", limit, before)

    # sessions
    def sessions(self, since: datetime | None = None) -> list[StoredSession]:
        found = [s for s in self.sessions_.values() if since is None or s.started_at >= since]
        return sorted(found, key=lambda s: (s.started_at, s.id))

    def session_outcomes(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[SessionOutcome]:
        names = [f.name for f in fields(SessionOutcome)]
        return [
            SessionOutcome(**{n: getattr(s, n) for n in names})
            for s in self.sessions(since)
            if until is None or s.started_at < until
        ]

    def first_pain_moment(self, since: datetime) -> datetime | None:
        moments = [e.recorded_at for e in self.pain_entries(since)]
        moments += [s.taken_at for s in self.screenings(since)]
        moments += [
            s.started_at
            for s in self.sessions(since)
            if s.status != "ready" and s.pain_before is not None
        ]
        return min(moments, default=None)

    def newest_sessions(self, limit: int, before: int | None = None) -> list[StoredSession]:
        return newest(list(self.sessions_.values()), "started_at", limit, before)

    def session(self, session_id: int) -> StoredSession | None:
        return self.sessions_.get(session_id)

    def unfinished_sessions(self) -> list[StoredSession]:
        return [s for s in self.sessions() if s.status in ("ready", "in_progress")]

    def open_session(
        self,
        opened_at: datetime,
        plan_id: int | None,
        before_map_id: int | None,
        state: JSON,
        record: SessionRecord,
    ) -> int:
        session_id = self._id()
        self.sessions_[session_id] = StoredSession(
            id=session_id,
            started_at=opened_at,
            ended_at=None,
            status=record.status,
            stop_reason=None,
            pain_before=None,
            pain_after=None,
            duration_seconds=record.duration_seconds,
            plan_id=plan_id,
            record=record.to_json(),
            state=state,
            version=0,
            updated_at=opened_at,
            before_map_id=before_map_id,
        )
        return session_id

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
    ) -> int:
        current = self.sessions_.get(session_id)
        if current is None or current.version != version:
            raise StaleVersion(current)
        self.sessions_[session_id] = replace(
            current,
            state=state,
            record=record.to_json(),
            status=record.status,
            stop_reason=record.stop_reason,
            pain_before=record.pain_before,
            pain_after=record.pain_after,
            duration_seconds=record.duration_seconds,
            updated_at=updated_at,
            version=version + 1,
            started_at=started_at or current.started_at,
            ended_at=ended_at or current.ended_at,
            after_map_id=after_map_id or current.after_map_id,
        )
        return version + 1

    def touch_session(self, session_id: int, at: datetime) -> None:
        current = self.sessions_.get(session_id)
        unfinished = current is not None and current.status in ("ready", "in_progress")
        if current is not None and unfinished and (current.updated_at or at) < at:
            self.sessions_[session_id] = replace(current, updated_at=at)

    def delete_session(self, session_id: int, version: int) -> None:
        current = self.sessions_.get(session_id)
        if current is not None and current.version == version and current.status == "ready":
            del self.sessions_[session_id]

    # pain, PEG, notes
    def add_pain(
        self,
        recorded_at: datetime,
        now: int,
        worst: int | None = None,
        average: int | None = None,
        regions: list[JSON] | None = None,
        note: str | None = None,
    ) -> int:
        if not 0 <= now <= 10:
            raise ValueError(f"now must be a whole number from 0 to 10, not {now!r}")
        if worst is not None and worst < now:
            raise ValueError(f"worst ({worst}) must not be less than now ({now})")
        entry = PainEntry(
            self._id(), recorded_at, recorded_at.date(), now, worst, average, regions, note
        )
        self.pain.append(entry)
        return entry.id

    def pain_entries(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[PainEntry]:
        return [
            e
            for e in self.pain
            if (since is None or e.recorded_at >= since)
            and (until is None or e.recorded_at < until)
        ]

    def newest_pain_entries(self, limit: int, before: int | None = None) -> list[PainEntry]:
        return newest(self.pain, "recorded_at", limit, before)

    def add_peg(self, recorded_at: datetime, pain: int, enjoyment: int, activity: int) -> int:
        entry = PegEntry(self._id(), recorded_at, pain, enjoyment, activity)
        self.peg.append(entry)
        return entry.id

    def peg_entries(self, since: datetime | None = None) -> list[PegEntry]:
        return [e for e in self.peg if since is None or e.recorded_at >= since]

    def newest_peg_entries(self, limit: int, before: int | None = None) -> list[PegEntry]:
        return newest(self.peg, "recorded_at", limit, before)

    def add_note(self, recorded_at: datetime, text: str) -> int:
        entry = Note(self._id(), recorded_at, text)
        self.notes_.append(entry)
        return entry.id

    def notes(self, since: datetime | None = None) -> list[Note]:
        return [n for n in self.notes_ if since is None or n.recorded_at >= since]

    def add_goal(self, set_at: datetime, sessions_per_week: int, pegs_per_week: int) -> int:
        entry = Goal(self._id(), set_at, sessions_per_week, pegs_per_week)
        self.goals_.append(entry)
        return entry.id

    def goals(self) -> list[Goal]:
        return sorted(self.goals_, key=lambda g: (g.set_at, g.id))

    def add_safety_record(self, recorded_at: datetime, kind: str, data: JSON) -> int:
        entry = SafetyRecord(self._id(), recorded_at, kind, copy.deepcopy(data))
        self.safety_records_.append(entry)
        return entry.id

    def safety_records(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        kinds: Iterable[str] | None = None,
    ) -> list[SafetyRecord]:
        wanted = None if kinds is None else set(kinds)
        return sorted(
            (
                r
                for r in self.safety_records_
                if (since is None or r.recorded_at >= since)
                and (until is None or r.recorded_at < until)
                and (wanted is None or r.kind in wanted)
            ),
            key=lambda r: (r.recorded_at, r.id),
        )

    def latest_safety_record(self, kind: str, until: datetime) -> SafetyRecord | None:
        found = [r for r in self.safety_records(kinds=[kind]) if r.recorded_at <= until]
        return found[-1] if found else None

    def checks_since(self, since: datetime, until: datetime | None = None) -> list[CheckedAnswers]:
        return [
            CheckedAnswers(s.id, s.taken_at, s.level, copy.deepcopy(s.answers))
            for s in self.screenings(since)
            if until is None or s.taken_at < until
        ]

    def for_user(self, user_id: int) -> FakeJournal:
        raise NotImplementedError("the fake journal holds one person's entries")

    # the person's settings
    def country(self) -> str | None:
        return self.country_

    def set_country(self, country: str | None) -> None:
        self.country_ = country

    # the whole journal
    def export_all(self) -> dict[str, Any]:
        return {"format": "fake", "tables": {"notes": [vars(n) for n in self.notes_]}}

    def export_batches(self, size: int = 500) -> Iterator[tuple[str, list[JSON]]]:
        notes = self.export_all()["tables"]["notes"]
        yield "notes", []
        for start in range(0, len(notes), size):
            yield "notes", notes[start : start + size]

    def sessions_plan_apart(self, size: int = 500) -> Iterator[list[SessionPlanApart]]:
        """As the real journal on a database that cannot cut the plan out: records whole."""
        for batch in self.entries_in_batches(StoredSession, size):
            yield [SessionPlanApart(s, None) for s in batch]

    def entries_in_batches(self, entry: type[B], size: int = 500) -> Iterator[list[B]]:
        """As the real journal reads them: oldest first by (time, id), ``size`` at a time."""
        readers: dict[type[Any], tuple[Any, str]] = {
            Screening: (self.screenings, "taken_at"),
            PainMap: (self.pain_maps, "recorded_at"),
            StoredSession: (self.sessions, "started_at"),
            PainEntry: (self.pain_entries, "recorded_at"),
            PegEntry: (self.peg_entries, "recorded_at"),
            Note: (self.notes, "recorded_at"),
        }
        read, time = readers[entry]
        found = sorted(read(), key=lambda e: (getattr(e, time), e.id))
        for start in range(0, len(found), size):
            yield found[start : start + size]

    def import_all(
        self, data: dict[str, Any], latest: Latest | None = None, before_writing: Any = None
    ) -> None:
        if not self.is_empty():
            raise ValueError("not empty")
        if before_writing is not None:
            before_writing(False)

    def is_empty(self) -> bool:
        return not (self.screenings_ or self.maps or self.plans_ or self.sessions_ or self.pain)
