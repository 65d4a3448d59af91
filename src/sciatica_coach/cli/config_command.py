"""``sciatica-coach config``: your defaults for plans, so ``plan`` (and the web's plan form)
need not be told each time which tools you have, how long you have and how used you are to
self-massage."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from sciatica_coach.coach import preferences
from sciatica_coach.content import default_knowledge_base

from .journal_access import reported
from .output import stdout

config_app = typer.Typer(
    help="Your defaults for plans: the tools you have, the minutes, your experience.",
    no_args_is_help=True,
)

Key = Annotated[str, typer.Argument(help="tools, minutes or experience.", show_default=False)]


@config_app.command("show")
def show() -> None:
    """Show your defaults and where they are kept."""
    kb = default_knowledge_base()
    with reported("your settings"):
        defaults = preferences.plan_defaults(kb)
    tools = ", ".join(kb.tools[t].name for t in defaults.tools) or "(none chosen: your hands)"
    stdout.print(Text(f"tools       {tools}"))
    stdout.print(Text(f"minutes     {defaults.minutes}"))
    stdout.print(Text(f"experience  {defaults.experience}"))
    stdout.print(Text(f"Kept in {preferences.where_kept()}", style="dim"))


@config_app.command("set")
def set_default(
    key: Key,
    value: Annotated[
        str, typer.Argument(help="e.g. tennis_ball,foam_roller or 20 or experienced.")
    ],
) -> None:
    """Set a default, e.g. config set tools tennis_ball,foam_roller."""
    kb = default_knowledge_base()
    with reported("your settings"):
        chosen = preferences.set_default(kb, key.strip().lower(), value)
    shown = ", ".join(chosen) if isinstance(chosen, tuple) else chosen
    stdout.print(Text(f"Saved: {key} = {shown}. Plans use it when you do not say.", "green"))


@config_app.command("unset")
def unset_default(key: Key) -> None:
    """Forget a default (the built-in one applies again)."""
    with reported("your settings"):
        preferences.unset_default(key.strip().lower())
    stdout.print(Text(f"Forgot your {key}.", style="green"))


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")
