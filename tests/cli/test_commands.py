"""The program's table of commands: complete, true to each command's help, and lazy."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from typing import Any

import pytest
import typer
from typer.core import TyperGroup

from sciatica_coach.cli.commands import COMMANDS, load, reflowed


def registered_by(module_name: str) -> set[str]:
    module: Any = importlib.import_module(f"sciatica_coach.cli.{module_name}")
    app = typer.Typer()
    module.register(app)
    built = typer.main.get_command(app)
    return set(built.commands) if isinstance(built, TyperGroup) else {str(built.name)}


def test_the_table_names_every_command_each_module_registers() -> None:
    modules = {entry.module for entry in COMMANDS.values()}
    registered = {name: module for module in modules for name in registered_by(module)}
    assert registered == {name: entry.module for name, entry in COMMANDS.items()}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_summary_is_the_first_paragraph_of_the_commands_help(name: str) -> None:
    command = load(name)
    assert command.name == name
    first_paragraph = inspect.cleandoc(command.help or "").split("\n\n")[0]
    assert " ".join(first_paragraph.split()) == COMMANDS[name].summary


def imported_after(*argv: str) -> set[str]:
    """The sciatica_coach modules imported by running the program with ``argv``."""
    probe = (
        "import sys\n"
        f"sys.argv = ['sciatica-coach', *{list(argv)!r}]\n"
        "from sciatica_coach.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(m for m in sys.modules if m.startswith('sciatica_coach')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    return set(done.stdout.split()[-1000:])


def test_help_imports_no_command_module() -> None:
    loaded = imported_after("--help")
    assert "sciatica_coach.cli.app" in loaded
    assert not {f"sciatica_coach.cli.{entry.module}" for entry in COMMANDS.values()} & loaded


def test_a_command_imports_its_own_module_only() -> None:
    loaded = imported_after("faq", "--help")
    assert "sciatica_coach.cli.library_commands" in loaded
    assert "sciatica_coach.cli.serve_command" not in loaded
    assert "sciatica_coach.cli.session_command" not in loaded


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_paragraphs_flow_so_no_line_breaks_mid_sentence(name: str) -> None:
    """Typer keeps the docstring's line breaks after the first paragraph; at 80 columns that
    broke "with its flags and" / "limits" onto lines of their own (review of issue 27)."""
    command = load(name)
    for each in [command, *getattr(command, "commands", {}).values()]:
        for paragraph in (each.help or "").split("\n\n"):
            lines = paragraph.splitlines()
            assert all(line.lstrip().startswith(("- ", "* ")) for line in lines[1:]), paragraph


def test_reflowed_joins_lines_but_keeps_list_items_and_kept_paragraphs() -> None:
    text = (
        "First line\n    goes on.\n\n    Second\n    paragraph.\n\n"
        "    - one\n    - two\n      more\n\n    \b\n    kept\n    as is"
    )
    assert reflowed(text) == (
        "First line goes on.\n\nSecond paragraph.\n\n- one\n- two more\n\n\b\nkept\nas is"
    )
