"""Every item of the reference guide is carried into the knowledge base, by id.

The table below is the guide read item by item; each row names where the product keeps it.
If content is renamed or dropped, the matching row fails and says which guide item is lost.
"""

from __future__ import annotations

import pytest

from sciatica_coach.content import KnowledgeBase

# (guide section, guide item) -> [(catalog, id)]; technique steps are "technique.step".
GUIDE_ITEMS: dict[tuple[str, str], list[tuple[str, str]]] = {
    ("Understanding", "What sciatica is"): [("topics", "what_is_sciatica")],
    ("Understanding", "What trigger points are"): [("topics", "trigger_points")],
    ("Understanding", "How trigger points refer pain"): [("topics", "referred_pain")],
    ("Muscles", "Piriformis"): [("muscles", "piriformis")],
    ("Muscles", "Gluteus medius"): [("muscles", "gluteus_medius")],
    ("Muscles", "Gluteus minimus"): [("muscles", "gluteus_minimus")],
    ("Muscles", "Quadratus lumborum"): [("muscles", "quadratus_lumborum")],
    ("Muscles", "Hamstrings"): [("muscles", "hamstrings")],
    ("Before you begin", "Warm up"): [("topics", "warm_up_and_routine")],
    ("Before you begin", "Avoid direct nerve pressure"): [("topics", "before_you_begin")],
    ("Before you begin", "Stop if pain worsens"): [("warning_signs", "sharp_electric_pain")],
    ("Piriformis technique", "Locate"): [("steps", "piriformis_release.locate")],
    ("Piriformis technique", "Thumb or fingers"): [("steps", "piriformis_release.hands")],
    ("Piriformis technique", "Ball on wall or floor"): [("steps", "piriformis_release.ball")],
    ("Piriformis technique", "Slow circular or sustained"): [
        ("steps", "piriformis_release.pressure")
    ],
    ("Piriformis technique", "Hold 20-60 s and breathe"): [("steps", "piriformis_release.hold")],
    ("Gluteal technique", "Find tender spots"): [("steps", "gluteal_release.find_spots")],
    ("Gluteal technique", "Roll across the fibres"): [("steps", "gluteal_release.roll")],
    ("Gluteal technique", "Cross-fibre friction or holds"): [("steps", "gluteal_release.friction")],
    ("Gluteal technique", "Moderate pressure"): [("steps", "gluteal_release.moderate")],
    ("Low back technique", "Hands or ball on wall"): [("steps", "ql_release.reach")],
    ("Low back technique", "Not on the spine"): [("steps", "ql_release.spine")],
    ("Low back technique", "Gentle steady pressure"): [("steps", "ql_release.steady")],
    ("Hamstring technique", "Sit on a tennis ball"): [("steps", "hamstring_release.sit_ball")],
    ("Hamstring technique", "Roll and pause"): [("steps", "hamstring_release.roll_pause")],
    ("Hamstring technique", "Foam roller"): [("steps", "hamstring_release.foam_roller")],
    ("Tools", "Tennis ball"): [("tools", "tennis_ball")],
    ("Tools", "Lacrosse ball"): [("tools", "lacrosse_ball")],
    ("Tools", "Peanut ball"): [("tools", "peanut_ball")],
    ("Tools", "Foam roller"): [("tools", "foam_roller")],
    ("Tools", "Massage gun"): [("tools", "massage_gun")],
    ("Tools", "Heat"): [("tools", "heat")],
    ("Tools", "Non-medicated balm"): [("tools", "balm")],
    ("Right spot", "Good pain vs bad pain"): [("topics", "good_vs_bad_pain")],
    ("Right spot", "Signs of an active trigger point"): [("topics", "good_vs_bad_pain")],
    ("Right spot", "How long to hold"): [("topics", "how_long_to_hold")],
    ("Stretches", "Piriformis stretch"): [("exercises", "piriformis_stretch")],
    ("Stretches", "Hip flexor stretch"): [("exercises", "hip_flexor_stretch")],
    ("Stretches", "Safe hamstring stretch"): [("exercises", "hamstring_stretch")],
    ("Strengthening", "Glute bridges"): [("exercises", "glute_bridge")],
    ("Strengthening", "Core stabilization"): [("exercises", "dead_bug"), ("exercises", "bird_dog")],
    ("Strengthening", "Hip strengthening"): [
        ("exercises", "clamshell"),
        ("exercises", "side_lying_leg_raise"),
    ],
    ("Habits", "Avoid long sitting in poor posture"): [("habits", "sitting_posture")],
    ("Habits", "Short walks"): [("habits", "short_walks")],
    ("Habits", "Workstation ergonomics"): [("habits", "workstation_setup")],
    ("Stop signs", "Severe or worsening pain"): [("warning_signs", "severe_or_worsening_pain")],
    ("Stop signs", "Numbness or loss of strength"): [("warning_signs", "numbness_or_weakness")],
    ("Stop signs", "New or spreading symptoms"): [("warning_signs", "new_or_spreading_symptoms")],
    ("Get help", "Pain beyond a few weeks"): [("warning_signs", "persistent_pain")],
    ("Get help", "Trouble locating trigger points"): [("warning_signs", "hard_to_find_points")],
    ("Get help", "A known medical condition"): [("warning_signs", "known_medical_condition")],
    ("Professionals", "Massage therapist"): [("professionals", "massage_therapist")],
    ("Professionals", "Physical therapist"): [("professionals", "physical_therapist")],
    ("Professionals", "Chiropractor"): [("professionals", "chiropractor")],
    ("FAQ", "How often"): [("faq", "how_often")],
    ("FAQ", "Can massage make it worse"): [("faq", "can_massage_make_it_worse")],
    ("FAQ", "Is deep tissue massage safe"): [("faq", "is_deep_tissue_safe")],
    ("FAQ", "Pain shoots down the leg"): [("faq", "pain_shoots_down_leg")],
    ("FAQ", "How long until it improves"): [("faq", "how_long_to_improve")],
}


def _present(kb: KnowledgeBase, catalog: str, item_id: str) -> bool:
    if catalog == "steps":
        technique, step = item_id.split(".")
        return technique in kb.techniques and step in {s.id for s in kb.techniques[technique].steps}
    return item_id in getattr(kb, catalog)


@pytest.mark.parametrize("item", list(GUIDE_ITEMS), ids=lambda i: f"{i[0]}: {i[1]}")
def test_it_keeps_every_guide_item(kb: KnowledgeBase, item: tuple[str, str]) -> None:
    missing = [f"{c}:{i}" for c, i in GUIDE_ITEMS[item] if not _present(kb, c, i)]
    assert not missing, f"guide item {item} has no content: {missing}"


def test_it_keeps_the_guide_muscles_marked_as_from_the_guide(kb: KnowledgeBase) -> None:
    from_guide = {m.id for m in kb.muscles.values() if m.in_guide}
    assert from_guide == {
        "piriformis",
        "gluteus_medius",
        "gluteus_minimus",
        "quadratus_lumborum",
        "hamstrings",
    }


@pytest.mark.parametrize(
    "muscle",
    ["gluteus_maximus", "tensor_fasciae_latae", "iliopsoas", "lumbar_multifidus", "soleus"],
)
def test_it_adds_the_muscles_beyond_the_guide_with_a_referral_source(
    kb: KnowledgeBase, muscle: str
) -> None:
    assert not kb.muscles[muscle].in_guide
    assert "travell_simons" in kb.muscles[muscle].sources


def test_it_keeps_the_guide_tool_intensities(kb: KnowledgeBase) -> None:
    assert kb.tools["tennis_ball"].intensity == "gentle"
    assert kb.tools["tennis_ball"].beginner_friendly
    assert kb.tools["lacrosse_ball"].intensity == "deep"
    assert kb.tools["lacrosse_ball"].hard
    assert not kb.tools["lacrosse_ball"].beginner_friendly


def test_it_keeps_the_guide_hold_time(kb: KnowledgeBase) -> None:
    for technique_id in ("piriformis_release", "gluteal_release", "ql_release"):
        hold = kb.techniques[technique_id].hold_seconds
        assert 20 <= hold.min <= hold.max <= 60


def test_it_never_offers_a_massage_gun_next_to_the_spine_or_deep_in_the_belly(
    kb: KnowledgeBase,
) -> None:
    for technique_id in ("multifidus_release", "iliopsoas_release"):
        assert "massage_gun" not in kb.techniques[technique_id].tools
