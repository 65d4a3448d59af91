"""The signs an entry shows, from its places, feelings and words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sciatica_coach.domain.logged_signs import LoggedEntry, SignRules, signs_in

T = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
RULES = SignRules(
    legs=frozenset({"thigh_posterior", "calf_posterior", "foot_sole"}),
    saddle_area=frozenset({"groin", "coccyx"}),
    note_words={
        "numbness": ["numb"],
        "weakness": ["weak", "foot drop"],
        "both_legs": ["both legs"],
    },
)


def ids(entry: LoggedEntry) -> list[str]:
    return [s.id for s in signs_in(entry, RULES)]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            LoggedEntry(T, "map", frozenset({"left:foot_sole"}), frozenset({"numbness"})),
            ["numbness"],
        ),
        (
            LoggedEntry(T, "map", frozenset({"left:foot_sole", "right:calf_posterior"})),
            ["both_legs"],
        ),
        (LoggedEntry(T, "map", frozenset({"left:foot_sole", "left:calf_posterior"})), []),
        (LoggedEntry(T, "map", frozenset({"coccyx"})), ["saddle_area"]),
        (LoggedEntry(T, "note", text="Numb toes, and a Foot Drop today"), ["numbness", "weakness"]),
        (LoggedEntry(T, "note", text="weakened resolve, no numbers"), []),
        (
            LoggedEntry(
                T,
                "after_map",
                frozenset({"left:foot_sole", "left:thigh_posterior"}),
                baseline=frozenset({"left:thigh_posterior"}),
            ),
            ["new_places"],
        ),
        (LoggedEntry(T, "pain_log", frozenset({"left:foot_sole"}), baseline=None), []),
    ],
)
def test_each_entry_shows_its_signs(entry: LoggedEntry, expected: list[str]) -> None:
    assert ids(entry) == expected


def test_new_places_names_only_the_new_ones() -> None:
    entry = LoggedEntry(
        T, "map", frozenset({"left:foot_sole", "left:groin"}), baseline=frozenset({"left:groin"})
    )
    (new,) = [s for s in signs_in(entry, RULES) if s.id == "new_places"]
    assert new.places == ("left:foot_sole",)
