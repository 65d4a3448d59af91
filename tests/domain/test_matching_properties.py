"""Invariants of matching for any map a person could draw."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.content import default_knowledge_base
from sciatica_coach.domain.body_map import RegionKey, all_region_keys
from sciatica_coach.domain.matching import FEELINGS, match

KB = default_knowledge_base()
maps = st.lists(st.sampled_from(all_region_keys(KB.regions)), min_size=1, max_size=12, unique=True)
feelings = st.lists(st.sampled_from(FEELINGS), max_size=4)


@settings(max_examples=300)
@given(maps, feelings)
def test_scores_are_between_0_and_1_and_ranked(marked: list[RegionKey], feels: list[str]) -> None:
    result = match(KB, marked, feels)
    assert all(0 < m.score <= 1 for m in result.matches)
    keys = [(m.other_side, -m.score) for m in result.matches]
    assert keys == sorted(keys)
    assert result.notes


@settings(max_examples=200)
@given(maps)
def test_it_is_deterministic_and_ignores_the_order_of_the_map(marked: list[RegionKey]) -> None:
    assert match(KB, marked) == match(KB, list(reversed(marked)))


@settings(max_examples=200)
@given(maps)
def test_covered_and_uncovered_split_the_map(marked: list[RegionKey]) -> None:
    for m in match(KB, marked).matches:
        covered = {c.key for c in m.covered}
        assert covered | set(m.uncovered) == set(marked)
        assert not covered & set(m.uncovered)
