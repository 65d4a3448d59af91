"""``sciatica-coach remind``: reminders for your sessions and your weekly PEG score, as a
calendar file (.ics) to open in any calendar app."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from sciatica_coach.coach.errors import Invalid
from sciatica_coach.coach.person_time import zone_in_use
from sciatica_coach.coach.reminders import reminder_calendar
from sciatica_coach.content import default_knowledge_base

from .files import write_private_bytes
from .journal_access import account, now
from .output import fail, stdout


def remind_command(
    times: Annotated[str, typer.Option(help="Session times, e.g. 08:00,18:00 (two at most).")],
    out: Annotated[
        str, typer.Option(help="Where to write the .ics file, or - for standard output.")
    ],
    days: Annotated[str, typer.Option(help="mon-fri, mon,wed,fri, daily...")] = "daily",
    peg_day: Annotated[str, typer.Option(help="The day for the weekly PEG score.")] = "sun",
    peg_time: Annotated[str, typer.Option(help="The time for the weekly PEG score.")] = "19:00",
    tz: Annotated[
        str | None,
        typer.Option(help="Time zone, e.g. Europe/London (default: yours)."),
    ] = None,
) -> None:
    """Reminders for your sessions and your weekly PEG score, as a calendar file (.ics).

    They stop after 6 weeks, with one reminder to review with your GP or physio if you are
    not better."""
    try:
        made = reminder_calendar(
            default_knowledge_base(),
            now(),
            times,
            days,
            peg_day,
            peg_time,
            tz or zone_in_use(account()),
        )
    except Invalid as problem:
        fail(problem.message)
    data, schedule = made.ics, made.schedule
    if out == "-":
        typer.echo(data.decode("utf-8"), nl=False)
        return
    path = Path(out)
    write_private_bytes(path, data)
    when = ", ".join(t.strftime("%H:%M") for t in schedule.times)
    stdout.print(
        Text(
            f"Wrote {path}: sessions at {when} ({', '.join(schedule.days)}), the PEG score on "
            f"{schedule.peg_day} at {schedule.peg_time:%H:%M}"
            f"{f', {made.zone} time' if made.zone else ''}, until {_day(made.span.last)}; "
            f"then, on {_day(made.span.review)}, a reminder to review with your GP or physio "
            "if you are not better. Open it with your calendar app; opening a new one replaces "
            "these reminders.",
            style="green",
        )
    )


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def register(app: typer.Typer) -> None:
    app.command("remind")(remind_command)
