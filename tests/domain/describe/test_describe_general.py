"""Red flags in words no list spells out: word classes by meaning (a body area or function
and a kind of loss or change) met in one clause raise the question as "not sure".

The phrasings here are written for these tests: they are in neither evaluation set, so they
check that the classes generalise rather than that a phrase was copied in.
"""

from __future__ import annotations

import pytest

from sciatica_coach.domain.describe import Lexicon, describe

from .conftest import denied, flags

NEW_WORDINGS = [
    # saddle: area x loss of feeling, area x odd feeling
    ("the bit between my legs has gone completely dead since Monday", "saddle_numbness"),
    ("my undercarriage feels like it has been to the dentist", "saddle_numbness"),
    ("my willy feels numb and cold", "saddle_numbness"),
    ("it's like sitting on a bag of ice, I can't feel my seat at all", "saddle_numbness"),
    ("wiping feels like wiping someone else", "saddle_numbness"),
    ("my privates feel like they belong to someone else", "saddle_numbness"),
    # bladder and bowel: function x loss of control, underwear x unawareness
    ("I went to wee and it just dribbled out slowly", "bladder_change"),
    ("I keep having little leaks when I stand up, never used to", "bladder_change"),
    ("had to change my knickers twice today, didn't even know I'd gone", "bladder_change"),
    ("had to change my knickers twice today, didn't even know I'd gone", "bowel_incontinence"),
    ("my pants were soiled and I never felt it happen", "bowel_incontinence"),
    ("I don't get any warning before I need a number two anymore", "bowel_incontinence"),
    ("the wee just won't come even though I'm bursting", "bladder_change"),
    # sex
    ("down there doesn't work like it used to, can't keep an erection", "sexual_dysfunction_new"),
    ("I can't feel anything during intercourse any more", "sexual_dysfunction_new"),
    # legs that fail
    ("my left leg keeps giving out on the stairs", "weakness_new"),
    ("my foot flops down when I walk and slaps the pavement", "weakness_new"),
    ("I cannot stand up on my tiptoes on the right any more", "weakness_new"),
    ("my right thigh has no power, climbing stairs is impossible", "weakness_new"),
    ("my legs feel like jelly and it's worse every day", "weakness_progressing"),
    # trauma
    ("came off a quad bike at the weekend and landed on my back", "major_trauma"),
    ("fell through the loft hatch onto the landing", "major_trauma"),
    ("a car hit me on my bike on Tuesday", "major_trauma"),
    ("got rear ended on the motorway on Friday, back's been agony since", "major_trauma"),
    # DVT, chest
    ("my lower leg is swollen and shiny and feels hot to touch", "calf_swelling"),
    ("one calf is fatter than the other and throbs", "calf_swelling"),
    ("I'm gasping for breath going upstairs since the pain started", "breathless_or_chest_pain"),
    # fever, weight
    ("I keep getting the sweats and shivers and my back is killing me", "fever"),
    ("I've gone down two dress sizes without meaning to", "weight_loss_unexplained"),
    ("shed a stone in six weeks and not trying", "weight_loss_unexplained"),
    ("my jeans are hanging off me lately", "weight_loss_unexplained"),
    ("my belt is on a new notch, I haven't been trying to lose weight", "weight_loss_unexplained"),
    # sudden severe pain, night pain, cancer
    ("the back pain came on like a ripping feeling straight through to my stomach",
     "sudden_severe_belly_or_back"),
    ("I came over all faint with this back pain and had to sit on the floor",
     "sudden_severe_belly_or_back"),
    ("it was like something tore inside my tummy", "sudden_severe_belly_or_back"),
    ("lying in bed nothing helps it, I've tried every position", "night_pain_constant"),
    ("the pain wakes me every few hours through the night", "night_pain_constant"),
    ("pain is there all night and nothing shifts it", "night_pain_constant"),
    ("I had radiotherapy for a tumour in my breast in 2018", "cancer_history"),
    ("my prostate cancer was removed two years ago", "cancer_history"),
    ("they found a growth on my kidney that was removed", "cancer_history"),
    ("I'm under the oncology team for my bowel", "cancer_history"),
    ("I peed without realising today", "bladder_change"),
    ("I wasn't aware I needed the loo until I'd gone", "bladder_change"),
    ("I have to push to get my wee out", "bladder_change"),
    ("my pee comes out in a trickle", "bladder_change"),
    ("I didn't feel the poo coming", "bowel_incontinence"),
    ("my calf has come up like a balloon", "calf_swelling"),
    ("my leg has ballooned", "calf_swelling"),
    ("I'm up every night with it", "night_pain_constant"),
    ("I'm on hormone tablets after my breast cancer", "cancer_history"),
    ("I'm down nearly a stone and I've been eating normally", "weight_loss_unexplained"),
    ("my legs have both gone numb", "both_legs"),
    ("now it's down both sides", "both_legs"),
    ("the numbness is in both thighs now", "both_legs"),
    ("my legs are numb and tingly from the knees down", "both_legs"),
    ("people keep saying I look thin", "weight_loss_unexplained"),
    ("cant feel my fanny properly", "saddle_numbness"),
    ("my bits feel numb", "saddle_numbness"),
    ("carnt wee properly", "bladder_change"),
    ("my fut keeps draggin", "weakness_new"),
    ("dunno if my bladder is right", "bladder_change"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "question"), NEW_WORDINGS)
def test_a_red_flag_in_words_no_list_spells_out_is_raised(
    lex: Lexicon, text: str, question: str
) -> None:
    d = describe(text, lex)
    assert flags(d).get(question) in ("yes", "not_sure"), flags(d)
    assert question not in denied(d)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("my willy feels numb and cold", "saddle_numbness"),
        ("I went to wee and it just dribbled out slowly", "bladder_change"),
        ("my left leg keeps giving out on the stairs", "weakness_new"),
        ("my jeans are hanging off me lately", "weight_loss_unexplained"),
    ],
)
def test_two_words_of_a_class_pair_only_raise_doubt(lex: Lexicon, text: str, question: str) -> None:
    assert flags(describe(text, lex))[question] == "not_sure"


def test_a_full_phrase_still_says_yes(lex: Lexicon) -> None:
    assert flags(describe("it has gone numb down below", lex))["saddle_numbness"] == "yes"


DENIALS = [
    ("my bladder's fine and I have no trouble passing water", "bladder_change"),
    ("no trouble with my waterworks", "bladder_change"),
    ("my foot doesn't drag, it just aches", "weakness_new"),
    ("my leg doesn't give way, it's just painful", "weakness_new"),
    ("no numbness in my groin or down below", "saddle_numbness"),
    ("I haven't lost any weight", "weight_loss_unexplained"),
    ("my calf isn't swollen, just sore", "calf_swelling"),
    ("I'm not short of breath", "breathless_or_chest_pain"),
]


@pytest.mark.parametrize(("text", "question"), DENIALS)
def test_a_denial_of_a_class_pair_stays_a_denial(lex: Lexicon, text: str, question: str) -> None:
    d = describe(text, lex)
    assert question not in flags(d)
    assert question in denied(d)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("I don't think I've any trouble peeing", "bladder_change"),
        ("not sure, maybe my stream isn't weaker", "bladder_change"),
        ("I don't think my foot drags", "weakness_new"),
        ("no bladder problems i think", "bladder_change"),
    ],
)
def test_a_hedge_beats_a_denial(lex: Lexicon, text: str, question: str) -> None:
    d = describe(text, lex)
    assert flags(d).get(question) == "not_sure"
    assert question not in denied(d)


@pytest.mark.parametrize(
    "text",
    [
        "no feeling down below since yesterday",
        "no sensation in my privates",
        "no relief at night whatever I try",
        "I get no warning before I need to pee",
    ],
)
def test_a_loss_said_with_no_is_the_symptom_not_a_denial(lex: Lexicon, text: str) -> None:
    d = describe(text, lex)
    assert d.flags
    assert not denied(d)


def test_a_pair_split_by_a_clause_end_is_not_a_pair(lex: Lexicon) -> None:
    assert "saddle_numbness" not in flags(describe("sitting on the loo, my knee feels weird", lex))
    assert "saddle_numbness" in flags(describe("sitting on the loo feels weird", lex))
    d = describe("no trouble peeing but my bum is numb", lex)
    assert flags(d).get("saddle_numbness") == "not_sure"
    assert "bladder_change" not in flags(d)


@pytest.mark.parametrize(
    "text",
    [
        "my bum is sore from sitting on a hard chair all day",
        "sitting on the loo makes my back ache",
        "my calf is tight after running",
        "my left ankle puffs up a bit after a long walk in the heat",
        "I lost my keys and my back hurts",
        "I get short of patience with this pain",
        "my leg is a bit stiff when I get out of the car",
        "I can't get up off the sofa without help",
        "I've lost weight on purpose at slimming world, back is better",
        "my aunt had a tumour removed",
        "I can't put weight down on my left leg",
        "I need to lose weight, the doctor says",
        "I hit my elbow on the car door",
        "I was soaked in sweat in bed last night from the heat",
        "I fell asleep in the car and woke up stiff",
        "I lay down on my side and felt better",
        "aching in my hip at night when I lie on that side",
        "I sleep on my side with a pillow between my knees",
        "I can't feel my toes in the cold",
        "I have trouble getting out of bed in the morning",
        "I spend a long time on the toilet reading",
        "I'm down to two paracetamol a day",
    ],
)
def test_ordinary_sentences_raise_no_red_flag(lex: Lexicon, text: str) -> None:
    red = {
        "saddle_numbness", "bladder_change", "bowel_incontinence", "sexual_dysfunction_new",
        "weakness_new", "weakness_progressing", "major_trauma", "calf_swelling",
        "breathless_or_chest_pain", "weight_loss_unexplained", "sudden_severe_belly_or_back",
        "night_pain_constant", "cancer_history", "fever",
    }  # fmt: skip
    assert not red & set(flags(describe(text, lex)))


def test_get_up_is_not_get_it_up(lex: Lexicon) -> None:
    assert "sexual_dysfunction_new" not in flags(describe("I can't get up from the chair", lex))
    assert flags(describe("I can't get it up since the op", lex))["sexual_dysfunction_new"] == "yes"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("my mum says my foot drags", "weakness_new"),
        ("my dad thinks my bum is numb", "saddle_numbness"),
        ("my wife noticed I have been wetting myself", "bladder_change"),
        ("my son had cancer and I have a numb bum", "saddle_numbness"),
    ],
)
def test_someone_else_speaking_of_the_person_keeps_the_person_s_sign(
    lex: Lexicon, text: str, question: str
) -> None:
    assert flags(describe(text, lex)).get(question) in ("yes", "not_sure")


@pytest.mark.parametrize(
    "text",
    [
        "my husband says his foot goes numb",
        "he had a fall off a ladder",
        "my girlfriend's calf swelled up after her flight",
    ],
)
def test_someone_else_s_sign_is_an_aside(lex: Lexicon, text: str) -> None:
    d = describe(text, lex)
    assert not d.flags
    assert [a.kind for a in d.asides] == ["family"]


def test_numb_when_wiping_is_the_saddle_not_the_bladder(lex: Lexicon) -> None:
    got = flags(describe("sat on the toilet I can't feel the paper when I wipe", lex))
    assert got == {"saddle_numbness": "yes"}


def test_legs_in_the_plural_with_numbness_are_doubt_about_both_legs(lex: Lexicon) -> None:
    assert flags(describe("my feet feel numb", lex))["both_legs"] == "not_sure"
    assert "both_legs" not in flags(describe("my left foot feels numb", lex))


def test_words_to_ignore_pair_with_nothing(lex: Lexicon) -> None:
    d = describe("my left calf is numb and the other leg is fine", lex)
    assert "both_legs" not in flags(d)


def test_a_doubtful_pair_leaves_its_words_to_the_feeling(lex: Lexicon) -> None:
    got = flags(describe("both my feet feel numb", lex))
    assert got["both_legs"] == "yes"
    assert flags(describe("my feet feel numb", lex)) == {"both_legs": "not_sure", "numbness": "yes"}


def test_a_denial_after_a_comma_does_not_reach_back_past_it(lex: Lexicon) -> None:
    d = describe("I can't feel anything when I wipe, the rest are fine", lex)
    assert flags(d) == {"saddle_numbness": "yes"}
    assert denied(describe("bladder and bowels are fine", lex)) == {
        "bladder_change",
        "bowel_incontinence",
    }
