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

import difflib
from collections.abc import Iterable, Mapping
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
NERVE_FEELINGS = {"burning", "electric", "numbness", "tingling"}
LIGHTER_FEELINGS = {"burning", "electric", "tingling"}
"""Nerve-like feelings that, below the knee, keep a plan's pressure light (numbness needs a
check first, so it never reaches a plan)."""
FOOT_REGIONS = {"heel", "foot_sole", "foot_dorsum", "ankle_lateral"}
BELOW_KNEE = {"calf_posterior", "calf_lateral"} | FOOT_REGIONS
MAP_RESTRICTIONS = {"nerve_below_knee": ("light_pressure_only",)}
"""Restrictions a match note adds to the plan: the map can only make it gentler."""
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
        matched = next((f for f in FEELINGS if f == word.replace(" ", "_")), None)
        if matched is None:
            like = difflib.get_close_matches(word, FEELINGS, n=2, cutoff=0.6)
            hint = f" Did you mean {' or '.join(like)}?" if like else ""
            raise MatchInputError(
                f"'{raw}' is not a feeling we know.{hint} Use: {', '.join(FEELINGS)}."
            )
        if matched not in chosen:
            chosen.append(matched)
    return tuple(chosen)


@dataclass(frozen=True)
class _Pattern:
    """A muscle's pattern on one side, placed once per knowledge base: its zones, the labels
    of their regions and how many are essential."""

    zones: Mapping[tuple[str, str], Zone]
    """By ``(side, region)``: plain tuples of strings hash far faster than the key objects."""
    labels: Mapping[tuple[str, str], str]
    essential_total: int


_PATTERNS: dict[int, tuple[KnowledgeBase, dict[tuple[str, Side], _Pattern]]] = {}
"""Patterns by knowledge base (kept with it, so an id is never mistaken for another's)."""


def _patterns(kb: KnowledgeBase) -> dict[tuple[str, Side], _Pattern]:
    """Every muscle's pattern on each side, built the first time a knowledge base is matched:
    the content does not change while a process runs, and placing the patterns was most of
    the work of every match."""
    cached = _PATTERNS.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    built = {}
    for muscle in kb.muscles.values():
        for side in SIDES:
            placed = pattern_on(muscle, side, kb)
            zones = {(key.side, key.region): zone for key, zone in placed.items()}
            labels = {(key.side, key.region): kb.regions[key.region].label for key in placed}
            essential = sum(1 for zone in zones.values() if zone == "essential")
            built[(muscle.id, side)] = _Pattern(zones, labels, essential)
    _PATTERNS[id(kb)] = (kb, built)
    return built


def score_muscle(
    muscle: Muscle, side: Side, marked: frozenset[RegionKey], kb: KnowledgeBase
) -> MuscleMatch:
    """Score one muscle on one side against the marked places (formula in the module doc)."""
    sided_pain = frozenset(k.side for k in marked if k.side != MIDLINE)
    return _score(muscle, side, _in_order(marked), sided_pain, _patterns(kb)[(muscle.id, side)])


def _in_order(places: frozenset[RegionKey]) -> list[tuple[RegionKey, tuple[str, str]]]:
    """The places in the key order (side, then region), each with its plain form."""
    return sorted(((key, (key.side, key.region)) for key in places), key=lambda pair: pair[1])


def _score(
    muscle: Muscle,
    side: Side,
    in_order: list[tuple[RegionKey, tuple[str, str]]],
    sided_pain: frozenset[str],
    pattern: _Pattern,
) -> MuscleMatch:
    zones = pattern.zones
    covered = tuple(
        CoveredRegion(key, pattern.labels[plain], zones[plain])
        for key, plain in in_order
        if plain in zones
    )
    hits_essential = sum(1 for c in covered if c.zone == "essential")
    hits_spillover = len(covered) - hits_essential
    explains = (ESSENTIAL_WEIGHT * hits_essential + SPILLOVER_WEIGHT * hits_spillover) / len(
        in_order
    )
    completes = hits_essential / pattern.essential_total
    return MuscleMatch(
        muscle_id=muscle.id,
        name=muscle.name,
        side=side,
        score=round(EXPLAINS_SHARE * explains + COMPLETES_SHARE * completes, 4),
        covered=covered,
        uncovered=tuple(key for key, plain in in_order if plain not in zones),
        essential_marked=hits_essential,
        essential_total=pattern.essential_total,
        other_side=bool(sided_pain) and side not in sided_pain,
    )


def map_restrictions(notes: Iterable[MatchNote]) -> tuple[str, ...]:
    """The restrictions a body map's notes add to a plan (light pressure for tingling,
    burning or electric feelings below the knee)."""
    return tuple(r for note in notes for r in MAP_RESTRICTIONS.get(note.id, ()))


def match(
    kb: KnowledgeBase, marked: Iterable[RegionKey], feelings: Iterable[str] = ()
) -> MatchResult:
    """Rank the muscles whose patterns fit ``marked``, with notes on nerve-like signs."""
    places = frozenset(marked)
    if not places:
        raise MatchInputError("mark at least one place where you feel the pain.")
    qualities = read_feelings(feelings)
    patterns, in_order = _patterns(kb), _in_order(places)
    plain_places = frozenset(plain for _key, plain in in_order)
    sided_pain = frozenset(k.side for k in places if k.side != MIDLINE)
    # a pattern that touches none of the places scores 0 and is never shown: not scored
    scored = [
        _score(muscle, side, in_order, sided_pain, pattern)
        for muscle in kb.muscles.values()
        for side in SIDES
        if not plain_places.isdisjoint((pattern := patterns[(muscle.id, side)]).zones)
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
    if LIGHTER_FEELINGS & set(feelings) and any(k.region in BELOW_KNEE for k in marked):
        ids.append("nerve_below_knee")
    if "numbness" in feelings:
        ids.append("numbness_screen")
    ids.append("not_a_diagnosis" if found else "no_match")
    return tuple(kb.match_notes[i] for i in ids)
