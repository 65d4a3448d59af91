"""What every request handler needs: the knowledge base, the journal and the clock, in one
object made once per app (see :func:`sciatica_coach.web.create_app`).

Nothing about a person's sessions is kept here: they live in the journal, so any number of
worker processes can serve the same person. The clock is injectable so tests can say "an hour
later" without waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, cast

from fastapi import Depends, Path, Request

from sciatica_coach.coach.ports import JournalPort
from sciatica_coach.coach.setup import local_now
from sciatica_coach.content import KnowledgeBase

from .views.models import MAX_ID

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Coach:
    kb: KnowledgeBase
    journal: JournalPort
    clock: Clock = local_now

    def now(self) -> datetime:
        return self.clock()


def get_coach(request: Request) -> Coach:
    return cast(Coach, request.app.state.coach)


CoachDep = Annotated[Coach, Depends(get_coach)]
IdInPath = Annotated[int, Path(ge=1, le=MAX_ID, description="An id from this journal")]
"""An id in an address: a whole number a journal row can have (larger ones are a 422)."""
