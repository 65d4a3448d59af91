"""How long loading and validating the knowledge base takes, against parsing the YAML alone.

Run: ``.venv/bin/python -m bench.bench_content_load``. Prints ratios, never asserts on time:
loading happens once per process, and the ratio shows what validation costs over reading.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import yaml

from sciatica_coach.content.loader import CONTENT_DIR, load_knowledge_base


def best_of(runs: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def parse_only() -> object:
    return [yaml.safe_load(p.read_text()) for p in sorted(CONTENT_DIR.glob("*.yaml"))]


def main() -> None:
    baseline = best_of(15, parse_only)
    full = best_of(15, load_knowledge_base)
    print(f"YAML parse only (baseline): {baseline * 1000:8.1f} ms")
    print(f"load + validate + refs:     {full * 1000:8.1f} ms   ratio {full / baseline:5.2f}x")


if __name__ == "__main__":
    main()
