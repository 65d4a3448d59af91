"""The safety check as the pages and the API show it."""

from __future__ import annotations

from datetime import datetime

from sciatica_coach.coach.flags import StandingFlag, restate
from sciatica_coach.coach.safety import Checked, rescreen_window
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain import body_map
from sciatica_coach.domain.red_flags import Flag
from sciatica_coach.domain.restrictions import described
from sciatica_coach.domain.screening import SafetyNet, ScreeningResult

from .models import FlagOut, ReasonOut, RestrictionOut, SafetyNetOut, ScreeningOut


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
    return SafetyNetOut(
        title=net.title,
        signs=list(net.signs),
        action=net.action,
        today_title=net.today_title,
        today_signs=list(net.today_signs),
        today_action=net.today_action,
    )


def flag_view(
    kb: KnowledgeBase, flag: Flag, now: datetime, until: datetime | None = None
) -> FlagOut:
    """A red flag restated: when, what was said, and to which question."""
    question = kb.screening.question_by_id.get(flag.question_id)
    return FlagOut(
        question_id=flag.question_id,
        question=question.question if question else flag.question_id,
        level=flag.level,
        answer="not_sure" if flag.answer == "not_sure" else "yes",
        taken_at=flag.taken_at,
        screening_id=flag.screening_id,
        restated=restate(kb, flag, now),
        until=until,
    )


def standing_views(standing: list[StandingFlag]) -> list[FlagOut]:
    """The flags that stand now, as the service restated them."""
    return [
        FlagOut(
            question_id=s.flag.question_id,
            question=s.question,
            level=s.flag.level,
            answer="not_sure" if s.flag.answer == "not_sure" else "yes",
            taken_at=s.flag.taken_at,
            screening_id=s.flag.screening_id,
            restated=s.restated,
            until=s.until,
        )
        for s in standing
    ]


def _asked(kb: KnowledgeBase, question_id: str) -> str | None:
    """The question a reason is about: its own, or the one a standing flag restates."""
    questions = kb.screening.question_by_id
    if question_id in questions:
        return questions[question_id].question
    if question_id.startswith("flag:") and question_id[5:] in questions:
        return questions[question_id[5:]].question
    return None


def screening_view(
    kb: KnowledgeBase, result: ScreeningResult, checked: Checked | None = None
) -> ScreeningOut:
    reasons = [
        ReasonOut(
            question_id=r.question_id,
            question=_asked(kb, r.question_id),
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
        id=checked.journal_id if checked and checked.saved else None,
        saved=checked.saved if checked else True,
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
        see_gp=result.see_gp,
        flags=[flag_view(kb, f, checked.taken_at) for f in checked.flags] if checked else [],
        corrected=[flag_view(kb, f, checked.taken_at) for f in checked.corrected]
        if checked
        else [],
    )


def checked_view(kb: KnowledgeBase, checked: Checked) -> ScreeningOut:
    return screening_view(kb, checked.result, checked)
