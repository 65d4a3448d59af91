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
    ],
)
def test_it_reads_keys(kb: KnowledgeBase, text: str, key: RegionKey) -> None:
    assert parse_region_key(text, kb.regions) == key


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("left:elbow", "not a body-map region. Valid regions: lumbar"),
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
