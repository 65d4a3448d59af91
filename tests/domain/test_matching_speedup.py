"""Matching with patterns placed once per knowledge base gives exactly what placing them on
every call gave: the reference below is the algorithm as it was, compared on every single
area, every pair of areas on one side, and 1,000 random maps."""

from __future__ import annotations

import random
from itertools import combinations

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import SIDES
from sciatica_coach.domain.body_map import MIDLINE, RegionKey, all_region_keys
from sciatica_coach.domain.matching import (
    COMPLETES_SHARE,
    ESSENTIAL_WEIGHT,
    EXPLAINS_SHARE,
    SPILLOVER_WEIGHT,
    CoveredRegion,
    MuscleMatch,
    match,
    pattern_on,
)


def reference_scores(kb: KnowledgeBase, marked: frozenset[RegionKey]) -> list[MuscleMatch]:
    """Every muscle on each side scored as before the speed-up, ranked the same way."""
    scored = []
    for muscle in kb.muscles.values():
        for side in SIDES:
            zones = pattern_on(muscle, side, kb)
            essential = [k for k, z in zones.items() if z == "essential"]
            covered = tuple(
                CoveredRegion(key, kb.regions[key.region].label, zones[key])
                for key in sorted(marked)
                if key in zones
            )
            hits = sum(1 for c in covered if c.zone == "essential")
            weighed = ESSENTIAL_WEIGHT * hits + SPILLOVER_WEIGHT * (len(covered) - hits)
            sided = {k.side for k in marked if k.side != MIDLINE}
            score = EXPLAINS_SHARE * weighed / len(marked) + COMPLETES_SHARE * hits / len(essential)
            scored.append(
                MuscleMatch(
                    muscle.id, muscle.name, side, round(score, 4), covered,
                    tuple(k for k in sorted(marked) if k not in zones),
                    hits, len(essential), bool(sided) and side not in sided,
                )
            )  # fmt: skip
    order = {(m.muscle_id, m.side): i for i, m in enumerate(scored)}
    return sorted(
        (m for m in scored if m.score > 0),
        key=lambda m: (m.other_side, -m.score, order[(m.muscle_id, m.side)]),
    )


def test_the_same_matches_as_before_on_every_map_tried(kb: KnowledgeBase) -> None:
    keys = all_region_keys(kb.regions)
    maps = [[key] for key in keys]
    maps += [list(pair) for pair in combinations(keys, 2) if pair[0].side == pair[1].side]
    rng = random.Random(2026)
    maps += [rng.sample(keys, rng.randint(1, 10)) for _ in range(1_000)]
    for marked in maps:
        places = frozenset(marked)
        assert list(match(kb, marked).matches) == reference_scores(kb, places), marked
