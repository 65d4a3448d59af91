"""Safety bugs a clinical reviewer found (issue 28): each phrasing that came out wrong."""

from __future__ import annotations

import pytest

from sciatica_coach.domain.describe import Lexicon, describe

from .conftest import denied, flags

# 1. A denial reaches back no further than a comma, and never over another question's words.


@pytest.mark.parametrize(
    ("text", "question", "also_denied"),
    [
        ("numb when I wipe, bowels are normal", "saddle_numbness", "bowel_incontinence"),
        ("my foot drags, bowels are fine", "weakness_new", "bowel_incontinence"),
        ("numb when I wipe and bowels are normal", "saddle_numbness", "bowel_incontinence"),
        ("my foot drags and bowels are fine", "weakness_new", "bowel_incontinence"),
        ("no fever and foot drags", "weakness_new", "fever"),
    ],
)
def test_a_denial_does_not_cancel_a_sign_of_another_question(
    lex: Lexicon, text: str, question: str, also_denied: str
) -> None:
    d = describe(text, lex)
    assert flags(d).get(question) == "yes"
    assert question not in denied(d)
    assert also_denied in denied(d)


@pytest.mark.parametrize(
    ("text", "questions"),
    [
        ("no bladder or bowel problems", {"bladder_change", "bowel_incontinence"}),
        ("denies bowel/bladder sx", {"bladder_change", "bowel_incontinence"}),
        ("no fever or numbness", {"fever", "numbness"}),
        ("bladder and bowels are normal", {"bladder_change", "bowel_incontinence"}),
    ],
)
def test_a_denial_of_several_joined_topics_still_denies_them_all(
    lex: Lexicon, text: str, questions: set[str]
) -> None:
    d = describe(text, lex)
    assert questions <= denied(d)
    assert not questions & set(flags(d))


def test_a_flag_and_a_denial_of_the_same_question_the_flag_wins(lex: Lexicon) -> None:
    d = describe("bowels are fine. I had an accident with my bowels this morning", lex)
    assert flags(d).get("bowel_incontinence") == "yes"
    assert "bowel_incontinence" not in denied(d)


def test_a_leak_after_apart_from_is_not_denied(lex: Lexicon) -> None:
    d = describe("pee is normal apart from leaking when I cough", lex)
    assert flags(d).get("bladder_change") == "yes"
    assert "bladder_change" not in denied(d)


# 2. Only a long time said close to the sign moves it down, and never a sign said to be new.


@pytest.mark.parametrize(
    ("text", "question", "not_question"),
    [
        (
            "I'm 40 years old and both legs went numb this morning",
            "both_legs",
            "both_legs_long_standing",
        ),
        (
            "both legs went numb this morning, no change in my bladder though",
            "both_legs",
            "both_legs_long_standing",
        ),
        (
            "both legs are weak anyway, it started this morning",
            "both_legs",
            "both_legs_long_standing",
        ),
        (
            "both legs have been numb for years but much worse since yesterday",
            "both_legs",
            "both_legs_long_standing",
        ),
        (
            "my foot drags since Monday, no change with my bladder",
            "weakness_new",
            "weakness_long_standing",
        ),
    ],
)
def test_an_emergency_sign_is_not_moved_down_by_words_far_from_it(
    lex: Lexicon, text: str, question: str, not_question: str
) -> None:
    d = describe(text, lex)
    assert flags(d).get(question) == "yes"
    assert not_question not in flags(d)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("both legs have been numb for years", "both_legs_long_standing"),
        ("my foot drags, it has for years", "weakness_long_standing"),
    ],
)
def test_a_long_time_said_near_the_sign_moves_it_down(
    lex: Lexicon, text: str, question: str
) -> None:
    assert flags(describe(text, lex)).get(question) == "yes"


# 3. A hedge after a denial makes it doubt: not_sure, never a denial.


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("bladder normal, I think", "bladder_change"),
        ("bowels fine probably", "bowel_incontinence"),
        ("I'm not numb down there, I don't think", "saddle_numbness"),
        ("no problems down below as far as I know", "saddle_numbness"),
        ("I have no fever I think", "fever"),
        ("bladder is fine I reckon", "bladder_change"),
        ("bowels are normal, I believe", "bowel_incontinence"),
        ("no fever I guess", "fever"),
    ],
)
def test_a_hedged_denial_is_not_sure(lex: Lexicon, text: str, question: str) -> None:
    d = describe(text, lex)
    assert flags(d).get(question) == "not_sure"
    assert question not in denied(d)
    assert next(f.evidence for f in d.flags if f.question == question)


def test_a_hedge_with_words_of_its_own_does_not_reach_back_over_a_comma(lex: Lexicon) -> None:
    d = describe("numb when I wipe, not sure about my bowels", lex)
    assert flags(d).get("saddle_numbness") == "yes"
    assert flags(d).get("bowel_incontinence") == "not_sure"


# 4. Only words saying the injury was checked afterwards explain a fall away.


@pytest.mark.parametrize(
    "text",
    [
        "fell off the roof and I've wet myself",
        "fell off a ladder yesterday, waiting for an x ray",
        "I had a scan, fell off a ladder last week",
        "crashed my car and pooed myself",
    ],
)
def test_a_big_fall_is_major_trauma_whatever_else_is_said(lex: Lexicon, text: str) -> None:
    assert flags(describe(text, lex)).get("major_trauma") == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "fell off a ladder last month, the doctor checked me over and gave the all clear",
        "had an accident in my pants",
        "I had a little accident with my bowels",
    ],
)
def test_a_checked_injury_or_a_toilet_accident_is_not_major_trauma(lex: Lexicon, text: str) -> None:
    assert "major_trauma" not in flags(describe(text, lex))


# 6. "I don't know when I need a wee" is a lost feeling of a full bladder, not a hedge.


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("I don't know when I need a wee", "bladder_change"),
        ("I don't know when I need a poo", "bowel_incontinence"),
        ("I don't know when my bladder is full", "bladder_change"),
    ],
)
def test_not_knowing_when_you_need_to_go_is_a_yes(lex: Lexicon, text: str, question: str) -> None:
    assert flags(describe(text, lex)).get(question) == "yes"


# 5. Phrases that answered a question they do not speak to.


def test_never_having_had_back_pain_needs_an_age_of_fifty_or_more(lex: Lexicon) -> None:
    assert "age_over_50_new_pain" not in flags(describe("never had back pain before", lex))
    d = describe("I'm 58 and I've never had back pain before", lex)
    assert flags(d).get("age_over_50_new_pain") == "yes"


@pytest.mark.parametrize("text", ["I'm off my food", "no appetite", "I've lost my appetite"])
def test_eating_less_is_only_a_maybe_of_weight_loss(lex: Lexicon, text: str) -> None:
    assert flags(describe(text, lex)).get("weight_loss_unexplained") == "not_sure"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("back feels hot and red", None),
        ("my leg is hot and red", "yes"),
        ("my right calf is swollen, hot and red", "yes"),
    ],
)
def test_hot_and_red_is_a_calf_sign_only_in_a_leg(
    lex: Lexicon, text: str, expected: str | None
) -> None:
    assert flags(describe(text, lex)).get("calf_swelling") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can't feel it", None),
        ("my back hurts. can't feel it", None),
        ("my leg hurts. can't feel it now", "yes"),
        ("my calf, can't feel it", "yes"),
    ],
)
def test_numbness_needs_a_body_part(lex: Lexicon, text: str, expected: str | None) -> None:
    assert flags(describe(text, lex)).get("numbness") == expected


# Two words of a sign said in two clauses that are said differently are not one sign.


@pytest.mark.parametrize(
    "text",
    [
        "my foot is numb, not sure about the bladder",
        "my foot is numb but not sure about my bladder",
    ],
)
def test_a_doubted_topic_does_not_swallow_a_numb_foot(lex: Lexicon, text: str) -> None:
    d = describe(text, lex)
    assert flags(d).get("numbness") == "yes"
    assert flags(d).get("bladder_change") == "not_sure"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("pee is normal, but leaking when I cough", "bladder_change"),
        ("when I wipe, it feels numb", "saddle_numbness"),
    ],
)
def test_a_sign_across_a_comma_still_counts(lex: Lexicon, text: str, question: str) -> None:
    assert flags(describe(text, lex)).get(question) == "yes"


def test_an_age_in_years_is_not_pain_for_years(lex: Lexicon) -> None:
    d = describe("I'm 40 years old and both legs went numb this morning", lex)
    assert "back_pain_before_45" not in flags(d)
    d = describe("I'm 30 years old, back pain for 2 years", lex)
    assert flags(d).get("back_pain_before_45") == "yes"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("leg gave way and everything else is normal", "weakness_new"),
        ("numb down below and the rest is normal", "saddle_numbness"),
        ("my leg is numb and everything else is normal", "numbness"),
        ("can't feel the toilet paper, bladder is fine", "saddle_numbness"),
    ],
)
def test_is_normal_denies_only_what_is_said_right_before_it(
    lex: Lexicon, text: str, question: str
) -> None:
    d = describe(text, lex)
    assert flags(d).get(question) == "yes"
    assert question not in denied(d)
    assert "bladder_change" not in flags(d)


@pytest.mark.parametrize(
    "text",
    ["my foot drags, the other leg is fine", "my right foot drags and the other leg is fine"],
)
def test_the_other_leg_being_fine_does_not_explain_away_a_foot_drop(
    lex: Lexicon, text: str
) -> None:
    assert flags(describe(text, lex)).get("weakness_new") == "yes"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("I'm not sure if I can feel when I wipe", "saddle_numbness"),
        ("I don't know if my foot is numb", "numbness"),
        ("unsure if it's numb down there", "saddle_numbness"),
        ("wondering if it's numb down there", "saddle_numbness"),
    ],
)
def test_not_sure_if_is_doubt_not_a_what_if(lex: Lexicon, text: str, question: str) -> None:
    assert flags(describe(text, lex)).get(question) == "not_sure"


def test_a_what_if_after_a_doubt_of_something_else_stays_a_what_if(lex: Lexicon) -> None:
    d = describe("my foot is numb I think. If it gets numb down there I'll go", lex)
    assert "saddle_numbness" not in flags(d)
    assert "hypothetical" in {a.kind for a in d.asides}


def test_feeling_sick_does_not_explain_away_weight_loss(lex: Lexicon) -> None:
    d = describe("lost a stone without trying and I feel sick all the time", lex)
    assert flags(d).get("weight_loss_unexplained") == "yes"
    assert "weight_loss_unexplained" not in flags(describe("lost weight since I was ill", lex))


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("my bladder isn't normal", "bladder_change"),
        ("my bowels aren't normal", "bowel_incontinence"),
        ("bladder not right", "bladder_change"),
    ],
)
def test_a_topic_said_not_normal_is_not_sure(lex: Lexicon, text: str, question: str) -> None:
    d = describe(text, lex)
    assert flags(d).get(question) == "not_sure"
    assert question not in denied(d)


# Doubt said as "hard to tell if" or about feeling itself is doubt, never a what-if.


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("difficult to tell if my bladder is working properly", "bladder_change"),
        ("hard to say if my foot drags or not", "weakness_new"),
        ("not sure whether I can feel the paper when I wipe", "saddle_numbness"),
        ("don't know if I can feel anything down below", "saddle_numbness"),
    ],
)
def test_doubt_about_a_sign_is_not_sure_not_a_what_if(
    lex: Lexicon, text: str, question: str
) -> None:
    assert flags(describe(text, lex)).get(question) == "not_sure"


def test_feeling_the_paper_is_no_sign(lex: Lexicon) -> None:
    assert "saddle_numbness" not in flags(describe("I can feel the paper when I wipe", lex))
