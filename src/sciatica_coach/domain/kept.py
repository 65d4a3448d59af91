"""What was made once, kept to be handed out again: the most recent few, never more.

An export reads ten years of the same few steps, outcomes and FHIR parts; reading or
validating each again is most of its time. Every such memo keeps at most ``limit`` values and
lets the oldest go first, so memory stays bounded however long the journal.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Kept(Generic[V]):
    """Values by key, the most recent ``limit`` of them (the oldest goes first)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._values: dict[Hashable, V] = {}

    def get(self, key: Hashable) -> V | None:
        """The value kept for ``key``, or None; TypeError if ``key`` cannot be hashed."""
        return self._values.get(key)

    def keep(self, key: Hashable, value: V) -> V:
        """Keep ``value`` for ``key`` (letting the oldest go if full) and hand it back."""
        if len(self._values) >= self.limit:
            del self._values[next(iter(self._values))]
        self._values[key] = value
        return value

    def __len__(self) -> int:
        return len(self._values)
