"""Making a plan: the safety check it rests on, the muscles to work on, today's dose, and saving.

The planner itself is the domain's (:func:`sciatica_coach.domain.planning.build_plan`); here is
what comes before and after it, once for every door: a current safety check that allows a
session, muscles from a saved body map, from marks or chosen by name, a body map that does not
contradict the safety answers, and today's sessions and holds from the journal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sciatica_coach.content import KnowledgeBase, UnknownIdError
from sciatica_coach.content.models import SIDES, MatchNote
from sciatica_coach.domain.matching import map_restrictions
from sciatica_coach.domain.plan_checks import map_conflicts
from sciatica_coach.domain.plan_model import EXPERIENCES, Plan, PlanFormatError, plan_from_json
from sciatica_coach.domain.planning import (
    PlanInputError,
    PlanRefused,
    TargetChoice,
    build_plan,
    targets_from_matches,
)
from sciatica_coach.storage.entries import PainMap, StoredPlan

from . import activity
from .errors import Conflict, Invalid, Loc, NotAllowed, NotFound
from .maps import find_map, map_feels, map_places, match_places
from .pages import Page, page
from .ports import JournalPort
from .safety import Checked, allowing_check, current_check

CONFLICT_NOTES = {"both_sides", "numbness_screen"}
MAP_CONFLICT = "Please take the safety check again with what your body map shows."
NO_FIT = (
    "No muscle fits your map well enough to plan for it. Mark more places, or choose a "
    "muscle yourself."
)


MAP_KEY = "map_id"
"""Where a saved plan's JSON keeps the id of the body map it was made from."""
TOOLS_KEY = "tools"
"""Where a saved plan's JSON keeps the tools the person said they have (a plan may use fewer),
so "Same as last time" can offer them again."""


@dataclass(frozen=True)
class PlanRequest:
    """What to plan for: a saved body map, marks, or muscles by name (``(muscle, side)``)."""

    map_id: int | None = None
    where: Sequence[str] = ()
    feels: Sequence[str] = ()
    muscles: Sequence[tuple[str, str]] = ()
    tools: Sequence[str] = ()
    minutes: int = 15
    experience: str = "new"


@dataclass(frozen=True)
class SavedPlan:
    """A plan as saved, with the check it rests on and the matcher's notes on the map."""

    plan: Plan
    id: int
    created_at: datetime
    checked: Checked
    map_id: int | None = None
    notes: tuple[MatchNote, ...] = field(default=())


def make_plan(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, request: PlanRequest
) -> SavedPlan:
    """Check, match, plan and save; raise what the person needs to hear if it cannot be."""
    recent = activity.recent(journal, now)  # read once: for the check and for the plan
    checked = allowing_check(kb, journal, now, recent)
    _check_request(kb, request)
    targets, notes = _targets(kb, journal, request)
    conflicts = map_conflicts({note.id for note in notes}, checked.result)
    if conflicts:
        reasons = [*conflicts, *(n.text for n in notes if n.id in CONFLICT_NOTES)]
        raise NotAllowed("map_conflict", MAP_CONFLICT, reasons=reasons)
    try:
        plan = build_plan(
            kb,
            checked.result,
            targets,
            request.tools,
            request.minutes,
            request.experience,  # type: ignore[arg-type]  # checked above
            recent,
            map_restrictions(notes),
        )
    except PlanRefused as refusal:
        level = refusal.screening.level if refusal.screening else None
        raise NotAllowed(
            "not_allowed", refusal.message, reasons=refusal.reasons, level=level
        ) from None
    except PlanInputError as error:
        where = "minutes" if "minutes" in str(error) else "where"
        raise Invalid.one((where,), str(error)) from None
    asked = {MAP_KEY: request.map_id, TOOLS_KEY: list(request.tools)}
    plan_id = journal.add_plan(now, {**plan.to_json(), **asked})
    return SavedPlan(plan, plan_id, now, checked, request.map_id, notes)


def plan_map(journal: JournalPort, stored: StoredPlan) -> PainMap | None:
    """The body map a saved plan was made from, so a session started from any door (the
    Session tab, the plan page, the terminal) has its "before" map. ``None`` for a plan made
    from muscles by name, or when that map is gone. The id is kept in the plan's JSON, which
    an import into a journal with other rows renumbers around: a map saved after the plan
    cannot be the one it was made from, so it is not taken."""
    map_id = stored.plan.get(MAP_KEY)
    if isinstance(map_id, bool) or not isinstance(map_id, int):
        return None
    entry = journal.pain_map(map_id)
    if entry is None or entry.recorded_at > stored.created_at:
        return None
    return entry


def map_against_check(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, notes: Sequence[MatchNote]
) -> list[str]:
    """What a body map says that the current check denied (both legs, numbness): shown as
    the map is marked, not only once a plan is asked for (the map's own notes say why it
    matters). Empty when there is no current check or nothing contradicts it."""
    checked = current_check(kb, journal, now)
    if checked is None:
        return []
    return map_conflicts({note.id for note in notes}, checked.result)


def _check_request(kb: KnowledgeBase, request: PlanRequest) -> None:
    timing = kb.routine.timing
    problems: list[tuple[Loc, str]] = []
    if not timing.minimum_minutes <= request.minutes <= timing.maximum_minutes:
        problems.append(
            (
                ("minutes",),
                f"Choose between {timing.minimum_minutes} and {timing.maximum_minutes} minutes.",
            )
        )
    unknown = [t for t in request.tools if t not in kb.tools]
    if unknown:
        problems.append(
            (("tools",), f"Unknown tool(s): {', '.join(unknown)}. Use: {', '.join(kb.tools)}.")
        )
    if request.experience not in EXPERIENCES:
        problems.append((("experience",), "Choose new or experienced."))
    if problems:
        raise Invalid(problems)


def _targets(
    kb: KnowledgeBase, journal: JournalPort, request: PlanRequest
) -> tuple[list[TargetChoice], tuple[MatchNote, ...]]:
    """The muscles to plan for, and the matcher's notes on the map (if there is one)."""
    where, feels = list(request.where), list(request.feels)
    if request.map_id is not None:
        entry = find_map(journal, request.map_id)
        where, feels = map_places(entry), map_feels(entry)
    problems: list[tuple[Loc, str]] = []
    chosen: list[TargetChoice] = []
    for index, (muscle_id, side) in enumerate(request.muscles):
        if muscle_id not in kb.muscles:
            unknown = UnknownIdError("muscle", muscle_id, list(kb.muscles))
            problems.append((("muscles", index, "muscle_id"), str(unknown)))
        elif side not in SIDES:
            problems.append((("muscles", index, "side"), "Say left or right."))
        else:
            chosen.append(TargetChoice(muscle_id, side, "you chose it"))
    if problems:
        raise Invalid(problems)
    notes: tuple[MatchNote, ...] = ()
    if where:
        matched = match_places(kb, where, feels)
        chosen += targets_from_matches(matched.result)
        notes = matched.result.notes
    if not chosen:
        raise Invalid.one(("where",), NO_FIT)
    return chosen, notes


def keep_plan(journal: JournalPort, now: datetime, plan: Plan) -> int:
    """Keep a plan read from a file in the journal, like any other, so its session record
    points at it. (Whether it is safe to play is checked when a session opens and starts.)"""
    return journal.add_plan(now, plan.to_json())


def read_plan(stored: StoredPlan) -> Plan:
    try:
        return plan_from_json(stored.plan)
    except PlanFormatError as error:
        raise Conflict(
            "unreadable_plan", f"This plan cannot be read ({error}). Please make a new one."
        ) from None


def find_plan(journal: JournalPort, plan_id: int) -> tuple[Plan, StoredPlan]:
    stored = journal.plan(plan_id)
    if stored is None:
        raise NotFound(f"There is no plan with id {plan_id} in your journal.")
    return read_plan(stored), stored


def latest_plan(journal: JournalPort) -> tuple[Plan, StoredPlan] | None:
    """The most recently saved plan, or None."""
    stored = journal.latest_plan()
    return None if stored is None else (read_plan(stored), stored)


@dataclass(frozen=True)
class PlanSummary:
    id: int
    created_at: datetime
    minutes: int
    muscles: tuple[str, ...]


def plan_summaries(
    kb: KnowledgeBase, journal: JournalPort, limit: int, before: int | None = None
) -> Page[PlanSummary]:
    """A page of saved plans, newest first, with the muscles they work on (unreadable ones
    left out, so a page may show fewer than ``limit``; ``next_before`` still leads on)."""
    stored_page = page(journal.newest_plans, limit, before)
    summaries = []
    for stored in stored_page.entries:
        try:
            plan = plan_from_json(stored.plan)
        except PlanFormatError:
            continue
        names = tuple(
            f"{kb.muscles[t.muscle_id].name} ({t.side})"
            for t in plan.targets
            if t.muscle_id in kb.muscles
        )
        summaries.append(PlanSummary(stored.id, stored.created_at, plan.minutes, names))
    return Page(summaries, stored_page.next_before)
