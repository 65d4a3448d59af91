"""Body-map keys: one parser, one clear message for a bad key."""

from __future__ import annotations

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import (
    BodyMapError,
    RegionKey,
    all_region_keys,
    parse_region_key,
    parse_region_keys,
    place_label,
)


def test_it_has_every_sided_region_twice_and_the_midline_once(kb: KnowledgeBase) -> None:
    keys = all_region_keys(kb.regions)
    assert len(keys) == 20 * 2 + 2
    assert RegionKey("midline", "sacrum") in keys
    assert RegionKey("left", "heel") in keys and RegionKey("right", "heel") in keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("left:buttock_center", RegionKey("left", "buttock_center")),
        ("RIGHT:Calf-Posterior", RegionKey("right", "calf_posterior")),
        ("sacrum", RegionKey("midline", "sacrum")),
        ("midline:coccyx", RegionKey("midline", "coccyx")),
        ("Left: Buttock Centre", RegionKey("left", "buttock_center")),
        (" left:thigh posterior ", RegionKey("left", "thigh_posterior")),
    ],
)
def test_it_reads_keys(kb: KnowledgeBase, text: str, key: RegionKey) -> None:
    assert parse_region_key(text, kb.regions) == key


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("left:elbow", "not a place on the body map"),
        ("heel", "say which side"),
        ("middle:heel", "say which side"),
        ("right:coccyx", "on the midline"),
    ],
)
def test_it_explains_a_bad_key(kb: KnowledgeBase, text: str, message: str) -> None:
    with pytest.raises(BodyMapError, match=message):
        parse_region_key(text, kb.regions)


def test_it_drops_repeats_and_blanks(kb: KnowledgeBase) -> None:
    keys = parse_region_keys(["left:heel", " ", "LEFT:heel", "sacrum"], kb.regions)
    assert [str(k) for k in keys] == ["left:heel", "midline:sacrum"]


def test_a_misspelt_place_gets_a_suggestion_in_the_form_it_was_typed(kb: KnowledgeBase) -> None:
    with pytest.raises(BodyMapError, match="Did you mean right:buttock_center"):
        parse_region_key("right:butock_center", kb.regions)
    with pytest.raises(BodyMapError, match="Did you mean left:thigh_posterior"):
        parse_region_key("thigh_posteror", kb.regions)


def test_every_bad_key_is_named_at_once(kb: KnowledgeBase) -> None:
    with pytest.raises(BodyMapError) as raised:
        parse_region_keys(["left:butock_center", "left:heel", "left:thigh_posteror"], kb.regions)
    lines = str(raised.value).splitlines()
    assert len(lines) == 2
    assert "left:buttock_center" in lines[0] and "left:thigh_posterior" in lines[1]


def test_a_place_reads_as_words(kb: KnowledgeBase) -> None:
    assert place_label(kb.regions, "left:thigh_posterior") == "Back of the thigh (left)"
    assert place_label(kb.regions, "midline:sacrum") == kb.regions["sacrum"].label
