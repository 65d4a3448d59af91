"""Typed model of ``routine.yaml``: the dose limits and the words of a guided session.

The planner and the session players read their limits (sessions a day, holds per spot and per
muscle, hold times) and the text they show from here, so changing a limit or a cue is a content
change with a cited source, not a code change.
"""

from __future__ import annotations

import string
from typing import Annotated, Literal

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
    next_session: Prose
    """A refused start: when the next session may (``{when}``, the person's local time)."""
    rest: Prose
    """Why: the limit in any 24 hours and on one day (``{sessions}``, :attr:`sessions_per_day`)."""
    why: Prose
    sources: SourceIds

    @model_validator(mode="after")
    def _new_is_gentler(self) -> Limits:
        if self.hold_seconds_new > self.hold_seconds_experienced:
            raise ValueError("hold_seconds_new must not be longer than hold_seconds_experienced")
        return self

    @model_validator(mode="after")
    def _known_placeholders(self) -> Limits:
        for name, fields in {"next_session": {"when"}, "rest": {"sessions"}}.items():
            used = {f for _, f, _, _ in string.Formatter().parse(getattr(self, name)) if f}
            if used != fields:
                raise ValueError(f"{name} must use exactly {sorted(fields)}, not {sorted(used)}")
        return self

    def refused_words(self, when: str) -> tuple[str, str]:
        """What a refused start says: when the next session may start, and why."""
        return (
            self.next_session.format(when=when),
            self.rest.format(sessions=self.sessions_per_day),
        )


class Timing(Strict):
    """Seconds the planner allows for the parts of a session that are not holds."""

    safety_seconds: Annotated[int, Field(ge=10, le=120)]
    warm_up_heat_seconds: Annotated[int, Field(ge=60, le=900)]
    warm_up_movement_seconds: Annotated[int, Field(ge=60, le=900)]
    find_spot_seconds: Annotated[int, Field(ge=10, le=120)]
    get_ready_seconds: Annotated[int, Field(ge=3, le=15)]
    position_seconds: Annotated[int, Field(ge=5, le=30)]
    """The countdown to get into position before a timed warm-up or exercise."""
    check_in_seconds: Annotated[int, Field(ge=5, le=60)]
    between_sets_seconds: Annotated[int, Field(ge=0, le=120)]
    """The rest between two sets of a stretch."""
    between_strength_sets_seconds: Annotated[int, Field(ge=0, le=180)]
    """The rest between two sets of a strengthening exercise (longer: the muscles worked)."""
    seconds_per_rep: Annotated[int, Field(ge=2, le=10)]
    habit_seconds: Annotated[int, Field(ge=10, le=120)]
    minimum_minutes: Annotated[int, Field(ge=3, le=30)]
    rescreen_after_minutes: Annotated[int, Field(ge=5, le=240)]
    """How long a safety check counts before a plan or session must ask the questions again."""
    maximum_minutes: Annotated[int, Field(ge=10, le=120)]


class Script(Strict):
    """What a session says, step by step.

    ``find_with`` and ``tool_and_pressure`` name the tool the plan chose (``{tool}``) and the
    pressure it allows (``{pressure}``), so a step never names a tool or pressure the person's
    limits rule out.
    """

    safety_title: Name
    safety: Annotated[list[Prose], Field(min_length=1)]
    warm_up_heat_title: Name
    warm_up_heat: Annotated[list[Prose], Field(min_length=1)]
    warm_up_movement_title: Name
    warm_up_movement: Annotated[list[Prose], Field(min_length=1)]
    find_with: Prose
    tool_and_pressure: Prose
    release: Prose
    skip_if: Prose
    mirror_note: Prose
    find_spot: Annotated[list[Prose], Field(min_length=1)]
    found_signs: Annotated[list[Prose], Field(min_length=1)]
    not_found: Prose
    get_ready: Prose
    get_into_position: Prose
    rest: Prose
    keep_pace: Prose
    keep_going: Prose
    breathe_in: Prose
    breathe_out: Prose
    check_in_question: Prose
    good: Prose
    bad: Prose
    no_change: Prose
    bad_pain_stop: Prose
    bad_pain_what_to_do: Annotated[list[Prose], Field(min_length=1)]
    nerve_caution: Prose
    keep_off: Prose
    """Told when finding a muscle's spots: ``{places}`` are its places never to press."""
    finished: Prose
    sources: SourceIds

    @model_validator(mode="after")
    def _known_placeholders(self) -> Script:
        allowed = {
            "find_with": {"tool"},
            "tool_and_pressure": {"tool", "pressure"},
            "keep_off": {"places"},
        }
        for name, fields in allowed.items():
            used = {f for _, f, _, _ in string.Formatter().parse(getattr(self, name)) if f}
            if used != fields:
                raise ValueError(f"{name} must use exactly {sorted(fields)}, not {sorted(used)}")
        return self


class PegItem(Strict):
    """One PEG question with the labels of its two ends, as the validated instrument has
    them (so plain ``str``: the readability rule for our own prose does not apply)."""

    id: Literal["pain", "enjoyment", "activity"]
    question: str
    low: str
    high: str


class PegContent(Strict):
    """The whole of ``peg.yaml``."""

    title: Name
    intro: Prose
    items: Annotated[list[PegItem], Field(min_length=3, max_length=3)]
    sources: SourceIds

    @model_validator(mode="after")
    def _in_order(self) -> PegContent:
        if [item.id for item in self.items] != ["pain", "enjoyment", "activity"]:
            raise ValueError("the PEG items are pain, enjoyment and activity, in that order")
        return self


class Reminders(Strict):
    """The words of the calendar reminders (``sciatica-coach remind``, the Reminders page).

    A session reminder always sends the person to the safety check first, names the pain
    that means stop, and the signs that mean emergency care instead of a session."""

    session_summary: Name
    session_description: Prose
    peg_summary: Name
    peg_description: Prose
    review_after_weeks: Annotated[int, Field(ge=2, le=12)]
    """Session and PEG reminders stop after this many weeks: a reminder never goes on for
    ever, and the last one says to see someone if it is not better."""
    review_summary: Name
    review_description: Prose
    sources: SourceIds

    @model_validator(mode="after")
    def _review_names_its_weeks(self) -> Reminders:
        if f"{self.review_after_weeks} weeks" not in self.review_description:
            raise ValueError(
                f"review_description must say the reminders stop after "
                f"{self.review_after_weeks} weeks (review_after_weeks)"
            )
        return self


class BeforeAfter(Strict):
    """The words for pain just before and just after sessions (``progress``, the journal
    page): a heading that presumes no effect, and a caveat that the change is short-term and
    says nothing about cause. Kept apart from the clinically important change over weeks."""

    title: Name
    caveat: Prose
    sources: SourceIds


class Printout(Strict):
    """The "Safety first" box at the top of a printed routine: the stop signs (from
    ``warning_signs.yaml``) under ``stop_title``, what to do after stopping, and the places
    pressure never goes; the emergency signs follow, from the safety net."""

    stop_title: Prose
    after_stopping: Prose
    never_press_title: Prose
    sources: SourceIds


class RoutineContent(Strict):
    limits: Limits
    timing: Timing
    script: Script
    reminders: Reminders
    printout: Printout
    before_after: BeforeAfter
