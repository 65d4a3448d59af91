"""Recent activity: today's sessions and holds, and this week's sessions stopped for bad pain."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.activity import (
    PastSession,
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


def test_an_escalation_adds_its_reason_and_advice(kb: KnowledgeBase) -> None:
    result = escalate(kb, screen(kb, all_clear()), ["bad_pain_stops"])
    assert result.level == "see_professional" and not result.session_allowed
    assert result.reasons[0].question_id == "history:bad_pain_stops"
    assert any("physical therapist" in advice for advice in result.advice)


def test_escalation_never_lowers_a_level(kb: KnowledgeBase) -> None:
    emergency = screen(kb, {**all_clear(), "saddle_numbness": True})
    result = escalate(kb, emergency, ["bad_pain_stops"])
    assert result.level == "emergency" and not result.session_allowed
    assert escalate(kb, emergency, []) is emergency


def test_journal_escalations_raise_the_level(kb: KnowledgeBase) -> None:
    result = escalate(kb, screen(kb, all_clear()), ["pain_worsening", "no_improvement"])
    assert result.level == "see_professional" and not result.session_allowed
    assert [r.question_id for r in result.reasons][:1] == ["history:pain_worsening"]


def test_bad_spots_and_the_last_bad_stop_are_remembered() -> None:
    stopped = PastSession(NOW - timedelta(hours=2), {}, True, ("piriformis", "left", 1))
    activity = recent_activity([stopped, session(30)], NOW)
    assert activity.bad_spots_today == frozenset({("piriformis", "left", 1)})
    assert activity.last_bad_stop == stopped.started_at


def test_today_is_the_persons_own_day() -> None:
    evening = timezone(timedelta(hours=-8))
    now = datetime(2026, 11, 25, 17, 0, tzinfo=evening)  # 01:00 UTC on the 26th
    late = PastSession(datetime(2026, 11, 25, 23, 0, tzinfo=UTC), {}, False)  # 15:00 local
    assert recent_activity([late], now).sessions_today == 1
