"""Build a safe self-massage routine that fits the person's muscles, tools, time and experience.

Order of a plan: safety reminder, warm-up, then for each target muscle (best match first) a
"find the spot" step and a timed hold per trigger point, then the paired stretches, then
strengthening when time allows, then one or two habit tips.

Safety is decided here, not in the adapters:

* no plan at all unless screening allows a session (:class:`PlanRefused` carries its reasons),
  and none beyond the day's session limit;
* pressure never goes on a ``no_pressure`` region (spine bones, hollow of the knee, groin) or a
  region screening said to avoid; tools obey every restriction and region flag
  (:mod:`.restrictions`);
* holds per muscle respect the daily limit from ``routine.yaml``, counting earlier sessions.

To fit the minutes given, strengthening goes first, then the lowest-ranked targets; the
safety and warm-up steps are never dropped. Everything dropped is listed in ``Plan.dropped``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import SIDES, Exercise

from .activity import RecentActivity, dose_refusal
from .body_map import RegionKey, place, place_label
from .library import exercise_for_side, technique_steps_for
from .matching import MatchResult, fit_words
from .plan_model import EXPERIENCES, Experience, Plan, PlanStep, Target
from .restrictions import (
    Limits,
    allowed_pressure,
    heat_allowed,
    point_refusal,
    spot_flag,
    spot_refusal,
    tool_refusal,
)
from .screening import ScreeningResult

MIN_MATCH_SCORE = 0.3
MAX_TARGETS = 3
HABITS_PER_PLAN = 2
HANDS = "thumb_fingers"


class PlanInputError(ValueError):
    """The request cannot be planned as given; the message says what to change."""


class PlanRefused(Exception):
    """No plan today. ``reasons`` are plain sentences; ``screening`` is set when it decided."""

    def __init__(self, message: str, reasons: Sequence[str], screening: ScreeningResult | None):
        super().__init__(message)
        self.message = message
        self.reasons = tuple(reasons)
        self.screening = screening


@dataclass(frozen=True)
class TargetChoice:
    """A muscle on one side to work on, with why (from matching, or chosen by the person)."""

    muscle_id: str
    side: str
    why: str


@dataclass(frozen=True)
class _Block:
    target: Target
    steps: tuple[PlanStep, ...]
    stretches: tuple[PlanStep, ...]
    strengthening: tuple[PlanStep, ...]


def targets_from_matches(result: MatchResult, limit: int = MAX_TARGETS) -> list[TargetChoice]:
    """The best-fitting muscles on the painful side(s), strongest first."""
    chosen = [
        TargetChoice(
            m.muscle_id, m.side, f"fits your map (fit {fit_words(m.score)}): {m.explanation}"
        )
        for m in result.matches
        if m.score >= MIN_MATCH_SCORE and not m.other_side
    ]
    return chosen[:limit]


def build_plan(
    kb: KnowledgeBase,
    screening: ScreeningResult,
    targets: Sequence[TargetChoice],
    tools_owned: Iterable[str],
    minutes: int,
    experience: Experience,
    activity: RecentActivity | None = None,
    map_limits: Sequence[str] = (),
) -> Plan:
    """Plan a session, or raise :class:`PlanRefused` / :class:`PlanInputError`.

    ``map_limits`` are restrictions the body map adds to the check's (light pressure for
    nerve-like feelings below the knee); they can only make the plan gentler."""
    if not screening.session_allowed:
        raise PlanRefused(
            screening.message,
            [r.message for r in screening.reasons] or [screening.title],
            screening,
        )
    activity = activity or RecentActivity()
    routine = kb.routine
    refused = dose_refusal(routine.limits, activity)
    if refused is not None:
        raise PlanRefused(refused[0], [refused[1], routine.limits.why], None)
    owned = _read_tools(kb, tools_owned)
    _check_request(kb, targets, minutes, experience)
    restrictions = tuple(dict.fromkeys([*screening.restrictions, *map_limits]))
    limits = Limits.from_ids(restrictions)
    budget = minutes * 60
    dropped: list[str] = []

    fixed = [_safety_step(kb), _warm_up_step(kb, limits, owned)]
    blocks: list[_Block] = []
    for choice in _each_once(targets):
        block = _muscle_block(kb, choice, owned, limits, experience, activity, dropped)
        if block is not None:
            blocks.append(block)
    ranked = list(blocks)
    if not blocks:
        raise PlanInputError(
            "There is nothing safe to massage today: " + "; ".join(dropped)
            if dropped
            else "Choose at least one muscle, or mark where it hurts."
        )
    habits = tuple(_habit_steps(kb))
    blocks, with_strength = _fit(kb, fixed, blocks, habits, budget)
    if not with_strength and any(b.strengthening for b in blocks):
        dropped.append("Strengthening exercises (not enough time today)")
    dropped += [
        f"{_label(kb, b.target)} (not enough time; it ranked lowest)"
        for b in ranked
        if b not in blocks
    ]
    for fewer_habits in (habits, habits[:1], ()):
        if _seconds(kb, fixed, blocks, fewer_habits, with_strength) <= budget:
            habits = fewer_habits
            break
    else:
        needed = -(-_seconds(kb, fixed, blocks, (), with_strength) // 60)
        raise PlanInputError(
            f"{minutes} minutes is too short for a safe session; allow at least {needed}."
        )
    return Plan(
        steps=tuple(_ordered_steps(fixed, blocks, habits, with_strength)),
        targets=tuple(b.target for b in blocks),
        minutes=minutes,
        experience=experience,
        screening_level=screening.level,
        restrictions=restrictions,
        dropped=tuple(dropped),
        notes=tuple(_notes(kb, limits, experience)),
        sources=tuple(_sources(kb, blocks)),
        estimated_seconds=_seconds(kb, fixed, blocks, habits, with_strength),
    )


def _fit(
    kb: KnowledgeBase,
    fixed: list[PlanStep],
    ranked: list[_Block],
    habits: tuple[PlanStep, ...],
    budget: int,
) -> tuple[list[_Block], bool]:
    """The muscles (best match first) and whether strengthening stays, to fill the minutes
    asked: strengthening goes first, then the lowest-ranked muscles; then any muscle left out
    that fits in the time freed goes back in, best first, and strengthening with it if it
    fits too, so a plan never leaves a muscle out for time while minutes stand empty."""
    blocks, with_strength = list(ranked), True
    while _seconds(kb, fixed, blocks, habits, with_strength) > budget:
        if with_strength and any(b.strengthening for b in blocks):
            with_strength = False
        elif len(blocks) > 1:
            blocks.pop()
        else:
            return blocks, with_strength
    for block in ranked:
        if block in blocks:
            continue
        tried = [b for b in ranked if b in blocks or b is block]  # rank order kept
        if _seconds(kb, fixed, tried, habits, with_strength) <= budget:
            blocks = tried
    if not with_strength and _seconds(kb, fixed, blocks, habits, True) <= budget:
        with_strength = True
    return blocks, with_strength


def _each_once(targets: Sequence[TargetChoice]) -> list[TargetChoice]:
    """Each muscle and side once, where it first appears (a repeat would double the dose)."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for choice in targets:
        if (choice.muscle_id, choice.side) not in seen:
            seen.add((choice.muscle_id, choice.side))
            unique.append(choice)
    return unique


def _read_tools(kb: KnowledgeBase, tools_owned: Iterable[str]) -> frozenset[str]:
    owned = {t.strip() for t in tools_owned if t.strip()}
    unknown = sorted(owned - set(kb.tools))
    if unknown:
        raise PlanInputError(
            f"Unknown tool(s): {', '.join(unknown)}. Valid tools: {', '.join(kb.tools)}."
        )
    return frozenset(owned | {HANDS})


def _check_request(
    kb: KnowledgeBase, targets: Sequence[TargetChoice], minutes: int, experience: str
) -> None:
    timing = kb.routine.timing
    if not timing.minimum_minutes <= minutes <= timing.maximum_minutes:
        raise PlanInputError(
            f"Minutes must be between {timing.minimum_minutes} and {timing.maximum_minutes}, "
            f"not {minutes}."
        )
    if experience not in EXPERIENCES:
        raise PlanInputError(f"Experience must be one of: {', '.join(EXPERIENCES)}.")
    for choice in targets:
        if choice.muscle_id not in kb.muscles:
            raise PlanInputError(
                f"Unknown muscle '{choice.muscle_id}'. Valid muscles: {', '.join(kb.muscles)}."
            )
        if choice.side not in SIDES:
            raise PlanInputError(f"Side must be left or right, not '{choice.side}'.")


def _safety_step(kb: KnowledgeBase) -> PlanStep:
    script = kb.routine.script
    return PlanStep(
        id="safety",
        kind="safety",
        title=script.safety_title,
        instructions=tuple(script.safety),
        seconds=kb.routine.timing.safety_seconds,
        sources=tuple(script.sources),
    )


def _warm_up_step(kb: KnowledgeBase, limits: Limits, owned: frozenset[str]) -> PlanStep:
    script, timing = kb.routine.script, kb.routine.timing
    if heat_allowed(kb, limits, owned):
        return PlanStep(
            id="warm_up",
            kind="warm_up",
            title=script.warm_up_heat_title,
            instructions=tuple(script.warm_up_heat),
            seconds=timing.warm_up_heat_seconds,
            set_seconds=timing.warm_up_heat_seconds,
            dose=_minutes(timing.warm_up_heat_seconds),
            tool_id="heat",
            sources=tuple(kb.tools["heat"].sources),
        )
    return PlanStep(
        id="warm_up",
        kind="warm_up",
        title=script.warm_up_movement_title,
        instructions=tuple(script.warm_up_movement),
        seconds=timing.warm_up_movement_seconds,
        set_seconds=timing.warm_up_movement_seconds,
        dose=_minutes(timing.warm_up_movement_seconds),
        sources=tuple(script.sources),
    )


def _minutes(seconds: int) -> str:
    minutes = seconds / 60
    amount = f"{minutes:g}" if minutes == int(minutes) else f"{minutes:.1f}"
    return f"{amount} minute" + ("" if minutes == 1 else "s")


def _muscle_block(
    kb: KnowledgeBase,
    choice: TargetChoice,
    owned: frozenset[str],
    limits: Limits,
    experience: Experience,
    activity: RecentActivity,
    dropped: list[str],
) -> _Block | None:
    muscle = kb.muscles[choice.muscle_id]
    technique = kb.techniques[muscle.technique]
    name = f"{muscle.name} ({choice.side})"
    spots: list[tuple[int, RegionKey]] = []
    for number, point in enumerate(muscle.trigger_points, start=1):
        key = place(kb.regions, choice.side, point.region)
        refusal = spot_refusal(key, kb.regions[point.region], limits)
        if (muscle.id, choice.side, number) in activity.bad_spots_today:
            refusal = "it caused bad pain earlier today; leave it until tomorrow"
        if refusal:
            dropped.append(f"{name}, {point.name.lower()}: {refusal}")
        else:
            spots.append((number, key))
    left_today = kb.routine.limits.holds_per_muscle_per_day - activity.holds_done(
        muscle.id, choice.side
    )
    if spots and left_today < len(spots):
        dropped.append(
            f"{name}: daily limit of holds reached for {len(spots) - max(left_today, 0)} spot(s)"
        )
        spots = spots[: max(left_today, 0)]
    if not spots:
        dropped.append(f"{name}: no spot left to work on today")
        return None
    tool_id = _choose_tool(kb, muscle.id, spots, owned, limits, experience)
    tool = kb.tools[tool_id]
    for number, _ in spots:
        point = muscle.trigger_points[number - 1]
        if refusal := point_refusal(tool, point):
            dropped.append(f"{name}, {point.name.lower()}: {refusal}")
    spots = [(n, k) for n, k in spots if not point_refusal(tool, muscle.trigger_points[n - 1])]
    near_nerve = any(
        spot_flag(kb.regions[key.region], muscle.trigger_points[n - 1], "nerve_path")
        for n, key in spots
    )
    pressure = allowed_pressure(technique.pressure, limits, experience, tool, near_nerve)
    wanted = (
        kb.routine.limits.hold_seconds_new
        if experience == "new"
        else kb.routine.limits.hold_seconds_experienced
    )
    hold = min(max(wanted, technique.hold_seconds.min), technique.hold_seconds.max)
    spots, hold = _within_tool_time(
        kb, tool_id, spots, hold, technique.hold_seconds.min, name, dropped
    )
    target = Target(
        muscle.id, choice.side, technique.id, tool_id, pressure, len(spots), hold, choice.why
    )
    steps = tuple(_spot_steps(kb, target, spots))
    return _Block(
        target,
        steps,
        tuple(_exercise_steps(kb, _allowed(kb, muscle.stretches, limits, dropped), choice.side)),
        tuple(
            _exercise_steps(kb, _allowed(kb, muscle.strengthening, limits, dropped), choice.side)
        ),
    )


def _choose_tool(
    kb: KnowledgeBase,
    muscle_id: str,
    spots: list[tuple[int, RegionKey]],
    owned: frozenset[str],
    limits: Limits,
    experience: Experience,
) -> str:
    """The first of the technique's tools the person owns that is safe on every spot's flags
    and can press at least one spot; hands are always there, so they are the fallback, not a
    choice that hides the others."""
    muscle = kb.muscles[muscle_id]
    regions = [kb.regions[key.region] for _, key in spots]
    points = [muscle.trigger_points[number - 1] for number, _ in spots]
    for tool_id in kb.techniques[muscle.technique].tools:
        if tool_id == HANDS or tool_id not in owned:
            continue
        tool = kb.tools[tool_id]
        if tool_refusal(tool, muscle, regions, limits, experience, points):
            continue
        if any(point_refusal(tool, point) is None for point in points):
            return tool_id
    return HANDS


def _within_tool_time(
    kb: KnowledgeBase,
    tool_id: str,
    spots: list[tuple[int, RegionKey]],
    hold: int,
    shortest: int,
    name: str,
    dropped: list[str],
) -> tuple[list[tuple[int, RegionKey]], int]:
    """Shorten the holds, then drop spots, so a tool with a time limit per muscle (a massage
    gun: 1 to 2 minutes) stays within it."""
    limit = kb.tools[tool_id].max_seconds_per_muscle
    if limit is None or len(spots) * hold <= limit:
        return spots, hold
    keep = max(1, min(len(spots), limit // shortest))
    if keep < len(spots):
        dropped.append(
            f"{name}: {len(spots) - keep} spot(s), to keep the {kb.tools[tool_id].name.lower()} "
            f"to {limit // 60} minutes on this muscle"
        )
    return spots[:keep], max(shortest, min(hold, limit // keep))


def _spot_steps(
    kb: KnowledgeBase, target: Target, spots: list[tuple[int, RegionKey]]
) -> list[PlanStep]:
    muscle = kb.muscles[target.muscle_id]
    technique = kb.techniques[target.technique_id]
    tool = kb.tools[target.tool_id]
    script, timing = kb.routine.script, kb.routine.timing
    prefix = f"{target.muscle_id}.{target.side}"
    sources = tuple(dict.fromkeys([*technique.sources, *muscle.sources]))
    skip_if = (f"{script.skip_if} {' '.join(muscle.skip_if)}",) if muscle.skip_if else ()
    how = technique_steps_for(technique, tool.id)
    places = [kb.never_press[p].name.lower() for p in muscle.never_press]
    keep_off = (script.keep_off.format(places="; ".join(places)),) if places else ()
    steps: list[PlanStep] = []
    for order, (number, key) in enumerate(spots):
        point = muscle.trigger_points[number - 1]
        region = kb.regions[key.region]
        intro = (*skip_if, technique.position_for(tool.id), *how, *keep_off) if order == 0 else ()
        caution = (script.nerve_caution,) if spot_flag(region, point, "nerve_path") else ()
        common = {
            "muscle_id": target.muscle_id,
            "side": target.side,
            "spot": number,
            "region": str(key),
            "tool_id": target.tool_id,
            "pressure": target.pressure,
            "sources": sources,
            "pose": technique.id,
        }
        steps.append(
            PlanStep(
                id=f"{prefix}.find.{number}",
                kind="find_spot",
                title=f"Find the spot: {muscle.name}, {point.name.lower()} ({target.side})",
                instructions=(
                    script.find_with.format(tool=tool.name),
                    *intro,
                    point.where,
                    *script.find_spot,
                    *script.found_signs,
                    *caution,
                ),
                seconds=timing.find_spot_seconds,
                **common,  # type: ignore[arg-type]
            )
        )
        steps.append(
            PlanStep(
                id=f"{prefix}.hold.{number}",
                kind="hold",
                title=f"Hold: {muscle.name}, {point.name.lower()} ({target.side})",
                instructions=(
                    script.tool_and_pressure.format(tool=tool.name, pressure=target.pressure),
                    # A massage gun is glided, not parked on a spot: say how, from the content.
                    *(tool.how_to_use if tool.kind == "percussion" else ()),
                    script.get_ready,
                    *caution,
                    script.release,
                ),
                seconds=target.hold_seconds,
                check_in=True,
                **common,  # type: ignore[arg-type]
            )
        )
    return steps


def _allowed(
    kb: KnowledgeBase, exercise_ids: list[str], limits: Limits, dropped: list[str]
) -> list[str]:
    """The exercises no restriction leaves out; the others are listed as dropped, with why."""
    kept = []
    for exercise_id in exercise_ids:
        exercise = kb.exercises[exercise_id]
        rules = [r for r in kb.screening.restrictions if r.id in exercise.left_out_with]
        ruled_out = [r for r in rules if limits.forbids(r.id)]
        if ruled_out:
            note = f"{exercise.name} ({ruled_out[0].label.lower()})"
            if note not in dropped:
                dropped.append(note)
        else:
            kept.append(exercise_id)
    return kept


def _exercise_steps(kb: KnowledgeBase, exercise_ids: list[str], side: str) -> list[PlanStep]:
    steps = []
    for exercise_id in exercise_ids:
        exercise = exercise_for_side(kb.exercises[exercise_id], side)
        which = side if exercise.sided else "both"
        dose, timing = exercise.dose, kb.routine.timing
        rest = timing.between_sets_seconds
        if exercise.kind == "strengthening":
            rest = timing.between_strength_sets_seconds
        per_set = _set_seconds(kb, exercise)
        steps.append(
            PlanStep(
                id=f"{exercise.kind}.{exercise.id}.{which}",
                kind="stretch" if exercise.kind == "stretch" else "strengthen",
                title=exercise.name + (f" ({side} side)" if exercise.sided else ""),
                instructions=(*exercise.steps, exercise.dose.summary),
                seconds=dose.sets * per_set + (dose.sets - 1) * rest,
                side=side if exercise.sided else None,
                sources=tuple(exercise.sources),
                sets=dose.sets,
                set_seconds=per_set,
                rest_seconds=rest if dose.sets > 1 else 0,
                reps=_reps_per_set(exercise),
                dose=_dose_words(exercise, side, per_set),
                pose=exercise.id,
            )
        )
    return steps


def _alternates(exercise: Exercise) -> bool:
    """A two-sided move done on both sides within one set (dead bug, bird dog)."""
    return exercise.dose.per_side and not exercise.sided


def _reps_per_set(exercise: Exercise) -> int | None:
    reps = exercise.dose.reps
    return None if reps is None else reps * (2 if _alternates(exercise) else 1)


def _set_seconds(kb: KnowledgeBase, exercise: Exercise) -> int:
    """One set: each slow movement at the routine's pace, plus any hold in it."""
    dose = exercise.dose
    if dose.reps is None:
        return dose.hold_seconds or 0
    per_rep = kb.routine.timing.seconds_per_rep + (dose.hold_seconds or 0)
    return (_reps_per_set(exercise) or 0) * per_rep


def _dose_words(exercise: Exercise, side: str, per_set: int) -> str:
    """The dose in a few words, as shown and spoken: "3 sets of 30 seconds, left side"."""
    dose = exercise.dose
    amount = f"{per_set} seconds" if dose.reps is None else f"{dose.reps}"
    if dose.reps is not None and _alternates(exercise):
        amount += " each side"
    words = f"{dose.sets} sets of {amount}" if dose.sets > 1 else amount
    if dose.reps is not None and dose.hold_seconds:
        words += f", holding {dose.hold_seconds} seconds"
    return words + (f", {side} side" if exercise.sided else "")


def _habit_steps(kb: KnowledgeBase) -> list[PlanStep]:
    return [
        PlanStep(
            id=f"habit.{habit.id}",
            kind="habit",
            title=habit.name,
            instructions=(habit.summary, *habit.tips),
            seconds=kb.routine.timing.habit_seconds,
            sources=tuple(habit.sources),
        )
        for habit in kb.habits.all()[:HABITS_PER_PLAN]
    ]


def _unique(steps: Iterable[PlanStep]) -> list[PlanStep]:
    """Exercises shared by several targets appear once (same id = same exercise and side)."""
    return list({step.id: step for step in steps}.values())


def _ordered_steps(
    fixed: list[PlanStep],
    blocks: list[_Block],
    habits: Sequence[PlanStep],
    with_strength: bool,
) -> list[PlanStep]:
    massage = [step for b in blocks for step in b.steps]
    stretches = _unique(s for b in blocks for s in b.stretches)
    strength = _unique(s for b in blocks for s in b.strengthening) if with_strength else []
    return [*fixed, *massage, *stretches, *strength, *habits]


def _seconds(
    kb: KnowledgeBase,
    fixed: list[PlanStep],
    blocks: list[_Block],
    habits: Sequence[PlanStep],
    with_strength: bool,
) -> int:
    """Expected length: every step, plus the get-ready countdown and check-in of each hold and
    the get-into-position countdown of each timed exercise."""
    timing = kb.routine.timing
    per_hold = timing.get_ready_seconds + timing.check_in_seconds
    steps = _ordered_steps(fixed, blocks, habits, with_strength)
    return sum(step.seconds + _around(step, per_hold, timing.position_seconds) for step in steps)


def _around(step: PlanStep, per_hold: int, position: int) -> int:
    if step.kind == "hold":
        return per_hold
    return position if step.timed else 0


def _label(kb: KnowledgeBase, target: Target) -> str:
    return f"{kb.muscles[target.muscle_id].name} ({target.side})"


def _notes(kb: KnowledgeBase, limits: Limits, experience: Experience) -> list[str]:
    described = {r.id: r for r in kb.screening.restrictions}
    notes = [
        f"{described[flag].label}: {described[flag].description}"
        for flag in sorted(limits.flags)
        if flag in described
    ]
    if limits.avoid:
        places = ", ".join(place_label(kb.regions, str(k)) for k in sorted(limits.avoid))
        notes.append(f"Kept off: {places}.")
    if experience == "new":
        notes.append(
            f"Shorter holds ({kb.routine.limits.hold_seconds_new} s) and beginner tools, "
            "because you are new to self-massage."
        )
    return notes


def _sources(kb: KnowledgeBase, blocks: list[_Block]) -> list[str]:
    ids: dict[str, None] = dict.fromkeys(kb.routine.limits.sources)
    for block in blocks:
        for step in (*block.steps, *block.stretches, *block.strengthening):
            ids.update(dict.fromkeys(step.sources))
    return list(ids)
