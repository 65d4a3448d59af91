"""ConText rules: denial, doubt, family, history, hypothetical and terminators."""

from __future__ import annotations

import pytest

from sciatica_coach.domain.describe import Lexicon, describe

from .conftest import denied, flags


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("no fever", "fever"),
        ("I have no fever", "fever"),
        ("no numbness in my leg", "numbness"),
        ("bladder and bowels are normal", "bladder_change"),
        ("bladder and bowels are normal", "bowel_incontinence"),
        ("I haven't lost weight", "weight_loss_unexplained"),
        ("I havent got a temperature", "fever"),
        ("no problems peeing", "bladder_change"),
        ("no numbness down below", "saddle_numbness"),
    ],
)
def test_it_lists_a_denial_and_never_flags_it(lex: Lexicon, text: str, question: str) -> None:
    d = describe(text, lex)
    assert question in denied(d)
    assert question not in flags(d)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("not sure if my foot is numb", "numbness"),
        ("I think I might be peeing less", "bladder_change"),
        ("maybe a fever", "fever"),
        ("I don't think I've got any numbness in my leg", "numbness"),
        ("I'm not sure my bladder is normal", "bladder_change"),
        ("numb-ish calf", "numbness"),
        ("?foot drop", "weakness_new"),
        ("not sure if it's numb down there", "saddle_numbness"),
    ],
)
def test_doubt_gives_not_sure_even_with_a_negation(lex: Lexicon, text: str, question: str) -> None:
    d = describe(text, lex)
    assert flags(d).get(question) == "not_sure"
    assert question not in denied(d)


@pytest.mark.parametrize(
    ("text", "question", "kind"),
    [
        ("my mum had breast cancer", "cancer_history", "family"),
        ("my dad had a DVT", "clot_history", "family"),
        ("my sister is pregnant", "pregnant", "family"),
        ("if it spreads to my foot I'll see a doctor", "symptoms_spreading", "hypothetical"),
        ("in case I get a fever", "fever", "hypothetical"),
        ("I used to have weakness in my leg", "weakness_new", "history"),
    ],
)
def test_asides_are_not_flags(lex: Lexicon, text: str, question: str, kind: str) -> None:
    d = describe(text, lex)
    assert question not in flags(d)
    assert question not in denied(d)
    assert kind in {a.kind for a in d.asides}


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("I had bowel cancer 4 years ago", "cancer_history"),
        ("had a blood clot in my leg in 2019", "clot_history"),
        ("had my hip replaced years ago", "hip_replacement"),
    ],
)
def test_the_persons_own_past_answers_a_question_about_the_past(
    lex: Lexicon, text: str, question: str
) -> None:
    assert flags(describe(text, lex)).get(question) == "yes"


def test_a_terminator_ends_a_negation(lex: Lexicon) -> None:
    d = describe("no fever but my left calf is swollen", lex)
    assert "fever" in denied(d)
    assert flags(d).get("calf_swelling") == "yes"
    assert "left:calf_posterior" in d.places


def test_a_negation_reaches_only_so_far(lex: Lexicon) -> None:
    d = describe("no pain at the moment in the evening when sitting, numb left shin", lex)
    assert flags(d).get("numbness") == "yes"


def test_a_pseudo_trigger_is_not_a_negation(lex: Lexicon) -> None:
    d = describe("tingling in both feet for years, nothing has changed", lex)
    assert "tingling" in d.feels
    assert flags(d).get("both_legs_long_standing") == "yes"


def test_a_family_members_condition_is_not_the_persons(lex: Lexicon) -> None:
    d = describe("my grandmother has osteoporosis, my left outer hip is tender", lex)
    assert "osteoporosis" not in flags(d)
    assert "left:hip_lateral" in d.places


def test_a_clause_ending_negation_does_not_reach_the_next_clause(lex: Lexicon) -> None:
    d = describe("I don't, my left outer hip is tender", lex)
    assert "left:hip_lateral" in d.places
    assert "ache" in d.feels


def test_a_family_members_symptom_gives_no_place(lex: Lexicon) -> None:
    d = describe("my dad has a sore knee", lex)
    assert not d.places and not d.which_side and not d.feels


def test_a_hypothetical_place_is_not_a_place(lex: Lexicon) -> None:
    d = describe("if it spreads to my foot I'll go to the doctor", lex)
    assert not any("foot" in p for p in d.places)
