"""What the person wrote to describe the pain is kept with the map they save, as a note at the
same moment (issue 28: free text the journal keeps includes the describe box), so it is read
for red flags like any other note; blank words keep nothing, and too many are refused whole."""

from __future__ import annotations

import pytest

from sciatica_coach.coach import safety
from sciatica_coach.coach.describe import DESCRIBE_LIMIT
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.coach.journal_log import NOTE_LIMIT
from sciatica_coach.coach.maps import read_places, save_map
from sciatica_coach.content import KnowledgeBase

from .conftest import Clock, check
from .fakes import FakeJournal

BURNING = "burning down the outside of my left leg to the ankle"


def test_the_words_are_kept_as_a_note_at_the_moment_of_the_map(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    places = read_places(kb, ["left:thigh_lateral"])
    map_id = save_map(journal, clock(), places, ["burning"], 5, "before", words=f"  {BURNING}\n")
    (saved,) = journal.maps
    (note,) = journal.notes()
    assert saved.id == map_id and note.text == BURNING
    assert note.recorded_at == saved.recorded_at == clock()


@pytest.mark.parametrize("words", [None, "", "   \n\t "])
def test_no_words_keep_no_note(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock, words: str | None
) -> None:
    save_map(journal, clock(), read_places(kb, ["left:heel"]), [], 3, "before", words=words)
    assert len(journal.maps) == 1 and journal.notes() == []


def test_the_limit_is_the_describe_box_s_and_a_longer_text_saves_nothing(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    assert NOTE_LIMIT == DESCRIBE_LIMIT == 2000
    places = read_places(kb, ["left:heel"])
    save_map(journal, clock(), places, [], 3, "before", words="a" * 2000)
    assert len(journal.notes()[0].text) == 2000  # kept whole
    with pytest.raises(Invalid) as refused:
        save_map(journal, clock(), places, [], 3, "before", words="a" * 2001)
    assert "2000 characters" in refused.value.messages()["words"]
    assert len(journal.maps) == 1 and len(journal.notes()) == 1  # neither map nor note


def test_words_that_may_be_a_warning_sign_end_the_check_taken_before(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock)
    clock.advance(minutes=5)
    places = read_places(kb, ["left:heel"])
    save_map(journal, clock(), places, ["ache"], 3, "before", words="my foot is going numb")
    status = safety.check_status(kb, journal, clock.advance(minutes=1))
    assert status.code == "new_signs" and "numb" in status.message
