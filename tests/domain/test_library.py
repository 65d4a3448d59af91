"""Read-side views of the knowledge base that every front end shows the same way."""

from __future__ import annotations

import pytest

from sciatica_coach.domain.library import first_sentence


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Stop at once. Then rest.", "Stop at once."),
        ("One sentence only.", "One sentence only."),
        ("No full stop", "No full stop"),
        ("It fits the map (about 2.5 cm). The rest.", "It fits the map (about 2.5 cm)."),
    ],
)
def test_the_first_sentence_ends_at_the_first_full_stop_and_space(text: str, first: str) -> None:
    assert first_sentence(text) == first
