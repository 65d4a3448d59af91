"""Request and response models of ``POST /api/describe``: the pain in a person's own words."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from sciatica_coach.coach.describe import DESCRIBE_LIMIT

from .models import InModel, Model


class DescribeIn(InModel):
    text: str = Field(
        description=(
            "Where it hurts and how it feels, in the person's own words (English; slang and "
            f"typos are fine). At most {DESCRIBE_LIMIT} characters, spaces around it not "
            "counted: longer text, empty text and text with nothing to read get 422."
        ),
        examples=["burning down the outside of my left leg to the ankle, no fever"],
    )


class Open(Model):
    """An answer that may carry more fields in a later version (never fewer, never renamed)."""

    model_config = ConfigDict(extra="allow")


class DescribedFlagOut(Open):
    question: str = Field(description="A yes/no question of the safety check")
    answer: Literal["yes", "not_sure"] = Field(
        description="What the text says: never no (a denial is in denied)"
    )
    evidence: str = Field(description="The words that gave it")


class DescribedDenialOut(Open):
    question: str
    evidence: str


class DescribedWordsOut(Open):
    places: dict[str, str] = Field(description="Each place, and the words that gave it")
    feels: dict[str, str] = Field(description="Each feeling, and the words that gave it")


class NotCurrentOut(Open):
    kind: Literal["history", "family", "hypothetical"]
    words: str


class DescriptionOut(Open):
    """What the text says. Nothing is decided from it: a flag pre-answers its check question
    for the person to confirm; a denial is shown, never used to answer a question no."""

    places: list[str] = Field(
        description="Body-map places as side:region (as GET /api/content/places lists them)"
    )
    feels: list[str] = Field(
        description="The map's feelings: ache, tight, sharp, burning, tingling, numbness, electric"
    )
    flags: list[DescribedFlagOut] = Field(description="Check questions the text speaks to")
    denied: list[DescribedDenialOut] = Field(
        description="Check questions the text denies: the check still asks them"
    )
    words: DescribedWordsOut
    which_side: list[str] = Field(description="Regions named with no side: ask which side")
    not_current: list[NotCurrentOut] = Field(
        description="History, family and hypothetical mentions: not the person's symptoms now"
    )
