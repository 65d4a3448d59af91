"""Typed model of ``routine.yaml``: the dose limits and the words of a guided session.

The planner and the session players read their limits (sessions a day, holds per spot and per
muscle, hold times) and the text they show from here, so changing a limit or a cue is a content
change with a cited source, not a code change.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from .models import Name, Prose, SourceIds, Strict


class Limits(Strict):
    """How much self-massage is safe, per session and per day."""

    sessions_per_day: Annotated[int, Field(ge=1, le=3)]
    holds_per_spot_per_session: Annotated[int, Field(ge=1, le=3)]
    holds_per_muscle_per_day: Annotated[int, Field(ge=1, le=12)]
    hold_seconds_new: Annotated[int, Field(ge=20, le=60)]
    hold_seconds_experienced: Annotated[int, Field(ge=20, le=60)]
    bad_reports_per_week_before_referral: Annotated[int, Field(ge=1, le=5)]
    why: Prose
    sources: SourceIds

    @model_validator(mode="after")
    def _new_is_gentler(self) -> Limits:
        if self.hold_seconds_new > self.hold_seconds_experienced:
            raise ValueError("hold_seconds_new must not be longer than hold_seconds_experienced")
        return self


class Timing(Strict):
    """Seconds the planner allows for the parts of a session that are not holds."""

    safety_seconds: Annotated[int, Field(ge=10, le=120)]
    warm_up_heat_seconds: Annotated[int, Field(ge=60, le=900)]
    warm_up_movement_seconds: Annotated[int, Field(ge=60, le=900)]
    find_spot_seconds: Annotated[int, Field(ge=10, le=120)]
    get_ready_seconds: Annotated[int, Field(ge=3, le=15)]
    check_in_seconds: Annotated[int, Field(ge=5, le=60)]
    between_sets_seconds: Annotated[int, Field(ge=0, le=120)]
    seconds_per_rep: Annotated[int, Field(ge=2, le=10)]
    habit_seconds: Annotated[int, Field(ge=10, le=120)]
    minimum_minutes: Annotated[int, Field(ge=3, le=30)]
    rescreen_after_minutes: Annotated[int, Field(ge=5, le=240)]
    """How long a safety check counts before a plan or session must ask the questions again."""
    maximum_minutes: Annotated[int, Field(ge=10, le=120)]


class Script(Strict):
    """What a session says, step by step."""

    safety_title: Name
    safety: Annotated[list[Prose], Field(min_length=1)]
    warm_up_heat_title: Name
    warm_up_heat: Annotated[list[Prose], Field(min_length=1)]
    warm_up_movement_title: Name
    warm_up_movement: Annotated[list[Prose], Field(min_length=1)]
    find_spot: Annotated[list[Prose], Field(min_length=1)]
    found_signs: Annotated[list[Prose], Field(min_length=1)]
    not_found: Prose
    get_ready: Prose
    breathe_in: Prose
    breathe_out: Prose
    check_in_question: Prose
    good: Prose
    bad: Prose
    no_change: Prose
    bad_pain_stop: Prose
    bad_pain_what_to_do: Annotated[list[Prose], Field(min_length=1)]
    nerve_caution: Prose
    finished: Prose
    sources: SourceIds


class RoutineContent(Strict):
    limits: Limits
    timing: Timing
    script: Script
