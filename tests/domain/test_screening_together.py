"""Signs that are more serious together (Finucane et al. 2020), clearances, and the nets."""

from __future__ import annotations

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.screening import cleared, safety_net, screen

from .screening_cases import all_clear


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        ({"cancer_history": True}, "see_professional"),
        ({"cancer_history": True, "night_pain_constant": True}, "urgent"),
        ({"cancer_history": True, "thoracic_pain": "not_sure"}, "urgent"),
        ({"cancer_history": True, "numbness": True}, "urgent"),
        ({"infection_risk": True}, "see_professional"),
        ({"infection_risk": True, "symptoms_spreading": True}, "urgent"),
        ({"infection_risk": True, "pain_worsening": "not_sure"}, "urgent"),
        ({"infection_risk": "not_sure"}, "see_professional"),
    ],
)
def test_risk_factors_alone_mean_a_check_and_with_other_signs_a_doctor_today(
    kb: KnowledgeBase, answers: dict[str, object], level: str
) -> None:
    assert screen(kb, all_clear() | answers).level == level


def test_a_stable_new_foot_drop_is_urgent_and_worsening_weakness_an_emergency(
    kb: KnowledgeBase,
) -> None:
    questions = kb.screening.question_by_id
    assert "foot drops" in questions["weakness_new"].question
    assert "drag" not in questions["weakness_progressing"].question
    assert screen(kb, all_clear() | {"weakness_new": True}).level == "urgent"
    assert screen(kb, all_clear() | {"weakness_progressing": True}).level == "emergency"
    net = safety_net(kb)
    assert not any("drag" in sign or "slap" in sign for sign in net.signs)
    assert any("drops" in sign for sign in net.today_signs)


def test_the_leg_clot_sign_is_a_doctor_today_in_the_check_and_the_net(kb: KnowledgeBase) -> None:
    net = safety_net(kb)
    assert not any("swollen" in sign for sign in net.signs)
    assert any("swollen" in sign for sign in net.today_signs)
    assert screen(kb, all_clear() | {"calf_swelling": True}).level == "urgent"


def test_only_a_see_a_professional_reason_that_was_answered_yes_is_cleared(
    kb: KnowledgeBase,
) -> None:
    applied = {"cancer_history": "Checked.", "fever": "Checked."}
    result = cleared(kb, screen(kb, all_clear() | {"cancer_history": True, "fever": True}), applied)
    assert result.level == "urgent"
    assert {r.question_id: r.level for r in result.reasons} == {
        "fever": "urgent",
        "cancer_history": "caution",
    }
