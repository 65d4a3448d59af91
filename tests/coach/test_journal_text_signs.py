"""Words in the journal's free text that may be a warning sign (read by the describe engine)
end the check they came after, like a logged numbness, and the person is told which words in
which entry raised them; a denial or a family mention adds nothing new."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.coach import flags, journal_log, pause, safety, safety_log
from sciatica_coach.coach.errors import NeedsCheck
from sciatica_coach.coach.journal_signs import logged_signs
from sciatica_coach.content import KnowledgeBase

from .conftest import Clock, a_plan, check
from .fakes import FakeJournal

TOILET_PAPER = "can't feel the toilet paper when I wipe"
WORDS = "journal:red_flag_words:saddle_numbness"


def reason_ids(checked: safety.Checked) -> set[str]:
    return {r.question_id for r in checked.result.reasons}


def test_it_ends_the_check_it_came_after_and_says_which_words_in_which_note(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock)
    clock.advance(minutes=5)
    journal_log.log_note(journal, clock(), TOILET_PAPER)
    clock.advance(minutes=1)
    status = safety.check_status(kb, journal, clock())
    assert status.code == "new_signs"
    assert "in a note" in status.message and "toilet paper" in status.message
    with pytest.raises(NeedsCheck):
        a_plan(kb, journal, clock)
    fresh = check(kb, journal, clock)
    assert fresh.result.level == "see_professional"
    assert WORDS in reason_ids(fresh)
    said = next(r.message for r in fresh.result.reasons if r.question_id == WORDS)
    question = kb.screening.question_by_id["saddle_numbness"].question
    assert question in said and "toilet paper" in said and "in a note" in said
    assert kb.screening.logged_signs.text.emergency in said
    assert pause.paused(kb, journal, clock()) is not None


def test_a_pain_log_note_ends_the_check_too(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock)
    clock.advance(minutes=5)
    journal_log.log_pain(kb, journal, clock(), 4, note=TOILET_PAPER)
    assert safety.check_status(kb, journal, clock()).code == "new_signs"
    (sign,) = [s for s in flags.counting_signs(kb, journal, clock()) if s.id == WORDS]
    assert sign.sign.kind == "pain_log"
    assert "in the note on a pain log" in sign.text


@pytest.mark.parametrize(
    ("text", "old_rule"),
    [
        ("no numbness, bladder fine", {"journal:numbness", "journal:saddle_area"}),
        ("my mum had cancer", set()),
    ],
)
def test_a_denial_or_a_family_mention_adds_nothing_new(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock, text: str, old_rule: set[str]
) -> None:
    check(kb, journal, clock)
    clock.advance(minutes=5)
    journal_log.log_note(journal, clock(), text)
    expected = "new_signs" if old_rule else "current"
    assert safety.check_status(kb, journal, clock()).code == expected
    added = {r for r in reason_ids(check(kb, journal, clock)) if r.startswith("journal:")}
    assert added == old_rule


def test_a_doctors_visit_about_the_words_lifts_them_only(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    journal_log.log_note(journal, clock(), TOILET_PAPER)
    counting = {s.id for s in flags.counting_signs(kb, journal, clock())}
    assert WORDS in counting and "journal:numbness" in counting
    clock.advance(hours=1)
    flags.seen_doctor(kb, journal, clock(), WORDS)
    left = {s.id for s in flags.counting_signs(kb, journal, clock())}
    assert left == counting - {WORDS}
    (visit,) = [
        e for e in safety_log.safety_log(kb, journal, None, clock()) if e.kind == "doctor_seen"
    ]
    assert kb.screening.question_by_id["saddle_numbness"].question in visit.text


SAID = st.sampled_from(
    [
        TOILET_PAPER,
        "no numbness, bladder fine",
        "my mum had cancer",
        "not sure if my groin is numb",
        "constant pain at night",
        "walked the dog",
        "chest pain when I breathe in",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(SAID, max_size=4), SAID)
def test_another_note_never_takes_a_sign_away(
    kb: KnowledgeBase, written: list[str], more: str
) -> None:
    journal, clock = FakeJournal(), Clock()
    for text in written:
        journal_log.log_note(journal, clock(), text)
        clock.advance(minutes=10)
    before = {s.key for s in logged_signs(kb, journal, clock())}
    journal_log.log_note(journal, clock(), more)
    clock.advance(minutes=1)
    assert before <= {s.key for s in logged_signs(kb, journal, clock())}


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("I had bowel cancer four years ago", "cancer_history"),
        ("the pain is constant at night and nothing eases it", "night_pain_constant"),
        ("pain worse today after sitting at my desk", None),  # not a red flag: no sign
    ],
)
def test_red_flags_in_text_are_signs_and_other_check_questions_are_not(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock, text: str, question: str | None
) -> None:
    check(kb, journal, clock)
    clock.advance(minutes=5)
    journal_log.log_note(journal, clock(), text)
    found = {s.question for s in logged_signs(kb, journal, clock()) if s.id == "red_flag_words"}
    assert found == ({question} if question else set())


def test_what_to_do_at_once_comes_before_the_words(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock)
    clock.advance(minutes=5)
    journal_log.log_note(journal, clock(), TOILET_PAPER)
    status = safety.check_status(kb, journal, clock())
    fresh = check(kb, journal, clock)
    said = next(r.message for r in fresh.result.reasons if r.question_id == WORDS)
    assert said.startswith(kb.screening.logged_signs.text.emergency), (status, said)
