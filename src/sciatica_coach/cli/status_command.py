"""``sciatica-coach status`` (where you stand: the first command to run on coming back) and
``sciatica-coach goal`` (a weekly goal of sessions and PEG scores)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import typer
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sciatica_coach.coach import adherence
from sciatica_coach.coach import status as status_case
from sciatica_coach.coach.setup import journal_location
from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.domain.screening import safety_net

from . import render
from .emergency_call import call_words
from .journal_access import journal, now, reported
from .output import print_json, stdout


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%a %d %b %H:%M")


def _check_line(found: status_case.Status) -> Text:
    result, pause = found.result, found.pause
    if found.last_check_at is None:
        return Text("None yet. Take it before a session: sciatica-coach screen", style="bold")
    if result is None and pause is not None:
        return Text(
            f"Self-massage is paused since {_when(pause.since)}: {pause.title}.",
            style=f"bold {render.CAUTION}",
        )
    if result is None:
        return Text(f"Last taken {_when(found.last_check_at)}. {found.check.message}", style="bold")
    assert found.valid_until is not None
    style = "" if result.session_allowed else f"bold {render.CAUTION}"
    words = f"Taken {_when(found.last_check_at)}: {result.title}."
    if result.session_allowed:
        words += f" It counts until {_when(found.valid_until)}."
    else:
        words += f" {result.what_to_do}"
    return Text(words, style=style)


def _today(found: status_case.Status) -> str:
    """Sessions done today and left now (:func:`~sciatica_coach.coach.status.today_words`)."""
    return status_case.today_words(found)


NEXT = {
    "follow_check": "Follow the safety check's advice; no session while it stands.",
    "recover": "Your journal is damaged, so nothing new can be saved: see the warning above, "
    "then run sciatica-coach doctor.",
    "resume": "A session is still running: sciatica-coach session resume picks it up.",
    "check": "sciatica-coach screen (the safety check), then plan and session.",
    "log_pain": "No more sessions for now. Log your pain: sciatica-coach log pain N",
    "plan": "sciatica-coach plan, then sciatica-coach session.",
    "session": "sciatica-coach session (your last plan), or plan for a new one.",
}
"""The next step (:attr:`Status.next_step`) as a command to type."""


def status_view(kb: KnowledgeBase, found: status_case.Status, where: str) -> RenderableType:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("Journal", Text(where))
    grid.add_row("Safety check", _check_line(found))
    for shown in found.pause.flags if found.pause else ():
        grid.add_row(
            "Red flag",
            Text(
                f"{shown.restated} It stands until {_when(shown.until)}: "
                "sciatica-coach flags says how to answer it again.",
                style=f"bold {render.CAUTION}",
            ),
        )
    for logged in found.pause.logged if found.pause else ():
        grid.add_row("Logged", Text(logged, style=render.CAUTION))
    grid.add_row("Today", _today(found))
    plan = found.last_plan
    grid.add_row(
        "Last plan",
        f"{_when(plan.created_at)}: {', '.join(plan.muscles) or 'no muscle'}, {plan.minutes} min"
        if plan
        else "None yet.",
    )
    grid.add_row(
        "This week",
        Text("\n".join(adherence.goal_words(found.habit) + adherence.streak_words(found.habit))),
    )
    grid.add_row("Next", Text(NEXT[found.next_step], style=f"bold {render.ACCENT}"))
    parts: list[RenderableType] = [render.heading("Where you stand"), grid]
    result = found.result
    call = call_words(kb)
    if result is not None and not result.session_allowed and result.safety_net is None:
        parts.append(Text(result.message, style="bold red"))
        parts.append(Text(call or result.what_to_do, style="bold red"))
    elif result is None or not result.session_allowed:
        parts.append(render.safety_net_block(safety_net(kb), call))
    return Group(*parts)


def status_as_json(found: status_case.Status, where: str) -> dict[str, Any]:
    result = found.result
    return {
        "journal": where,
        "check": {
            "last_taken_at": found.last_check_at,
            "counts": result is not None,
            "code": found.check.code,
            "message": found.check.message,
            "level": result.level if result else None,
            "session_allowed": bool(result and result.session_allowed),
            "valid_until": found.valid_until,
        },
        "pause": found.pause,
        "sessions_today": found.sessions_today,
        "sessions_left": found.sessions_left,
        "next_session_at": found.next_session_at,
        "next_session": " ".join(found.next_session_words) if found.next_session_words else None,
        "session_allowed_now": found.session_allowed,
        "running_session": found.running_session,
        "last_plan": found.last_plan,
        "week": _week_json(found.habit),
        "next": NEXT[found.next_step],
    }


def _week_json(habit: adherence.Habit) -> dict[str, Any]:
    return {
        "goal": habit.goal,
        "this_week": habit.this_week,
        "met": habit.this_week.met,
        "on_hold": habit.this_week.on_hold,
        "pause": habit.pause,
        "to_go": habit.to_go,
        "streak": habit.streak,
        "words": adherence.goal_words(habit) + adherence.streak_words(habit),
    }


def status_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Where you stand: your last safety check, sessions left today, your last plan and this
    week's goal. The first command to run when you come back."""
    kb = default_knowledge_base()
    with reported("your journal"):
        found = status_case.status(kb, journal(), now())
        where = journal_location()
    if as_json:
        print_json(kb, status_as_json(found, where))
    else:
        stdout.print(status_view(kb, found, where))


def goal_command(
    sessions: Annotated[
        int | None, typer.Option(help="Sessions a week (at most 2 a day, so 14).")
    ] = None,
    pegs: Annotated[
        int | None,
        typer.Option(help="PEG scores a week: 0 or 1 (it asks about the past week)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Your weekly goal of sessions and PEG scores, and the weeks in a row you met it. Give
    --sessions and --pegs to set it."""
    kb = default_knowledge_base()
    with reported("your goal"):
        if sessions is not None or pegs is not None:
            chosen = adherence.goals(journal(), now())
            current = chosen[-1] if chosen else None
            adherence.set_goal(
                kb,
                journal(),
                now(),
                sessions if sessions is not None else (current.sessions if current else 0),
                pegs if pegs is not None else (current.pegs if current else 0),
            )
        habit = adherence.habit(kb, journal(), now())
    if as_json:
        print_json(kb, _week_json(habit))
        return
    stdout.print(render.heading("Your weekly goal"))
    stdout.print(render.bullets(adherence.goal_words(habit) + adherence.streak_words(habit)))
    if habit.goal is None:
        stdout.print(Text("Set one: sciatica-coach goal --sessions 4 --pegs 1", style="dim"))


def register(app: typer.Typer) -> None:
    app.command("status")(status_command)
    app.command("goal")(goal_command)
