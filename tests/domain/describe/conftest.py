"""The describe lexicon of the packaged content, built once for these tests."""

from __future__ import annotations

import pytest

from sciatica_coach.coach.describe_lexicon import lexicon
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.describe import Description, Lexicon, describe


@pytest.fixture(scope="session")
def lex(kb: KnowledgeBase) -> Lexicon:
    return lexicon(kb)


def flags(d: Description) -> dict[str, str]:
    return {f.question: f.answer for f in d.flags}


def denied(d: Description) -> set[str]:
    return {x.question for x in d.denied}


__all__ = ["denied", "describe", "flags"]
