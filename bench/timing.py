"""The one timing helper the benchmarks share: the median of several runs of a piece of work."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_time(runs: int, work: Callable[[], object]) -> float:
    """Seconds the work takes, as the median of ``runs`` runs (robust to a noisy neighbour)."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)
