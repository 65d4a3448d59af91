"""What every request handler needs: the knowledge base, the journal, the running sessions and
the clock, in one object created once per app (see :func:`sciatica_coach.web.create_app`).

The clock is injectable so tests can say "an hour later" without waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, cast

from fastapi import Depends, Request

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.storage import Journal

from .session_store import SessionStore

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """Now, in the server's local time zone, so "today" is the person's own calendar day
    (the app runs on the person's own computer). Still time-zone aware."""
    return datetime.now(UTC).astimezone()


@dataclass
class Coach:
    kb: KnowledgeBase
    journal: Journal
    sessions: SessionStore
    clock: Clock = utc_now

    def now(self) -> datetime:
        return self.clock()

    def settle(self, closing: bool = False) -> None:
        """Save finished sessions before the journal is read (see :mod:`.session_store`)."""
        self.sessions.settle(self.journal, self.now(), closing)


def get_coach(request: Request) -> Coach:
    return cast(Coach, request.app.state.coach)


CoachDep = Annotated[Coach, Depends(get_coach)]
