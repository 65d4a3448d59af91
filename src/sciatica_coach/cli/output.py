"""Shared output plumbing for CLI commands: consoles, JSON, and clean failures.

Every command prints either Rich text for a person or, with ``--json``, one JSON document for
a program. Failures print one clear line to stderr and exit with a documented code; a person
never sees a traceback.
"""

from __future__ import annotations

import dataclasses
import json
import re
import stat
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, cast

import typer
from rich.console import Console
from rich.markup import escape

from sciatica_coach.content.catalog import Catalog, T, UnknownIdError

if TYPE_CHECKING:
    from sciatica_coach.content import KnowledgeBase

EXIT_BAD_INPUT = 2
EVERY_PLACE = "Every place on the body map, with its name: sciatica-coach regions"


class TidyStdout:
    """Standard output for Rich, without the spaces Rich pads each line to the width with
    when the output is not a terminal (a file, a pipe): there they only get in the way of
    ``grep``, ``diff`` and a clinician's text editor. Looks ``sys.stdout`` up at each write,
    so a test that swaps it sees everything; while a Rich ``Live`` display has replaced it
    with a proxy that prints through the console, writes go to the file behind the proxy
    (through the proxy they would come straight back here)."""

    @staticmethod
    def _out() -> TextIO:
        out = sys.stdout
        return cast(TextIO, getattr(out, "rich_proxied_file", out))

    def write(self, text: str) -> int:
        out = self._out()
        return out.write(text if out.isatty() else PADDING.sub("", text))

    def flush(self) -> None:
        self._out().flush()

    def isatty(self) -> bool:
        return self._out().isatty()

    def fileno(self) -> int:
        return self._out().fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._out(), "encoding", None) or "utf-8"


PADDING = re.compile(r"[ \t]+(?=\n|\Z)")

stdout = Console(file=TidyStdout())  # type: ignore[arg-type]  # a file in all but name
stderr = Console(stderr=True)


CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if c not in (9, 10)}


def terminal_safe(text: str) -> str:
    """``text`` with control characters shown as ``\\x1b`` and so on, never sent raw: a note
    or a typed id must not be able to move the cursor, clear the screen or retitle a window."""
    return text.translate(CONTROL)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print ``message`` to stderr and exit with ``code``."""
    stderr.print(f"[bold red]Error:[/] {escape(terminal_safe(message))}", highlight=False)
    raise typer.Exit(code)


def unknown(error: UnknownIdError) -> NoReturn:
    """Report an unknown id with the closest valid ones (exit code 2)."""
    fail(str(error))


def known(catalog: Catalog[T], item_id: str) -> T:
    """The item this names (forgiving case, hyphens, spaces; a name works too), or exit 2
    naming the closest valid ids."""
    try:
        return catalog.find(item_id)
    except UnknownIdError as error:
        unknown(error)


def to_jsonable(kb: KnowledgeBase, value: Any) -> Any:
    """Turn content models and views into JSON data, expanding source ids into full citations."""
    from pydantic import BaseModel  # late: a command that prints no JSON need not load it

    if isinstance(value, BaseModel):
        data = {name: to_jsonable(kb, getattr(value, name)) for name in type(value).model_fields}
        if "sources" in data and all(isinstance(s, str) for s in data["sources"]):
            data["sources"] = [kb.sources[s].model_dump(mode="json") for s in data["sources"]]
        return data
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(kb, getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_jsonable(kb, v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(kb, v) for k, v in value.items()}
    if isinstance(value, date):  # and datetime: ISO 8601, with the offset when it has one
        return value.isoformat()
    return value


def print_json(kb: KnowledgeBase, value: Any) -> None:
    """Write ``value`` as indented JSON to stdout, with nothing else."""
    typer.echo(json.dumps(to_jsonable(kb, value), indent=2, ensure_ascii=False))


JSON_FILE_LIMIT = 10_000_000
"""The most a JSON file (answers, a plan) may hold, in bytes: far more than any real one; a
limit so that reading ``/dev/zero`` or an endless pipe stops with a message."""


def read_json_file(
    path: Path, what: str, *, limit: int = JSON_FILE_LIMIT, regular_only: bool = False
) -> object:
    """Read a JSON file, or exit 2 saying plainly what is wrong with it.

    At most ``limit`` bytes are read; ``regular_only`` refuses anything but a plain file (a
    device, a pipe, a folder) before reading a byte (security review L-3)."""
    try:
        if regular_only and not stat.S_ISREG(path.stat().st_mode):
            fail(f"{path} is not a plain file; give the {what} file itself")
        with path.open("rb") as file:
            raw = file.read(limit + 1)
        if len(raw) > limit:
            fail(f"{path} is larger than {limit // 1_000_000} MB, too large for a {what}")
        return json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        fail(f"no {what} file at {path}")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"could not read {path}: {error}")
    except json.JSONDecodeError as error:
        fail(f"{path} is not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}")
    except RecursionError:
        fail(f"{path} is nested too deeply to be a {what}")
    except ValueError as error:  # e.g. a number too long to read
        fail(f"{path} could not be read as JSON: {error}")
