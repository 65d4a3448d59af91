"""The clinical review's corrections, one test each, so none of them can come back."""

from __future__ import annotations

import re

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.library import exercise_for_side
from sciatica_coach.domain.restrictions import Limits, tool_refusal

from .prose import all_prose as documents
from .prose import iter_prose

SWAP = {"left": "right", "right": "left"}
BAD_PAIN_WORDS = ("burning", "electric", "tingling", "numb", "shooting")


def question(kb: KnowledgeBase, question_id: str) -> str:
    q = next(q for q in kb.screening.questions if q.id == question_id)
    return f"{q.question} {q.help}".lower()


# --- screening wording -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question_id", "words"),
    [
        ("both_legs", "new or getting worse"),
        ("major_trauma", "doctor has not checked"),
        ("saddle_numbness", "different when you wipe"),
        ("bladder_change", "feel pee passing"),
        ("weakness_new", "walk on your heels"),
        ("weakness_long_standing", "a clinician has checked"),
        ("both_legs_long_standing", "for a long time"),
    ],
)
def test_the_questions_use_words_that_help_recognise_the_sign(
    kb: KnowledgeBase, question_id: str, words: str
) -> None:
    assert words in question(kb, question_id)


# --- iliopsoas ----------------------------------------------------------------------------


def test_the_groin_crease_is_never_a_spot_to_press(kb: KnowledgeBase) -> None:
    psoas = kb.muscles["iliopsoas"]
    assert all(kb.regions[tp.region].no_pressure is False for tp in psoas.trigger_points)
    assert "groin" not in {tp.region for tp in psoas.trigger_points}
    assert psoas.never_press[0] == "groin_crease"
    assert kb.never_press["groin_crease"].regions == ["groin"]
    assert "artery" in kb.never_press["groin_crease"].why


def test_the_iliopsoas_technique_presses_out_against_the_hip_bone(kb: KnowledgeBase) -> None:
    text = " ".join(s.text for s in kb.techniques["iliopsoas_release"].steps).lower()
    assert "curl your fingertips outward" in text
    assert "never in toward the middle of your belly" in text


@pytest.mark.parametrize("words", ["hernia", "aneurysm", "bowel disease", "pregnant"])
def test_the_iliopsoas_says_when_to_leave_it_out(kb: KnowledgeBase, words: str) -> None:
    assert any(words in reason.lower() for reason in kb.muscles["iliopsoas"].skip_if)


def test_a_throbbing_lump_in_the_belly_means_a_doctor_today_or_an_emergency(
    kb: KnowledgeBase,
) -> None:
    cautions = " ".join(kb.muscles["iliopsoas"].cautions).lower()
    assert "throbbing lump" in cautions and "doctor today" in cautions
    assert "feel faint, call your emergency number" in cautions


# --- landmarks and region names -------------------------------------------------------------


def test_the_piriformis_is_found_from_the_edge_of_the_sacrum_not_the_tailbone(
    kb: KnowledgeBase,
) -> None:
    piriformis = kb.muscles["piriformis"]
    text = " ".join([piriformis.location, *piriformis.landmarks]).lower()
    assert "side edge of the flat bone" in text and "halfway down" in text
    assert "tailbone" not in text
    assert "tailbone" not in kb.techniques["piriformis_release"].steps[0].text.lower()


@pytest.mark.parametrize(
    ("region", "wrong"),
    [
        ("sacroiliac", "beside the tailbone"),
        ("buttock_center", "where you sit"),
        ("calf_lateral", "shin"),
    ],
)
def test_region_names_say_where_the_place_really_is(
    kb: KnowledgeBase, region: str, wrong: str
) -> None:
    place = kb.regions[region]
    assert wrong not in place.label.lower()
    assert wrong not in place.description.lower() or wrong == "shin"


def test_the_outer_lower_leg_is_not_called_the_shin(kb: KnowledgeBase) -> None:
    assert kb.regions["calf_lateral"].label == "Outer lower leg"


# --- tools --------------------------------------------------------------------------------


def test_the_lacrosse_ball_keeps_off_the_sciatic_nerve(kb: KnowledgeBase) -> None:
    assert "nerve_path" in kb.tools["lacrosse_ball"].keep_off


def test_the_foam_roller_flags_and_its_cautions_agree(kb: KnowledgeBase) -> None:
    roller = kb.tools["foam_roller"]
    cautions = " ".join(roller.cautions).lower()
    assert set(roller.keep_off) == {"beside_spine", "nerve_path"}
    assert "off the spine" in cautions and "off the path of the big nerve" in cautions
    assert "roll lightly" not in cautions


def test_a_massage_gun_is_short_gliding_and_never_with_an_implant(kb: KnowledgeBase) -> None:
    gun = kb.tools["massage_gun"]
    assert gun.max_seconds_per_muscle is not None and gun.max_seconds_per_muscle <= 120
    text = " ".join([*gun.how_to_use, *gun.cautions]).lower()
    assert "glide" in text and "1 or 2 minutes" in text
    assert "pacemaker" in text and "dark" in text and "medical care" in text
    assert "chen_2021" in gun.sources


def test_heat_never_means_a_hot_water_bottle_or_heat_over_a_rub(kb: KnowledgeBase) -> None:
    heat = kb.tools["heat"]
    cautions = " ".join(heat.cautions).lower()
    assert "do not use a hot-water bottle" in cautions
    assert "menthol" in cautions and "capsaicin" in cautions
    every_text = " ".join(t for _, t in documents(kb)).lower()
    for mention in re.finditer(r"hot[- ]water bottle", every_text):
        before = every_text[max(0, mention.start() - 40) : mention.start()]
        assert "do not use a" in before or "not use a" in before, before


def test_the_heat_warm_up_lasts_as_long_as_the_heat_tool_says(kb: KnowledgeBase) -> None:
    minutes = kb.routine.timing.warm_up_heat_seconds // 60
    assert f"about {minutes} minutes" in " ".join(kb.tools["heat"].how_to_use)
    assert f"about {minutes} minutes" in " ".join(kb.routine.script.warm_up_heat)


# --- muscles ------------------------------------------------------------------------------


def test_the_soleus_does_not_send_pain_behind_the_knee(kb: KnowledgeBase) -> None:
    pattern = kb.muscles["soleus"].referral
    assert "knee_posterior" not in [*pattern.essential, *pattern.spillover]


def test_the_hamstrings_keep_off_the_outer_back_of_the_knee(kb: KnowledgeBase) -> None:
    assert any("outer back of the knee" in c for c in kb.muscles["hamstrings"].cautions)
    assert any("outer back of the knee" in a for a in kb.techniques["hamstring_release"].avoid)


def test_the_peanut_ball_is_not_offered_for_the_quadratus_lumborum(kb: KnowledgeBase) -> None:
    assert "peanut_ball" not in kb.techniques["ql_release"].tools
    assert any("lowest rib" in c for c in kb.muscles["quadratus_lumborum"].cautions)


def test_every_tool_a_technique_lists_can_be_used_somewhere(kb: KnowledgeBase) -> None:
    """No dead entries: each massage tool fits at least one spot of the technique's muscles."""
    none = Limits.from_ids([])
    for technique in kb.techniques.values():
        for tool_id in technique.tools:
            tool = kb.tools[tool_id]
            if tool.kind not in ("hands", "ball", "roller", "percussion"):
                continue
            usable = [
                (muscle_id, tp.id)
                for muscle_id in technique.muscles
                for tp in kb.muscles[muscle_id].trigger_points
                if tool_refusal(
                    tool, kb.muscles[muscle_id], [kb.regions[tp.region]], none, "experienced"
                )
                is None
            ]
            assert usable, f"{technique.id} lists {tool_id}, which it can never use"


def test_every_technique_step_fits_a_tool_it_lists(kb: KnowledgeBase) -> None:
    for technique in kb.techniques.values():
        for step in technique.steps:
            assert set(step.tools) <= set(technique.tools), (technique.id, step.id)


# --- modest claims and one rule for good and bad pain ----------------------------------------

OVERCLAIMS = [
    r"(?<!may )\bhelps? (to )?keep [a-z ]+ from coming back",
    r"\blasting (change|relief|benefit)",
    r"\bwill (help|fix|cure|heal)\b",
    r"\bcures?\b",
    r"\bprevents?\b",
    r"\bsignificantly\b",
    r"\bincredibly\b",
]


def test_no_text_promises_more_than_the_evidence(kb: KnowledgeBase) -> None:
    found = [
        f"{where}: {text}"
        for where, text in documents(kb)
        for pattern in OVERCLAIMS
        if re.search(pattern, text.lower())
    ]
    assert not found, "\n".join(found)


def test_how_long_to_improve_cites_the_evidence_and_the_natural_course(kb: KnowledgeBase) -> None:
    entry = kb.faq["how_long_to_improve"]
    assert {"furlan_2015", "nhs_sciatica"} <= set(entry.sources)
    assert "4 to 6 weeks" in entry.answer and "short-term" in entry.answer


@pytest.mark.parametrize(
    "text",
    [
        lambda kb: kb.routine.script.bad,
        lambda kb: kb.routine.script.bad_pain_stop,
        lambda kb: kb.warning_signs["sharp_electric_pain"].description,
        lambda kb: " ".join(kb.topics["good_vs_bad_pain"].body),
        lambda kb: kb.topics["good_vs_bad_pain"].summary,
    ],
    ids=["check_in", "session_stop", "warning_sign", "topic", "topic_summary"],
)
def test_bad_pain_is_described_the_same_way_everywhere(kb: KnowledgeBase, text: object) -> None:
    words = text(kb).lower()  # type: ignore[operator]
    for word in BAD_PAIN_WORDS:
        assert word in words


def test_good_pain_is_a_dull_familiar_ache_that_fades(kb: KnowledgeBase) -> None:
    for text in (kb.routine.script.good, kb.topics["good_vs_bad_pain"].body[0]):
        assert "dull, familiar ache" in text and "fades when you let go" in text


def test_pain_down_the_leg_stops_the_session_as_a_bad_check_in_does(kb: KnowledgeBase) -> None:
    for text in (
        kb.warning_signs["pain_shoots_down_leg"].what_to_do,
        kb.warning_signs["sharp_electric_pain"].what_to_do,
        kb.faq["pain_shoots_down_leg"].answer,
    ):
        assert text.startswith("Stop the session")
        assert "that spot alone for today" in text


# --- exercises for a side ---------------------------------------------------------------------


@pytest.mark.parametrize("side", ["left", "right"])
def test_one_sided_exercises_read_for_the_side_given(kb: KnowledgeBase, side: str) -> None:
    other = SWAP[side]
    for exercise in kb.exercises.values():
        written = exercise_for_side(exercise, side)
        text = " ".join([*written.steps, written.easier or ""])
        assert "{" not in text
        if exercise.sided:
            assert side in text
            mirrored = exercise_for_side(exercise, other)
            flipped = re.sub(r"\b(left|right)\b", lambda m: SWAP[m.group(1)], text)
            assert flipped == " ".join([*mirrored.steps, mirrored.easier or ""])


def test_exercises_that_alternate_sides_carry_no_side(kb: KnowledgeBase) -> None:
    for exercise_id in ("dead_bug", "bird_dog", "glute_bridge", "knees_to_chest"):
        assert not kb.exercises[exercise_id].sided


def test_every_one_sided_stretch_is_marked_sided(kb: KnowledgeBase) -> None:
    for exercise in kb.exercises.values():
        text = " ".join(exercise.steps).lower()
        if "switch sides" in text:
            continue
        named = set(re.findall(r"\b(left|right)\b", text))
        assert not named, f"{exercise.id} names {named} but is not sided"


def test_prose_iteration_reaches_every_field(kb: KnowledgeBase) -> None:
    assert any("skip_if" in where for where, _ in iter_prose(kb.muscles["iliopsoas"], "m"))


# --- the clinical review's second round ---------------------------------------------------------


def test_no_safety_question_is_asked_in_the_negative(kb: KnowledgeBase) -> None:
    """A "no" to "can you not feel...?" is easy to give by mistake on an emergency sign."""
    for q in kb.screening.questions:
        assert not re.search(r"\b(can|do|are) you not\b", q.question.lower()), q.id


@pytest.mark.parametrize(
    ("question_id", "words"),
    [
        ("age_65_or_over", "65 or older"),
        ("osteoporosis_fall", "suddenly"),
        ("calf_swelling", "thigh"),
        ("calf_swelling", "darker"),
        ("spine_procedure", "last 3 months"),
        ("implanted_device", "stimulator"),
        ("weakness_progressing", "not just sore"),
    ],
)
def test_the_review_wording_is_kept(kb: KnowledgeBase, question_id: str, words: str) -> None:
    assert words in question(kb, question_id)


def test_the_safety_net_names_a_clot_in_the_lung(kb: KnowledgeBase) -> None:
    assert any("shortness of breath" in sign.text for sign in kb.emergency_signs)


def test_stop_means_stop_when_a_nerve_sign_appears(kb: KnowledgeBase) -> None:
    """Every sentence that names a sign of bad pain tells the person to stop, not to ease off."""
    signs = r"\b(tingl\w*|burn\w*|zap|electric|shoot\w*)\b"
    for where, text in documents(kb):
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            lower = sentence.lower()
            if re.search(signs, lower) and re.search(r"\b(ease off|move off)\b", lower):
                raise AssertionError(f"{where}: says ease or move off, not stop: {sentence}")


def test_the_piriformis_point_is_pressed_in_the_upper_buttock(kb: KnowledgeBase) -> None:
    regions = {tp.region for tp in kb.muscles["piriformis"].trigger_points}
    assert not any(kb.regions[r].nerve_path for r in regions)
    assert any("deep middle" in a for a in kb.techniques["piriformis_release"].avoid)
