"""Describing the pain in one's own words: the text is checked before the engine reads it, and
what the check and the map take from a description can only raise a concern (a denial is never
an answer "no"; "yes" wins over "not sure")."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.coach import describe as described
from sciatica_coach.coach.describe import (
    DESCRIBE_LIMIT,
    PreAnswer,
    check_answers_from,
    denials_from,
    describe_text,
    map_marks_from,
    red_flags,
)
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.describe import Aside, Denial, Description, Flag


def made(
    flags: tuple[Flag, ...] = (),
    denied: tuple[Denial, ...] = (),
    places: tuple[str, ...] = (),
    feels: tuple[str, ...] = (),
    which_side: tuple[str, ...] = (),
) -> Description:
    """A description as the engine could give it, without running the engine."""
    return Description(
        places=places,
        place_words={p: f"words for {p}" for p in places},
        feels=feels,
        feel_words={f: f"words for {f}" for f in feels},
        flags=flags,
        denied=denied,
        asides=(),
        which_side=which_side,
    )


# --- the text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Write a few words about your pain"),
        ("  \n\t ", "Write a few words about your pain"),
        ("12345 !!! ... ??", "Nothing in that could be read"),
        ("\u2603 \u2764 42", "Nothing in that could be read"),
        ("qwzx plorf vrrk", "Nothing in that could be read"),
    ],
)
def test_it_refuses_empty_or_unreadable_text_saying_what_to_write(
    kb: KnowledgeBase, text: str, says: str
) -> None:
    with pytest.raises(Invalid) as refused:
        describe_text(kb, text)
    [(loc, message)] = refused.value.problems
    assert loc == ("text",)
    assert message.startswith(says)
    assert "where it hurts and how it feels" in message


def test_it_refuses_text_over_the_limit_before_the_engine_reads_it(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    def engine(*_: object) -> Description:
        raise AssertionError("the engine read a text over the limit")

    monkeypatch.setattr(described, "describe", engine)
    text = "burning in my left calf " * 200
    with pytest.raises(Invalid) as refused:
        describe_text(kb, text)
    [(loc, message)] = refused.value.problems
    assert loc == ("text",)
    assert f"at most {DESCRIBE_LIMIT} characters" in message
    assert f"this one has {len(text.strip())}" in message


def test_a_text_of_exactly_the_limit_is_read(kb: KnowledgeBase) -> None:
    sentence = "burning down the outside of my left leg. "
    text = (sentence * (DESCRIBE_LIMIT // len(sentence) + 1))[:DESCRIBE_LIMIT]
    assert len(text.strip()) == DESCRIBE_LIMIT
    assert "left:thigh_lateral" in describe_text(kb, text).places


def test_spaces_around_the_text_do_not_count_toward_the_limit(kb: KnowledgeBase) -> None:
    text = " " * 5000 + "burning down the outside of my left leg" + "\n" * 5000
    assert "burning" in describe_text(kb, text).feels


def test_a_half_character_cannot_break_the_words_quoted_back(kb: KnowledgeBase) -> None:
    found = describe_text(kb, "burning down the outside of my left leg \ud800 \udcff")
    json.dumps(found.to_json(), ensure_ascii=False).encode("utf-8")  # no UnicodeEncodeError
    assert described.readable("a\ud83d\ude00b") == "a\U0001f600b"  # a whole pair is kept


def test_it_reads_the_issues_own_examples(kb: KnowledgeBase) -> None:
    leg = describe_text(kb, "burning down the outside of my left leg to the ankle")
    assert "left:thigh_lateral" in leg.places
    assert "burning" in leg.feels
    wipe = describe_text(kb, "my bum cheek hurts and it feels numb when I wipe")
    assert check_answers_from(wipe, kb)["saddle_numbness"].answer == "yes"
    assert "saddle_numbness" in red_flags(kb, wipe)


WORDS = st.sampled_from(
    ["left", "right", "both", "no", "not", "sure", "numb", "wipe", "calf", "bum", "leg", "if",
     "my", "mum", "had", "cancer", "burning", "pins", "needles", ",", ".", "?", "\n", "🔥"]
)  # fmt: skip


@given(st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join)))
def test_any_text_is_read_or_refused_in_plain_words(kb: KnowledgeBase, text: str) -> None:
    try:
        found = describe_text(kb, text)
    except Invalid as refused:
        assert [loc for loc, _ in refused.problems] == [("text",)]
        return
    json.dumps(found.to_json(), ensure_ascii=False).encode("utf-8")
    for pre in check_answers_from(found, kb).values():
        assert pre.answer in ("yes", "not_sure")  # never "no"
    assert set(map_marks_from(found).where) <= set(found.places)


# --- for the check --------------------------------------------------------------------------


def test_a_flag_pre_answers_its_question_with_the_words() -> None:
    found = check_answers_from(made(flags=(Flag("fever", "not_sure", "hot and shivery"),)))
    assert found == {"fever": PreAnswer("not_sure", "hot and shivery")}
    assert found["fever"].value == "not_sure"
    assert PreAnswer("yes", "numb when I wipe").value is True


def test_yes_wins_over_not_sure_and_both_words_are_kept() -> None:
    found = check_answers_from(
        made(
            flags=(
                Flag("numbness", "not_sure", "maybe numb"),
                Flag("numbness", "yes", "my foot is numb"),
                Flag("numbness", "not_sure", "maybe numb"),
            )
        )
    )
    assert found["numbness"] == PreAnswer("yes", "maybe numb … my foot is numb")


def test_a_denial_is_never_an_answer() -> None:
    description = made(denied=(Denial("fever", "no fever"), Denial("bladder_change", "bladder ok")))
    assert check_answers_from(description) == {}
    assert denials_from(description) == {"fever": "no fever", "bladder_change": "bladder ok"}


def test_a_question_both_raised_and_denied_is_raised_only() -> None:
    description = made(
        flags=(Flag("fever", "not_sure", "feverish maybe"),),
        denied=(Denial("fever", "no fever"),),
    )
    assert check_answers_from(description)["fever"].answer == "not_sure"
    assert denials_from(description) == {}


def test_with_the_knowledge_base_only_questions_the_check_asks_in_its_order(
    kb: KnowledgeBase,
) -> None:
    description = made(
        flags=(
            Flag("fever", "yes", "38.5"),
            Flag("sessions_today", "yes", "twice today"),  # the journal answers this one
            Flag("no_such_question", "yes", "words"),
            Flag("saddle_numbness", "yes", "numb when I wipe"),
        ),
        denied=(Denial("no_such_question", "no"), Denial("bladder_change", "bladder fine")),
    )
    asked = [q.id for q in kb.screening.questions]
    found = list(check_answers_from(description, kb))
    assert found == ["saddle_numbness", "fever"]
    assert found == sorted(found, key=asked.index)
    assert list(denials_from(description, kb)) == ["bladder_change"]


@pytest.mark.parametrize(
    ("raised", "red"),
    [
        (("saddle_numbness",), ("saddle_numbness",)),  # emergency alone
        (("fever",), ("fever",)),  # urgent alone
        (("cancer_history",), ("cancer_history",)),  # counts alone, urgent in company
        (("numbness",), ()),
        (("age_65_or_over",), ()),  # means nothing alone
        (("osteoporosis_fall", "age_65_or_over"), ("osteoporosis_fall",)),  # together: urgent
        (("no_such_question",), ()),
    ],
)
def test_red_flags_are_the_questions_that_can_make_a_check_urgent(
    kb: KnowledgeBase, raised: tuple[str, ...], red: tuple[str, ...]
) -> None:
    description = made(flags=tuple(Flag(q, "not_sure", q) for q in raised))
    assert red_flags(kb, description) == red


# --- for the map ----------------------------------------------------------------------------


def test_the_map_gets_places_feelings_and_what_to_ask_which_side() -> None:
    marks = map_marks_from(
        made(
            places=("left:thigh_lateral", "midline:sacrum", "left:thigh_lateral"),
            feels=("burning", "throbbing"),
            which_side=("lumbar",),
        )
    )
    assert marks.where == ("left:thigh_lateral", "midline:sacrum")
    assert marks.feels == ("burning",)  # only the map's own feelings
    assert marks.which_side == ("lumbar",)
    assert marks.words["left:thigh_lateral"] == "words for left:thigh_lateral"
    assert "throbbing" not in marks.words


@pytest.mark.parametrize(
    ("side", "keys"),
    [
        ("left", ("left:lumbar",)),
        ("right", ("right:lumbar",)),
        ("both", ("left:lumbar", "right:lumbar")),
    ],
)
def test_a_side_chosen_gives_the_maps_keys(side: str, keys: tuple[str, ...]) -> None:
    assert described.sided("lumbar", side) == keys


def test_asides_are_kept_apart_from_the_persons_symptoms() -> None:
    description = Description(
        places=(),
        place_words={},
        feels=(),
        feel_words={},
        flags=(),
        denied=(),
        asides=(Aside("family", "my mum had cancer"),),
        which_side=(),
    )
    assert check_answers_from(description) == {}
    assert map_marks_from(description).where == ()
