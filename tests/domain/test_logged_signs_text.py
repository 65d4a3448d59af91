"""Red flags read in the free text of an entry: the describe engine's flags on serious
questions are signs (``red_flag_words``) beside the old word rule, which still does what it
did; denials and family, history or hypothetical mentions add nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.coach.journal_signs import sign_rules
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.logged_signs import (
    LoggedEntry,
    Sign,
    SignRules,
    signs_in,
    signs_since,
    text_pieces,
)

T = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
TOILET_PAPER = "can't feel the toilet paper when I wipe"


@pytest.fixture(scope="module")
def rules(kb: KnowledgeBase) -> SignRules:
    return sign_rules(kb)


@pytest.fixture(scope="module")
def words_only(rules: SignRules) -> SignRules:
    """The same rules without the describe engine: the old word rule alone."""
    return SignRules(rules.legs, rules.saddle_area, rules.note_words)


def note(text: str, at: datetime = T) -> LoggedEntry:
    return LoggedEntry(at, "note", text=text)


def keys(signs: list[Sign]) -> set[str]:
    return {s.key for s in signs}


def test_it_reads_numbness_when_wiping_as_the_saddle_question_with_the_words(
    rules: SignRules,
) -> None:
    found = signs_in(note(TOILET_PAPER), rules)
    words = [s for s in found if s.id == "red_flag_words"]
    assert "saddle_numbness" in {s.question for s in words}
    sign = next(s for s in words if s.question == "saddle_numbness")
    assert sign.key == "red_flag_words:saddle_numbness"
    assert sign.evidence and sign.evidence.lower() in TOILET_PAPER.lower()
    assert sign.answer in ("yes", "not_sure")
    assert (sign.at, sign.kind) == (T, "note")


def test_it_ends_the_check_it_came_after_and_not_one_after_it(rules: SignRules) -> None:
    checked = T
    later = note(TOILET_PAPER, checked + timedelta(minutes=5))
    assert "red_flag_words:saddle_numbness" in keys(signs_since([later], rules, checked))
    assert signs_since([later], rules, checked + timedelta(minutes=6)) == []


@pytest.mark.parametrize(
    "text",
    [
        "no numbness, bladder fine",
        "No numbness anywhere. Bladder and bowels are normal.",
        "my mum had cancer",
        "Dad had a stroke and my mum had cancer years ago.",
        "if it spreads to both legs I will call the doctor",
        "Walked the dog; felt better after the stretch.",
    ],
)
def test_denials_and_asides_add_nothing_beyond_the_old_word_rule(
    rules: SignRules, words_only: SignRules, text: str
) -> None:
    assert keys(signs_in(note(text), rules)) == keys(signs_in(note(text), words_only))


def test_the_old_word_rule_still_counts_a_bare_numb_and_a_denied_one(rules: SignRules) -> None:
    assert "numbness" in keys(signs_in(note("numb"), rules))
    assert "numbness" in keys(signs_in(note("no numbness today"), rules))


def test_a_not_sure_counts_and_only_serious_questions_do(
    kb: KnowledgeBase, rules: SignRules
) -> None:
    found = signs_in(note("not sure if my groin is numb"), rules)
    assert ("saddle_numbness", "not_sure") in {(s.question, s.answer) for s in found}
    levels = {q.id: q.rule.level for q in kb.screening.questions}
    assert {"emergency", "urgent"} <= {levels[q] for q in rules.red_flag_questions}
    assert {"cancer_history", "night_pain_constant"} <= rules.red_flag_questions
    assert all(
        levels[q] in ("emergency", "urgent", "see_professional") for q in rules.red_flag_questions
    )


def test_a_pain_log_note_is_read_too(rules: SignRules) -> None:
    entry = LoggedEntry(T, "pain_log", text=TOILET_PAPER)
    assert any(
        s.question == "saddle_numbness" and s.kind == "pain_log" for s in signs_in(entry, rules)
    )


def test_one_sign_per_question_however_often_it_is_said(rules: SignRules) -> None:
    text = f"{TOILET_PAPER}.\n{TOILET_PAPER} again tonight"
    questions = [s.question for s in signs_in(note(text), rules) if s.question]
    assert len(questions) == len(set(questions))


def test_a_sentence_broken_over_a_line_is_read_whole() -> None:
    assert text_pieces("my foot\nis numb\n\n") == ["my foot", "is numb", "my foot is numb"]


def test_a_flag_on_a_question_that_does_not_count_is_no_sign(rules: SignRules) -> None:
    narrow = SignRules(
        rules.legs, rules.saddle_area, rules.note_words, frozenset({"fever"}), rules.read_text
    )
    assert not [s for s in signs_in(note(TOILET_PAPER), narrow) if s.id == "red_flag_words"]


SAID = st.sampled_from(
    [
        TOILET_PAPER,
        "no numbness, bladder fine",
        "my mum had cancer",
        "I have had cancer",
        "my foot is numb",
        "not sure if my foot is numb",
        "leg gives way",
        "pain in both legs",
        "peeing is hard since yesterday",
        "chest pain and short of breath",
        "no fever",
        "if it gets worse I will rest",
        "constant pain at night, nothing helps",
        "",
    ]
)
TEXT = st.lists(st.one_of(SAID, st.text(max_size=40)), max_size=4).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(TEXT, TEXT)
def test_adding_text_to_a_note_never_removes_a_sign(rules: SignRules, a: str, b: str) -> None:
    before = keys(signs_in(note(a), rules))
    assert before <= keys(signs_in(note(f"{a}\n{b}"), rules))
    assert before <= keys(signs_in(note(f"{b}\n{a}"), rules))
