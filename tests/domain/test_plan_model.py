"""Reading plans back from JSON: every field is type-checked, errors are plain."""

from __future__ import annotations

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.plan_model import PlanFormatError, plan_from_json
from sciatica_coach.domain.planning import TargetChoice, build_plan
from sciatica_coach.domain.screening import screen

from .screening_cases import all_clear


def plan_json(kb: KnowledgeBase) -> dict[str, object]:
    target = TargetChoice("piriformis", "left", "t")
    return build_plan(kb, screen(kb, all_clear()), [target], [], 20, "new").to_json()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"minutes": "abc"}, "minutes must be a whole number"),
        ({"minutes": 10**400}, "minutes must be a whole number"),
        ({"minutes": True}, "minutes must be a whole number"),
        ({"steps": "none"}, "steps must be a list"),
        ({"steps": [{"id": "a", "kind": "hold", "title": "t", "seconds": "30"}]}, "seconds"),
        ({"steps": [{"id": "a", "kind": "dance", "title": "t", "seconds": 3}]}, "unknown kind"),
        ({"steps": [{"id": "a", "kind": "hold", "title": "t\x00", "seconds": 3}]}, "title"),
        (
            {"steps": [{"id": "a", "kind": "hold", "title": "t", "seconds": 3, "x": 1}]},
            "unknown fields",
        ),
        (
            {"steps": [{"id": "a", "kind": "hold", "title": "t", "seconds": 3, "pressure": "max"}]},
            "pressure",
        ),
        ({"targets": [{"muscle_id": "piriformis"}]}, "pressure"),
        ({"experience": "guru"}, "experience"),
        ({"restrictions": [1]}, "restrictions must be text"),
    ],
)
def test_malformed_plans_are_refused_with_a_reason(
    kb: KnowledgeBase, change: dict[str, object], message: str
) -> None:
    with pytest.raises(PlanFormatError, match=message):
        plan_from_json({**plan_json(kb), **change})


def test_a_missing_field_is_named(kb: KnowledgeBase) -> None:
    data = plan_json(kb)
    del data["screening_level"]
    with pytest.raises(PlanFormatError, match="missing 'screening_level'"):
        plan_from_json(data)


def test_a_step_read_again_is_the_same_step(kb: KnowledgeBase) -> None:
    data = plan_json(kb)
    first, again = plan_from_json(data), plan_from_json(plan_json(kb))
    assert again == first
    assert again.steps[0] is first.steps[0]  # read once, handed out again


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("check_in", 1, "check_in must be true or false"),  # 1 == True, yet never taken for it
        ("seconds", 30.0, "seconds"),  # 30.0 == 30
        ("instructions", [["a list"]], "instructions"),  # no key can hold it
    ],
)
def test_a_step_like_one_read_before_is_still_refused_when_malformed(
    kb: KnowledgeBase, field: str, value: object, message: str
) -> None:
    good = {"id": "a", "kind": "hold", "title": "t", "seconds": 30, "check_in": True}
    assert plan_from_json({**plan_json(kb), "steps": [good]}).steps[0].seconds == 30
    with pytest.raises(PlanFormatError, match=message):
        plan_from_json({**plan_json(kb), "steps": [{**good, field: value}]})
