"""The safety net for the slow cases: when to see a GP or physio, days skipped for the pain,
and no improvement after about 12 weeks."""

from __future__ import annotations

from sciatica_coach.coach import journal_log
from sciatica_coach.content import KnowledgeBase

from .conftest import Clock, check
from .fakes import FakeJournal


def test_allowing_and_not_today_results_say_when_to_see_a_gp(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    gp = kb.screening.safety_net.see_gp
    assert check(kb, journal, clock).result.see_gp == gp
    assert check(kb, journal, clock, flare=True).result.see_gp == gp
    assert check(kb, journal, clock, numbness=True).result.see_gp is None  # sees one anyway


def test_very_high_pain_says_whom_to_call_if_relief_does_not_help(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    result = check(kb, journal, clock, pain_now=9).result
    assert any("NHS 111" in a for a in result.advice)
    assert not any("warm" in r.what_to_do for r in result.reasons)  # no heat advice here


def test_three_days_skipped_for_the_pain_in_a_week_mean_see_someone(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    assert check(kb, journal, clock, pain_now=9).result.level == "not_today"
    clock.advance(days=2)
    assert check(kb, journal, clock, flare=True).result.level == "not_today"
    clock.advance(days=2)
    third = check(kb, journal, clock, pain_now=8).result
    assert third.level == "see_professional"
    assert "history:repeated_not_today" in {r.question_id for r in third.reasons}


def test_the_dose_limit_is_not_a_day_skipped_for_the_pain(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    for _ in range(3):
        assert check(kb, journal, clock, sessions_today=2).result.level == "not_today"
        clock.advance(days=1)
    assert check(kb, journal, clock).result.level == "ok"


def test_twelve_weeks_without_improvement_mean_see_someone(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    for _ in range(12 * 7 + 1):
        journal_log.log_pain(kb, journal, clock(), 6)
        clock.advance(days=1)
    result = check(kb, journal, clock, pain_now=6).result
    assert result.level == "see_professional"
    assert "history:no_improvement_long" in {r.question_id for r in result.reasons}
