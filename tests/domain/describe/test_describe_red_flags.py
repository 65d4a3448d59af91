"""Red flags in many wordings: each must come out as a flag (yes or not sure), never lost."""

from __future__ import annotations

import pytest

from sciatica_coach.domain.describe import Lexicon, describe

from .conftest import denied, flags

RED_FLAGS = [
    ("when I go to the toilet I can't feel the paper", "saddle_numbness"),
    (
        "feels like I'm sitting on a cushion that isn't there, numb bum and inner legs",
        "saddle_numbness",
    ),
    ("numbness around my back passage", "saddle_numbness"),
    ("my vagina feels numb", "saddle_numbness"),
    ("my penis is numb since the pain started", "saddle_numbness"),
    ("the skin between my legs feels dead", "saddle_numbness"),
    ("lost sensation in my penis", "saddle_numbness"),
    ("I have to strain to pee", "bladder_change"),
    ("I can't start peeing", "bladder_change"),
    ("it takes ages to start weeing and the flow is weak", "bladder_change"),
    ("I haven't peed since yesterday morning", "bladder_change"),
    ("I didn't notice I'd wet the bed", "bladder_change"),
    ("I keep needing to pee but nothing comes out", "bladder_change"),
    ("I can't control when I go to the toilet", "bladder_change"),
    ("I've been constipated and can't feel when I need to go", "bowel_incontinence"),
    ("I've had an accident in my pants, poo", "bowel_incontinence"),
    ("I can't control when I go to the toilet", "bowel_incontinence"),
    ("no feeling during sex since the back went", "sexual_dysfunction_new"),
    ("both my legs are numb", "both_legs"),
    ("numbness down both legs since this morning", "both_legs"),
    ("my legs are both tingling and getting worse", "both_legs"),
    ("the sciatica is now in both legs", "both_legs"),
    ("bilateral leg pain", "both_legs"),
    ("my weak leg is getting worse", "weakness_progressing"),
    ("my foot drop is worse than yesterday", "weakness_progressing"),
    ("I got hit by a car last week", "major_trauma"),
    ("came off my motorbike on Sunday", "major_trauma"),
    ("I fell from a horse yesterday", "major_trauma"),
    ("sudden tearing pain in my back going through to my stomach", "sudden_severe_belly_or_back"),
    ("my belly is pulsating and I have a really bad back", "sudden_severe_belly_or_back"),
    ("I can't breathe properly and my calf hurts", "breathless_or_chest_pain"),
    ("I'm coughing up blood", "breathless_or_chest_pain"),
    ("my foot is floppy", "weakness_new"),
    ("I can't lift my toes up", "weakness_new"),
    ("I keep stubbing my toes because my foot won't lift", "weakness_new"),
    ("my ankle is weak and gives way", "weakness_new"),
    ("I can't stand on my heels", "weakness_new"),
    ("my calf is red and puffy", "calf_swelling"),
    ("my leg is hot and swollen below the knee", "calf_swelling"),
    ("there is a tender red line along a vein on my thigh", "vein_sore_now"),
    ("the vein on the back of my calf is lumpy and painful", "vein_sore_now"),
    ("I've got a high temperature", "fever"),
    ("temperature of 38.2", "fever"),
    ("38.5 degrees this morning", "fever"),
    ("I've been losing weight for no reason", "weight_loss_unexplained"),
    ("my trousers are falling off me and I'm not trying to lose weight", "weight_loss_unexplained"),
    ("I've got secondaries in my bones", "cancer_history"),
    ("I'm in remission from lymphoma", "cancer_history"),
    ("I finished chemo last year", "cancer_history"),
    ("the pain is constant day and night and nothing helps", "night_pain_constant"),
    ("pain at night that doesn't ease whatever I do", "night_pain_constant"),
    ("I can't sleep at all with this pain, it never stops", "night_pain_constant"),
]


@pytest.mark.parametrize(("text", "question"), RED_FLAGS)
def test_it_flags_a_red_flag_in_other_words(lex: Lexicon, text: str, question: str) -> None:
    d = describe(text, lex)
    assert flags(d).get(question) in ("yes", "not_sure")
    assert question not in denied(d)


@pytest.mark.parametrize(("text", "question"), RED_FLAGS)
def test_doubt_about_a_red_flag_keeps_it(lex: Lexicon, text: str, question: str) -> None:
    d = describe(f"I'm not sure, maybe {text[0].lower()}{text[1:]}", lex)
    assert flags(d).get(question) in ("yes", "not_sure")
