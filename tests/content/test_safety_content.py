"""The safety facts the planner relies on are in the content, as the guide states them."""

from __future__ import annotations

from sciatica_coach.content import KnowledgeBase


def test_pressure_never_goes_on_the_spine_bones_the_knee_hollow_or_the_groin(
    kb: KnowledgeBase,
) -> None:
    never = {r.id for r in kb.regions.values() if r.no_pressure}
    assert never == {"sacrum", "coccyx", "knee_posterior", "groin"}


def test_the_sciatic_nerve_path_is_marked(kb: KnowledgeBase) -> None:
    path = {r.id for r in kb.regions.values() if r.nerve_path}
    assert {"buttock_center", "buttock_lower", "thigh_posterior", "knee_posterior"} <= path


def test_the_massage_gun_keeps_off_the_spine_and_the_nerve(kb: KnowledgeBase) -> None:
    gun = kb.tools["massage_gun"]
    assert {"nerve_path", "beside_spine"} <= set(gun.keep_off)
    assert gun.large_muscles_only and not gun.beginner_friendly
    assert "beside_spine" in kb.tools["foam_roller"].keep_off


def test_the_dose_limits_follow_the_guide(kb: KnowledgeBase) -> None:
    limits = kb.routine.limits
    assert limits.sessions_per_day == 2  # the guide: once or twice a day
    assert 20 <= limits.hold_seconds_new <= limits.hold_seconds_experienced <= 60
    assert "guide" in limits.sources


def test_every_technique_can_be_done_by_hand(kb: KnowledgeBase) -> None:
    for technique in kb.techniques.values():
        assert "thumb_fingers" in technique.tools, technique.id


def test_history_escalations_are_cited(kb: KnowledgeBase) -> None:
    ids = {e.id for e in kb.screening.escalations}
    assert "bad_pain_stops" in ids
    assert all(e.sources for e in kb.screening.escalations)


def test_a_weak_foot_has_one_level_in_the_question_the_net_and_learn(kb: KnowledgeBase) -> None:
    questions = kb.screening.question_by_id
    assert questions["weakness_new"].rule.level == "urgent"
    assert any("foot" in sign and "drops" in sign for sign in kb.screening.safety_net.today_signs)
    weakness = kb.warning_signs["numbness_or_weakness"]
    assert "doctor today" in weakness.what_to_do and "emergency care now" in weakness.what_to_do
