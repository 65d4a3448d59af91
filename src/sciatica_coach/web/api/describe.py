"""``/api/describe``: the pain in a person's own words, read as the body map's places and
feelings, the safety check's questions it speaks to, and what it denies."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from sciatica_coach.coach.describe import describe_text

from ..context import shared
from ..views.models_describe import DescribeIn, DescriptionOut

router = APIRouter(prefix="/api", tags=["body map"])


@router.post("/describe", response_model=DescriptionOut)
def create_description(body: DescribeIn, request: Request) -> dict[str, Any]:
    """Read a description: places (side:region), feelings, the check questions it speaks to
    (``yes`` or ``not_sure``, with the words), the ones it denies, and what is not the
    person's own symptom now. Nothing is kept or decided: the map and the check use it to
    fill in answers for the person to confirm. Empty text, text with nothing to read, and
    text over the limit get 422 with a message saying what to write."""
    kb = shared(request).kb  # the same for everyone: nothing is looked up or kept
    return describe_text(kb, body.text).to_json()
