"""``sciatica-coach screen``: the safety questions, asked or read from a file.

Exit codes: 0 a session is allowed, 3 it is not, 2 the answers could not be used.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.prompt import Prompt
from rich.text import Text

from sciatica_coach.coach import safety
from sciatica_coach.coach.errors import Conflict, Invalid
from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.content.screening_models import Question
from sciatica_coach.domain.restrictions import described
from sciatica_coach.domain.screening import Answer, ScreeningResult, read_answer, triggers

from . import render
from .files import write_private
from .journal_access import EXIT_NOT_ALLOWED, journal, now, reported
from .output import fail, read_json_file, stderr, stdout

LEVEL_COLOURS = {
    "emergency": "bold white on red",
    "urgent": "red",
    "see_professional": "yellow",
    "not_today": "yellow",
    "caution": "green",
    "ok": "green",
}


def load_answers_file(path: Path) -> dict[str, object]:
    """Read a JSON object of answers, or exit 2 saying what is wrong with the file."""
    data = read_json_file(path, "answers")
    if not isinstance(data, dict):
        fail(f"{path} must hold a JSON object of {{question id: answer}}")
    return data


def collect_answers(
    kb: KnowledgeBase, answers_file: Path | None, console: Console
) -> dict[str, object]:
    """The answers from a file, or asked one by one; stopping early decides nothing."""
    if answers_file is not None:
        return load_answers_file(answers_file)
    try:
        return ask_all(kb, console)
    except (EOFError, KeyboardInterrupt):
        fail("the safety check stopped before it was finished; nothing was decided.")


def take_check(
    kb: KnowledgeBase, answers: dict[str, object], answered_by_mistake: bool = False
) -> safety.Checked:
    """Screen and save the answers (with what the journal knows); bad or incomplete answers
    exit 2 with every problem, each naming its question."""
    with reported("the safety check"):
        try:
            return safety.take_check(kb, journal(), now(), answers, answered_by_mistake)
        except Invalid as problem:
            fail(answers_problem(problem))
        except Conflict as refusal:
            fail(
                refusal.message.replace('tick "I answered by mistake"', "run it again")
                + " In the terminal: sciatica-coach screen --answered-by-mistake"
            )


def check_for_session(
    kb: KnowledgeBase, answers_file: Path | None, console: Console
) -> safety.Checked:
    """The safety check a plan or a session rests on: the answers given in a file; else the
    check still counting, said so; else the questions, asked now (saying why, when a check
    stopped counting for a reason other than time)."""
    if answers_file is None:
        with reported("the safety check"):
            status = safety.check_status(kb, journal(), now())
        if status.checked is not None:
            taken = status.checked.taken_at.astimezone().strftime("%H:%M")
            console.print(Text(f"Using your safety check from {taken}.", style="dim"))
            return status.checked
        if status.code != "none":
            console.print(Text(status.message, style="yellow"))
    return take_check(kb, collect_answers(kb, answers_file, console))


def answers_problem(problem: Invalid) -> str:
    """Each problem under the key of the answers file it is about (what the person wrote),
    with the question in words."""
    from sciatica_coach.content import default_knowledge_base

    questions = {q.id: q.question for q in default_knowledge_base().screening.questions}
    lines = []
    for loc, message in problem.problems:
        key = str(loc[-1])
        asked = f" (the question: {questions[key]})" if key in questions else ""
        lines.append(f"{key}: {message}{asked}")
    return "the screening answers cannot be used:\n  " + "\n  ".join(lines)


BACK = "back"
"""Typed at a question: go back to the one before (its answer is asked again)."""


def ask(
    kb: KnowledgeBase, question: Question, console: Console, can_go_back: bool = False
) -> Answer | None:
    """Ask one question until the answer is valid (a wrong answer is asked again, not lost);
    None when the person typed ``back``."""
    console.print(Text(question.question, style="bold"))
    console.print(Text(question.help, style="dim"))
    if question.kind == "yes_no":
        prompt = "Answer yes, no or not sure (y / n / ?)"
    elif question.kind == "regions":
        prompt = "Areas, comma-separated (e.g. left:buttock_center), or none"
    else:
        top = 10 if question.kind == "scale" else question.maximum
        prompt = f"Number 0-{top}"
    if can_go_back:
        prompt += ", or back"
    while True:
        raw = Prompt.ask(prompt, console=console)
        if can_go_back and raw.strip().lower() == BACK:
            return None
        value: object = [] if question.kind == "regions" and raw.strip() == "none" else raw
        try:
            return read_answer(question, value, kb)
        except ValueError as error:
            console.print(Text(f"  {error}", style="yellow"))


def ask_all(kb: KnowledgeBase, console: Console) -> dict[str, object]:
    """Ask every question in order, saying which of how many, stopping at once when an
    emergency is reported; ``back`` goes to the question before. Questions the journal
    answers (how many sessions today) are not asked."""
    asked = [q for q in kb.screening.questions if not q.from_journal]
    answers: dict[str, object] = {}
    console.print(
        Text("Safety check before massage. Answer for how things are today.\n", style="bold")
    )
    index = 0
    while index < len(asked):
        question = asked[index]
        console.print(Text(f"Question {index + 1} of {len(asked)}", style="dim"))
        answer = ask(kb, question, console, can_go_back=index > 0)
        console.print()
        if answer is None:
            index -= 1
            answers.pop(asked[index].id, None)
            continue
        answers[question.id] = [str(k) for k in answer] if isinstance(answer, tuple) else answer
        if question.rule.level == "emergency" and triggers(question, answer):
            break
        index += 1
    return answers


def result_as_json(kb: KnowledgeBase, result: ScreeningResult) -> dict[str, Any]:
    """The result as ``screen --json`` prints it (and the journal keeps it)."""
    return safety.result_json(kb, result)


NEXT = (
    "Next: mark where it hurts and get a routine, with sciatica-coach plan --where "
    "left:buttock_center (first see which muscles fit, if you like, with sciatica-coach match "
    "--where ...; every place: sciatica-coach regions)"
)


def result_view(
    kb: KnowledgeBase, result: ScreeningResult, next_step: str | None = None
) -> RenderableType:
    """The result; ``next_step`` before the emergency signs, which always come last."""
    colour = LEVEL_COLOURS[result.level]
    said = [Text(result.message), Text(""), Text(result.what_to_do, style="bold")]
    if result.how_soon:
        said.append(Text(f"How soon: {result.how_soon}", style="bold"))
    if result.emergency_extra:
        said.append(Text(result.emergency_extra, style="bold"))
    headline = Panel(
        Group(*said),
        title=Text(result.title, style=colour),
        title_align="left",
        border_style=colour.split()[-1],
        padding=(1, 2),
    )
    parts: list[RenderableType] = [headline]
    questions = {q.id: q.question for q in kb.screening.questions}
    level_titles = {level.id: level.title for level in kb.screening.levels}
    for reason in result.reasons:
        body = Text(f"{reason.message}\n")
        body.append(reason.what_to_do, style="bold")
        if reason.advice:
            body.append(f"\n{reason.advice}")
        cites = ", ".join(kb.sources[s].title for s in reason.sources)
        body.append(f"\nSource: {cites}", style="dim")
        border = LEVEL_COLOURS[reason.level].split()[-1]
        unsure = " (you were not sure)" if reason.unsure else ""
        title = Text(f"{level_titles[reason.level]}{unsure}")
        asked = questions.get(reason.question_id)
        if asked is not None:
            body = Text(f"{asked}\n", style="dim") + body
        parts.append(Panel(body, title=title, title_align="left", border_style=border))
    if result.restrictions:
        lines = []
        for restriction in result.restrictions:
            rule, place = described(kb, restriction)
            where = f" ({place})" if place else ""
            lines.append(f"{rule.label}{where}: {rule.description}" if rule else restriction)
        parts.append(render.section("Limits for your sessions", render.bullets(lines, "!")))
    if result.advice:
        parts.append(render.section("Advice", render.bullets(result.advice)))
    if next_step:
        parts += [Text(""), Text(next_step, style="dim")]
    if result.safety_net is not None:
        parts.append(render.safety_net_block(result.safety_net))
    return Group(*parts)


def screen_command(
    answers_file: Annotated[
        Path | None,
        typer.Option("--answers", help="A JSON file of {question id: answer}; skips questions."),
    ] = None,
    save: Annotated[
        Path | None,
        typer.Option("--save-answers", help="Also write the answers to this JSON file."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
    answered_by_mistake: Annotated[
        bool,
        typer.Option(
            "--answered-by-mistake",
            help="Replace an emergency or urgent result from the last hour (it was a mistake).",
        ),
    ] = False,
) -> None:
    """Safety check before a session: red flags, reasons to see someone, limits for today.

    Exit code 0 when a session is allowed, 3 when it is not, 2 for bad input.
    """
    kb = default_knowledge_base()
    # With --json, stdout carries only the JSON; the questions go to stderr.
    answers = collect_answers(kb, answers_file, stderr if as_json else stdout)
    result = take_check(kb, answers, answered_by_mistake).result
    if save is not None:
        write_private(save, json.dumps(result.answers_as_json(), indent=2) + "\n")
    if as_json:
        typer.echo(json.dumps(result_as_json(kb, result), indent=2, ensure_ascii=False))
    else:
        stdout.print(result_view(kb, result, NEXT if result.session_allowed else None))
    if not result.session_allowed:
        raise typer.Exit(EXIT_NOT_ALLOWED)


def register(app: typer.Typer) -> None:
    app.command("screen")(screen_command)
