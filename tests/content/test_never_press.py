"""The never-press list is the one place that says where never to press, and every trigger
point keeps clear of it, in the words and on the picture."""

from __future__ import annotations

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.figures.no_press_geometry import near_flags, place_distance, spot_point

from ..domain.test_never_press_plans import spot_flags

# clinical-sources.md: the femoral triangle, the sciatic nerve's path (the notch and down the
# thigh), the common fibular nerve, the hollow of the knee, the bones of the spine, the kidney
# area and the tip of the lowest rib; Travell & Simons: the tailbone, the sitting bone and the
# bony knob of the hip.
LISTED = {
    "groin_crease",
    "knee_hollow",
    "fibular_head",
    "sciatic_nerve",
    "kidney_angle",
    "spine",
    "tailbone",
    "sitting_bone",
    "hip_knob",
}


def test_every_place_the_sources_name_is_on_the_list(kb: KnowledgeBase) -> None:
    assert set(kb.never_press) >= LISTED


def test_no_pressure_regions_come_from_the_list(kb: KnowledgeBase) -> None:
    never = {r.id for r in kb.regions.values() if r.no_pressure}
    assert never == {region for place in kb.never_press.values() for region in place.regions}
    assert never == {"sacrum", "coccyx", "knee_posterior", "groin"}


def test_no_trigger_point_lies_on_a_place_never_to_press(kb: KnowledgeBase) -> None:
    for muscle in kb.muscles.values():
        for point in muscle.trigger_points:
            assert not kb.regions[point.region].no_pressure, (muscle.id, point.id)
            view, at = spot_point(kb, muscle, point)
            for place in kb.never_press.values():
                gap = place_distance(place, view, at)
                assert gap is None or gap > 0, f"{muscle.id} {point.id} is on {place.id}"


def test_a_trigger_point_near_the_nerve_carries_its_flag(kb: KnowledgeBase) -> None:
    for muscle in kb.muscles.values():
        for point in muscle.trigger_points:
            view, at = spot_point(kb, muscle, point)
            missing = near_flags(kb, view, at) - spot_flags(kb.regions[point.region], point)
            assert not missing, f"{muscle.id} {point.id} lies near the nerve: {missing}"


def test_each_muscle_names_the_places_near_its_spots(kb: KnowledgeBase) -> None:
    """A place within a hand's width (30 units) of a trigger point is on the muscle's list, so
    its page, its close-up and its find-the-spot step name it."""
    for muscle in kb.muscles.values():
        for point in muscle.trigger_points:
            view, at = spot_point(kb, muscle, point)
            for place in kb.never_press.values():
                gap = place_distance(place, view, at)
                if gap is not None and gap < 30:
                    assert place.id in muscle.never_press, (muscle.id, point.id, place.id)
