"""A journal with red flags and what followed them, made through the service layer in the
order a person would make it: for the tests of the clinician's summary, its PDF, and the CSV
and FHIR exports, which all read the safety log back."""

from __future__ import annotations

from datetime import UTC, datetime

from sciatica_coach.coach import clearances, flags, safety
from sciatica_coach.content import KnowledgeBase

from ..coach.fakes import FakeJournal
from ..coach.journal_days import clear_answers

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
FLAGGED = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
"""A check with "not sure" to new numbness around the bottom (emergency) and "yes" to fever
(urgent)."""
WRONG = datetime(2026, 11, 23, 10, 5, tzinfo=UTC)
"""The numbness answered again: "I pressed the wrong answer" (lifts it)."""
STILL = datetime(2026, 11, 23, 10, 6, tzinfo=UTC)
"""The fever answered again: "I still have it" (keeps it)."""
DOCTOR = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
"""A doctor's visit about the fever recorded: lifts it."""
CLEARED = datetime(2026, 11, 23, 16, 0, tzinfo=UTC)
"""A clearance: cancer history, checked on 20 Nov 2026 by Dr Lee."""
NUMB = (datetime(2026, 11, 24, 20, 0, tzinfo=UTC), datetime(2026, 11, 26, 20, 0, tzinfo=UTC))
"""Pain logs with numbness in the left calf (the first with tingling too)."""
LAPSED = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
"""A check with "not sure" to calf swelling (urgent), left to stand its 24 hours."""
STANDING = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
"""A check with "yes" to a change in peeing (emergency): it still stands at NOW."""
NUMB_PARTS = ("Is there new numbness or tingling in your groin, genitals",)


def safety_days(kb: KnowledgeBase, journal: FakeJournal | None = None) -> FakeJournal:
    """Two weeks: an all-clear check and pain logs, then the flags above and what followed
    (added to ``journal`` when one is given, whose days should end before 18 Nov)."""
    journal = FakeJournal() if journal is None else journal
    for day in (18, 20, 22):
        at = datetime(2026, 11, day, 8, tzinfo=UTC)
        safety.take_check(kb, journal, at, clear_answers(pain_now=5))
        journal.add_pain(at.replace(hour=20), 5)
    journal.add_peg(datetime(2026, 11, 19, 20, tzinfo=UTC), 6, 5, 5)
    safety.take_check(
        kb, journal, FLAGGED, clear_answers(pain_now=5, saddle_numbness="not_sure", fever=True)
    )
    flags.review_flag(kb, journal, WRONG, "saddle_numbness", "wrong_answer")
    flags.review_flag(kb, journal, STILL, "fever", "still_have")
    flags.seen_doctor(kb, journal, DOCTOR, "fever")
    clearances.record_clearance(kb, journal, CLEARED, "cancer_history", "2026-11-20", "Dr Lee")
    for index, at in enumerate(NUMB):
        feels = ["numbness", "tingling"] if index == 0 else ["numbness"]
        journal.add_pain(
            at,
            4,
            regions=[
                {"key": "left:calf_posterior", "intensity": 4, "kind": "numbness", "feels": feels}
            ],
        )
    journal.add_peg(datetime(2026, 11, 26, 20, tzinfo=UTC), 4, 4, 4)
    safety.take_check(kb, journal, LAPSED, clear_answers(pain_now=4, calf_swelling="not_sure"))
    journal.add_pain(datetime(2026, 11, 28, 20, tzinfo=UTC), 4)
    safety.take_check(kb, journal, STANDING, clear_answers(pain_now=4, bladder_change=True))
    return journal
