"""``sciatica-coach session``: check it is safe today, then play a plan step by step.

The session lives in the journal from its first moment and every answer is saved as it is
given, so stopping at any point (Ctrl-C, a closed terminal) loses nothing; running the command
again resumes a session still in progress, wherever it was started (here or in the browser).

``session resume`` resumes only (and says so if there is nothing to resume). A session whose
terminal was closed mid-hold resumes at that hold's get-ready, with its full time.

Exit codes: 0 the session ran (finished, or stopped by you), 3 no session is allowed now or it
stopped for bad pain, 2 bad input, 1 the journal could not be used.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.panel import Panel
from rich.text import Text

from sciatica_coach.coach import plans, sessions
from sciatica_coach.coach.errors import Invalid, NotAllowed
from sciatica_coach.coach.journal_signs import after_session_warning
from sciatica_coach.coach.maps import read_feels, read_places
from sciatica_coach.coach.pain_now import recent_pain
from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.domain.body_map import RegionKey
from sciatica_coach.domain.plan_model import PlanFormatError, plan_from_json
from sciatica_coach.domain.screening import safety_net
from sciatica_coach.domain.session import (
    BAD_PAIN,
    Event,
    SessionState,
    Start,
    Stop,
    current_step,
    is_over,
)
from sciatica_coach.domain.session_cues import spot_words
from sciatica_coach.domain.session_record import SessionRecord, session_record

from . import render
from .emergency_call import call_words
from .files import write_private
from .journal_access import EXIT_NOT_ALLOWED, journal, reported
from .output import fail, read_json_file, stderr, stdout
from .screen_command import check_for_session, flags_stand, result_view
from .session_player import (
    Clock,
    FastClock,
    Inputs,
    KeyboardInputs,
    Player,
    RealClock,
    ScriptError,
    ScriptInputs,
)
from .voice import SILENT, Voice, missing_message

PAIN_SCORES = {str(n) for n in range(11)}


def plan_to_play(plan_file: Path | None, clock: Clock) -> int:
    """The plan from a file (kept in the journal, like any plan), or the last one saved."""
    with reported("your plans"):
        if plan_file is None:
            latest = plans.latest_plan(journal())
            if latest is None:
                fail("there is no plan yet. Make one first: sciatica-coach plan --where ...")
            return latest[1].id
        try:
            plan = plan_from_json(read_json_file(plan_file, "plan"))
        except PlanFormatError as error:
            fail(f"{plan_file} is not a plan this app can play: {error}")
        return plans.keep_plan(journal(), clock.now(), plan)


def not_now(kb: KnowledgeBase, refusal: NotAllowed) -> NoReturn:
    if refusal.code == "red_flag_stands":
        flags_stand(kb, refusal.reasons, refusal.message)
    net = render.safety_net_block(safety_net(kb), call_words(kb))
    stdout.print(render.not_now_page(refusal.message, refusal.reasons, net))
    raise typer.Exit(EXIT_NOT_ALLOWED)


def open_and_start(
    kb: KnowledgeBase,
    plan_file: Path | None,
    answers_file: Path | None,
    pain_before: int | None,
    ask: bool,
    clock: Clock,
) -> sessions.LiveSession:
    plan_id = plan_to_play(plan_file, clock)
    try:
        checked = check_for_session(kb, answers_file, stdout)
    except NotAllowed as refusal:
        not_now(kb, refusal)
    with reported("the session"):
        try:
            live = sessions.open_session(kb, journal(), clock.now(), plan_id)
            if pain_before is None and ask:
                given = recent_pain(kb, journal(), clock.now())  # asked once per sitting
                question = "Pain right now, 0-10 (Enter to skip):"
                if given is not None:
                    when = given.at.astimezone().strftime("%H:%M")
                    question = (
                        f"Pain right now, 0-10 (Enter keeps {given.score}, "
                        f"from {given.source} at {when}):"
                    )
                try:
                    pain_before = ask_pain(question, True, given.score if given else None)
                except KeyboardInterrupt:
                    stdout.print(Text("\nStopped before the start: there is no session.", "bold"))
                    raise typer.Exit(0) from None
            return sessions.act(kb, journal(), clock.now(), live.id, Start(pain_before))
        except NotAllowed as refusal:
            if not checked.result.session_allowed:  # the check says why, in full
                stdout.print(result_view(kb, checked.result, None, checked.corrected))
                raise typer.Exit(EXIT_NOT_ALLOWED) from None
            not_now(kb, refusal)
    raise AssertionError("unreachable")  # pragma: no cover


INTERRUPTED = (
    "Welcome back. This {what} was interrupted, so it is waiting for you: only the time up to "
    "the interruption is counted. Ease off if you are still pressing. Press p to do it again, "
    "s to skip it, or b if it hurt."
)


def resume(clock: Clock) -> sessions.LiveSession | None:
    """The session still running, opened again (:func:`sessions.reopen`): one whose player
    went away mid-countdown waits at that step's get-ready, and says so."""
    with reported("the session"):
        running = sessions.running(journal(), clock.now())
        if running is None:
            return None
        live = sessions.reopen(journal(), clock.now(), running.id)
    done, total = len(live.state.outcomes), len(live.state.plan.steps)
    started = live.opened_at.astimezone().strftime("%H:%M")
    stdout.print(
        Text(f"Resuming your session from {started} (step {done + 1} of {total}).", "bold")
    )
    step = current_step(live.state)
    if live.state.interrupted and step is not None:
        what = "hold" if step.kind == "hold" else "exercise"
        stdout.print(Text(INTERRUPTED.format(what=what), style="bold yellow"))
    return live


NEXT = (
    "Next: how you feel later, with sciatica-coach log pain 0-10; how the weeks go, with "
    "sciatica-coach progress"
)


def plan_line(kb: KnowledgeBase, state: SessionState) -> str:
    """Which plan is playing: its muscles and how long it takes."""
    plan = state.plan
    muscles = ", ".join(
        f"{kb.muscles[t.muscle_id].name} ({t.side})"
        for t in plan.targets
        if t.muscle_id in kb.muscles
    )
    minutes = round(plan.estimated_seconds / 60)
    return f"Playing your plan: {muscles or 'your routine'}, about {minutes} minutes."


def summary(kb: KnowledgeBase, record: SessionRecord) -> None:
    script = kb.routine.script
    if record.status == "finished":
        stdout.print(Text(script.finished, style="bold green"))
    elif record.stop_reason != BAD_PAIN:
        stdout.print(Text("Session stopped. What you did so far is saved.", style="bold"))
    holds = sum(count for _, _, count in record.holds_done)
    line = f"Holds done: {holds}. Active time: {record.duration_seconds:.0f} s."
    if record.pain_before is not None and record.pain_after is not None:
        line += f" Pain before {record.pain_before}/10, after {record.pain_after}/10."
    stdout.print(Text(line))
    if record.stop_reason != BAD_PAIN:
        stdout.print(Text(NEXT, style="dim"))
    stdout.print(render.safety_net_block(safety_net(kb), call_words(kb)))


def bad_pain_first(kb: KnowledgeBase, state: SessionState, voice: Voice = SILENT) -> None:
    """After a stop for bad pain, what to do comes before any other question (and is said,
    with ``--voice``)."""
    script = kb.routine.script
    voice.say_all([script.bad_pain_stop, *script.bad_pain_what_to_do])
    step = current_step(state)
    spot = spot_words(kb, step) if step is not None else None
    where = f"Spot: {spot}" if spot else ""
    stdout.print(
        render.page(
            "Session stopped",
            script.bad_pain_stop,
            render.bullets([*script.bad_pain_what_to_do, *([where] if where else [])]),
        )
    )


def session_command(
    action: Annotated[
        str | None,
        typer.Argument(
            metavar="[resume]", help="resume: carry on the session in progress, and only that."
        ),
    ] = None,
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
    new: Annotated[
        bool, typer.Option("--new", help="Start a new session even if one is still going.")
    ] = False,
    where_after: Annotated[
        str,
        typer.Option(
            "--where-after",
            help="Where you feel it at the end, e.g. left:buttock_center: the body map marked "
            "again (needs the pain at the end; else asked).",
        ),
    ] = "",
    feels_after: Annotated[
        str, typer.Option("--feels-after", help="What it feels like then, e.g. ache,numbness.")
    ] = "",
    voice_wanted: Annotated[
        bool,
        typer.Option("--voice", help="Speak the cues too, through espeak-ng (or say), if there."),
    ] = False,
) -> None:
    """Play your plan hands-free: timers, breathing cues and a check-in after every hold.

    Keys in a countdown: p pause or go on, s skip, b it hurts (stops at once),
    q stop (asks first). Ctrl-C pauses; a second Ctrl-C stops.
    A session still in progress is resumed, unless you give --plan or --new.
    """
    kb = default_knowledge_base()
    only_resume = wants_resume(action, plan_file is not None or new)
    voice = speaker(voice_wanted)
    after_given = read_after(kb, where_after, feels_after)
    if after_given is not None and script is not None and pain_after is None:
        fail("the body map at the end needs the pain at the end: give --pain-after too")
    clock: Clock = FastClock() if fast or script is not None else RealClock()
    try:
        inputs: Inputs = ScriptInputs(script) if script else KeyboardInputs(stdout)
    except ScriptError as error:
        fail(str(error))
    live = None if plan_file is not None or new else resume(clock)
    if live is None and only_resume:
        fail("there is no session to resume. Start one with: sciatica-coach session")
    if live is None:
        live = open_and_start(kb, plan_file, answers_file, pain_before, script is None, clock)
    session_id = live.id

    def send(event: Event) -> SessionState:
        with reported("the session"):
            return sessions.act(kb, journal(), clock.now(), session_id, event).state

    def touch() -> None:
        with reported("the session"):
            sessions.touch(journal(), clock.now(), session_id)

    stdout.print(Text(plan_line(kb, live.state), style="bold"))
    player = Player(kb, stdout, inputs, clock, send, live.state, touch, voice)
    script_problem: str | None = None
    try:
        state = player.play()
    except ScriptError as error:
        state, script_problem = _stopped(player, "script_error"), str(error)
    except (EOFError, KeyboardInterrupt):
        state = _stopped(player, "stopped_by_user")
    if script_problem is not None:
        fail(f"{script_problem} (the session was stopped and saved)")
    if state.stop_reason == BAD_PAIN:
        bad_pain_first(kb, state, voice)
    elif state.phase == "finished":
        voice.say_all(kb.routine.script.finished)
    if pain_after is None and script is None:
        pain_after = ask_pain("Pain now that you are done, 0-10 (Enter to skip):")
    after = None
    if pain_after is not None:
        after = after_given if after_given is not None or script is not None else ask_after(kb)
    elif after_given is not None:
        stdout.print(Text("The body map needs your pain score, so it was not saved.", "yellow"))
    if pain_after is not None:
        with reported("the session"):
            ended = sessions.finish(journal(), clock.now(), session_id, pain_after, after)
            warning = after_session_warning(kb, journal(), ended.before_map_id, ended.after_map_id)
        state = ended.state
        if warning is not None:
            warn_at_once(warning)
    record = session_record(state)
    if record_file is not None:
        write_private(record_file, json.dumps(record.to_json(), indent=2) + "\n")
    summary(kb, record)
    if record.stop_reason == BAD_PAIN:
        raise typer.Exit(EXIT_NOT_ALLOWED)


def wants_resume(action: str | None, new_one: bool) -> bool:
    """Whether ``session resume`` was asked for (a slip in the word is explained)."""
    if action is None:
        return False
    if action.strip().lower() != "resume":
        fail(f"'{action}' is not something session does: give resume, or nothing")
    if new_one:
        fail("resume carries on the session in progress: leave out --plan and --new")
    return True


def speaker(wanted: bool) -> Voice:
    """The voice asked for with ``--voice``; if no speech program is there, say so (the
    session goes on, shown and rung)."""
    if not wanted:
        return SILENT
    found = Voice.find()
    if found is None:
        stderr.print(Text(missing_message(), style="yellow"))
        return SILENT
    return found


Marks = tuple[list[RegionKey], list[str]]


def read_after(kb: KnowledgeBase, where: str, feels: str) -> Marks | None:
    """``--where-after`` and ``--feels-after`` read before the session starts (a slip is
    said now, not after the session); None when no places are given."""
    places = [w for w in where.split(",") if w.strip()]
    qualities = [f for f in feels.split(",") if f.strip()]
    if not places:
        if qualities:
            fail("--feels-after needs the places it feels like that: give --where-after too")
        return None
    with reported("the body map"):
        return read_places(kb, places, ("where",)), [str(f) for f in read_feels(qualities)]


AFTER_WHERE = (
    "Mark the body map again: where do you feel it now? Places such as "
    "left:buttock_center, comma-separated (Enter to skip):"
)
AFTER_FEELS = "What does it feel like? Such as ache, tingling or numbness (Enter to skip):"


def ask_after(kb: KnowledgeBase) -> Marks | None:
    """The body map marked again at the end, if the person likes (Enter skips; Ctrl-C too:
    the session is saved already)."""
    try:
        while True:
            stdout.print(Text(AFTER_WHERE, "bold"), end=" ")
            raw = input().strip()
            if not raw or raw.lower() == "none":
                return None
            try:
                places = read_places(kb, [w for w in raw.split(",") if w.strip()])
            except Invalid as problem:
                stdout.print(Text(f"  {problem.message}", style="yellow"))
                continue
            break
        while True:
            stdout.print(Text(AFTER_FEELS, "bold"), end=" ")
            said = input().strip()
            try:
                feels = [str(f) for f in read_feels([f for f in said.split(",") if f.strip()])]
            except Invalid as problem:
                stdout.print(Text(f"  {problem.message}", style="yellow"))
                continue
            return places, feels
    except (EOFError, KeyboardInterrupt):
        stdout.print()
        return None


def warn_at_once(warning: str) -> None:
    """What the map after a session shows, said before anything else (the content's words)."""
    stdout.print(Panel(Text(warning, style="bold"), border_style="bold red", padding=(1, 2)))


def _stopped(player: Player, reason: str) -> SessionState:
    """Stop what is left (everything done is saved already)."""
    return player.state if is_over(player.state) else player.send(Stop(reason))


def ask_pain(question: str, before: bool = False, default: int | None = None) -> int | None:
    """Ask for a 0-10 score until it is valid; Enter gives ``default`` (``None``: skips).
    After the session, Ctrl-C skips too (the session is saved already); before it, Ctrl-C is
    passed on (nothing started)."""
    while True:
        try:  # a Ctrl-C while the question is being written is the same as at the prompt
            stdout.print(Text(question, style="bold"), end=" ")
            raw = input().strip()
        except EOFError:
            return None
        except KeyboardInterrupt:
            if before:
                raise
            stdout.print()
            return None
        if not raw:
            return default
        if raw in PAIN_SCORES:
            return int(raw)
        stdout.print(Text("  Please type a whole number from 0 to 10.", style="yellow"))


def register(app: typer.Typer) -> None:
    app.command("session")(session_command)
