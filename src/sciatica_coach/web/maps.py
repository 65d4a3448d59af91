"""Body maps: reading the marks, matching them to muscles, and keeping them in the journal.

A map is saved before a session (from the Map page) and, if the person likes, after it, so the
journal can show the two side by side. Each region entry keeps the 0-10 intensity the journal
needs, the feelings and the moment (``before``/``after``). An "after" map may be empty (no
pain left); the journal page pairs maps with sessions by time (see :mod:`.journal_views`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import RegionKey
from sciatica_coach.domain.matching import MatchInputError, MatchResult, match, read_feelings
from sciatica_coach.domain.planning import targets_from_matches
from sciatica_coach.storage.entries import PainMap

from .api_models import MatchOut, MatchResultOut, TargetOut, TriggerPointOut
from .api_models_session import MapOut
from .context import Coach
from .errors import InputProblem, Loc, NotFound
from .pictures import picture_url, read_places
from .safety import place_label

MOMENTS = ("before", "after", "other")


def read_feels(feels: Sequence[str], field: Loc = ("feels",)) -> tuple[str, ...]:
    try:
        return read_feelings(feels)
    except MatchInputError as error:
        raise InputProblem.one(field, str(error)) from None


def run_match(kb: KnowledgeBase, keys: Sequence[RegionKey], feels: Sequence[str]) -> MatchResult:
    try:
        return match(kb, keys, feels)
    except MatchInputError as error:
        raise InputProblem.one(("where",), str(error)) from None


def match_view(
    kb: KnowledgeBase, keys: Sequence[RegionKey], feels: Sequence[str], result: MatchResult
) -> MatchResultOut:
    matches = []
    for m in result.matches:
        muscle = kb.muscles[m.muscle_id]
        matches.append(
            MatchOut(
                muscle_id=m.muscle_id,
                name=m.name,
                side=m.side,
                score=m.score,
                explanation=m.explanation,
                covered=[str(c.key) for c in m.covered],
                uncovered=[str(k) for k in m.uncovered],
                zones={str(c.key): c.zone for c in m.covered},
                trigger_points=[
                    TriggerPointOut(name=tp.name, where=tp.where, place=tp.region)
                    for tp in muscle.trigger_points
                ],
                other_side=m.other_side,
                picture_url=picture_url(keys, m.muscle_id, m.side),
                learn_url=f"/learn/muscles/{m.muscle_id}",
            )
        )
    return MatchResultOut(
        where=[str(k) for k in keys],
        feels=list(feels),
        matches=matches,
        notes=list(result.notes),
        targets=[
            TargetOut(muscle_id=t.muscle_id, side=t.side, why=t.why)
            for t in targets_from_matches(result)
        ],
    )


def matches_for(coach: Coach, where: Sequence[str], feels: Sequence[str]) -> MatchResultOut:
    keys = read_places(coach.kb, where)
    qualities = read_feels(feels)
    return match_view(coach.kb, keys, qualities, run_match(coach.kb, keys, qualities))


def save_map(
    coach: Coach,
    keys: Sequence[RegionKey],
    feels: Sequence[str],
    intensity: int,
    moment: str,
) -> int:
    regions: list[dict[str, Any]] = [
        {
            "key": str(key),
            "intensity": intensity,
            "kind": feels[0] if feels else None,
            "feels": list(feels),
            "moment": moment,
        }
        for key in keys
    ]
    return coach.journal.add_pain_map(coach.now(), regions)


def find_map(coach: Coach, map_id: int) -> PainMap:
    for entry in coach.journal.pain_maps():
        if entry.id == map_id:
            return entry
    raise NotFound(f"There is no body map with id {map_id} in your journal.")


def map_places(entry: PainMap) -> list[str]:
    return [str(r["key"]) for r in entry.regions if isinstance(r, dict) and "key" in r]


def map_feels(entry: PainMap) -> list[str]:
    for region in entry.regions:
        feels = region.get("feels") if isinstance(region, dict) else None
        if isinstance(feels, list):
            return [str(f) for f in feels]
    return []


def map_moment(entry: PainMap) -> str:
    """``before`` or ``after``; an empty map can only be an "after" (nothing left to mark)."""
    moments = {r.get("moment") for r in entry.regions if isinstance(r, dict)}
    if not entry.regions or moments == {"after"}:
        return "after"
    return "before" if "before" in moments or None in moments else "other"


def map_view(kb: KnowledgeBase, entry: PainMap) -> MapOut:
    places = map_places(entry)
    return MapOut(
        id=entry.id,
        recorded_at=entry.recorded_at,
        moment=map_moment(entry),
        where=places,
        labels=[place_label(kb, p) for p in places],
        picture_url=picture_url(places),
    )
