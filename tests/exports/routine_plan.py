"""The routine both PDF test modules print: two muscles, a tennis ball, 30 minutes, after a
check that allows it with a blood thinner (so the routine carries its limits)."""

from __future__ import annotations

from sciatica_coach.coach import safety
from sciatica_coach.coach.plans import PlanRequest, make_plan
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.plan_model import Plan
from tests.coach.conftest import T0
from tests.coach.fakes import FakeJournal
from tests.coach.journal_days import clear_answers


def sample_plan(kb: KnowledgeBase) -> Plan:
    journal = FakeJournal()
    safety.take_check(kb, journal, T0, clear_answers(anticoagulants=True))
    request = PlanRequest(
        muscles=[("piriformis", "left"), ("quadratus_lumborum", "right")],
        tools=["tennis_ball"],
        minutes=30,
    )
    return make_plan(kb, journal, T0, request).plan
