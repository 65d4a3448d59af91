"""Plans as the pages and the API show them."""

from __future__ import annotations

from datetime import datetime

from sciatica_coach.coach.plans import PlanSummary
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import SIDES
from sciatica_coach.domain.plan_model import Plan, PlanStep
from sciatica_coach.figures.poses import pose_text

from .models import PlanOut, PlanStepOut, PlanSummaryOut, PlanTargetOut
from .screening import restriction_views


def plan_view(
    kb: KnowledgeBase, plan: Plan, plan_id: int, created_at: datetime, map_id: int | None
) -> PlanOut:
    return PlanOut(
        id=plan_id,
        created_at=created_at,
        map_id=map_id,
        minutes=plan.minutes,
        estimated_minutes=round(plan.estimated_seconds / 60),
        experience=plan.experience,
        screening_level=plan.screening_level,
        restrictions=restriction_views(kb, plan.restrictions),
        targets=[
            PlanTargetOut(
                muscle_id=t.muscle_id,
                muscle_name=kb.muscles[t.muscle_id].name
                if t.muscle_id in kb.muscles
                else t.muscle_id,
                side=t.side,
                tool_id=t.tool_id,
                tool_name=kb.tools[t.tool_id].name if t.tool_id in kb.tools else t.tool_id,
                pressure=t.pressure,
                spots=t.spots,
                hold_seconds=t.hold_seconds,
                why=t.why,
            )
            for t in plan.targets
        ],
        steps=[
            PlanStepOut(**step_fields(kb, number, step))
            for number, step in enumerate(plan.steps, start=1)
        ],
        dropped=list(plan.dropped),
        notes=list(plan.notes),
        sources=[kb.sources[s] for s in plan.sources if s in kb.sources],
        plan=plan.to_json(),
    )


def summary_view(summary: PlanSummary) -> PlanSummaryOut:
    return PlanSummaryOut(
        id=summary.id,
        created_at=summary.created_at,
        minutes=summary.minutes,
        muscles=list(summary.muscles),
    )


def picture_tool(kb: KnowledgeBase, step: PlanStep) -> str | None:
    """The tool a technique's step is drawn with: the one the plan chose, if the technique
    still uses it (a plan saved with older content may name one it no longer does)."""
    if step.tool_id is None or step.pose is None or step.pose not in kb.techniques:
        return None
    return step.tool_id if step.tool_id in kb.techniques[step.pose].tools else None


def step_fields(kb: KnowledgeBase, number: int, step: PlanStep) -> dict[str, object]:
    """The fields a step shows wherever it appears: in the plan and in the session."""
    picture = picture_alt = None
    if step.pose is not None and step.pose in kb.poses:  # a plan saved with older content
        tool = picture_tool(kb, step)
        query = [f"side={step.side}"] if step.side in SIDES else []
        query += [f"tool={tool}"] if tool is not None else []
        picture = f"/learn/pictures/pose/{step.pose}.svg" + ("?" + "&".join(query) if query else "")
        picture_alt = pose_text(kb, step.pose, step.side, tool)
    return {
        "picture": picture,
        "picture_alt": picture_alt,
        "number": number,
        "id": step.id,
        "kind": step.kind,
        "title": step.title,
        "instructions": list(step.instructions),
        "seconds": step.seconds,
        "timed": step.timed,
        "sets": step.sets,
        "set_seconds": step.set_seconds,
        "rest_seconds": step.rest_seconds,
        "reps": step.reps,
        "dose": step.dose,
    }
