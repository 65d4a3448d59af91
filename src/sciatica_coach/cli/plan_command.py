"""``sciatica-coach plan``: the safety check first, then a routine for your muscles, tools and
time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Group, RenderableType
from rich.text import Text

from sciatica_coach.coach import preferences
from sciatica_coach.coach.errors import NotAllowed
from sciatica_coach.coach.plans import PlanRequest, make_plan
from sciatica_coach.coach.safety import Checked
from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.domain.plan_model import EXPERIENCES, Plan
from sciatica_coach.domain.screening import safety_net

from . import render
from .emergency_call import call_words
from .files import write_private, write_private_bytes
from .journal_access import EXIT_NOT_ALLOWED, journal, now, reported
from .match_commands import FeelsOption, WhereOption
from .output import fail, known, print_json, stderr, stdout
from .screen_command import check_for_session, flags_stand, result_view


def parse_muscles(text: str) -> list[tuple[str, str]]:
    """Read ``piriformis:left,hamstrings:right``; each muscle needs a side."""
    choices = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        muscle_id, _, side = item.partition(":")
        if side not in ("left", "right"):
            fail(f"say which side for '{muscle_id}', as {muscle_id}:left or {muscle_id}:right")
        choices.append((muscle_id, side))
    return choices


def short_reason(why: str) -> str:
    """The reason a muscle is in the plan, in one short line ("fits your map (fit 58 out of
    100)"): the whole explanation is what ``match`` shows."""
    head = why.split(": ", 1)[0] if ": " in why else why.split(". ", 1)[0]
    return head.rstrip(".")


def plan_view(kb: KnowledgeBase, plan: Plan) -> RenderableType:
    minutes = round(plan.estimated_seconds / 60)
    parts: list[RenderableType] = [
        render.heading(f"Your routine: about {minutes} minutes (you allowed {plan.minutes})"),
    ]
    for t in plan.targets:
        muscle, tool = kb.muscles[t.muscle_id].name, kb.tools[t.tool_id].name
        spots = "1 spot" if t.spots == 1 else f"{t.spots} spots"
        parts += [
            Text(""),
            Text(f"{muscle} ({t.side})", style="bold"),
            render.bullets(
                [
                    f"{tool}, {t.pressure} pressure, {spots}, {t.hold_seconds} s each.",
                    f"Why: {short_reason(t.why)}.",
                ],
                " ",
            ),
        ]
    parts.append(Text(""))
    parts.append(render.heading("The steps"))
    for number, step in enumerate(plan.steps, start=1):
        amount = f"{step.dose}, timed" if step.dose else f"{step.seconds} s"
        parts.append(Text(""))
        parts.append(Text.assemble((f"{number}. {step.title}", "bold"), (f"  ({amount})", "dim")))
        parts.append(render.bullets(step.instructions, "-"))
    if plan.dropped:
        parts.append(render.section("Left out today", render.bullets(plan.dropped)))
    if plan.notes:
        parts.append(render.section("Limits applied", render.bullets(plan.notes, "!", "yellow")))
    parts.append(render.sources_block(kb.sources[s] for s in plan.sources))
    parts.append(Text("Start it with: sciatica-coach session", style="dim"))
    return Group(*parts)


def plan_command(
    where: WhereOption = "",
    feels: FeelsOption = "",
    muscles: Annotated[
        str, typer.Option(help="Muscles to work on, e.g. piriformis:left (instead of --where).")
    ] = "",
    tools: Annotated[
        str | None,
        typer.Option(
            help="Tools you have, comma-separated (your hands are always there). "
            "Default: yours from 'config set tools', else none."
        ),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option(help="How many minutes you have. Default: 'config set minutes', else 15."),
    ] = None,
    experience: Annotated[
        str | None,
        typer.Option(help="new or experienced with self-massage. Default: yours, else new."),
    ] = None,
    answers_file: Annotated[
        Path | None, typer.Option("--answers", help="Screening answers (JSON) to use.")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Also save the plan as JSON here.")] = None,
    print_to: Annotated[
        Path | None,
        typer.Option(
            "--print",
            help="Also write the routine as a PDF to print: the safety rules, then every step "
            "with its picture.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Make a safe routine: warm-up, massage, stretches, strengthening and habits.

    Uses your safety check from the last hour if there is one (or --answers), else asks the
    questions first. Exit code 0 with a plan, 3 when no session is allowed today, 2 for bad
    input.
    """
    kb = default_knowledge_base()
    with reported("your settings"):
        defaults = preferences.plan_defaults(kb)
    tool_ids = (
        [known(kb.tools, t).id for t in tools.split(",") if t.strip()]
        if tools is not None
        else list(defaults.tools)
    )
    minutes = defaults.minutes if minutes is None else minutes
    experience = defaults.experience if experience is None else experience.strip().lower()
    if experience not in EXPERIENCES:
        fail(f"--experience must be one of: {', '.join(EXPERIENCES)}")
    if not where.strip() and not muscles.strip():
        fail("say where it hurts with --where, or which muscles with --muscles")
    chosen = parse_muscles(muscles)
    try:
        checked = check_for_session(kb, answers_file, stderr if as_json else stdout)
    except NotAllowed as refusal:
        refused(kb, refusal, None, as_json)
    request = PlanRequest(
        where=[w for w in where.split(",") if w.strip()],
        feels=[f for f in feels.split(",") if f.strip()],
        muscles=chosen,
        tools=tool_ids,
        minutes=minutes,
        experience=experience,
    )
    with reported("the plan"):
        try:
            saved = make_plan(kb, journal(), now(), request)
        except NotAllowed as refusal:
            refused(kb, refusal, checked, as_json)
    if out is not None:
        write_private(out, json.dumps(saved.plan.to_json(), indent=2) + "\n")
    if print_to is not None:
        from sciatica_coach.exports.program_pdf import program_pdf  # late: fpdf2 is slow to load

        write_private_bytes(print_to, program_pdf(kb, saved.plan, saved.created_at))
    if as_json:
        notes = [n.model_dump() for n in saved.notes]
        print_json(kb, {"plan": saved.plan.to_json(), "id": saved.id, "match_notes": notes})
    else:
        for note in saved.notes:
            stdout.print(Text(f"Note: {note.text}", style=render.CAUTION))
        stdout.print(plan_view(kb, saved.plan))
        if print_to is not None:
            stdout.print(Text(f"Routine to print written to {print_to}", style="green"))


def refused(
    kb: KnowledgeBase, refusal: NotAllowed, checked: Checked | None, as_json: bool
) -> NoReturn:
    """Explain why there is no plan (the safety check, if it is why, else a red flag that
    stands), then exit 3."""
    if as_json:
        print_json(
            kb,
            {
                "plan": None,
                "code": refusal.code,
                "refused": refusal.message,
                "reasons": refusal.reasons,
                "level": refusal.level,
            },
        )
    elif checked is not None and not checked.result.session_allowed:
        stdout.print(result_view(kb, checked.result, None, checked.corrected, checked.taken_at))
    elif refusal.code == "red_flag_stands":
        flags_stand(kb, refusal.reasons, refusal.message)
    else:
        net = render.safety_net_block(safety_net(kb), call_words(kb))
        stdout.print(render.not_now_page(refusal.message, refusal.reasons, net))
    raise typer.Exit(EXIT_NOT_ALLOWED)


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_command)
