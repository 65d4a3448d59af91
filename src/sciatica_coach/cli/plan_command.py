"""``sciatica-coach plan``: screen first, then a routine for your muscles, tools and time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.content.models import MatchNote
from sciatica_coach.domain.plan_checks import map_conflicts
from sciatica_coach.domain.plan_model import EXPERIENCES, Plan
from sciatica_coach.domain.planning import (
    PlanInputError,
    PlanRefused,
    TargetChoice,
    build_plan,
    targets_from_matches,
)
from sciatica_coach.domain.screening import ScreeningResult

from . import render
from .journal_access import recent_activity_now, save_plan, save_screening
from .match_commands import FeelsOption, WhereOption, read_where, run_match
from .output import fail, known, print_json, stderr, stdout
from .screen_command import (
    EXIT_NOT_ALLOWED,
    collect_answers,
    result_as_json,
    result_view,
    screen_today,
)

CONFLICT_NOTES = {"both_sides", "numbness_screen"}


def parse_muscles(kb: KnowledgeBase, text: str) -> list[TargetChoice]:
    """Read ``piriformis:left,hamstrings:right``; each muscle needs a side."""
    choices = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        muscle_id, _, side = item.partition(":")
        known(kb.muscles, muscle_id)
        if side not in ("left", "right"):
            fail(f"say which side for '{muscle_id}', as {muscle_id}:left or {muscle_id}:right")
        choices.append(TargetChoice(muscle_id, side, "you chose it"))
    return choices


def screening_for_plan(
    kb: KnowledgeBase, answers_file: Path | None, as_json: bool
) -> ScreeningResult:
    """The screening this plan rests on, with the person's recent history added to it."""
    answers = collect_answers(kb, answers_file, stderr if as_json else stdout)
    return screen_today(kb, answers)


def plan_view(kb: KnowledgeBase, plan: Plan) -> RenderableType:
    minutes = round(plan.estimated_seconds / 60)
    parts: list[RenderableType] = [
        render.heading(f"Your routine: about {minutes} minutes (you allowed {plan.minutes})"),
    ]
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("Muscle", "Side", "Tool", "Pressure", "Spots", "Hold", "Why"):
        table.add_column(column, overflow="fold")
    for t in plan.targets:
        table.add_row(
            kb.muscles[t.muscle_id].name,
            t.side,
            kb.tools[t.tool_id].name,
            t.pressure,
            str(t.spots),
            f"{t.hold_seconds} s",
            t.why,
        )
    parts.append(table)
    steps = Text()
    for number, step in enumerate(plan.steps, start=1):
        steps.append(f"\n{number}. {step.title}", style="bold")
        steps.append(f"  ({step.seconds} s)\n", style="dim")
        for line in step.instructions:
            steps.append(f"   - {line}\n")
    parts.append(steps)
    if plan.dropped:
        parts.append(render.section("Left out today", render.bullets(plan.dropped)))
    if plan.notes:
        parts.append(render.section("Limits applied", render.bullets(plan.notes, "!", "yellow")))
    parts.append(render.sources_block(kb.sources[s] for s in plan.sources))
    parts.append(Text("Start it with: sciatica-coach session --plan PLAN.json", style="dim"))
    return Group(*parts)


def plan_command(
    where: WhereOption = "",
    feels: FeelsOption = "",
    muscles: Annotated[
        str, typer.Option(help="Muscles to work on, e.g. piriformis:left (instead of --where).")
    ] = "",
    tools: Annotated[
        str, typer.Option(help="Tools you have, comma-separated (thumb_fingers is always there).")
    ] = "",
    minutes: Annotated[int, typer.Option(help="How many minutes you have.")] = 15,
    experience: Annotated[
        str, typer.Option(help="new (the default) or experienced with self-massage.")
    ] = "new",
    answers_file: Annotated[
        Path | None, typer.Option("--answers", help="Screening answers (JSON) to use.")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Also save the plan as JSON here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Make a safe routine: warm-up, massage, stretches, strengthening and habits.

    Runs the safety screening first (or uses --answers). Exit code 0 with a plan, 3 when no
    session is allowed today, 2 for bad input.
    """
    kb = default_knowledge_base()
    if experience not in EXPERIENCES:
        fail(f"--experience must be one of: {', '.join(EXPERIENCES)}")
    if not where.strip() and not muscles.strip():
        fail("say where it hurts with --where, or which muscles with --muscles")
    targets = parse_muscles(kb, muscles) if muscles.strip() else []
    notes: tuple[MatchNote, ...] = ()
    if where.strip():
        matched = run_match(kb, read_where(kb, where), feels)
        targets += targets_from_matches(matched)
        notes = matched.notes
    activity = recent_activity_now()
    screening = screening_for_plan(kb, answers_file, as_json)
    save_screening(screening, result_as_json(kb, screening))
    conflicts = map_conflicts({n.id for n in notes}, screening) if screening.session_allowed else []
    if conflicts:
        reasons = [*conflicts, *(n.text for n in notes if n.id in CONFLICT_NOTES)]
        message = "Please take the safety check again with what your body map shows."
        refused(kb, PlanRefused(message, reasons, None), as_json)
    try:
        plan = build_plan(
            kb,
            screening,
            targets,
            tools.split(","),
            minutes,
            experience,
            activity,
        )
    except PlanRefused as refusal:
        refused(kb, refusal, as_json)
    except PlanInputError as error:
        fail(str(error))
    save_plan(plan)
    if out is not None:
        try:
            out.write_text(json.dumps(plan.to_json(), indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            fail(f"could not write {out}: {error.strerror or error}")
    if as_json:
        print_json(kb, {**plan_as_json(plan), "match_notes": [n.model_dump() for n in notes]})
    else:
        for note in notes:
            stdout.print(Text(f"Note: {note.text}", style=render.CAUTION))
        stdout.print(plan_view(kb, plan))


def plan_as_json(plan: Plan) -> dict[str, Any]:
    return {"plan": plan.to_json()}


def refused(kb: KnowledgeBase, refusal: PlanRefused, as_json: bool) -> None:
    """Explain why there is no plan (screening first), then exit 3."""
    if as_json:
        print_json(
            kb,
            {
                "plan": None,
                "refused": refusal.message,
                "reasons": list(refusal.reasons),
                "level": refusal.screening.level if refusal.screening else None,
            },
        )
    elif refusal.screening is not None:
        stdout.print(result_view(kb, refusal.screening))
    else:
        stdout.print(
            render.page("No session now", refusal.message, render.bullets(refusal.reasons))
        )
    raise typer.Exit(EXIT_NOT_ALLOWED)


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_command)
