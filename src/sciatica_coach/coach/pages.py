"""Lists of the journal a page at a time: the newest first, and the way to the next page.

Every list a person or a program reads (sessions, pain and PEG scores, body maps, plans) is
cut into pages by the database, so the journal page and the API answer as fast after ten
years as after one week. A page asks for one entry more than it shows, to know whether
there is a next page; the next page starts after the last entry shown (its id is the cursor
``before``), so entries added meanwhile never shift a page or show twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from .errors import Invalid
from .ports import JournalPort, PainMap, StoredSession

MAX_LIMIT = 200
"""The most entries a page may hold."""


class Entry(Protocol):
    @property
    def id(self) -> int: ...


E = TypeVar("E", bound=Entry)


@dataclass(frozen=True)
class Page(Generic[E]):
    entries: Sequence[E]
    """Newest first."""
    next_before: int | None
    """The ``before`` that gives the next (older) page; None when this is the last one."""


def page(read: Callable[[int, int | None], list[E]], limit: int, before: int | None) -> Page[E]:
    """A page from a ``newest_*`` reader of the journal."""
    if not 1 <= limit <= MAX_LIMIT:
        raise Invalid.one(("limit",), f"Choose a page size from 1 to {MAX_LIMIT}.")
    if before is not None and before < 1:
        raise Invalid.one(("before",), "Use the id of an entry from the page before.")
    found = read(limit + 1, before)
    shown = found[:limit]
    return Page(shown, shown[-1].id if len(found) > limit else None)


@dataclass(frozen=True)
class SessionsPage:
    """Sessions, newest first, with the body maps marked before and after each."""

    sessions: Page[StoredSession]
    maps: dict[int, PainMap]


def sessions_page(journal: JournalPort, limit: int, before: int | None = None) -> SessionsPage:
    """A page of sessions and, in one more query, just the maps they point to."""
    found = page(journal.newest_sessions, limit, before)
    wanted = {
        map_id
        for s in found.entries
        for map_id in (s.before_map_id, s.after_map_id)
        if map_id is not None
    }
    return SessionsPage(found, journal.pain_maps_by_id(wanted))
