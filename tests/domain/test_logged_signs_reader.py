"""How the sign rules use a reader of red flags in text (a hand-written fake here; the coach
passes the describe engine): what counts, one sign per question, the words kept, and a note
read line by line so that adding lines can only add signs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from sciatica_coach.domain.logged_signs import LoggedEntry, SignRules, signs_in, text_pieces

T = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Said:
    question: str
    answer: str
    evidence: str


class FakeReader:
    """Flags a question for each phrase found in a piece of text; remembers what it read."""

    def __init__(self, phrases: dict[str, tuple[str, str]]) -> None:
        self.phrases = phrases
        self.read: list[str] = []

    def __call__(self, text: str) -> Iterable[Said]:
        self.read.append(text)
        return [
            Said(question, answer, phrase)
            for phrase, (question, answer) in self.phrases.items()
            if phrase in text.lower()
        ]


READER = FakeReader(
    {
        "toilet paper": ("saddle_numbness", "yes"),
        "chills": ("fever", "not_sure"),
        "tight hamstring": ("flare", "yes"),
        "weird": ("saddle_numbness", "maybe"),
    }
)
RULES = SignRules(
    legs=frozenset({"foot_sole"}),
    saddle_area=frozenset({"groin"}),
    note_words={"numbness": ["numb"]},
    red_flag_questions=frozenset({"saddle_numbness", "fever"}),
    read_text=READER,
)


def words(text: str) -> list[tuple[str | None, str | None, str]]:
    return [
        (s.question, s.answer, s.evidence)
        for s in signs_in(LoggedEntry(T, "note", text=text), RULES)
        if s.id == "red_flag_words"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can't feel the toilet paper", [("saddle_numbness", "yes", "toilet paper")]),
        ("chills tonight", [("fever", "not_sure", "chills")]),
        ("a tight hamstring", []),  # a flag on a question that does not count
        ("it feels weird", []),  # an answer that does not raise
        ("toilet paper\ntoilet paper again", [("saddle_numbness", "yes", "toilet paper")]),
        ("", []),
    ],
)
def test_it_keeps_the_flags_that_count_once_each_with_their_words(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert words(text) == expected


def test_a_red_flag_sign_names_its_question_in_its_key() -> None:
    (sign,) = [
        s
        for s in signs_in(LoggedEntry(T, "pain_log", text="numb, toilet paper"), RULES)
        if s.question
    ]
    assert (sign.id, sign.key, sign.kind) == (
        "red_flag_words",
        "red_flag_words:saddle_numbness",
        "pain_log",
    )


def test_the_word_rule_keeps_its_words_and_the_reader_only_adds() -> None:
    found = signs_in(LoggedEntry(T, "note", text="Numb toes; toilet paper"), RULES)
    assert [(s.id, s.evidence) for s in found] == [
        ("numbness", "Numb"),
        ("red_flag_words", "toilet paper"),
    ]
    without = SignRules(RULES.legs, RULES.saddle_area, RULES.note_words)
    assert [s.id for s in signs_in(LoggedEntry(T, "note", text="Numb toes"), without)] == [
        "numbness"
    ]


def test_it_reads_each_line_and_each_two_lines_together() -> None:
    assert text_pieces(" one \n\ntwo\r\nthree") == ["one", "two", "three", "one two", "two three"]
    READER.read.clear()
    signs_in(LoggedEntry(T, "note", text="toilet\npaper"), RULES)
    assert READER.read == ["toilet", "paper", "toilet paper"]
    assert words("toilet\npaper") == [("saddle_numbness", "yes", "toilet paper")]


def test_a_map_without_text_is_not_read() -> None:
    READER.read.clear()
    signs_in(LoggedEntry(T, "map", frozenset({"left:groin"})), RULES)
    assert READER.read == []
