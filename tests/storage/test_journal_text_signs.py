"""Words in a note that may be a warning sign end the check it came after, read from the real
journal on SQLite and PostgreSQL (the notes and pain-log notes as they are stored)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sciatica_coach.coach import flags, journal_log, safety
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.storage import Journal

from ..domain.screening_cases import all_clear

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
WORDS = "journal:red_flag_words:saddle_numbness"


def test_it_ends_the_check_from_a_stored_note_and_a_stored_pain_log_note(
    kb: KnowledgeBase, journal: Journal
) -> None:
    answers = {k: v for k, v in all_clear().items() if k != "sessions_today"}
    safety.take_check(kb, journal, NOW, answers)
    journal_log.log_note(journal, NOW + timedelta(minutes=5), "Walked the dog; felt fine.")
    assert safety.check_status(kb, journal, NOW + timedelta(minutes=6)).code == "current"
    journal_log.log_pain(
        kb, journal, NOW + timedelta(minutes=7), 4, note="can't feel the toilet paper when I wipe"
    )
    later = NOW + timedelta(minutes=8)
    status = safety.check_status(kb, journal, later)
    assert status.code == "new_signs" and "toilet paper" in status.message
    (sign,) = [s for s in flags.counting_signs(kb, journal, later) if s.id == WORDS]
    assert (sign.sign.kind, sign.sign.at) == ("pain_log", NOW + timedelta(minutes=7))
    assert "in the note on a pain log" in sign.text
