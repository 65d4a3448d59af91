"""At most a few argon2 checks at once in a process, so a burst of sign-ins cannot take the
machine's memory (security review M-3).

Each argon2id hash or check holds ``memory_cost`` KiB (64 MiB with argon2-cffi's defaults)
for its whole run, and the server runs sign-ins in a pool of 40 threads: 64 parallel sign-ins
took the server from 220 MiB to 2.4 GiB. A semaphore lets only :func:`slots_for` checks run at
once; the others wait their turn, and one that has waited :data:`MAX_WAIT` seconds is told
"busy, try again" (:class:`~sciatica_coach.coach.errors.Busy`, a 503) instead of queueing
without end.

How many at once: no more than the CPUs this process may use (argon2 is CPU-bound, so more
at once only costs memory and makes each slower), no more than :data:`MOST`, and only as many
as a quarter of the memory available at start holds; always at least one.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from .errors import Busy

MOST = 4
MAX_WAIT = 10.0
"""Seconds a sign-in waits for its turn before it is told to try again."""
BUSY = (
    "Many people are signing in at this moment, so your password was not checked yet. "
    "Nothing was changed; please try again in a few seconds."
)
MEMINFO = Path("/proc/meminfo")


def slots_for(memory_cost_kib: int, available_bytes: int, cpus: int) -> int:
    """How many argon2 checks of ``memory_cost_kib`` may run at once."""
    by_memory = available_bytes // (4 * memory_cost_kib * 1024)
    return max(1, min(MOST, cpus, by_memory))


def available_memory() -> int:
    """Bytes of memory available now (``MemAvailable``; else the free pages)."""
    try:
        for line in MEMINFO.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, AttributeError):
        return 0  # unknown: one at a time


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class Gate:
    """A bounded semaphore whose wait is bounded too."""

    def __init__(self, slots: int, max_wait: float = MAX_WAIT) -> None:
        self.slots = slots
        self.max_wait = max_wait
        self._semaphore = threading.BoundedSemaphore(slots)

    @contextmanager
    def held(self) -> Iterator[None]:
        """One slot for the block, or :class:`Busy` after :attr:`max_wait` seconds."""
        if not self._semaphore.acquire(timeout=self.max_wait):
            raise Busy("busy", BUSY)
        try:
            yield
        finally:
            self._semaphore.release()


@cache
def gate_for(memory_cost_kib: int) -> Gate:
    """The process's gate for checks of this cost, sized once, when first needed."""
    return Gate(slots_for(memory_cost_kib, available_memory(), usable_cpus()))
