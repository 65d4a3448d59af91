"""The safety check as the pages and the API show it."""

from __future__ import annotations

from sciatica_coach.coach.safety import Checked, rescreen_window
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain import body_map
from sciatica_coach.domain.restrictions import described
from sciatica_coach.domain.screening import SafetyNet, ScreeningResult

from .models import ReasonOut, RestrictionOut, SafetyNetOut, ScreeningOut


def place_label(kb: KnowledgeBase, key: str) -> str:
    """``left:buttock_center`` as a person reads it: "Middle of the buttock (left)"."""
    return body_map.place_label(kb.regions, key)


def restriction_views(kb: KnowledgeBase, restrictions: tuple[str, ...]) -> list[RestrictionOut]:
    views = []
    for restriction in restrictions:
        rule, place = described(kb, restriction)
        if rule is None:
            views.append(RestrictionOut(id=restriction, label=restriction, description=""))
            continue
        views.append(
            RestrictionOut(id=rule.id, label=rule.label, description=rule.description, where=place)
        )
    return views


def safety_net_view(net: SafetyNet) -> SafetyNetOut:
    return SafetyNetOut(title=net.title, signs=list(net.signs), action=net.action)


def screening_view(
    kb: KnowledgeBase, result: ScreeningResult, checked: Checked | None = None
) -> ScreeningOut:
    questions = {q.id: q.question for q in kb.screening.questions}
    reasons = [
        ReasonOut(
            question_id=r.question_id,
            question=questions.get(r.question_id),
            level=r.level,
            message=r.message,
            what_to_do=r.what_to_do,
            advice=r.advice,
            sources=[kb.sources[s] for s in r.sources if s in kb.sources],
            unsure=r.unsure,
        )
        for r in result.reasons
    ]
    return ScreeningOut(
        id=checked.journal_id if checked else None,
        taken_at=checked.taken_at if checked else None,
        valid_until=checked.taken_at + rescreen_window(kb) if checked else None,
        level=result.level,
        title=result.title,
        message=result.message,
        what_to_do=result.what_to_do,
        session_allowed=result.session_allowed,
        reasons=reasons,
        restrictions=restriction_views(kb, result.restrictions),
        advice=list(result.advice),
        how_soon=result.how_soon,
        emergency_extra=result.emergency_extra,
        safety_net=safety_net_view(result.safety_net) if result.safety_net else None,
        unsure=list(result.unsure),
        answers=result.answers_as_json(),
    )


def checked_view(kb: KnowledgeBase, checked: Checked) -> ScreeningOut:
    return screening_view(kb, checked.result, checked)
