"""The progress report's mean is :func:`statistics.mean`'s, to the last bit."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.domain.progress import mean

scores = st.floats(min_value=0, max_value=10, allow_nan=False)
any_float = st.floats(allow_nan=False, allow_infinity=False, width=64)
hundredths = st.integers(0, 1000).map(lambda n: round(n / 100, 2))


@given(st.lists(scores | hundredths, min_size=1, max_size=60))
def test_scores_average_exactly_as_statistics_does(values: list[float]) -> None:
    assert mean(values) == statistics.mean(values)


@given(st.lists(any_float, min_size=1, max_size=30))
def test_any_floats_average_exactly_as_statistics_does(values: list[float]) -> None:
    try:
        expected = statistics.mean(values)
    except OverflowError:  # the exact mean is past the largest float: both say so
        with pytest.raises(OverflowError):
            mean(values)
        return
    assert mean(values) == expected


@given(st.lists(st.integers(-10, 10), min_size=1, max_size=20))
def test_whole_numbers_keep_statistics_own_answer_and_type(values: list[int]) -> None:
    got = mean(values)
    expected = statistics.mean(values)
    assert (got, type(got)) == (expected, type(expected))


def test_the_mean_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        mean([])


def test_values_where_rounding_twice_would_differ() -> None:
    values = [0.1] * 3 + [0.7]
    assert mean(values) == statistics.mean(values)
    assert mean([1e308, 1e308, -1e308]) == statistics.mean([1e308, 1e308, -1e308])
