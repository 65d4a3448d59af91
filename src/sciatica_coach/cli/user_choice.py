"""Whose journal the terminal works on: ``--user NAME``, or this computer's own (None).

Kept apart from :mod:`.journal_access` so the program can read the option before it knows
whether the command it runs needs the journal (and the database code) at all."""

from __future__ import annotations

_chosen: str | None = None


def choose_user(name: str | None) -> None:
    """Work on this account's journal (``--user``) instead of this computer's own."""
    global _chosen
    _chosen = name


def chosen_user() -> str | None:
    return _chosen
