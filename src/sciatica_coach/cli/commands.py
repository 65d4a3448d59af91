"""Every command the ``sciatica-coach`` program has, and the module that defines it.

Why a table: a person who types ``sciatica-coach log pain 5`` should not wait for the web
framework, the chart library and the knowledge base to load. The program starts with only
this table; :class:`LazyCommands` imports a command's module the moment that command runs,
and ``--help`` lists the commands from the summaries here without importing any of them.
``tests/cli/test_commands.py`` checks each summary is the first line of the command's own
help, so the table cannot drift from the code.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import typer
from typer import _click
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from sciatica_coach.extras import MissingExtra

from .pipes import closed_pipe_ends_quietly


@dataclass(frozen=True)
class Entry:
    module: str
    """The module in :mod:`sciatica_coach.cli` whose ``register(app)`` adds the command."""
    summary: str
    """What ``--help`` lists for it: the first paragraph of the command's help."""


COMMANDS: dict[str, Entry] = {
    "status": Entry(
        "status_command",
        "Where you stand: your last safety check, sessions left today, your last plan and "
        "this week's goal. The first command to run when you come back.",
    ),
    "learn": Entry(
        "library_commands",
        "Read about sciatica-like pain, trigger points and safe self-massage.",
    ),
    "muscles": Entry(
        "library_commands",
        "List the muscles whose trigger points can cause or add to sciatica-like pain.",
    ),
    "muscle": Entry(
        "library_commands",
        "Show one muscle: where it is, its trigger points, how to release it, what to pair.",
    ),
    "tools": Entry("library_commands", "List the self-massage tools, or show one."),
    "tool": Entry(
        "library_commands", "Show one tool: how to use it, its intensity and its cautions."
    ),
    "exercises": Entry(
        "library_commands",
        "List the stretches and strengthening exercises with their dose, or show one.",
    ),
    "exercise": Entry(
        "library_commands", "Show one exercise: its steps, dose, easier version and cautions."
    ),
    "faq": Entry(
        "library_commands",
        "Answers to common questions about self-massage for sciatica-like pain.",
    ),
    "habits": Entry(
        "library_commands",
        "Posture and daily habits that help keep trigger points from coming back.",
    ),
    "warning-signs": Entry(
        "library_commands", "When to stop self-massage, and when to get help instead."
    ),
    "professionals": Entry("library_commands", "Who can help, and when to see them."),
    "sources": Entry("library_commands", "The references every piece of advice cites."),
    "screen": Entry(
        "screen_command",
        "Safety check before a session: red flags, reasons to see someone, limits for today.",
    ),
    "flags": Entry(
        "safety_commands",
        "The red flags that stand now, and how to lift one: answer it again on its own, or "
        "record a doctor's visit since.",
    ),
    "clearance": Entry(
        "safety_commands",
        "Record that a doctor or physiotherapist checked this pain and said self-care is fine.",
    ),
    "safety-log": Entry(
        "safety_commands",
        "Every red flag you reported, each one answered again, doctor's visits and clearances, "
        "with their times.",
    ),
    "match": Entry(
        "match_commands",
        "Rank the muscles whose referred-pain patterns fit where you feel it, and say why.",
    ),
    "map": Entry(
        "match_commands",
        "Draw the body map (back and front) with your marked areas, as an SVG or PNG file.",
    ),
    "describe": Entry(
        "describe_command",
        "Describe the pain in your own words: where, how it feels, and what to check.",
    ),
    "regions": Entry(
        "match_commands",
        "Every place on the body map, as --where takes it, with its name (back, then front).",
    ),
    "plan": Entry(
        "plan_command",
        "Make a safe routine: warm-up, massage, stretches, strengthening and habits.",
    ),
    "session": Entry(
        "session_command",
        "Play your plan hands-free: timers, breathing cues and a check-in after every hold.",
    ),
    "serve": Entry(
        "serve_command",
        "Start the web app and print its address; open it in your browser. Ctrl+C stops it.",
    ),
    "export": Entry(
        "journal_commands",
        "Write everything in your journal: JSON (for import), CSV tables in a ZIP, or FHIR.",
    ),
    "import": Entry(
        "journal_commands",
        "Restore a journal export into an empty journal (nothing is merged or overwritten).",
    ),
    "progress": Entry(
        "progress_command",
        "Sessions per week, the pain and PEG trend and what it means, and pain just before and "
        "just after sessions: a change in pain of 2 points or 30% is clinically important "
        "(Farrar et al. 2001, for improvement; used for worsening by analogy), a change in the "
        "PEG of 1 point (Reed et al. 2024).",
    ),
    "report": Entry(
        "report_command",
        "A summary of your journal for your clinician, as a PDF of one or two pages.",
    ),
    "log": Entry(
        "journal_commands", "Write in your journal: pain today, the weekly PEG score, or a note."
    ),
    "goal": Entry(
        "status_command",
        "Your weekly goal of sessions and PEG scores, and the weeks in a row you met it. Give "
        "--sessions and --pegs to set it.",
    ),
    "remind": Entry(
        "remind_command",
        "Reminders for your sessions and your weekly PEG score, as a calendar file (.ics).",
    ),
    "config": Entry(
        "config_command",
        "Your settings: the tools you have, the minutes, your experience (defaults for "
        "plans), and your country (for the emergency number).",
    ),
    "backup": Entry("backup_command", "Make a backup of your journal now and print where it is."),
    "restore": Entry("backup_command", "Replace your journal with a backup."),
    "users": Entry(
        "users_command", "Accounts for the web app's account mode (each with its own journal)."
    ),
    "doctor": Entry(
        "doctor_command",
        "Check the journal: integrity, schema version, file mode and size, backups found.",
    ),
}


def _flags_show_no_type() -> None:
    """A flag takes no value, so its help shows none: ``--json  Print JSON`` rather than
    ``--json <bool> Print JSON`` (Typer shows every option's type; values keep theirs)."""
    shown = TyperOption.display_type_rich

    def display_type_rich(self: TyperOption, ctx: _click.Context) -> str | None:
        return None if self.is_flag else shown(self, ctx)

    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


def _usage_as_people_write_it() -> None:
    """Usage lines as manual pages write them: ``tool TOOL``, ``tools [TOOL]`` (Typer writes
    a required argument as ``{TOOL}``, and an optional one given a name in brackets twice)."""

    def usage_name(self: TyperArgument) -> str:
        name = self.display_name_raw.strip("[]{}").upper()
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]


_flags_show_no_type()
_usage_as_people_write_it()


def load(name: str) -> _click.Command:
    """The real command ``name``: its module imported and registered on an app of its own."""
    entry = COMMANDS[name]
    module: Any = importlib.import_module(f"sciatica_coach.cli.{entry.module}")
    app = typer.Typer(pretty_exceptions_enable=False, add_completion=False)
    module.register(app)
    built = typer.main.get_command(app)
    command = built.commands[name] if isinstance(built, TyperGroup) else built
    _reflow(command)
    return command


def _reflow(command: _click.Command) -> None:
    """Help written as wrapped docstrings, reflowed to the terminal: typer keeps the line
    breaks of every paragraph after the first, which broke lines mid-sentence at 80 columns
    ("with its flags and" / "limits")."""
    command.help = reflowed(command.help)
    for sub in getattr(command, "commands", {}).values():
        _reflow(sub)


def reflowed(text: str | None) -> str | None:
    """``text`` with each paragraph's lines joined, except list items (``- ``), which keep a
    line each, and a paragraph marked ``\b`` (click's "keep as written")."""
    if not text:
        return text
    paragraphs = []
    for paragraph in inspect.cleandoc(text).split("\n\n"):
        if paragraph.startswith("\b"):
            paragraphs.append(paragraph)
            continue
        lines: list[str] = []
        for line in paragraph.splitlines():
            if lines and not line.lstrip().startswith(("- ", "* ")):
                lines[-1] += " " + line.strip()
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


class _Loaded(Mapping[str, _click.Command]):
    """The commands by name, each loaded the first time it is asked for."""

    def __init__(self) -> None:
        self._cache: dict[str, _click.Command] = {}

    def __getitem__(self, name: str) -> _click.Command:
        if name not in COMMANDS:
            raise KeyError(name)
        if name not in self._cache:
            self._cache[name] = load(name)
        return self._cache[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class LazyCommands(TyperGroup):
    """The top-level group: commands from :data:`COMMANDS`, imported only when run.

    Its help lists them from their summaries, so ``--help`` imports no command module."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Loaded()  # type: ignore[assignment]  # read-only: no add_command
        self._listing = False

    def list_commands(self, ctx: _click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        if self._listing:
            return TyperCommand(name=cmd_name, help=COMMANDS[cmd_name].summary)
        return self.commands[cmd_name]

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        """Bare ``sciatica-coach`` shows the help and exits 0: asking what there is to do is
        not a mistake. (``--help`` prints from here too: a closed pipe ends it quietly.)"""
        with closed_pipe_ends_quietly():
            if not args and not ctx.resilient_parsing:
                typer.echo(ctx.get_help(), color=ctx.color)
                ctx.exit(0)
            return super().parse_args(ctx, args)

    def invoke(self, ctx: _click.Context) -> Any:
        """Run the command. Two endings every command shares are handled here, once: a closed
        pipe (``regions | head``) ends quietly with 0, where Typer would say 1; an optional
        part that is not installed (an extra) is an error that says how to install it
        (exit 2)."""
        with closed_pipe_ends_quietly():
            try:
                return super().invoke(ctx)
            except MissingExtra as error:
                from .output import fail  # late: only on this path

                fail(str(error))

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False
