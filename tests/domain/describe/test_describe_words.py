"""Places, sides, feelings, typos and flags from plain words."""

from __future__ import annotations

import pytest

from sciatica_coach.domain.describe import Lexicon, describe

from .conftest import flags


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("my left bum cheek", {"left:buttock_center"}),
        ("right glute", {"right:buttock_center"}),
        ("sore right butt", {"right:buttock_center"}),
        ("left hammy", {"left:thigh_posterior"}),
        ("back of my left thigh", {"left:thigh_posterior"}),
        ("outside of my right leg", {"right:thigh_lateral", "right:calf_lateral"}),
        ("left shin", {"left:calf_lateral"}),
        ("right toes", {"right:foot_dorsum"}),
        ("the dimple above my bum on the left", {"left:sacroiliac"}),
        ("near the crack", {"midline:coccyx"}),
        ("my tailbone", {"midline:coccyx"}),
        ("base of my spine", {"midline:sacrum"}),
        ("left side from buttock down to the knee", {
            "left:buttock_center", "left:thigh_posterior", "left:knee_posterior"
        }),
        ("both sides of my lower back", {"left:lumbar", "right:lumbar"}),
        ("my bum is sore, both sides", {"left:buttock_center", "right:buttock_center"}),
        ("rigth hip", {"right:hip_lateral"}),
        ("Lumbar pain L side", {"left:lumbar"}),
    ],
)  # fmt: skip
def test_it_finds_places_with_their_side(lex: Lexicon, text: str, places: set[str]) -> None:
    assert set(describe(text, lex).places) == places


def test_a_side_carries_through_its_sentence_only(lex: Lexicon) -> None:
    d = describe("left side of my back hurts, down the leg to the knee. My calf aches.", lex)
    assert {"left:lumbar", "left:thigh_posterior"} <= set(d.places)
    assert "calf_posterior" in d.which_side


def test_an_unsided_place_asks_which_side(lex: Lexicon) -> None:
    d = describe("my lower back aches", lex)
    assert d.places == ()
    assert d.which_side == ("lumbar",)


def test_plural_without_both_is_unsided(lex: Lexicon) -> None:
    d = describe("my glutes ache on the left after squats", lex)
    assert "buttock_center" in d.which_side


def test_the_other_leg_marks_both_legs(lex: Lexicon) -> None:
    d = describe("my left leg hurts and now the other leg too", lex)
    assert flags(d).get("both_legs") == "yes"


def test_a_limb_without_a_part_gives_no_place(lex: Lexicon) -> None:
    d = describe("my right leg hurts", lex)
    assert d.places == () and d.which_side == ()


@pytest.mark.parametrize(
    ("text", "feeling"),
    [
        ("sore", "ache"), ("tender", "ache"), ("dull", "ache"), ("aching", "ache"),
        ("stiff", "tight"), ("cramp", "tight"), ("cramping", "tight"),
        ("stabbing", "sharp"), ("tearing", "sharp"),
        ("shooting", "electric"), ("zaps", "electric"), ("shocks", "electric"),
        ("pins and needles", "tingling"), ("tingeling", "tingling"), ("tinglin", "tingling"),
        ("dead", "numbness"), ("can't feel", "numbness"), ("numbnes", "numbness"),
        ("numbess", "numbness"), ("burnin", "burning"), ("on fire", "burning"),
    ],
)  # fmt: skip
def test_it_finds_feelings(lex: Lexicon, text: str, feeling: str) -> None:
    assert describe(f"my calf is {text}", lex).feels == (feeling,)


@pytest.mark.parametrize("text", ["pain", "hurts", "throbbing", "agony", "my chest is tight"])
def test_plain_pain_gives_no_feeling(lex: Lexicon, text: str) -> None:
    assert describe(text, lex).feels == ()


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("glutte", "glute"),
        ("tingeling", "tingling"),
        ("numbnes", "numbness"),
        ("buttok", "buttock"),
    ],
)
def test_it_corrects_typos(lex: Lexicon, typo: str, word: str) -> None:
    assert lex.correct(typo) == word


@pytest.mark.parametrize("word", ["light", "night", "sight", "lef", "rite", "bak", "nerv", "might"])
def test_it_never_corrects_short_or_known_words_into_others(lex: Lexicon, word: str) -> None:
    assert lex.correct(word) == word


def test_a_night_is_not_a_right(lex: Lexicon) -> None:
    d = describe("my hip hurts at night", lex)
    assert d.places == () and d.which_side == ("hip_lateral",)


@pytest.mark.parametrize(
    ("text", "question", "answer"),
    [
        ("it feels numb when I wipe", "saddle_numbness", "yes"),
        ("I can't feel the toilet paper", "saddle_numbness", "yes"),
        ("numb down below", "saddle_numbness", "yes"),
        ("my bum is numb", "saddle_numbness", "not_sure"),
        ("I wet myself this morning", "bladder_change", "yes"),
        ("I had a little accident with my bowels", "bowel_incontinence", "yes"),
        ("Both my legs have gone weak", "both_legs", "yes"),
        ("my foot keeps slapping on the floor", "weakness_new", "yes"),
        ("my foot keeps slapping and it's getting worse", "weakness_progressing", "yes"),
        ("I can't lift my foot", "weakness_new", "yes"),
        ("temp of 38.6", "fever", "yes"),
        ("I feel hot and shivery", "fever", "not_sure"),
        ("lost a stone without trying", "weight_loss_unexplained", "yes"),
        ("I had breast cancer", "cancer_history", "yes"),
        ("it hurts at night whatever position I lie in", "night_pain_constant", "yes"),
        ("I'm 72", "age_65_or_over", "yes"),
        ("i am 16", "age_under_18", "yes"),
        ("numb patch on my right shin", "numbness", "yes"),
        ("my calf is swollen, hot and red", "calf_swelling", "yes"),
    ],
)
def test_it_flags_screening_questions(lex: Lexicon, text: str, question: str, answer: str) -> None:
    assert flags(describe(text, lex)).get(question) == answer


@pytest.mark.parametrize(
    "text",
    ["lost 5 kg since starting the gym and diet", "I'm 30 weeks pregnant", "I'm fine"],
)
def test_explained_or_unrelated_words_raise_no_flag(lex: Lexicon, text: str) -> None:
    got = flags(describe(text, lex))
    assert "weight_loss_unexplained" not in got
    assert "age_under_18" not in got and "age_65_or_over" not in got


def test_evidence_is_the_exact_words_of_the_text(lex: Lexicon) -> None:
    text = "Rigth hammy is TIGHT, and it feels Numb when I Wipe"
    d = describe(text, lex)
    for words in [*d.place_words.values(), *d.feel_words.values(), *(f.evidence for f in d.flags)]:
        assert words in text
    assert d.place_words["right:thigh_posterior"] == "hammy"
    assert dict((f.question, f.evidence) for f in d.flags)["saddle_numbness"] == (
        "feels Numb when I Wipe"
    )


def test_the_json_has_the_contract_shape(lex: Lexicon) -> None:
    got = describe("no fever; my mum had cancer; burning left calf, not sure if numb", lex)
    data = got.to_json()
    assert set(data) == {"places", "feels", "flags", "denied", "words", "which_side", "not_current"}
    assert data["places"] == ["left:calf_posterior"]
    assert data["denied"] == [{"question": "fever", "evidence": "no fever"}]
    assert {"kind": "family", "words": "had cancer"} in data["not_current"]
    assert set(data["words"]) == {"places", "feels"}
    assert not got.is_empty()
    assert describe("hello there", lex).is_empty()


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("I can't feel anything when I wipe my bum", "saddle_numbness"),
        ("my privates feel numb since yesterday", "saddle_numbness"),
        ("struggling to pass water since this morning", "bladder_change"),
        ("I pooed myself without noticing", "bowel_incontinence"),
        ("sudden agonising pain in my tummy and back, it's pulsing", "sudden_severe_belly_or_back"),
        ("my left leg is swollen and red", "calf_swelling"),
        ("my right foot is dragging", "weakness_new"),
    ],
)
def test_words_close_together_flag_a_question(lex: Lexicon, text: str, question: str) -> None:
    assert flags(describe(text, lex)).get(question) == "yes"


def test_words_close_together_still_respect_a_negation(lex: Lexicon) -> None:
    d = describe("no problems when I pee", lex)
    assert "bladder_change" not in flags(d)


def test_a_side_that_belongs_to_a_later_word_is_not_borrowed(lex: Lexicon) -> None:
    d = describe("pain in my lower back radiating to my right leg", lex)
    assert d.places == () and d.which_side == ("lumbar",)


def test_a_family_members_age_is_not_the_persons(lex: Lexicon) -> None:
    assert "age_65_or_over" not in flags(describe("My 70 year old mum has back pain", lex))


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("my lft leg is numm, pain in my left buttox", {"left:buttock_center"}),
        ("numbnes in my rite foot", {"right:foot_dorsum"}),
        ("L4 L5 disc, pain in my lower back", set()),
        ("bad pain down the back of both legs", {"left:thigh_posterior", "right:thigh_posterior"}),
    ],
)
def test_common_misspellings_and_plurals(lex: Lexicon, text: str, places: set[str]) -> None:
    assert set(describe(text, lex).places) == places


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("I've lost 2 stone this year and I'm not dieting", "weight_loss_unexplained"),
        ("I was diagnosed with a slipped disc last year", "known_condition"),
    ],
)
def test_a_negated_explanation_explains_nothing(lex: Lexicon, text: str, question: str) -> None:
    assert flags(describe(text, lex)).get(question) == "yes"


def test_a_fear_is_not_a_symptom(lex: Lexicon) -> None:
    assert "cancer_history" not in flags(describe("I'm terrified I might have cancer", lex))


@pytest.mark.parametrize(
    "text",
    ["stubbed my toe last night, now my foot aches", "my left ankle swells a bit in hot weather"],
)
def test_look_alike_words_raise_nothing(lex: Lexicon, text: str) -> None:
    d = describe(text, lex)
    assert "sharp" not in d.feels
    assert "calf_swelling" not in flags(d)
