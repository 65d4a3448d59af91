"""Matching 1,000 body maps, against a baseline of just building the maps' sets.

Run: ``.venv/bin/python -m bench.bench_matching``. Prints the time per 1,000 maps and the
ratio to the baseline measured in the same run; it asserts nothing about time.
"""

from __future__ import annotations

import random

from bench.timing import median_time
from sciatica_coach.content import default_knowledge_base
from sciatica_coach.domain.body_map import RegionKey, all_region_keys
from sciatica_coach.domain.matching import match

MAPS = 1_000


def random_maps(seed: int = 7) -> list[list[RegionKey]]:
    keys = all_region_keys(default_knowledge_base().regions)
    rng = random.Random(seed)
    return [rng.sample(keys, rng.randint(1, 8)) for _ in range(MAPS)]


def main() -> None:
    kb = default_knowledge_base()
    maps = random_maps()
    baseline = median_time(7, lambda: [frozenset(m) for m in maps])
    matched = median_time(7, lambda: [match(kb, m) for m in maps])
    print(f"baseline (build {MAPS} map sets): {baseline * 1000:8.2f} ms")
    print(
        f"match {MAPS} maps:              {matched * 1000:8.2f} ms"
        f"   ratio {matched / baseline:6.1f}x   ({matched / MAPS * 1e6:.0f} µs per map)"
    )


if __name__ == "__main__":
    main()
