"""Invariants of describe over any text: it never raises, is deterministic, and doubt or
more words never turn a concern into a denial."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.domain.describe import Lexicon, describe

from .conftest import denied, flags

SOME_WORDS = st.lists(
    st.sampled_from(
        [
            "no", "not", "sure", "if", "my", "left", "right", "both", "leg", "legs", "numb",
            "when", "I", "wipe", "mum", "had", "cancer", "years", "ago", "fever", "but", "bum",
            "foot", "slapping", "bladder", "normal", ",", ".", "?", "maybe", "tingling",
            "rigth", "glute", "down", "to", "knee", "38.6", "temp", "of", "I'm", "72",
        ]
    ),
    max_size=40,
).map(" ".join)  # fmt: skip
FLAGGED = [
    "numb when I wipe",
    "I wet myself",
    "my foot keeps slapping",
    "temp of 38.6",
    "both my legs are weak",
    "I had a little accident with my bowels",
]


@settings(max_examples=300)
@given(st.text(max_size=400))
def test_it_never_raises_and_is_deterministic(lex: Lexicon, text: str) -> None:
    first = describe(text, lex)
    assert describe(text, lex) == first
    first.to_json()
    for flag in first.flags:
        assert flag.answer in ("yes", "not_sure") and flag.evidence
    assert not ({f.question for f in first.flags} & denied(first))


@settings(max_examples=300)
@given(SOME_WORDS)
def test_it_never_raises_on_wordy_text(lex: Lexicon, text: str) -> None:
    got = describe(text, lex)
    assert not (set(flags(got)) & denied(got))
    for words in [*got.place_words.values(), *got.feel_words.values()]:
        assert words in text


@settings(max_examples=100)
@given(st.sampled_from(FLAGGED), SOME_WORDS)
def test_not_sure_before_a_flagged_phrase_never_makes_a_denial(
    lex: Lexicon, phrase: str, before: str
) -> None:
    plain = flags(describe(phrase, lex))
    hedged = describe(f"{before}. not sure if {phrase}", lex)
    for question in plain:
        assert question in flags(hedged)
        assert question not in denied(hedged)


@settings(max_examples=100)
@given(st.sampled_from(FLAGGED), SOME_WORDS)
def test_a_later_sentence_never_removes_an_earlier_flag(
    lex: Lexicon, phrase: str, after: str
) -> None:
    plain = flags(describe(phrase, lex))
    longer = flags(describe(f"{phrase}. {after}", lex))
    for question, answer in plain.items():
        assert question in longer
        assert answer != "yes" or longer[question] == "yes"


def test_long_text_is_read_in_bounded_time(lex: Lexicon) -> None:
    # No timing assertion: the point is that 2,000 characters of one repeated phrase (the
    # service's limit) and of one unbroken word finish; the benchmark measures the speed.
    describe("no not sure if my left leg " * 80, lex)
    describe("a" * 2000, lex)
    describe("numb " * 400, lex)
