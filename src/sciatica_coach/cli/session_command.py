"""``sciatica-coach session``: check it is safe today, then play a plan step by step.

Exit codes: 0 the session ran (finished, or stopped by you), 3 no session is allowed now or it
stopped for bad pain, 2 bad input, 1 the journal could not be used.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.domain.plan_checks import plan_problems
from sciatica_coach.domain.plan_model import Plan, PlanFormatError, plan_from_json
from sciatica_coach.domain.screening import (
    ScreeningInputError,
    ScreeningResult,
    safety_net,
    screen,
)
from sciatica_coach.domain.session import (
    BAD_PAIN,
    SessionRecord,
    SessionState,
    Start,
    Stop,
    apply,
    is_over,
    session_record,
    set_pain_after,
    start_session,
)

from . import render
from .journal_access import (
    latest_plan,
    now,
    recent_activity_now,
    recent_answers,
    save_screening,
    save_session,
)
from .output import fail, read_json_file, stdout
from .screen_command import (
    EXIT_NOT_ALLOWED,
    collect_answers,
    result_as_json,
    screen_today,
)
from .session_player import KeyboardInputs, Player, ScriptError, ScriptInputs

PAIN_SCORES = {str(n) for n in range(11)}


def load_plan(path: Path | None) -> tuple[Plan, int | None]:
    """The plan from a file, or the last one saved in the journal."""
    if path is None:
        saved = latest_plan()
        if saved is None:
            fail("there is no plan yet. Make one first: sciatica-coach plan --where ...")
        return saved
    try:
        return plan_from_json(read_json_file(path, "plan")), None
    except PlanFormatError as error:
        fail(f"{path} is not a plan this app can play: {error}")


def todays_screening(
    kb: KnowledgeBase, answers_file: Path | None, last_bad_stop: datetime | None
) -> ScreeningResult:
    """Screen before every session: given answers, a check from the last hour, or ask now."""
    window = timedelta(minutes=kb.routine.timing.rescreen_after_minutes)
    recent = recent_answers(window) if answers_file is None else None
    if recent is not None and last_bad_stop is not None and recent[1] <= last_bad_stop:
        recent = None  # a session stopped for bad pain since: ask the questions again
    if recent is not None:
        answers = recent[0]
        try:
            screen(kb, answers)  # answers saved under older questions are asked again
        except ScreeningInputError:
            pass
        else:
            stdout.print(Text("Using your safety check from the last hour.", style="dim"))
            return screen_today(kb, answers)
    result = screen_today(kb, collect_answers(kb, answers_file, stdout))
    save_screening(result, result_as_json(kb, result))
    return result


def summary(kb: KnowledgeBase, record: SessionRecord) -> None:
    script = kb.routine.script
    if record.stop_reason == BAD_PAIN:
        stdout.print(
            render.page(
                "Session stopped", script.bad_pain_stop, render.bullets(script.bad_pain_what_to_do)
            )
        )
    elif record.status == "finished":
        stdout.print(Text(script.finished, style="bold green"))
    else:
        stdout.print(Text("Session stopped. What you did so far is saved.", style="bold"))
    holds = sum(count for _, _, count in record.holds_done)
    line = f"Holds done: {holds}. Active time: {record.duration_seconds:.0f} s."
    if record.pain_before is not None and record.pain_after is not None:
        line += f" Pain before {record.pain_before}/10, after {record.pain_after}/10."
    stdout.print(Text(line))
    stdout.print(render.safety_net_block(safety_net(kb)))


def session_command(
    plan_file: Annotated[
        Path | None, typer.Option("--plan", help="A plan saved by 'plan --out' (default: last).")
    ] = None,
    answers_file: Annotated[
        Path | None, typer.Option("--answers", help="Screening answers (JSON) for today.")
    ] = None,
    script: Annotated[
        Path | None,
        typer.Option(help="Play without a keyboard: a file of answers, one per line."),
    ] = None,
    fast: Annotated[bool, typer.Option(help="Do not wait in real time (for tests).")] = False,
    pain_before: Annotated[
        int | None, typer.Option(min=0, max=10, help="Pain now, 0-10, before you start.")
    ] = None,
    pain_after: Annotated[
        int | None, typer.Option(min=0, max=10, help="Pain 0-10 at the end (else asked).")
    ] = None,
    record_file: Annotated[
        Path | None, typer.Option("--record", help="Also write the session record (JSON) here.")
    ] = None,
) -> None:
    """Play your plan hands-free: timers, breathing cues and a check-in after every hold.

    Keys during a hold: p pause/resume, s skip, q stop. Bad pain stops the session at once.
    """
    kb = default_knowledge_base()
    plan, plan_id = load_plan(plan_file)
    activity = recent_activity_now()
    screening = todays_screening(kb, answers_file, activity.last_bad_stop)
    problems = plan_problems(kb, plan, screening, activity)
    if problems:
        stdout.print(
            render.page(
                "No session now", "This plan cannot be played now.", render.bullets(problems)
            )
        )
        raise typer.Exit(EXIT_NOT_ALLOWED)
    try:
        inputs = ScriptInputs(script) if script else KeyboardInputs(stdout)
    except ScriptError as error:
        fail(str(error))
    if pain_before is None and script is None:
        pain_before = ask_pain("Pain right now, 0-10 (Enter to skip):")
    started = now()
    state = apply(start_session(plan), Start(pain_before))
    player = Player(kb, stdout, inputs, fast or script is not None)
    script_problem: str | None = None
    try:
        state = player.play(state)
    except ScriptError as error:
        state, script_problem = _stopped(player.state, "script_error"), str(error)
    except (EOFError, KeyboardInterrupt):
        state = _stopped(player.state, "stopped_by_user")
    if pain_after is None and script is None:
        pain_after = ask_pain("Pain now that you are done, 0-10 (Enter to skip):")
    if pain_after is not None:
        state = set_pain_after(state, pain_after)
    record = session_record(state)
    save_session(record, started, now(), plan_id)  # saved first: what was done is never lost
    if script_problem is not None:
        fail(f"{script_problem} (the session was stopped and saved)")
    if record_file is not None:
        try:
            record_file.write_text(json.dumps(record.to_json(), indent=2) + "\n", "utf-8")
        except OSError as error:
            fail(
                f"the session is saved in your journal, but {record_file} could not be "
                f"written: {error.strerror or error}"
            )
    summary(kb, record)
    if record.stop_reason == BAD_PAIN:
        raise typer.Exit(EXIT_NOT_ALLOWED)


def _stopped(state: SessionState, reason: str) -> SessionState:
    return state if is_over(state) else apply(state, Stop(reason))


def ask_pain(question: str) -> int | None:
    """Ask for a 0-10 score until it is valid; Enter skips."""
    while True:
        stdout.print(Text(question, style="bold"), end=" ")
        try:
            raw = input().strip()
        except EOFError:
            return None
        if not raw:
            return None
        if raw in PAIN_SCORES:
            return int(raw)
        stdout.print(Text("  Please type a whole number from 0 to 10.", style="yellow"))


def register(app: typer.Typer) -> None:
    app.command("session")(session_command)
