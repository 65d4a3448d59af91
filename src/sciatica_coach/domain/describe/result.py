"""What ``describe`` finds in a text: places, feelings, flags, denials and asides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Answer = Literal["yes", "not_sure"]
AsideKind = Literal["history", "family", "hypothetical"]


@dataclass(frozen=True)
class Flag:
    """A screening question the text speaks to, its answer and the words that said so."""

    question: str
    answer: Answer
    evidence: str


@dataclass(frozen=True)
class Denial:
    """A question the text denies: shown to the person, never used to answer it "no"."""

    question: str
    evidence: str


@dataclass(frozen=True)
class Aside:
    """Words about the past, someone else or a "what if": not the person's symptoms now."""

    kind: AsideKind
    words: str


@dataclass(frozen=True)
class Description:
    places: tuple[str, ...] = ()
    place_words: Mapping[str, str] = field(default_factory=dict)
    feels: tuple[str, ...] = ()
    feel_words: Mapping[str, str] = field(default_factory=dict)
    flags: tuple[Flag, ...] = ()
    denied: tuple[Denial, ...] = ()
    asides: tuple[Aside, ...] = ()
    which_side: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        """Nothing found at all."""
        return not (
            self.places or self.feels or self.flags or self.denied or self.asides or self.which_side
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "places": list(self.places),
            "feels": list(self.feels),
            "flags": [
                {"question": f.question, "answer": f.answer, "evidence": f.evidence}
                for f in self.flags
            ],
            "denied": [{"question": d.question, "evidence": d.evidence} for d in self.denied],
            "words": {"places": dict(self.place_words), "feels": dict(self.feel_words)},
            "which_side": list(self.which_side),
            "not_current": [{"kind": a.kind, "words": a.words} for a in self.asides],
        }
