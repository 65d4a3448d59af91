"""The optional parts of the app, installed as extras, and what to say when one is missing.

The core (the safety check, plans, sessions, the journal, the web app, JSON and CSV exports,
the PDF summary, SVG maps) needs none of them. ``pyproject.toml`` names the same extras; a
test keeps the two in step.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Extra:
    modules: tuple[str, ...]
    """The top-level modules it installs (what an ImportError names)."""
    purpose: str
    """What needs it, as the message says it."""


EXTRAS: dict[str, Extra] = {
    "charts": Extra(("matplotlib",), "The progress chart"),
    "fhir": Extra(("fhir",), "The FHIR export"),
    "postgres": Extra(("psycopg",), "A journal on PostgreSQL"),
    "png": Extra(("cairosvg",), "A PNG picture"),
}


def install_hint(extra: str) -> str:
    """How to install ``extra``, for a message to whoever installed the app. From the checkout:
    the package is not on the package index yet, and ``--force`` because pipx refuses an app
    it has already; ``.[all]`` because a reinstall with one extra drops the others."""
    return (
        f"Install the {extra} extra from the Sciatica Coach folder: "
        f"pipx install --force '.[all]' (every optional part), "
        f"or in a virtual environment pip install '.[{extra}]'"
    )


def plain_words(extra: str) -> str:
    """What a person using the web app is told: they may not be the one who installed it."""
    return (
        f"{EXTRAS[extra].purpose} is not part of this installation. "
        f'Whoever set up Sciatica Coach can add it (the "{extra}" extra).'
    )


class MissingExtra(ImportError):
    """An optional part that is not installed; the message says which extra brings it."""

    def __init__(self, extra: str) -> None:
        self.extra = extra
        super().__init__(
            f"{EXTRAS[extra].purpose} needs the {extra} extra, which is not installed. "
            f"{install_hint(extra)}."
        )


def installed(extra: str) -> bool:
    """Whether ``extra``'s packages can be imported (found, not imported: that can be slow)."""
    for module in EXTRAS[extra].modules:
        if module in sys.modules:
            if sys.modules[module] is None:
                return False
        elif importlib.util.find_spec(module) is None:
            return False
    return True


def is_missing(error: ImportError, extra: str) -> bool:
    """Whether ``error`` says a module of ``extra`` is not installed."""
    name = (error.name or "").partition(".")[0]
    return name in EXTRAS[extra].modules


@contextmanager
def needed(extra: str) -> Iterator[None]:
    """Around the import of code that needs ``extra``: :class:`MissingExtra` in place of the
    ImportError if it is not installed (any other ImportError is left as it is)."""
    try:
        yield
    except ImportError as error:
        if isinstance(error, MissingExtra) or not is_missing(error, extra):
            raise
        raise MissingExtra(extra) from error
