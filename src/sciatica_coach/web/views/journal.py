"""The journal as the web shows it: sessions with the body maps before and after each (by the
ids the session carries), pain and PEG entries, and the progress summary. Lists come in as
pages, newest first (:mod:`sciatica_coach.coach.pages`), and keep that order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sciatica_coach.coach.ports import PainEntry, PainMap, PegEntry, StoredSession
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.progress import ProgressReport
from sciatica_coach.domain.screening import safety_net

from .maps import map_view
from .models_session import (
    ChangeOut,
    EscalationOut,
    MapOut,
    PainEntryOut,
    PegEntryOut,
    ProgressOut,
    StoredSessionOut,
    WeekOut,
)
from .screening import safety_net_view

OUTCOMES = {
    "finished": "Finished",
    "bad_pain": "Stopped for bad pain",
    "stopped_by_user": "Stopped by you",
    "left_unfinished": "Left unfinished",
    "app_closed": "Stopped when the app closed",
    "script_ended": "Stopped",
    "script_error": "Stopped",
}
RUNNING = {"ready": "Not started yet", "in_progress": "Still going"}


def _outcome(session: StoredSession) -> str:
    if session.status == "finished":
        return OUTCOMES["finished"]
    if session.status in RUNNING:
        return RUNNING[session.status]
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


def session_views(
    kb: KnowledgeBase, sessions: Sequence[StoredSession], by_id: Mapping[int, PainMap]
) -> list[StoredSessionOut]:
    """Sessions (newest first), each with its maps before and after (if any), by map id."""
    views = []
    for s in sessions:
        before = by_id.get(s.before_map_id) if s.before_map_id else None
        after = by_id.get(s.after_map_id) if s.after_map_id else None
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
                resume_url=f"/session/{s.id}" if s.status in RUNNING else None,
            )
        )
    return views


def map_views(kb: KnowledgeBase, maps: Sequence[PainMap]) -> list[MapOut]:
    return [map_view(kb, m) for m in maps]


def pain_views(entries: Sequence[PainEntry]) -> list[PainEntryOut]:
    return [
        PainEntryOut(
            id=e.id,
            recorded_at=e.recorded_at,
            day=e.day,
            now=e.now,
            worst=e.worst,
            average=e.average,
            note=e.note,
        )
        for e in entries
    ]


def peg_views(entries: Sequence[PegEntry]) -> list[PegEntryOut]:
    return [
        PegEntryOut(
            id=e.id,
            recorded_at=e.recorded_at,
            pain=e.pain,
            enjoyment=e.enjoyment,
            activity=e.activity,
            score=round((e.pain + e.enjoyment + e.activity) / 3, 2),
        )
        for e in entries
    ]


def progress_view(kb: KnowledgeBase, report: ProgressReport) -> ProgressOut:
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
