"""Matching reproduces the textbook patterns, explains itself, and flags nerve-like signs."""

from __future__ import annotations

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import SIDES, Side
from sciatica_coach.domain.body_map import RegionKey, parse_region_keys
from sciatica_coach.domain.matching import MatchInputError, fit_words, match, pattern_on
from sciatica_coach.domain.planning import targets_from_matches

MUSCLES = [
    "piriformis",
    "gluteus_medius",
    "gluteus_minimus",
    "quadratus_lumborum",
    "hamstrings",
    "gluteus_maximus",
    "tensor_fasciae_latae",
    "iliopsoas",
    "lumbar_multifidus",
    "soleus",
]


def keys(kb: KnowledgeBase, *texts: str) -> list[RegionKey]:
    return parse_region_keys(texts, kb.regions)


def test_every_muscle_has_its_own_essential_zone(kb: KnowledgeBase) -> None:
    zones = [frozenset(m.referral.essential) for m in kb.muscles.values()]
    assert len(set(zones)) == len(zones)
    assert list(kb.muscles) == MUSCLES


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("muscle_id", MUSCLES)
def test_marking_a_muscles_essential_zone_ranks_it_first(
    kb: KnowledgeBase, muscle_id: str, side: Side
) -> None:
    muscle = kb.muscles[muscle_id]
    zone = [k for k, z in pattern_on(muscle, side, kb).items() if z == "essential"]
    best = match(kb, zone).matches[0]
    assert (best.muscle_id, best.side) == (muscle_id, side)
    assert best.score == 1.0
    assert best.uncovered == ()


@pytest.mark.parametrize(
    ("where", "expected_first"),
    [
        # buttock ache with pain down the back of the leg to the calf: "pseudo-sciatica"
        (["left:buttock_center", "left:thigh_posterior", "left:calf_posterior"], "gluteus_minimus"),
        # deep buttock pain by the dimple, over the outer hip
        (["right:buttock_center", "right:sacroiliac"], "piriformis"),
        # back of the thigh into the knee
        (["left:thigh_posterior", "left:knee_posterior"], "hamstrings"),
        # waist and outer hip
        (["right:iliac_crest", "right:hip_lateral"], "quadratus_lumborum"),
        # heel and calf
        (["left:heel"], "soleus"),
        # low back and front of the thigh
        (["left:lumbar", "left:groin"], "iliopsoas"),
    ],
)
def test_it_ranks_mixed_maps_sensibly(
    kb: KnowledgeBase, where: list[str], expected_first: str
) -> None:
    assert match(kb, keys(kb, *where)).matches[0].muscle_id == expected_first


def test_a_muscle_on_the_other_side_ranks_last(kb: KnowledgeBase) -> None:
    result = match(kb, keys(kb, "left:buttock_center", "left:thigh_posterior", "sacrum"))
    sides = [m.side for m in result.matches]
    assert "right" in sides, "midline pain should still list right-side muscles"
    first_right = sides.index("right")
    assert all(side == "right" for side in sides[first_right:])
    assert all(m.other_side for m in result.matches[first_right:])


def test_midline_pain_alone_lists_both_sides(kb: KnowledgeBase) -> None:
    result = match(kb, keys(kb, "sacrum"))
    assert {m.side for m in result.matches} == {"left", "right"}
    assert not any(m.other_side for m in result.matches)


def test_ties_keep_the_content_order_left_before_right(kb: KnowledgeBase) -> None:
    result = match(kb, keys(kb, "sacrum"))
    tied = [(m.muscle_id, m.side) for m in result.matches if m.muscle_id == "gluteus_medius"]
    assert tied == [("gluteus_medius", "left"), ("gluteus_medius", "right")]


def test_it_explains_what_a_pattern_covers_and_misses(kb: KnowledgeBase) -> None:
    result = match(kb, keys(kb, "left:buttock_center", "left:thigh_posterior", "left:foot_dorsum"))
    piriformis = next(m for m in result.matches if m.muscle_id == "piriformis")
    assert {(str(c.key), c.zone) for c in piriformis.covered} == {
        ("left:buttock_center", "essential"),
        ("left:thigh_posterior", "spillover"),
    }
    assert [str(k) for k in piriformis.uncovered] == ["left:foot_dorsum"]
    text = piriformis.explanation
    assert "middle of the buttock" in text
    assert "back of the thigh" in text
    assert "1 of the 3 areas" in text
    assert "does not explain 1" in text


def test_essential_regions_weigh_more_than_spillover(kb: KnowledgeBase) -> None:
    # hamstrings: thigh_posterior is essential; piriformis: spillover
    result = match(kb, keys(kb, "left:thigh_posterior"))
    scores = {m.muscle_id: m.score for m in result.matches if m.side == "left"}
    assert scores["hamstrings"] > scores["piriformis"]


@pytest.mark.parametrize(
    ("where", "feels", "note"),
    [
        (["left:buttock_center"], ["burning"], "nerve_signs"),
        (["left:buttock_center"], ["electric"], "nerve_signs"),
        (["left:buttock_center"], ["numbness"], "numbness_screen"),
        (["left:thigh_posterior", "left:foot_sole"], [], "below_knee"),
        (["left:calf_posterior", "right:calf_posterior"], [], "both_sides"),
        (["left:foot_dorsum"], [], "no_match"),
        (["left:buttock_center"], ["ache"], "not_a_diagnosis"),
    ],
)
def test_it_adds_notes_without_blocking(
    kb: KnowledgeBase, where: list[str], feels: list[str], note: str
) -> None:
    result = match(kb, keys(kb, *where), feels)
    assert note in [n.id for n in result.notes]


def test_aches_alone_add_no_nerve_note(kb: KnowledgeBase) -> None:
    result = match(kb, keys(kb, "left:buttock_center"), ["ache", "tight"])
    assert [n.id for n in result.notes] == ["not_a_diagnosis"]


def test_it_refuses_an_empty_map(kb: KnowledgeBase) -> None:
    with pytest.raises(MatchInputError, match="mark at least one"):
        match(kb, [])


def test_it_refuses_an_unknown_feeling(kb: KnowledgeBase) -> None:
    with pytest.raises(MatchInputError, match=r"'itchy' is not a feeling.*ache, tight"):
        match(kb, keys(kb, "left:heel"), ["itchy"])


def test_an_explanation_never_opens_with_also(kb: KnowledgeBase) -> None:
    """A muscle matched only through where its pain sometimes spreads is explained as that."""
    result = match(kb, keys(kb, "left:thigh_posterior"))
    piriformis = next(m for m in result.matches if m.muscle_id == "piriformis")
    assert piriformis.explanation.startswith("It can reach the back of the thigh.")
    for found in result.matches:
        assert not found.explanation.startswith("It can also")


def test_the_fit_reads_the_same_everywhere(kb: KnowledgeBase) -> None:
    """One way to show a match score: the plan's reasons say it as the map page does."""
    assert fit_words(0.584) == "58 out of 100"
    result = match(kb, keys(kb, "left:buttock_center"))
    best = result.matches[0]
    target = targets_from_matches(result, 1)[0]
    assert f"fit {fit_words(best.score)}" in target.why
