"""``sciatica-coach config``: your defaults for plans, so ``plan`` (and the web's plan form)
need not be told each time which tools you have, how long you have and how used you are to
self-massage; and your country, so an emergency result names the number to call (the web's
Settings page chooses the same)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from sciatica_coach.coach import preferences
from sciatica_coach.content import default_knowledge_base

from .emergency_call import CHOOSE
from .journal_access import journal, reported
from .output import stdout

config_app = typer.Typer(
    help="Your settings: the tools you have, the minutes, your experience (defaults for "
    "plans), and your country (for the emergency number).",
    no_args_is_help=True,
)

Key = Annotated[
    str, typer.Argument(help="tools, minutes, experience or country.", show_default=False)
]


@config_app.command("show")
def show() -> None:
    """Show your defaults and where they are kept."""
    kb = default_knowledge_base()
    with reported("your settings"):
        defaults = preferences.plan_defaults(kb)
    tools = ", ".join(kb.tools[t].name for t in defaults.tools) or "(none chosen: your hands)"
    with reported("your settings"):
        number = preferences.emergency_number(kb, journal())
    country = (
        f"{number.name} ({number.country}): call {number.number}" if number else "(not chosen)"
    )
    stdout.print(Text(f"tools       {tools}"))
    stdout.print(Text(f"minutes     {defaults.minutes}"))
    stdout.print(Text(f"experience  {defaults.experience}"))
    stdout.print(Text(f"country     {country}"))
    stdout.print(
        Text(f"Kept in {preferences.where_kept()} (the country: with your journal)", style="dim")
    )
    if number is None:
        stdout.print(Text(CHOOSE, style="dim"))


@config_app.command("set")
def set_default(
    key: Key,
    value: Annotated[
        str, typer.Argument(help="e.g. tennis_ball,foam_roller or 20 or experienced.")
    ],
) -> None:
    """Set a default, e.g. config set tools tennis_ball,foam_roller, or config set country GB."""
    kb = default_knowledge_base()
    if key.strip().lower() == preferences.COUNTRY:
        with reported("your settings"):
            number = preferences.set_country(kb, journal(), value)
        stdout.print(
            Text(
                f"Saved: country = {number.name}. In an emergency, call {number.number}.",
                "green",
            )
        )
        return
    with reported("your settings"):
        chosen = preferences.set_default(kb, key.strip().lower(), value)
    shown = ", ".join(chosen) if isinstance(chosen, tuple) else chosen
    stdout.print(Text(f"Saved: {key} = {shown}. Plans use it when you do not say.", "green"))


@config_app.command("unset")
def unset_default(key: Key) -> None:
    """Forget a default (the built-in one applies again)."""
    with reported("your settings"):
        if key.strip().lower() == preferences.COUNTRY:
            preferences.unset_country(journal())
        else:
            preferences.unset_default(key.strip().lower())
    stdout.print(Text(f"Forgot your {key}.", style="green"))


@config_app.command("countries")
def countries() -> None:
    """The countries whose emergency number the app knows, each with its official source."""
    kb = default_knowledge_base()
    numbers = kb.emergency_numbers
    for number in numbers.numbers:
        stdout.print(Text(f"{number.country}  {number.name}: {number.number}"))
    stdout.print(Text("Sources:", style="dim"))
    for source in numbers.sources:
        stdout.print(Text(f"  {source.citation}", style="dim"))


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")
