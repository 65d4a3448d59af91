"""From "where it hurts" to the muscles whose referred-pain patterns fit, ranked and explained.

Each muscle is scored once per side, against its pattern on that side (sided regions on that
side, midline regions as they are). With ``M`` the marked places, ``E`` the pattern's
essential zone and ``S`` its spillover zone::

    explains   = (|M ∩ E| + 0.5 · |M ∩ S|) / |M|      how much of the map the pattern explains
    completes  = |M ∩ E| / |E|                         how much of the essential zone is marked
    score      = 0.6 · explains + 0.4 · completes      in [0, 1]

Essential regions weigh twice as much as spillover ones. Marking exactly a muscle's essential
zone scores 1.0, which no other muscle can reach unless it has the same essential zone (the
content tests forbid that). Muscles with a score of 0 are left out.

Ranking: highest score first; a muscle on the other side from all the marked one-sided pain
ranks after every muscle on the painful side, whatever its score (a trigger point refers pain
to its own side); ties keep the content's muscle order, left before right.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import SIDES, MatchNote, Muscle, Side

from .body_map import MIDLINE, RegionKey, place

Feeling = Literal["ache", "tight", "sharp", "burning", "tingling", "numbness", "electric"]
FEELINGS: tuple[Feeling, ...] = (
    "ache",
    "tight",
    "sharp",
    "burning",
    "tingling",
    "numbness",
    "electric",
)
NERVE_FEELINGS = {"burning", "electric", "numbness"}
FOOT_REGIONS = {"heel", "foot_sole", "foot_dorsum", "ankle_lateral"}
LEG_REGIONS = {
    "thigh_anterior",
    "thigh_lateral",
    "thigh_posterior",
    "knee_posterior",
    "knee_lateral",
    "calf_posterior",
    "calf_lateral",
} | FOOT_REGIONS

ESSENTIAL_WEIGHT = 1.0
SPILLOVER_WEIGHT = 0.5
EXPLAINS_SHARE = 0.6
COMPLETES_SHARE = 0.4

Zone = Literal["essential", "spillover"]


class MatchInputError(ValueError):
    """The map or the feelings cannot be matched; the message says what is valid."""


@dataclass(frozen=True)
class CoveredRegion:
    key: RegionKey
    label: str
    zone: Zone


@dataclass(frozen=True)
class MuscleMatch:
    """One muscle on one side, with why it fits and what it does not explain."""

    muscle_id: str
    name: str
    side: Side
    score: float
    covered: tuple[CoveredRegion, ...]
    uncovered: tuple[RegionKey, ...]
    essential_marked: int
    essential_total: int
    other_side: bool

    @property
    def explanation(self) -> str:
        usual = [c.label.lower() for c in self.covered if c.zone == "essential"]
        sometimes = [c.label.lower() for c in self.covered if c.zone == "spillover"]
        parts = []
        if usual:
            parts.append(f"It often sends pain to the {_join(usual)}.")
        if sometimes:
            also = " also" if usual else ""  # never "also" as the first thing said
            parts.append(f"It can{also} reach the {_join(sometimes)}.")
        parts.append(
            f"You marked {self.essential_marked} of the {self.essential_total} areas "
            "where its pain usually is."
        )
        if self.uncovered:
            parts.append(f"It does not explain {len(self.uncovered)} of the areas you marked.")
        return " ".join(parts)


@dataclass(frozen=True)
class MatchResult:
    matches: tuple[MuscleMatch, ...]
    notes: tuple[MatchNote, ...]


def fit_words(score: float) -> str:
    """A match score as people read it, the same on every page and command: "58 out of 100"."""
    return f"{round(score * 100)} out of 100"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def pattern_on(muscle: Muscle, side: Side, kb: KnowledgeBase) -> dict[RegionKey, Zone]:
    """A muscle's referral pattern placed on one side of the body map."""
    zones: dict[RegionKey, Zone] = {
        place(kb.regions, side, r): "essential" for r in muscle.referral.essential
    }
    zones.update({place(kb.regions, side, r): "spillover" for r in muscle.referral.spillover})
    return zones


def read_feelings(feelings: Iterable[str]) -> tuple[Feeling, ...]:
    """Validate symptom qualities; raise :class:`MatchInputError` naming the valid ones."""
    chosen: list[Feeling] = []
    for raw in feelings:
        word = raw.strip().lower()
        if not word:
            continue
        matched = next((f for f in FEELINGS if f == word), None)
        if matched is None:
            raise MatchInputError(f"'{raw}' is not a feeling we know. Use: {', '.join(FEELINGS)}.")
        if matched not in chosen:
            chosen.append(matched)
    return tuple(chosen)


def score_muscle(
    muscle: Muscle, side: Side, marked: frozenset[RegionKey], kb: KnowledgeBase
) -> MuscleMatch:
    """Score one muscle on one side against the marked places (formula in the module doc)."""
    zones = pattern_on(muscle, side, kb)
    essential = [k for k, z in zones.items() if z == "essential"]
    covered = tuple(
        CoveredRegion(key, kb.regions[key.region].label, zones[key])
        for key in sorted(marked)
        if key in zones
    )
    hits_essential = sum(1 for c in covered if c.zone == "essential")
    hits_spillover = len(covered) - hits_essential
    explains = (ESSENTIAL_WEIGHT * hits_essential + SPILLOVER_WEIGHT * hits_spillover) / len(marked)
    completes = hits_essential / len(essential)
    sided_pain = {k.side for k in marked if k.side != MIDLINE}
    return MuscleMatch(
        muscle_id=muscle.id,
        name=muscle.name,
        side=side,
        score=round(EXPLAINS_SHARE * explains + COMPLETES_SHARE * completes, 4),
        covered=covered,
        uncovered=tuple(k for k in sorted(marked) if k not in zones),
        essential_marked=hits_essential,
        essential_total=len(essential),
        other_side=bool(sided_pain) and side not in sided_pain,
    )


def match(
    kb: KnowledgeBase, marked: Iterable[RegionKey], feelings: Iterable[str] = ()
) -> MatchResult:
    """Rank the muscles whose patterns fit ``marked``, with notes on nerve-like signs."""
    places = frozenset(marked)
    if not places:
        raise MatchInputError("mark at least one place where you feel the pain.")
    qualities = read_feelings(feelings)
    scored = [
        score_muscle(muscle, side, places, kb) for muscle in kb.muscles.values() for side in SIDES
    ]
    order = {(m.muscle_id, m.side): index for index, m in enumerate(scored)}
    ranked = sorted(
        (m for m in scored if m.score > 0),
        key=lambda m: (m.other_side, -m.score, order[(m.muscle_id, m.side)]),
    )
    return MatchResult(matches=tuple(ranked), notes=_notes(kb, places, qualities, bool(ranked)))


def _notes(
    kb: KnowledgeBase, marked: frozenset[RegionKey], feelings: tuple[Feeling, ...], found: bool
) -> tuple[MatchNote, ...]:
    ids = []
    legs = {k.side for k in marked if k.region in LEG_REGIONS}
    if legs == set(SIDES):
        ids.append("both_sides")
    if NERVE_FEELINGS & set(feelings):
        ids.append("nerve_signs")
    if any(k.region in FOOT_REGIONS for k in marked):
        ids.append("below_knee")
    if "numbness" in feelings:
        ids.append("numbness_screen")
    ids.append("not_a_diagnosis" if found else "no_match")
    return tuple(kb.match_notes[i] for i in ids)
