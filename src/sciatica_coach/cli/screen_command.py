"""``sciatica-coach screen``: the safety check, asked or read from a file.

Asked in the terminal: first each red flag that still stands, on its own; then every daily
question; then the health history when it is due (see :mod:`.screen_questions`).

Exit codes: 0 a session is allowed, 3 it is not, 2 the answers could not be used.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from sciatica_coach.coach import flags, health_history, safety, safety_records
from sciatica_coach.coach.errors import Invalid, NotAllowed
from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.domain.red_flags import Flag
from sciatica_coach.domain.restrictions import described
from sciatica_coach.domain.screening import ScreeningResult
from sciatica_coach.domain.screening import safety_net as full_safety_net

from . import render
from .emergency_call import CHOOSE, call_words, number_json
from .files import write_private
from .journal_access import EXIT_NOT_ALLOWED, journal, now, reported
from .output import fail, read_json_file, stderr, stdout
from .screen_questions import Prefilled, ask_check

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
    kb: KnowledgeBase,
    answers_file: Path | None,
    console: Console,
    prefilled: Prefilled | None = None,
) -> dict[str, object]:
    """The answers from a file, or asked (standing flags, daily questions, the health
    history when due; ``prefilled`` ones from what the person wrote, to confirm); stopping
    early decides nothing (a flag answered again is kept)."""
    if answers_file is not None:
        return load_answers_file(answers_file)
    try:
        with reported("the safety check"):
            return ask_check(kb, journal(), now(), console, prefilled)
    except (EOFError, KeyboardInterrupt):
        fail("the safety check stopped before it was finished; nothing was decided.")


def take_check(kb: KnowledgeBase, answers: dict[str, object]) -> safety.Checked:
    """Screen and save the answers (with what the journal knows); bad or incomplete answers
    exit 2 with every problem, each naming its question."""
    with reported("the safety check"):
        try:
            return safety.take_check(kb, journal(), now(), answers)
        except Invalid as problem:
            fail(answers_problem(kb, problem))


REVIEW_HINT = (
    "In the terminal: sciatica-coach screen asks each sign again, first; sciatica-coach flags "
    "lists them, each with how to answer it again or record a doctor's visit since"
)


def flags_stand(kb: KnowledgeBase, restated: Sequence[str], message: str) -> NoReturn:
    """No plan or session while a red flag stands: say so, restate each flag, exit 3."""
    stdout.print(
        Panel(
            Group(
                Text(message),
                Text(""),
                render.bullets(restated, "!", "bold"),
                Text(""),
                Text(REVIEW_HINT, style="dim"),
            ),
            title=Text(kb.screening.flags.title, style="bold red"),
            title_align="left",
            border_style="red",
            padding=(0, 1),
        )
    )
    raise typer.Exit(EXIT_NOT_ALLOWED)


def check_for_session(
    kb: KnowledgeBase, answers_file: Path | None, console: Console
) -> safety.Checked:
    """The safety check a plan or a session rests on: none while a red flag stands
    (:class:`NotAllowed`, ``red_flag_stands``: nothing is asked); the answers given in a
    file; else the check still counting, said so; else the questions, asked now (saying
    why, when a check stopped counting for a reason other than time)."""
    with reported("the safety check"):
        standing = flags.standing_flags(kb, journal(), now())
    if standing:
        raise NotAllowed(
            "red_flag_stands",
            safety.RED_FLAG_STANDS,
            reasons=[f.restated for f in standing],
            level=standing[0].flag.level,
        )
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


HISTORY_HINT = (
    "The health history is kept for a week: to give it, run sciatica-coach screen (it asks), "
    "or put its answers and pain_began (YYYY-MM-DD) in the file."
)


def answers_problem(kb: KnowledgeBase, problem: Invalid) -> str:
    """Each problem under the key of the answers file it is about (what the person wrote),
    with the question in words."""
    questions = {q.id: q.question for q in kb.screening.questions}
    history = {q.id for q in health_history.history_questions(kb)} | {health_history.PAIN_BEGAN}
    lines = []
    keys = set()
    for loc, message in problem.problems:
        key = str(loc[-1])
        keys.add(key)
        asked = f" (the question: {questions[key]})" if key in questions else ""
        lines.append(f"{key}: {message}{asked}")
    if keys & history:
        lines.append(HISTORY_HINT)
    return "the screening answers cannot be used:\n  " + "\n  ".join(lines)


def result_as_json(kb: KnowledgeBase, checked: safety.Checked) -> dict[str, Any]:
    """The result as ``screen --json`` prints it: what the journal keeps, with the slow-case
    net, the signs for a doctor today, and the flags standing and corrected."""
    result = checked.result
    data = safety.result_json(kb, result)
    net = result.safety_net
    if net is not None and data.get("safety_net") is not None:
        data["safety_net"] |= {
            "today_title": net.today_title,
            "today_signs": list(net.today_signs),
            "today_action": net.today_action,
        }
    data["see_gp"] = result.see_gp
    data["saved"] = checked.saved
    data["emergency_number"] = number_json(kb)  # the country's, once chosen (config set)
    data["flags"] = [
        {
            "question_id": f.question_id,
            "answer": f.answer,
            "level": f.level,
            "taken_at": f.taken_at.isoformat(),
        }
        for f in checked.flags
    ]
    data["corrected"] = [
        {
            "question_id": f.question_id,
            "answer": f.answer,
            "level": f.level,
            "taken_at": f.taken_at.isoformat(),
            "restated": flags.restate(kb, f, checked.taken_at),
        }
        for f in checked.corrected
    ]
    data["journal_signs"] = [
        {"id": s.id, "at": s.at.isoformat(), "kind": s.kind, "places": list(s.places)}
        for s in checked.signs
    ]
    return data


NEXT = (
    "Next: mark where it hurts and get a routine, with sciatica-coach plan --where "
    "left:buttock_center (first see which muscles fit, if you like, with sciatica-coach match "
    "--where ...; every place: sciatica-coach regions)"
)


def corrected_view(kb: KnowledgeBase, corrected: Sequence[Flag], at: datetime) -> Panel:
    """The signs the person said were the wrong answer, with the signs to watch for: first,
    so a mistake said is never a sign forgotten."""
    net = full_safety_net(kb)
    words = kb.screening.flags
    parts: list[RenderableType] = [
        render.bullets([flags.restate(kb, f, at) for f in corrected]),
        Text(""),
        Text(words.lifted, style="bold"),
        Text(""),
        render.heading(net.title, "bold red"),
        render.bullets(net.signs),
        Text(net.action, style="bold"),
    ]
    if any(f.level == "urgent" for f in corrected) and net.today_signs:
        parts += [
            Text(""),
            render.heading(net.today_title, "bold yellow"),
            render.bullets(net.today_signs),
            Text(net.today_action, style="bold"),
        ]
    return Panel(
        Group(*parts),
        title=Text(words.title, style="bold yellow"),
        title_align="left",
        border_style="yellow",
        padding=(0, 1),
    )


FROM_JOURNAL = "From your journal"
"""The box title of a reason the journal added (sessions stopped, pain not better, a sign
logged since the last check)."""


def reason_topic(kb: KnowledgeBase, question_id: str) -> str:
    """What a reason's box is titled: the topic its question is asked under ("Your pain
    today"), the health history, or the journal; never a level's title, which would clash
    with the result the box sits in ("Go ahead, with care" inside "Skip massage today")."""
    question = kb.screening.question_by_id.get(question_id)
    if question is None:
        return FROM_JOURNAL
    topics = {t.id: t.title for t in kb.screening.topics}
    if question.topic is not None and question.topic in topics:
        return topics[question.topic]
    if question.part == "history":
        return kb.screening.health_history.title
    return FROM_JOURNAL  # answered from the journal (sessions today)


def result_view(
    kb: KnowledgeBase,
    result: ScreeningResult,
    next_step: str | None = None,
    corrected: Sequence[Flag] = (),
    at: datetime | None = None,
) -> RenderableType:
    """The result: signs said to be the wrong answer first, then the level and its reasons;
    ``next_step`` before the slow-case net and the emergency signs, which always come last."""
    colour = LEVEL_COLOURS[result.level]
    said = [Text(result.message), Text(""), Text(result.what_to_do, style="bold")]
    if result.how_soon:
        said.append(Text(f"How soon: {result.how_soon}", style="bold"))
    if result.emergency_extra:
        said.append(Text(result.emergency_extra, style="bold"))
    if result.level == "emergency":
        call = call_words(kb)
        said += [Text(""), Text(call, style="bold") if call else Text(CHOOSE, style="dim")]
    headline = Panel(
        Group(*said),
        title=Text(result.title, style=colour),
        title_align="left",
        border_style=colour.split()[-1],
        padding=(1, 2),
    )
    parts: list[RenderableType] = []
    if corrected:
        parts.append(corrected_view(kb, corrected, at or now()))
    parts.append(headline)
    questions = {q.id: q.question for q in kb.screening.questions}
    # when no session is allowed, reasons that only limit a session ("you can still do a
    # gentle session") would contradict the result: the web leaves them out too
    shown = [
        r for r in result.reasons if result.session_allowed or r.level not in ("caution", "ok")
    ]
    for reason in shown:
        body = Text(f"{reason.message}\n")
        body.append(reason.what_to_do, style="bold")  # its advice: once, under Advice
        cites = ", ".join(kb.sources[s].title for s in reason.sources if s in kb.sources)
        body.append(f"\nSource: {cites}", style="dim")
        border = LEVEL_COLOURS[reason.level].split()[-1]
        unsure = " (you were not sure)" if reason.unsure else ""
        title = Text(f"{reason_topic(kb, reason.question_id)}{unsure}")
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
    if result.see_gp:
        parts += [Text(""), Text(result.see_gp, style="bold")]
    if result.safety_net is not None:
        parts.append(render.safety_net_block(result.safety_net, call_words(kb)))
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
    described: Annotated[
        str | None,
        typer.Option(
            "--describe",
            metavar="TEXT",
            help="How it hurts, in your own words: each question it speaks to is asked with "
            "its answer (yes or not sure) filled in, for you to confirm.",
        ),
    ] = None,
) -> None:
    """Safety check before a session: red flags, reasons to see someone, limits for today.

    First each red flag that still stands is asked again on its own; then every daily
    question (? for not sure, back for the one before); then, once a week, your health
    history and the date the pain began (type history at any question to change it
    sooner). A file for --answers holds the daily answers, and the history's answers with
    pain_began (YYYY-MM-DD) when the history is due. With --describe, each question your
    words speak to is asked with that answer filled in (Enter keeps it); a question they say
    no to is asked as any other. Exit code 0 when a session is allowed, 3 when it is not, 2
    for bad input.
    """
    kb = default_knowledge_base()
    prefilled = None
    if described is not None:
        if answers_file is not None:
            fail("give --answers or --describe, not both: a file's answers are not asked")
        from .describe_command import describe_or_fail  # late: only with --describe
        from .describe_start import prefilled_from

        prefilled = prefilled_from(kb, describe_or_fail(kb, described))
    # With --json, stdout carries only the JSON; the questions go to stderr.
    answers = collect_answers(kb, answers_file, stderr if as_json else stdout, prefilled)
    checked = take_check(kb, answers)
    result = checked.result
    if save is not None:
        saved: dict[str, object] = dict(result.answers_as_json())
        with reported("the safety check"):
            kept = safety_records.read(journal(), checked.taken_at).history
        if kept is not None and kept.pain_began is not None:
            saved[health_history.PAIN_BEGAN] = kept.pain_began.isoformat()
        write_private(save, json.dumps(saved, indent=2) + "\n")
    if as_json:
        typer.echo(json.dumps(result_as_json(kb, checked), indent=2, ensure_ascii=False))
        if not result.session_allowed:
            raise typer.Exit(EXIT_NOT_ALLOWED)
        return
    show_checked(kb, checked)


def show_checked(kb: KnowledgeBase, checked: safety.Checked) -> None:
    """The result of a check just taken, for a person; exit 3 when no session is allowed."""
    result = checked.result
    stdout.print(
        result_view(
            kb,
            result,
            NEXT if result.session_allowed else None,
            checked.corrected,
            checked.taken_at,
        )
    )
    if not checked.saved:
        stderr.print(NOT_SAVED, style="yellow", highlight=False)
    if not result.session_allowed:
        raise typer.Exit(EXIT_NOT_ALLOWED)


NOT_SAVED = (
    "This safety check could not be saved, because the journal is damaged (see the warning "
    "above). What it says above still applies."
)


def register(app: typer.Typer) -> None:
    app.command("screen")(screen_command)
