"""The journal as the web shows it: sessions with their maps before and after, pain and PEG
entries, and the progress summary computed by :mod:`sciatica_coach.domain.progress`.

Maps are paired with sessions by time: the "before" map is the last one saved before the
session started (and after the one before it ended), the "after" map the first one saved after
it ended and before the next one started. Within :data:`PAIRING_WINDOW` only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.screening import safety_net
from sciatica_coach.storage.entries import PainMap, StoredSession

from .api_models_session import (
    ChangeOut,
    EscalationOut,
    MapOut,
    PainEntryOut,
    PegEntryOut,
    ProgressOut,
    StoredSessionOut,
    WeekOut,
)
from .context import Coach
from .errors import InputProblem
from .maps import map_moment, map_view
from .safety import history, safety_net_view, sentence

PAIRING_WINDOW = timedelta(hours=3)
OUTCOMES = {
    "finished": "Finished",
    "bad_pain": "Stopped for bad pain",
    "stopped_by_user": "Stopped by you",
    "left_unfinished": "Left unfinished",
    "app_closed": "Stopped when the app closed",
    "script_ended": "Stopped",
}


def _outcome(session: StoredSession) -> str:
    if session.status == "finished":
        return OUTCOMES["finished"]
    return OUTCOMES.get(session.stop_reason or "", "Stopped")


def _holds(record: dict[str, Any]) -> int:
    total = 0
    for item in record.get("holds_done", []):
        if isinstance(item, list) and len(item) == 3 and isinstance(item[2], int):
            total += item[2]
    return total


def _muscles(kb: KnowledgeBase, record: dict[str, Any]) -> list[str]:
    plan = record.get("plan")
    targets = plan.get("targets", []) if isinstance(plan, dict) else []
    names = []
    for target in targets:
        if isinstance(target, dict):
            muscle = str(target.get("muscle_id", ""))
            name = kb.muscles[muscle].name if muscle in kb.muscles else muscle
            names.append(f"{name} ({target.get('side', '')})")
    return names


def _pick(
    maps: list[PainMap], moment: str, accept: Callable[[datetime], bool], last: bool
) -> PainMap | None:
    found = [m for m in maps if map_moment(m) == moment and accept(m.recorded_at)]
    if not found:
        return None
    return found[-1] if last else found[0]


def session_views(coach: Coach, limit: int | None = None) -> list[StoredSessionOut]:
    """Saved sessions, newest first, each with its maps before and after (if any)."""
    coach.settle()
    kb = coach.kb
    sessions = coach.journal.sessions()
    maps = coach.journal.pain_maps()
    views = []
    for index, s in enumerate(sessions):
        ended = s.ended_at or s.started_at
        previous_end = sessions[index - 1].ended_at if index > 0 else None
        next_start = sessions[index + 1].started_at if index + 1 < len(sessions) else None
        floor = max(filter(None, [previous_end, s.started_at - PAIRING_WINDOW]))
        ceiling = min(filter(None, [next_start, ended + PAIRING_WINDOW]))
        started = s.started_at

        def before_window(t: datetime, low: datetime = floor, high: datetime = started) -> bool:
            return low <= t <= high

        def after_window(t: datetime, low: datetime = ended, high: datetime = ceiling) -> bool:
            return low <= t < high

        before = _pick(maps, "before", before_window, last=True)
        after = _pick(maps, "after", after_window, last=False)
        views.append(
            StoredSessionOut(
                id=s.id,
                started_at=s.started_at,
                ended_at=s.ended_at,
                status=s.status,
                outcome=_outcome(s),
                stop_reason=s.stop_reason,
                pain_before=s.pain_before,
                pain_after=s.pain_after,
                duration_seconds=s.duration_seconds,
                holds=_holds(s.record),
                muscles=_muscles(kb, s.record),
                plan_id=s.plan_id,
                before_map=map_view(kb, before) if before else None,
                after_map=map_view(kb, after) if after else None,
            )
        )
    views.reverse()
    return views[:limit] if limit else views


def map_views(coach: Coach) -> list[MapOut]:
    return [map_view(coach.kb, m) for m in reversed(coach.journal.pain_maps())]


def pain_views(coach: Coach, limit: int | None = None) -> list[PainEntryOut]:
    entries = [
        PainEntryOut(
            id=e.id,
            recorded_at=e.recorded_at,
            day=e.day,
            now=e.now,
            worst=e.worst,
            average=e.average,
            note=e.note,
        )
        for e in reversed(coach.journal.pain_entries())
    ]
    return entries[:limit] if limit else entries


def peg_views(coach: Coach, limit: int | None = None) -> list[PegEntryOut]:
    entries = [
        PegEntryOut(
            id=e.id,
            recorded_at=e.recorded_at,
            pain=e.pain,
            enjoyment=e.enjoyment,
            activity=e.activity,
            score=round((e.pain + e.enjoyment + e.activity) / 3, 2),
        )
        for e in reversed(coach.journal.peg_entries())
    ]
    return entries[:limit] if limit else entries


def progress_view(coach: Coach, weeks: int) -> ProgressOut:
    kb = coach.kb
    limit = kb.routine.limits.bad_reports_per_week_before_referral
    report = history(coach).report(weeks, limit)
    known = {e.id: e for e in kb.screening.escalations}
    return ProgressOut(
        weeks=[
            WeekOut(start=w.start, sessions=w.sessions, pain=w.pain, peg=w.peg)
            for w in report.weeks
        ],
        sessions=report.sessions,
        session_effect=report.session_effect,
        pain_change=ChangeOut(**vars(report.pain_change)) if report.pain_change else None,
        peg_change=ChangeOut(**vars(report.peg_change)) if report.peg_change else None,
        escalations=[
            EscalationOut(
                id=e,
                message=known[e].message,
                what_to_do=known[e].what_to_do,
                advice=known[e].advice,
            )
            for e in report.escalations
            if e in known
        ],
        summary=list(report.summary),
        safety_net=safety_net_view(safety_net(kb)) if report.escalations else None,
    )


def write(field_names: tuple[str, ...], save: Callable[[], int]) -> int:
    """Run one journal write; a value the journal refuses becomes a 422 on its field."""
    try:
        return save()
    except ValueError as error:
        message = str(error)
        first = message.split(" ", 1)[0]
        field = first if first in field_names else field_names[0]
        raise InputProblem.one((field,), sentence(message)) from None
