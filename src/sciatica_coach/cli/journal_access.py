"""The CLI's door to the service layer: the journal (opened once per process), the clock, and
the service layer's refusals turned into messages and exit codes.

Exit codes: 2 for input that cannot be used, 3 when safety says no, 1 when the journal cannot
be used. A write that fails is reported, never skipped silently.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING

from rich.markup import escape

from sciatica_coach.coach import backups
from sciatica_coach.coach.errors import Conflict, Invalid, NotAllowed, NotFound
from sciatica_coach.coach.journal_health import journal_damage
from sciatica_coach.coach.person_time import person_now
from sciatica_coach.coach.ports import JournalPort
from sciatica_coach.coach.setup import (
    DamagedRead,
    Journal,
    JournalDamaged,
    StorageError,
    accounts_of,
    local_now,
    open_journal,
)

from .output import EVERY_PLACE, fail, stderr
from .user_choice import chosen_user

if TYPE_CHECKING:
    from sciatica_coach.coach.accounts import User

EXIT_STORAGE = 1
_told: set[str] = set()
"""The damage already told on stderr when the journal was opened (said once, not twice)."""
EXIT_NOT_ALLOWED = 3


def database() -> Journal:
    """The database as opened (this computer's own journal), for the accounts in it; a
    damaged one is said so on stderr (it is open read-only)."""
    try:
        opened = open_journal()
    except StorageError as error:
        fail(f"the journal could not be opened: {error}", EXIT_STORAGE)
    damage = journal_damage(opened)
    if damage is not None:
        stderr.print(f"[bold yellow]Warning:[/] {escape(damage)}", highlight=False)
        _told.add(damage)
    return opened


def journal() -> JournalPort:
    """This computer's journal, or with ``--user NAME`` that account's (opened once each)."""
    return _journal_of(chosen_user())


def forget_journals() -> None:
    """Open the journals afresh next time (tests point the program at a new folder)."""
    _journal_of.cache_clear()
    _account_of.cache_clear()
    _opened.cache_clear()
    _told.clear()


def account() -> User | None:
    """The account ``--user NAME`` works on; None for this computer's own journal."""
    name = chosen_user()
    return None if name is None else _account_of(name)


@functools.cache
def _journal_of(name: str | None) -> JournalPort:
    if name is None:
        return _opened()
    return _opened().for_user(_account_of(name).id)


@functools.cache
def _opened() -> Journal:
    opened = database()
    back_up_daily(opened, local_now())  # not now(): the account is read from this journal
    return opened


def back_up_daily(journal: Journal, at: datetime) -> None:
    """The daily backup (see ``sciatica-coach backup``); if it cannot be made, a warning and
    the command goes on: a full disk must not stop someone logging their pain."""
    try:
        backups.back_up_if_due(journal, at)
    except StorageError as error:
        stderr.print(f"Warning: today's backup of the journal was not made: {error}")


@functools.cache
def _account_of(name: str) -> User:
    try:
        user = accounts_of(_opened()).user_named(name)
    except StorageError as error:
        fail(f"the accounts could not be read: {error}", EXIT_STORAGE)
    if user is None:
        fail(
            f"there is no account named {name}; "
            "'sciatica-coach users list' shows them, 'users add NAME' makes one"
        )
    return user


def now() -> datetime:
    """The person's local time, time-zone aware, so "today" is their own calendar day: with
    ``--user NAME``, in the zone kept with that account (else this computer's)."""
    return person_now(account(), local_now())


DAMAGED_PART = (
    "part of the journal is damaged (see above). To save everything that can still be read: "
    "sciatica-coach export --salvage --out rescued.json"
)
NOTHING_WRITTEN = "the journal is damaged, so nothing new can be written to it (see above)"


@contextmanager
def reported(what: str = "the journal") -> Iterator[None]:
    """Run service calls; a refusal becomes a clear message and its exit code."""
    try:
        yield
    except Invalid as problem:
        lines = [message for _loc, message in problem.problems]
        if any(loc[:1] == ("where",) for loc, _ in problem.problems):
            lines.append(EVERY_PLACE)
        fail(lines[0] if len(lines) == 1 else "\n  ".join(["please check:", *lines]))
    except NotAllowed as refusal:
        fail("\n  ".join([refusal.message, *refusal.reasons]), EXIT_NOT_ALLOWED)
    except (Conflict, NotFound) as error:
        fail(error.message)
    except DamagedRead as error:
        if any(told in str(error) for told in _told):  # the warning above said the rest
            fail(f"{what} could not be read in full: {DAMAGED_PART}", EXIT_STORAGE)
        fail(f"{what} could not be read in full: {error}", EXIT_STORAGE)
    except JournalDamaged as error:
        if any(told in str(error) for told in _told):
            fail(f"{what} was not saved: {NOTHING_WRITTEN}", EXIT_STORAGE)
        fail(f"{what} could not be used: {error}", EXIT_STORAGE)
    except StorageError as error:
        fail(f"{what} could not be used: {error}", EXIT_STORAGE)
