"""The journal for a clinician: read once, as the CSV tables and the FHIR bundle show it.

Both exports show the same entries, so both read them here, in one snapshot (nothing written
in between), each session's record read back and checked, and the safety log (every red-flag
answer, the sign answered again, a doctor's visit, a clinician's clearance: :mod:`.safety_log`)
with what became of each flag, so the exporters
(:mod:`sciatica_coach.exports.csv_tables`, :mod:`sciatica_coach.exports.fhir_bundle`) are
plain functions from these records to bytes. A session opened and never started is left out:
nothing happened in it, and it does not count anywhere else either.

Who the export is about: a pseudonym made from the account's id and the journal's first entry,
the same in every export of one journal and naming no one, unless the person gives a name.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol, TypeVar

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.kept import Kept
from sciatica_coach.domain.plan_model import Plan, PlanFormatError, plan_from_json
from sciatica_coach.domain.red_flags import REVIEW_ANSWERS, Flag, LiftedBy, Review, Visit, ended
from sciatica_coach.domain.session_record import SessionRecord, record_from_json
from sciatica_coach.storage.accounts import User
from sciatica_coach.storage.tables import LOCAL_USER_ID
from sciatica_coach.storage.validation import is_score

from .errors import Invalid
from .history import PAIN_QUESTION
from .ports import (
    CheckAnswer,
    JournalPort,
    Note,
    PainEntry,
    PainMap,
    PegEntry,
    Screening,
    SessionPlanApart,
    StoredSession,
)
from .safety_log import SafetyEvent, safety_log
from .safety_records import clearance_counts_until
from .sessions import close_idle

E = TypeVar("E")
PSEUDONYMS = uuid.uuid5(uuid.NAMESPACE_URL, "urn:sciatica-coach:journal")
"""The namespace of every id the exports make: a person's key, and from it each entry's."""
NAME_LIMIT = 100


@dataclass(frozen=True)
class Person:
    """Whom an export is about: ``key`` (a UUID made from the account id) and, if given, the
    name to show."""

    key: uuid.UUID
    name: str | None = None


@dataclass(frozen=True)
class SessionEntry:
    """A session as saved, with its record read back (None if it cannot be: an old or edited
    row; the session itself is still shown, without its steps). Read for an export, the
    saved record (``entry.record``) may be without its plan: see :class:`SessionPlanApart`."""

    entry: StoredSession
    record: SessionRecord | None


@dataclass(frozen=True)
class FlagOutcome:
    """What became of one red-flag answer: it stood until ``until``, lifted then by the
    person (``wrong_answer``: they said they pressed the wrong answer) or by a doctor's visit
    they recorded (``doctor_seen``), or, with ``lifted_by`` None, at the end of the hours a
    flag stands. Only the journal decides it, so every export of one journal says the same."""

    until: datetime
    lifted_by: LiftedBy | None

    def stands(self, now: datetime) -> bool:
        """Whether the flag still stands at ``now`` (as :func:`~sciatica_coach.domain.
        red_flags.standing` has it: a lift counts from its moment, the hours to their end)."""
        return now < self.until


@dataclass(frozen=True)
class SafetyEntry:
    """One entry of the safety log (:class:`~.safety_log.SafetyEvent`) and what followed."""

    event: SafetyEvent
    outcome: FlagOutcome | None = None
    """For a red-flag answer: when and how it stopped standing (or will)."""
    signs: tuple[str, ...] = ()
    """For a doctor's visit: the signs it was about (question ids, or ``journal:<sign>`` for
    a sign logged in the journal, ``journal:red_flag_words:<question>`` for its words)."""
    counts_until: date | None = None
    """For a clearance: the last day it counts, unless the symptoms change first."""
    restrictions: tuple[str, ...] = ()
    """For a clearance: the limits the reason keeps while it counts (restriction ids)."""


@dataclass(frozen=True)
class ClinicalRecords:
    """Everything a clinician export shows, oldest first in each kind."""

    kb: KnowledgeBase
    person: Person
    exported_at: datetime
    screenings: tuple[Screening, ...]
    check_pain: tuple[CheckAnswer, ...]
    """The pain score given in each safety check (the answer alone)."""
    pain_maps: tuple[PainMap, ...]
    sessions: tuple[SessionEntry, ...]
    pain: tuple[PainEntry, ...]
    peg: tuple[PegEntry, ...]
    notes: tuple[Note, ...]
    safety: tuple[SafetyEntry, ...] = ()
    """The safety log, oldest first, each flag with what became of it."""

    @property
    def map_sessions(self) -> dict[int, int]:
        """Each body map marked before or after a session: that session's id."""
        return {
            map_id: s.entry.id
            for s in self.sessions
            for map_id in (s.entry.before_map_id, s.entry.after_map_id)
            if map_id is not None
        }


class TableRecords(Protocol):
    """What the CSV tables are made from: :class:`ClinicalRecords` (all read at once) or
    :class:`StreamedRecords` (read as the tables are written), each kind oldest first by
    (time, id)."""

    @property
    def kb(self) -> KnowledgeBase: ...
    @property
    def screenings(self) -> Iterable[Screening]: ...
    @property
    def pain_maps(self) -> Iterable[PainMap]: ...
    @property
    def sessions(self) -> Iterable[SessionEntry]: ...
    @property
    def pain(self) -> Iterable[PainEntry]: ...
    @property
    def peg(self) -> Iterable[PegEntry]: ...
    @property
    def notes(self) -> Iterable[Note]: ...
    @property
    def safety(self) -> Iterable[SafetyEntry]: ...


@dataclass(frozen=True)
class StreamedRecords:
    """The journal for the CSV tables, read while they are written: each kind is read afresh
    from ``reader`` (one snapshot) every time it is gone through, a batch at a time
    (:meth:`~.ports.JournalPort.entries_in_batches`), so the export holds a batch, not the
    journal. Only the safety log is read whole: each flag's outcome needs the answers after
    it, and the log is short (red flags, reviews, visits, clearances)."""

    kb: KnowledgeBase
    reader: JournalPort
    safety: tuple[SafetyEntry, ...]

    @property
    def screenings(self) -> Iterator[Screening]:
        return self._each(Screening)

    @property
    def pain_maps(self) -> Iterator[PainMap]:
        return self._each(PainMap)

    @property
    def sessions(self) -> Iterator[SessionEntry]:
        plans = _Plans()
        for batch in self.reader.sessions_plan_apart():
            for apart in batch:
                if apart.session.status != "ready":
                    yield SessionEntry(apart.session, plans.record(apart))

    @property
    def pain(self) -> Iterator[PainEntry]:
        return self._each(PainEntry)

    @property
    def peg(self) -> Iterator[PegEntry]:
        return self._each(PegEntry)

    @property
    def notes(self) -> Iterator[Note]:
        return self._each(Note)

    def _each(self, entry: type[E]) -> Iterator[E]:
        for batch in self.reader.entries_in_batches(entry):
            yield from batch


@dataclass(frozen=True)
class StreamedFhirRecords(StreamedRecords):
    """The journal for the FHIR bundle, read while it is written (as :class:`StreamedRecords`
    is for the CSV tables), with what the bundle needs before its first entry: whom it is
    about, and which session each body map was marked for. Those, the pain scores given in the
    safety checks and the safety log are read first, whole: a few numbers an entry."""

    person: Person
    exported_at: datetime
    check_pain: tuple[CheckAnswer, ...]
    map_sessions: dict[int, int]
    """Each body map marked before or after a session: that session's id (the later one's,
    should two name the same map)."""


class FhirRecords(Protocol):
    """What the FHIR bundle is made from: :class:`ClinicalRecords` (all read at once) or
    :class:`StreamedFhirRecords` (read as the bundle is written), each kind oldest first."""

    @property
    def kb(self) -> KnowledgeBase: ...
    @property
    def person(self) -> Person: ...
    @property
    def exported_at(self) -> datetime: ...
    @property
    def check_pain(self) -> Iterable[CheckAnswer]: ...
    @property
    def pain_maps(self) -> Iterable[PainMap]: ...
    @property
    def sessions(self) -> Iterable[SessionEntry]: ...
    @property
    def pain(self) -> Iterable[PainEntry]: ...
    @property
    def peg(self) -> Iterable[PegEntry]: ...
    @property
    def safety(self) -> Sequence[SafetyEntry]: ...
    @property
    def map_sessions(self) -> dict[int, int]: ...


@contextmanager
def streamed_fhir_records(
    kb: KnowledgeBase,
    journal: JournalPort,
    user: User | None,
    now: datetime,
    name: str | None = None,
) -> Iterator[StreamedFhirRecords]:
    """The journal for the FHIR bundle as :func:`fhir_records` has it, read as it is used,
    inside one snapshot that lasts as long as the ``with`` block."""
    _checked_name(name)  # before anything is read: a name that is not plain text
    close_idle(journal, now)  # a session left alone is exported as it ended
    with journal.snapshot() as reader:
        check_pain = reader.answers_to(PAIN_QUESTION)
        map_sessions, first_session = _sessions_of_maps(reader)
        moments = [
            *(a.taken_at for a in check_pain[:1]),
            *first_session,
            *_first(reader, PainMap, "recorded_at"),
            *_first(reader, PainEntry, "recorded_at"),
            *_first(reader, PegEntry, "recorded_at"),
            *_first(reader, Note, "recorded_at"),
        ]
        yield StreamedFhirRecords(
            kb=kb,
            reader=reader,
            safety=safety_entries(kb, reader, None, now),
            person=person(user, min(moments, default=None), name),
            exported_at=now,
            check_pain=tuple(a for a in check_pain if is_score(a.answer)),
            map_sessions=map_sessions,
        )


def _sessions_of_maps(reader: JournalPort) -> tuple[dict[int, int], list[datetime]]:
    """Each body map's session (as :attr:`ClinicalRecords.map_sessions`), and when the first
    session started (none if none has), read without the sessions' records."""
    found: dict[int, int] = {}
    first: list[datetime] = []
    for session in reader.session_outcomes():
        if session.status == "ready":
            continue
        first = first or [session.started_at]
        for map_id in (session.before_map_id, session.after_map_id):
            if map_id is not None:
                found[map_id] = session.id
    return found, first


def _first(reader: JournalPort, entry: type[E], moment: str) -> list[datetime]:
    """The moment of the oldest ``entry`` (none if there is none), read alone."""
    batches = reader.entries_in_batches(entry, 1)
    batch = next(batches, [])
    if isinstance(batches, Generator):
        batches.close()  # the rest is never read
    return [getattr(batch[0], moment)] if batch else []


@contextmanager
def streamed_csv_records(
    kb: KnowledgeBase, journal: JournalPort, now: datetime
) -> Iterator[StreamedRecords]:
    """The journal for the CSV tables as :func:`csv_records` has it, read as it is used,
    inside one snapshot that lasts as long as the ``with`` block."""
    close_idle(journal, now)  # a session left alone is exported as it ended
    with journal.snapshot() as reader:
        yield StreamedRecords(kb, reader, safety_entries(kb, reader, None, now))


def person(user: User | None, first: datetime | None, name: str | None = None) -> Person:
    """The person an export is about; ``user`` None is this computer's own journal.

    The key is made from the account id and the moment of the journal's first entry: the id
    alone would be the same for everyone's own journal on their own computer (all are
    account 1), and two people's exports must never merge in a clinic's system. The first
    entry stays first (entries are only added, later, and an import keeps their times), so
    every export of one journal has the same key."""
    user_id = LOCAL_USER_ID if user is None else user.id
    since = "" if first is None else first.astimezone(UTC).isoformat()
    return Person(uuid.uuid5(PSEUDONYMS, f"user/{user_id}/{since}"), _checked_name(name))


def csv_records(
    kb: KnowledgeBase, journal: JournalPort, user: User | None, now: datetime
) -> ClinicalRecords:
    """The journal for the CSV tables: every safety check with all its answers."""
    return _read(kb, journal, user, None, now, whole_checks=True)


def fhir_records(
    kb: KnowledgeBase,
    journal: JournalPort,
    user: User | None,
    now: datetime,
    name: str | None = None,
) -> ClinicalRecords:
    """The journal for the FHIR bundle: of the safety checks, only the pain score given."""
    return _read(kb, journal, user, name, now, whole_checks=False)


def _read(
    kb: KnowledgeBase,
    journal: JournalPort,
    user: User | None,
    name: str | None,
    now: datetime,
    *,
    whole_checks: bool,
) -> ClinicalRecords:
    close_idle(journal, now)  # a session left alone is exported as it ended
    with journal.snapshot() as reader:
        screenings = reader.screenings() if whole_checks else []
        check_pain = [] if whole_checks else reader.answers_to(PAIN_QUESTION)
        maps, pain, peg, notes = (
            reader.pain_maps(),
            reader.pain_entries(),
            reader.peg_entries(),
            reader.notes(),
        )
        sessions = [s for s in reader.sessions() if s.status != "ready"]
        safety = safety_entries(kb, reader, None, now)
    moments = [
        *(s.taken_at for s in screenings),
        *(a.taken_at for a in check_pain),
        *(m.recorded_at for m in maps),
        *(s.started_at for s in sessions),
        *(e.recorded_at for e in pain),
        *(e.recorded_at for e in peg),
        *(e.recorded_at for e in notes),
    ]
    return ClinicalRecords(
        kb=kb,
        person=person(user, min(moments, default=None), name),
        exported_at=now,
        screenings=tuple(screenings),
        check_pain=tuple(a for a in check_pain if is_score(a.answer)),
        pain_maps=tuple(maps),
        sessions=tuple(SessionEntry(s, _record(s)) for s in sessions),
        pain=tuple(pain),
        peg=tuple(peg),
        notes=tuple(notes),
        safety=safety,
    )


def safety_entries(
    kb: KnowledgeBase, journal: JournalPort, since: datetime | None, now: datetime
) -> tuple[SafetyEntry, ...]:
    """The safety log from ``since`` (None: all) up to ``now``, each red flag with what
    became of it, each doctor's visit with the signs it was about, and each clearance with
    the day it stops counting and its limits."""
    events = safety_log(kb, journal, since, now)
    hours = kb.screening.flags.stands_hours
    reviews = [
        Review(e.question_id or "", e.at, e.answer)
        for e in events
        if e.kind == "flag_review" and e.answer in REVIEW_ANSWERS
    ]
    visits = [Visit(e.at, frozenset(e.signs)) for e in events if e.kind == "doctor_seen"]
    content = kb.screening.clearances
    rules = {r.id: r for r in content.reasons}
    entries = []
    for event in events:
        if event.kind == "flag":
            flag = Flag(
                event.screening_id or 0,
                event.question_id or "",
                event.at,
                "not_sure" if event.answer == "not_sure" else "yes",
                event.level or "",
                "",
            )
            outcome = FlagOutcome(*ended(flag, reviews, visits, hours))
            entries.append(SafetyEntry(event, outcome=outcome))
        elif event.kind == "doctor_seen":
            entries.append(SafetyEntry(event, signs=tuple(sorted(event.signs))))
        elif event.kind == "clearance":
            rule = rules.get(event.question_id or "")
            entries.append(
                SafetyEntry(
                    event,
                    counts_until=clearance_ends(event.day, content.months),
                    restrictions=tuple(rule.restrictions) if rule else (),
                )
            )
        else:
            entries.append(SafetyEntry(event))
    return tuple(entries)


def clearance_ends(checked_on: str | None, months: int) -> date | None:
    """The last day a clearance of a check on ``checked_on`` (ISO) counts: ``months`` later,
    counted as :func:`.check_reasons.active_clearances` counts them."""
    try:
        day = date.fromisoformat(checked_on) if checked_on else None
    except ValueError:
        return None
    return None if day is None else clearance_counts_until(day, months)


def _record(session: StoredSession) -> SessionRecord | None:
    try:
        return record_from_json(session.record)
    except PlanFormatError:
        return None


class _Plans:
    """The plans of the records an export reads, each distinct plan text read once (the
    most recent :data:`PLANS_KEPT`): ten years of sessions carry a few plans of ~15 kB."""

    def __init__(self) -> None:
        self._read: Kept[Plan | PlanFormatError] = Kept(PLANS_KEPT)

    def record(self, apart: SessionPlanApart) -> SessionRecord | None:
        """The session's record, or None if it cannot be read (as :func:`_record`)."""
        if apart.plan is None:
            return _record(apart.session)
        plan = self._read.get(apart.plan)
        if plan is None:
            plan = self._read.keep(apart.plan, _plan(apart.plan))
        if isinstance(plan, PlanFormatError):
            return None
        try:
            return record_from_json(apart.session.record, plan)
        except PlanFormatError:
            return None


PLANS_KEPT = 16
"""Distinct plans :class:`_Plans` keeps read at most (the oldest goes first)."""


def _plan(text: str) -> Plan | PlanFormatError:
    """The plan in ``text`` (JSON as the database gives it), or why it cannot be read."""
    try:
        return plan_from_json(json.loads(text))
    except (ValueError, RecursionError):
        return PlanFormatError("the plan is not JSON")
    except PlanFormatError as error:
        return error


def _checked_name(name: str | None) -> str | None:
    if name is None or not name.strip():
        return None
    cleaned = " ".join(name.split())
    if len(cleaned) > NAME_LIMIT or not cleaned.isprintable():
        raise Invalid.one(
            ("name",), f"The name must be plain text of at most {NAME_LIMIT} characters."
        )
    return cleaned
