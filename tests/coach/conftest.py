"""A small cast for the service tests: a fake journal, a clock, and an all-clear check."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sciatica_coach.coach import safety
from sciatica_coach.coach.plans import PlanRequest, SavedPlan, make_plan
from sciatica_coach.content import KnowledgeBase

from ..domain.screening_cases import all_clear
from .fakes import FakeJournal

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class Clock:
    """Now, moved on by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def journal() -> FakeJournal:
    return FakeJournal()


@pytest.fixture
def clock() -> Clock:
    return Clock()


def check(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock, **changes: object
) -> safety.Checked:
    answers = {k: v for k, v in all_clear().items() if k != "sessions_today"} | changes
    return safety.take_check(kb, journal, clock(), answers)


def a_plan(kb: KnowledgeBase, journal: FakeJournal, clock: Clock, **request: object) -> SavedPlan:
    wanted = {"muscles": [("piriformis", "left")], "tools": ["tennis_ball"], "minutes": 20}
    return make_plan(kb, journal, clock(), PlanRequest(**(wanted | request)))  # type: ignore[arg-type]
