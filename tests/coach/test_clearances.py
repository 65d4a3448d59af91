"""A clinician's clearance turns a stable reason to see someone into a caution, for six
months or until the symptom changes; emergency and urgent signs are never cleared."""

from __future__ import annotations

import pytest

from sciatica_coach.coach import clearances, journal_log
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.content import KnowledgeBase

from .conftest import Clock, check
from .fakes import FakeJournal


def test_a_cleared_cancer_history_is_a_caution_with_its_limits(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    assert check(kb, journal, clock, cancer_history=True).result.level == "see_professional"
    clearances.record_clearance(kb, journal, clock(), "cancer_history", "2026-11-20", "Dr Lee")
    clock.advance(minutes=5)
    result = check(kb, journal, clock, cancer_history=True).result
    assert result.level == "caution" and result.session_allowed
    assert {"no_massage_gun", "no_hard_ball_near_bone"} <= set(result.restrictions)
    (reason,) = result.reasons
    assert reason.message.startswith("A clinician checked this on 20 Nov 2026 (Dr Lee)")


def test_it_never_clears_an_urgent_combination(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    clearances.record_clearance(kb, journal, clock(), "cancer_history", "2026-11-20")
    result = check(kb, journal, clock, cancer_history=True, night_pain_constant=True).result
    assert result.level == "urgent"


def test_it_ends_when_the_symptom_changes(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    clearances.record_clearance(kb, journal, clock(), "weakness_long_standing", "2026-11-20")
    clock.advance(minutes=1)
    assert check(kb, journal, clock, weakness_long_standing=True).result.level == "caution"
    clock.advance(days=1)
    check(kb, journal, clock, weakness_long_standing=True, symptoms_spreading=True)
    clock.advance(days=1)
    later = check(kb, journal, clock, weakness_long_standing=True).result
    assert later.level == "see_professional"


def test_it_ends_six_months_after_the_clinicians_check(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    clearances.record_clearance(kb, journal, clock(), "age_over_50_new_pain", "2026-11-30")
    clock.advance(days=180)
    assert check(kb, journal, clock, age_over_50_new_pain=True).result.level == "caution"
    clock.advance(days=5)
    assert check(kb, journal, clock, age_over_50_new_pain=True).result.level == ("see_professional")


def test_not_sure_is_never_cleared(kb: KnowledgeBase, journal: FakeJournal, clock: Clock) -> None:
    clearances.record_clearance(kb, journal, clock(), "recent_surgery", "2026-11-30")
    assert check(kb, journal, clock, recent_surgery=True).result.level == "caution"
    assert check(kb, journal, clock, recent_surgery="not_sure").result.level == ("see_professional")


@pytest.mark.parametrize(
    ("reason", "checked_on", "field"),
    [
        ("saddle_numbness", "2026-11-30", "reason"),
        ("fever", "2026-11-30", "reason"),
        ("numbness", "2026-11-30", "reason"),
        ("cancer_history", "2026-12-25", "checked_on"),
        ("cancer_history", "2025-01-01", "checked_on"),
        ("cancer_history", "30/11/2026", "checked_on"),
    ],
)
def test_what_cannot_be_cleared_is_refused_by_name(
    kb: KnowledgeBase,
    journal: FakeJournal,
    clock: Clock,
    reason: str,
    checked_on: str,
    field: str,
) -> None:
    with pytest.raises(Invalid) as problem:
        clearances.record_clearance(kb, journal, clock(), reason, checked_on)
    assert field in problem.value.messages()
    assert journal.safety_records() == []


def test_the_check_must_be_after_the_pain_began(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, pain_began="2026-11-25", weeks_with_pain=None)
    with pytest.raises(Invalid) as problem:
        clearances.record_clearance(kb, journal, clock(), "cancer_history", "2026-11-20")
    assert "after this spell of pain began" in problem.value.messages()["checked_on"]


def test_only_stable_see_a_professional_reasons_are_clearable(kb: KnowledgeBase) -> None:
    questions = kb.screening.question_by_id
    for reason in clearances.clearable(kb):
        if reason.id in questions:
            rule = questions[reason.id].rule
            # its own level, or for a part that counts only together (the morning stiffness
            # with back pain that began before 45), the level of that together rule
            levels = [t.level for t in rule.together] if rule.level == "ok" else [rule.level]
            assert levels == ["see_professional"], reason.id
            assert reason.label == questions[reason.id].question
    ids = {r.id for r in clearances.clearable(kb)}
    assert not ids & {"numbness", "pain_worsening", "symptoms_spreading", "night_pain_constant"}


def test_a_journal_reason_is_cleared_only_by_a_check_after_it_came_up(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    with pytest.raises(Invalid) as problem:
        clearances.record_clearance(
            kb, journal, clock(), "history:no_improvement_long", "2026-12-01"
        )
    assert "not come up" in problem.value.messages()["reason"]
    for _ in range(12 * 7 + 1):
        journal_log.log_pain(kb, journal, clock(), 6)
        clock.advance(days=1)
    assert check(kb, journal, clock, pain_now=6).result.level == "see_professional"
    with pytest.raises(Invalid):
        clearances.record_clearance(
            kb, journal, clock(), "history:no_improvement_long", "2027-02-01"
        )
    clearances.record_clearance(kb, journal, clock(), "history:no_improvement_long", clock().date())
    clock.advance(minutes=5)
    assert check(kb, journal, clock, pain_now=6).result.level == "caution"
