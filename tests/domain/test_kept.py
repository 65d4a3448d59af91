"""The bounded memo the exports' readers share (steps, outcomes, FHIR parts and shapes)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.domain.kept import Kept


def test_a_kept_value_is_handed_out_again_and_a_new_key_finds_nothing() -> None:
    kept: Kept[str] = Kept(2)
    assert kept.keep("a", "A") == "A"
    assert kept.get("a") == "A" and kept.get("b") is None


def test_the_oldest_goes_first_when_full() -> None:
    kept: Kept[int] = Kept(2)
    for key in "abc":
        kept.keep(key, ord(key))
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == (None, ord("b"), ord("c"))


def test_a_key_that_cannot_be_hashed_is_a_type_error_the_caller_reads_past() -> None:
    with pytest.raises(TypeError):
        Kept[int](2).get(([1],))


@given(st.lists(st.integers(0, 50)), st.integers(1, 8))
def test_never_more_than_the_limit_and_the_newest_always_there(keys: list[int], limit: int) -> None:
    kept: Kept[int] = Kept(limit)
    for key in keys:
        kept.keep(key, key)
        assert len(kept) <= limit and kept.get(key) == key
