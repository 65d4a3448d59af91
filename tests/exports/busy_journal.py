"""A journal in heavy use, as the standards review's was (D4): for the tests that the
clinician's summary keeps to two pages however much there is to say."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sciatica_coach.content import KnowledgeBase
from tests.coach.fakes import FakeJournal
from tests.coach.journal_days import a_day

from .safety_days import safety_days

SAFETY_FROM = datetime(2026, 11, 18, tzinfo=UTC)
"""Where :func:`.safety_days` begins: the red flags and what followed, to 1 Dec."""
LONG_NOTE = (
    "Note {n}: sat through a two-hour meeting and the ache in the left buttock came back, "
    "spreading to the back of the thigh by the evening; walked for twenty minutes after, "
    "then used the tennis ball against the wall as the plan says, which eased it for an "
    "hour or so. Slept badly, woke twice with the leg feeling heavy but not numb."
)


_MADE: dict[tuple[int, int, int], FakeJournal] = {}


def busy_journal(kb: KnowledgeBase, weeks: int, notes: int = 0) -> FakeJournal:
    """``weeks`` weeks to 1 Dec 2026: before 18 Nov, a session every other day (every
    fifth stopped for bad pain), pain scores on the days between, a PEG score every third
    session; from 18 Nov, the red flags and what followed them; and ``notes`` long notes
    spread over the weeks, the newest last. Made once per test run (only read after)."""
    key = (id(kb), weeks, notes)
    if key not in _MADE:
        _MADE[key] = _made(kb, weeks, notes)
    return _MADE[key]


def _made(kb: KnowledgeBase, weeks: int, notes: int) -> FakeJournal:
    journal = FakeJournal()
    start = SAFETY_FROM - timedelta(weeks=weeks - 2)
    day, index = start, 0
    while day < SAFETY_FROM - timedelta(days=1):
        at = day.replace(hour=8)
        bad = index % 5 == 4
        a_day(kb, journal, at, 6 - index % 3, None if bad else 3, "bad" if bad else "good")
        journal.add_pain(at.replace(hour=20) + timedelta(days=1), 5)
        if index % 3 == 0:
            journal.add_peg(at.replace(hour=21), 6, 5, 5)
        day += timedelta(days=2)
        index += 1
    safety_days(kb, journal)
    span = (weeks * 7 - 1) * 24
    for n in range(notes):
        at = start + timedelta(hours=12 + span * n // max(notes, 1))
        journal.add_note(at, LONG_NOTE.format(n=n + 1))
    return journal
