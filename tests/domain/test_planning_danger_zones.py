"""Where the planner presses near the never-press places: the quadratus lumborum by the kidney,
the piriformis by the sciatic notch, one position per tool, a gentler plan for nerve-like
feelings below the knee, and stretches left out after a hip replacement."""

from __future__ import annotations

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import parse_region_keys
from sciatica_coach.domain.matching import map_restrictions, match
from sciatica_coach.domain.plan_model import Plan, PlanStep
from sciatica_coach.domain.planning import TargetChoice

from .test_planning import plan

QL = TargetChoice("quadratus_lumborum", "left", "test")
PIRIFORMIS = TargetChoice("piriformis", "right", "test")
MULTIFIDUS = TargetChoice("lumbar_multifidus", "left", "test")


def holds(p: Plan, muscle_id: str) -> list[PlanStep]:
    return [s for s in p.steps if s.kind == "hold" and s.muscle_id == muscle_id]


def point_id(kb: KnowledgeBase, step: PlanStep) -> str:
    assert step.muscle_id is not None and step.spot is not None
    return kb.muscles[step.muscle_id].trigger_points[step.spot - 1].id


def test_a_ball_presses_only_the_low_point_of_the_low_back(kb: KnowledgeBase) -> None:
    made = plan(kb, [QL], tools=("tennis_ball",))
    [hold] = holds(made, "quadratus_lumborum")
    assert hold.tool_id == "tennis_ball"
    assert point_id(kb, hold) == "lower"
    assert any("outer edge point" in d and "not for a tennis ball" in d for d in made.dropped)


def test_hands_work_the_outer_edge_lying_on_the_side(kb: KnowledgeBase) -> None:
    made = plan(kb, [QL], tools=())
    spots = [point_id(kb, h) for h in holds(made, "quadratus_lumborum")]
    assert spots == ["outer_edge", "lower"]
    find = next(s for s in made.steps if s.kind == "find_spot")
    text = " ".join(find.instructions)
    assert "Lie on your side" in text and "wall" not in text


def test_the_piriformis_never_gets_a_hard_ball_and_always_the_nerve_caution(
    kb: KnowledgeBase,
) -> None:
    made = plan(kb, [PIRIFORMIS], tools=("lacrosse_ball", "massage_gun"))
    piriformis = holds(made, "piriformis")
    assert len(piriformis) == 2
    assert {h.tool_id for h in piriformis} == {"thumb_fingers"}
    caution = kb.routine.script.nerve_caution
    assert all(caution in h.instructions for h in piriformis)
    with_ball = plan(kb, [PIRIFORMIS], tools=("tennis_ball", "lacrosse_ball"))
    assert {h.tool_id for h in holds(with_ball, "piriformis")} == {"tennis_ball"}
    find = next(s for s in with_ball.steps if s.kind == "find_spot")
    assert "lie on your back on the floor" not in find.instructions[1].lower()
    assert "wall" in find.instructions[1]


def test_people_new_to_it_press_lightly_by_the_nerve(kb: KnowledgeBase) -> None:
    new = plan(kb, [PIRIFORMIS], tools=("tennis_ball",), experience="new")
    assert {h.pressure for h in holds(new, "piriformis")} == {"light"}
    used = plan(kb, [PIRIFORMIS], tools=("tennis_ball",), experience="experienced")
    assert {h.pressure for h in holds(used, "piriformis")} == {"moderate"}


def test_each_tool_has_one_position(kb: KnowledgeBase) -> None:
    by_hand = plan(kb, [MULTIFIDUS], tools=())
    text = " ".join(next(s for s in by_hand.steps if s.kind == "find_spot").instructions)
    assert "Lie on your side" in text and "Lie on your back" not in text
    with_ball = plan(kb, [MULTIFIDUS], tools=("peanut_ball",))
    text = " ".join(next(s for s in with_ball.steps if s.kind == "find_spot").instructions)
    assert "Lie on your back" in text and "Lie on your side" not in text


def test_tingling_below_the_knee_keeps_the_pressure_light(kb: KnowledgeBase) -> None:
    places = parse_region_keys(["left:calf_posterior", "left:buttock_center"], kb.regions)
    for feeling in ("tingling", "burning", "electric"):
        notes = match(kb, places, [feeling]).notes
        assert "nerve_below_knee" in {n.id for n in notes}, feeling
        assert "nerve_signs" in {n.id for n in notes}, feeling
        assert map_restrictions(notes) == ("light_pressure_only",)
    above = match(kb, parse_region_keys(["left:buttock_center"], kb.regions), ["tingling"])
    assert map_restrictions(above.notes) == ()
    aching = match(kb, places, ["ache"])
    assert map_restrictions(aching.notes) == ()


def test_a_hip_replacement_leaves_out_the_stretches_that_bend_the_hip_across(
    kb: KnowledgeBase,
) -> None:
    made = plan(
        kb, [PIRIFORMIS, TargetChoice("gluteus_medius", "right", "test")], hip_replacement=True
    )
    exercises = {s.pose for s in made.steps if s.kind in ("stretch", "strengthen")}
    bends_or_crosses = {"piriformis_stretch", "knees_to_chest", "outer_hip_stretch", "dead_bug"}
    assert not exercises & bends_or_crosses
    hamstrings = plan(kb, [TargetChoice("hamstrings", "left", "test")], hip_replacement=True)
    assert "hamstring_stretch" not in {s.pose for s in hamstrings.steps}
    assert "hip_precautions" in made.restrictions
    assert any("Piriformis stretch" in d for d in made.dropped)


def test_lasting_pain_is_told_to_see_a_gp_once(kb: KnowledgeBase) -> None:
    """Review 2, F7: at 6 weeks or more the reason says to get it checked; the slow-case net's
    "not better in 4 to 6 weeks" would say it again, already too late."""
    from .test_planning import screening

    net = kb.screening.safety_net.see_gp
    assert screening(kb, weeks_with_pain=2).see_gp == net
    lasting = screening(kb, weeks_with_pain=8)
    assert lasting.see_gp is None
    assert any("checked" in advice for advice in lasting.advice)
