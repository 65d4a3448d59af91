"""Body maps and the muscles that fit them, as the pages and the API show them."""

from __future__ import annotations

from sciatica_coach.coach.maps import Matched, map_moment, map_places
from sciatica_coach.coach.ports import PainMap
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.planning import targets_from_matches

from .models import MatchOut, MatchResultOut, TargetOut, TriggerPointOut
from .models_session import MapOut
from .pictures import map_picture_url, pattern_picture_url
from .screening import place_label


def match_view(kb: KnowledgeBase, matched: Matched, map_id: int | None = None) -> MatchResultOut:
    """The ranked muscles; pictures draw the marks only for a saved map (``map_id``)."""
    keys = matched.places
    matches = []
    for m in matched.result.matches:
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
                    # from content already validated on load: copied, not checked again
                    TriggerPointOut.model_construct(name=tp.name, where=tp.where, place=tp.region)
                    for tp in muscle.trigger_points
                ],
                other_side=m.other_side,
                picture_url=(
                    map_picture_url(map_id, m.muscle_id, m.side)
                    if map_id is not None
                    else pattern_picture_url(m.muscle_id, m.side)
                ),
                learn_url=f"/learn/muscles/{m.muscle_id}",
            )
        )
    return MatchResultOut(
        where=[str(k) for k in keys],
        feels=list(matched.feels),
        matches=matches,
        notes=list(matched.result.notes),
        targets=[
            TargetOut(muscle_id=t.muscle_id, side=t.side, why=t.why)
            for t in targets_from_matches(matched.result)
        ],
    )


def map_view(kb: KnowledgeBase, entry: PainMap) -> MapOut:
    places = map_places(entry)
    return MapOut(
        id=entry.id,
        recorded_at=entry.recorded_at,
        moment=map_moment(entry),
        where=places,
        labels=[place_label(kb, p) for p in places],
        picture_url=map_picture_url(entry.id),
    )
