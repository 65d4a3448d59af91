"""Making and reading plans for the web, with the CLI's rules: no plan without a safety check
from the last hour that allows a session, and the domain's planner decides everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.plan_checks import map_conflicts
from sciatica_coach.domain.plan_model import Plan, PlanFormatError, plan_from_json
from sciatica_coach.domain.planning import (
    PlanInputError,
    PlanRefused,
    TargetChoice,
    build_plan,
    targets_from_matches,
)
from sciatica_coach.storage.entries import StoredPlan

from .api_models import PlanOut, PlanStepOut, PlanSummaryOut, PlanTargetOut
from .context import Coach
from .errors import Conflict, InputProblem, Loc, NotAllowed, NotFound
from .maps import find_map, map_feels, map_places, read_feels, run_match
from .pictures import read_places
from .safety import Checked, activity, current_screening, restriction_views

SCREENING_NEEDED = "Please do the safety check first. A plan needs a check from the last hour."


@dataclass(frozen=True)
class PlanRequest:
    map_id: int | None = None
    where: Sequence[str] = ()
    feels: Sequence[str] = ()
    muscles: Sequence[tuple[str, str]] = ()
    tools: Sequence[str] = ()
    minutes: int = 15
    experience: str = "new"


def allowing_screening(coach: Coach) -> Checked:
    """The check a plan or a session rests on, or an error that says what to do."""
    checked = current_screening(coach)
    if checked is None:
        raise Conflict("screening_needed", SCREENING_NEEDED)
    if not checked.result.session_allowed:
        raise NotAllowed(
            "not_allowed",
            checked.result.message,
            reasons=[r.message for r in checked.result.reasons],
            level=checked.result.level,
        )
    return checked


def _targets(coach: Coach, request: PlanRequest) -> tuple[list[TargetChoice], set[str]]:
    """The muscles to plan for, and the ids of the matcher's notes on the map (if any)."""
    kb = coach.kb
    where, feels = list(request.where), list(request.feels)
    if request.map_id is not None:
        entry = find_map(coach, request.map_id)
        where, feels = map_places(entry), map_feels(entry)
    problems: list[tuple[Loc, str]] = []
    chosen: list[TargetChoice] = []
    for index, (muscle_id, side) in enumerate(request.muscles):
        if muscle_id not in kb.muscles:
            valid = ", ".join(kb.muscles)
            problems.append(
                (("muscles", index, "muscle_id"), f"Unknown muscle '{muscle_id}'. Use: {valid}.")
            )
        elif side not in ("left", "right"):
            problems.append((("muscles", index, "side"), "Say left or right."))
        else:
            chosen.append(TargetChoice(muscle_id, side, "you chose it"))
    if problems:
        raise InputProblem(problems)
    note_ids: set[str] = set()
    if where:
        keys = read_places(kb, where)
        matched = run_match(kb, keys, read_feels(feels))
        chosen += targets_from_matches(matched)
        note_ids = {note.id for note in matched.notes}
    if not chosen:
        raise InputProblem.one(
            ("where",),
            "No muscle fits your map well enough to plan for it. Mark more places, "
            "or choose a muscle yourself.",
        )
    return chosen, note_ids


def _check(kb: KnowledgeBase, request: PlanRequest) -> None:
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
    if request.experience not in ("new", "experienced"):
        problems.append((("experience",), "Choose new or experienced."))
    if problems:
        raise InputProblem(problems)


def make_plan(coach: Coach, request: PlanRequest) -> tuple[Plan, int, datetime]:
    """Screen, match, plan and save; raise what the person needs to hear if it cannot be."""
    checked = allowing_screening(coach)
    _check(coach.kb, request)
    targets, note_ids = _targets(coach, request)
    conflicts = map_conflicts(note_ids, checked.result)
    if conflicts:
        raise NotAllowed(
            "map_conflict",
            "Please take the safety check again with what your body map shows.",
            reasons=conflicts,
        )
    try:
        plan = build_plan(
            coach.kb,
            checked.result,
            targets,
            request.tools,
            request.minutes,
            request.experience,  # type: ignore[arg-type]  # checked above
            activity(coach),
        )
    except PlanRefused as refusal:
        raise NotAllowed("not_allowed", refusal.message, reasons=list(refusal.reasons)) from None
    except PlanInputError as error:
        where = "minutes" if "minutes" in str(error) else "where"
        raise InputProblem.one((where,), str(error)) from None
    created = coach.now()
    return plan, coach.journal.add_plan(created, plan.to_json()), created


def find_plan(coach: Coach, plan_id: int) -> tuple[Plan, StoredPlan]:
    for stored in reversed(coach.journal.plans()):
        if stored.id == plan_id:
            try:
                return plan_from_json(stored.plan), stored
            except PlanFormatError as error:
                raise Conflict(
                    "unreadable_plan", f"This plan cannot be read ({error}). Make a new one."
                ) from None
    raise NotFound(f"There is no plan with id {plan_id} in your journal.")


def plan_view(
    kb: KnowledgeBase, plan: Plan, plan_id: int, created_at: datetime, map_id: int | None
) -> PlanOut:
    return PlanOut(
        id=plan_id,
        created_at=created_at,
        map_id=map_id,
        minutes=plan.minutes,
        estimated_minutes=round(plan.estimated_seconds / 60),
        experience=plan.experience,
        screening_level=plan.screening_level,
        restrictions=restriction_views(kb, plan.restrictions),
        targets=[
            PlanTargetOut(
                muscle_id=t.muscle_id,
                muscle_name=kb.muscles[t.muscle_id].name
                if t.muscle_id in kb.muscles
                else t.muscle_id,
                side=t.side,
                tool_id=t.tool_id,
                tool_name=kb.tools[t.tool_id].name if t.tool_id in kb.tools else t.tool_id,
                pressure=t.pressure,
                spots=t.spots,
                hold_seconds=t.hold_seconds,
                why=t.why,
            )
            for t in plan.targets
        ],
        steps=[
            PlanStepOut(
                number=number,
                id=step.id,
                kind=step.kind,
                title=step.title,
                instructions=list(step.instructions),
                seconds=step.seconds,
                timed=step.timed,
            )
            for number, step in enumerate(plan.steps, start=1)
        ],
        dropped=list(plan.dropped),
        notes=list(plan.notes),
        sources=[kb.sources[s] for s in plan.sources if s in kb.sources],
        plan=plan.to_json(),
    )


def plan_summaries(coach: Coach) -> list[PlanSummaryOut]:
    summaries = []
    for stored in reversed(coach.journal.plans()):
        try:
            plan = plan_from_json(stored.plan)
        except PlanFormatError:
            continue
        names = [
            f"{coach.kb.muscles[t.muscle_id].name} ({t.side})"
            for t in plan.targets
            if t.muscle_id in coach.kb.muscles
        ]
        summaries.append(
            PlanSummaryOut(
                id=stored.id, created_at=stored.created_at, minutes=plan.minutes, muscles=names
            )
        )
    return summaries
