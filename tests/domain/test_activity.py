"""Recent activity: today's sessions and holds, and this week's sessions stopped for bad pain."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.activity import (
    PastSession,
    RecentActivity,
    history_escalations,
    recent_activity,
)
from sciatica_coach.domain.screening import escalate, screen

from .screening_cases import all_clear

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)


def session(hours_ago: float, holds: int = 2, bad: bool = False) -> PastSession:
    return PastSession(NOW - timedelta(hours=hours_ago), {("piriformis", "left"): holds}, bad)


def test_it_counts_todays_sessions_and_holds_only() -> None:
    activity = recent_activity([session(1), session(5, holds=3), session(30)], NOW)
    assert activity.sessions_today == 2
    assert activity.holds_done("piriformis", "left") == 5
    assert activity.holds_done("piriformis", "right") == 0


def test_it_counts_bad_pain_stops_over_seven_days() -> None:
    sessions = [session(24 * 2, bad=True), session(24 * 6, bad=True), session(24 * 8, bad=True)]
    assert recent_activity(sessions, NOW).bad_stops_this_week == 2


def test_it_ignores_sessions_in_the_future() -> None:
    assert recent_activity([session(-2)], NOW).sessions_today == 0


def test_two_bad_stops_in_a_week_escalate_the_next_screening(kb: KnowledgeBase) -> None:
    limit = kb.routine.limits.bad_reports_per_week_before_referral
    assert history_escalations(RecentActivity(bad_stops_this_week=limit - 1), limit) == []
    ids = history_escalations(RecentActivity(bad_stops_this_week=limit), limit)
    assert ids == ["bad_pain_stops"]
    result = escalate(kb, screen(kb, all_clear()), ids)
    assert result.level == "caution"
    assert result.reasons[0].question_id == "history:bad_pain_stops"
    assert any("physical therapist" in advice for advice in result.advice)


def test_escalation_never_lowers_a_level(kb: KnowledgeBase) -> None:
    emergency = screen(kb, {**all_clear(), "saddle_numbness": True})
    result = escalate(kb, emergency, ["bad_pain_stops"])
    assert result.level == "emergency" and not result.session_allowed
    assert escalate(kb, emergency, []) is emergency
