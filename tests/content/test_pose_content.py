"""Every technique and exercise has a pose and every muscle an outline; the loader says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from sciatica_coach.content import ContentError, KnowledgeBase, load_knowledge_base
from sciatica_coach.content.pose_models import Limb, Pose

from .conftest import Entries, edit


def test_every_technique_and_exercise_has_a_pose(kb: KnowledgeBase) -> None:
    assert set(kb.poses) == set(kb.techniques) | set(kb.exercises)
    assert len(kb.poses) == len(kb.techniques) + len(kb.exercises) == 22


def test_every_muscle_has_an_outline(kb: KnowledgeBase) -> None:
    assert set(kb.muscle_outlines) == set(kb.muscles)


def test_a_one_sided_exercise_is_drawn_for_a_side(kb: KnowledgeBase) -> None:
    for exercise in kb.exercises.values():
        assert (kb.poses[exercise.id].side is not None) == exercise.sided, exercise.id
    for technique in kb.techniques.values():
        if technique.id != "multifidus_release":  # the peanut ball straddles the spine
            assert kb.poses[technique.id].side is not None, technique.id


def test_it_rejects_a_pose_for_an_unknown_id(content_copy: Path) -> None:
    def add(entries: Entries) -> None:
        entries.append({**entries[0], "id": "cartwheel"})

    edit(content_copy, "poses.yaml", add)
    with pytest.raises(ContentError, match=r"poses\.yaml: .*\['cartwheel'\]"):
        load_knowledge_base(content_copy)


def test_it_rejects_a_missing_pose(content_copy: Path) -> None:
    edit(
        content_copy, "poses.yaml", lambda e: e.remove(next(p for p in e if p["id"] == "dead_bug"))
    )
    with pytest.raises(ContentError, match=r"poses\.yaml: no pose for: \['dead_bug'\]"):
        load_knowledge_base(content_copy)


def test_it_rejects_a_missing_muscle_outline(content_copy: Path) -> None:
    edit(content_copy, "muscle_outlines.yaml", lambda e: e.remove(e[-1]))
    with pytest.raises(ContentError, match=r"muscle_outlines\.yaml: no muscle outline for"):
        load_knowledge_base(content_copy)


def test_it_rejects_a_sided_exercise_drawn_with_no_side(content_copy: Path) -> None:
    def drop_side(entries: Entries) -> None:
        pose = next(p for p in entries if p["id"] == "calf_stretch")
        pose.pop("side")
        pose["description"] = "A person facing a wall."

    edit(content_copy, "poses.yaml", drop_side)
    with pytest.raises(ContentError, match=r"pose 'calf_stretch': a one-sided exercise"):
        load_knowledge_base(content_copy)


def test_a_limb_needs_angles_or_a_reach_but_not_both() -> None:
    with pytest.raises(ValidationError, match="either angles or reach"):
        Limb.model_validate({"angles": [0, 0], "reach": [1, 1]})
    with pytest.raises(ValidationError, match="either angles or reach"):
        Limb.model_validate({})


def test_a_side_view_says_which_way_the_chest_faces(kb: KnowledgeBase) -> None:
    data = kb.poses["bird_dog"].model_dump()
    data.pop("front")
    with pytest.raises(ValidationError, match="front"):
        Pose.model_validate(data)


def test_a_pose_with_no_side_cannot_name_one(kb: KnowledgeBase) -> None:
    data = {**kb.poses["bird_dog"].model_dump(), "description": "Reach the {side} arm."}
    with pytest.raises(ValidationError, match="side"):
        Pose.model_validate(data)
