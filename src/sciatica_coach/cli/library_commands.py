"""Commands that read the knowledge base: learn, muscles, tools, exercises, FAQ and more."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from sciatica_coach.content import UnknownIdError, default_knowledge_base
from sciatica_coach.domain.library import (
    exercises_for,
    muscle_guide,
    techniques_using,
    warning_signs_in_order,
)

from . import render
from .output import print_json, stdout, unknown

JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def learn(
    topic: Annotated[
        str | None, typer.Argument(help="A topic id, e.g. good_vs_bad_pain. Omit to list.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Read about sciatica-like pain, trigger points and safe self-massage."""
    kb = default_knowledge_base()
    if topic is None:
        if as_json:
            return print_json(kb, kb.topics.all())
        items = [
            render.Item(t.title, (t.summary,), f"sciatica-coach learn {t.id}")
            for t in kb.topics.values()
        ]
        stdout.print(render.listing("Learn", items, kb.screening.safety_net.disclaimer))
        return None
    try:
        chosen = kb.topics.find(topic)
    except UnknownIdError as error:
        unknown(error)
    if as_json:
        return print_json(kb, chosen)
    stdout.print(render.topic_page(kb, chosen))
    return None


def muscles(as_json: JsonOption = False) -> None:
    """List the muscles whose trigger points can cause or add to sciatica-like pain."""
    kb = default_knowledge_base()
    if as_json:
        return print_json(kb, kb.muscles.all())
    items = [
        render.Item(
            m.name,
            (
                "Can send pain to: "
                + ", ".join(kb.regions[r].label.lower() for r in m.referral.essential),
            ),
            f"sciatica-coach muscle {m.id}",
        )
        for m in kb.muscles.values()
    ]
    stdout.print(render.listing("Muscles", items))
    return None


def muscle(
    muscle_id: Annotated[
        str, typer.Argument(metavar="MUSCLE", help="A muscle id, e.g. piriformis.")
    ],
    as_json: JsonOption = False,
) -> None:
    """Show one muscle: where it is, its trigger points, how to release it, what to pair."""
    kb = default_knowledge_base()
    try:
        guide = muscle_guide(kb, kb.muscles.find(muscle_id).id)
    except UnknownIdError as error:
        unknown(error)
    if as_json:
        return print_json(kb, guide)
    stdout.print(render.muscle_page(guide, kb.routine.script.skip_if))
    return None


def tools(
    tool_id: Annotated[
        str | None, typer.Argument(metavar="TOOL", help="A tool id. Omit to list.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the self-massage tools, or show one."""
    kb = default_knowledge_base()
    if tool_id is not None:
        return tool(tool_id, as_json)
    if as_json:
        return print_json(kb, kb.tools.all())
    items = [
        render.Item(
            t.name,
            (
                t.summary,
                f"Intensity: {t.intensity}. "
                + ("Good for beginners." if t.beginner_friendly else "Better with some practice."),
            ),
            f"sciatica-coach tool {t.id}",
        )
        for t in kb.tools.values()
    ]
    stdout.print(render.listing("Tools", items))
    return None


def tool(
    tool_id: Annotated[str, typer.Argument(metavar="TOOL", help="A tool id, e.g. tennis_ball.")],
    as_json: JsonOption = False,
) -> None:
    """Show one tool: how to use it, its intensity and its cautions."""
    kb = default_knowledge_base()
    try:
        chosen = kb.tools.find(tool_id)
        used_in = techniques_using(kb, chosen.id)
    except UnknownIdError as error:
        unknown(error)
    if as_json:
        return print_json(kb, {"tool": chosen, "used_in": [t.id for t in used_in]})
    stdout.print(render.tool_page(kb, chosen, [t.name for t in used_in]))
    return None


ExerciseKind = Literal["stretch", "strengthening"]


def exercises(
    exercise_id: Annotated[
        str | None, typer.Argument(metavar="EXERCISE", help="An exercise id. Omit to list.")
    ] = None,
    kind: Annotated[
        ExerciseKind | None, typer.Option(help="Only stretches or only strengthening.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the stretches and strengthening exercises with their dose, or show one."""
    kb = default_knowledge_base()
    if exercise_id is not None:
        return exercise(exercise_id, as_json)
    chosen = exercises_for(kb, kind)
    if as_json:
        return print_json(kb, chosen)
    items = [
        render.Item(
            e.name,
            (f"{e.kind.capitalize()}: {e.dose.summary}",),
            f"sciatica-coach exercise {e.id}",
        )
        for e in chosen
    ]
    stdout.print(render.listing("Exercises", items))
    return None


def exercise(
    exercise_id: Annotated[
        str, typer.Argument(metavar="EXERCISE", help="An exercise id, e.g. glute_bridge.")
    ],
    as_json: JsonOption = False,
) -> None:
    """Show one exercise: its steps, dose, easier version and cautions."""
    kb = default_knowledge_base()
    try:
        chosen = kb.exercises.find(exercise_id)
    except UnknownIdError as error:
        unknown(error)
    if as_json:
        return print_json(kb, chosen)
    stdout.print(render.exercise_page(kb, chosen))
    return None


def faq(
    question: Annotated[
        str | None, typer.Argument(metavar="QUESTION", help="A question id. Omit for all.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Answers to common questions about self-massage for sciatica-like pain."""
    kb = default_knowledge_base()
    try:
        entries = kb.faq.all() if question is None else [kb.faq.find(question)]
    except UnknownIdError as error:
        unknown(error)
    if as_json:
        return print_json(kb, entries if question is None else entries[0])
    stdout.print(render.faq_page(kb, entries))
    return None


def habits(as_json: JsonOption = False) -> None:
    """Posture and daily habits that help keep trigger points from coming back."""
    kb = default_knowledge_base()
    if as_json:
        return print_json(kb, kb.habits.all())
    stdout.print(render.habit_page(kb, kb.habits.all()))
    return None


def warning_signs(as_json: JsonOption = False) -> None:
    """When to stop self-massage, and when to get help instead."""
    kb = default_knowledge_base()
    signs = warning_signs_in_order(kb)
    if as_json:
        return print_json(kb, signs)
    stdout.print(render.warning_page(kb, signs))
    return None


def professionals(as_json: JsonOption = False) -> None:
    """Who can help, and when to see them."""
    kb = default_knowledge_base()
    people = kb.professionals.all()
    if as_json:
        return print_json(kb, people)
    stdout.print(render.professional_page(kb, people))
    return None


def sources(as_json: JsonOption = False) -> None:
    """The references every piece of advice cites."""
    kb = default_knowledge_base()
    if as_json:
        return print_json(kb, kb.sources.all())
    items = [render.Item(s.citation, (f"Used for: {s.used_for}",)) for s in kb.sources.values()]
    hint = "Every muscle, technique, exercise and safety note names its sources."
    stdout.print(render.listing("Sources", items, hint))
    return None


def register(app: typer.Typer) -> None:
    """Add the knowledge-base commands to ``app``."""
    for command in (learn, muscles, muscle, tools, tool, exercises, exercise, faq, habits):
        app.command()(command)
    app.command("warning-signs")(warning_signs)
    app.command()(professionals)
    app.command()(sources)
