"""Last time: what a returning person chose before (their map, tools, minutes, experience) and
how their last session went, so they can start the same again in one tap after the daily check.

Only the choices are remembered, never a symptom: the safety check still asks every daily
question afresh, and "the same again" goes through :func:`sciatica_coach.coach.plans.make_plan`
like any plan, so a check that does not allow a session, today's limit or a map that the check
contradicts refuses it exactly as they refuse a plan made by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.plan_model import Plan
from sciatica_coach.domain.planning import HANDS
from sciatica_coach.domain.session import BAD_PAIN
from sciatica_coach.storage.entries import SessionOutcome, StoredPlan

from .errors import Conflict
from .maps import find_map, map_feels, map_intensity, map_moment, map_places, read_places, save_map
from .pain_now import recent_pain
from .plans import TOOLS_KEY, PlanRequest, SavedPlan, latest_plan, make_plan, plan_map
from .ports import JournalPort

EXPERIENCED_AFTER = 6
"""Finished sessions in a row (none stopped because it hurt) after which the plan page asks a
person who said "new to self-massage" whether they would like the experienced settings (longer
holds, more pressure near the nerve path, firmer tools). Six is at least three days at the two a
day allowed, and about two weeks at the three a week most people aim for: each muscle of a plan
has then been held at the beginner's 30 s and lighter pressure several times, long enough to
know what "good pain" feels like. It is only asked, never changed for them: firmer work is the
person's choice, and the answer "new" stays until they change it."""
AFTER_PAIN = (
    "Your last session stopped because it hurt. Make a gentler plan rather than the same one: "
    "another spot, lighter pressure or fewer minutes."
)


@dataclass(frozen=True)
class LastSession:
    """How the last session went: when, and the pain right before and after it."""

    at: datetime
    pain_before: int | None
    pain_after: int | None
    finished: bool
    stopped_for_pain: bool = False


@dataclass(frozen=True)
class LastTime:
    """The last plan's choices, as they would be asked again now."""

    plan_id: int
    made_at: datetime
    map_id: int | None
    places: tuple[str, ...]
    map_at: datetime | None
    map_pain: int | None
    tools: tuple[str, ...]
    minutes: int
    experience: str
    """The experience to plan with: the one chosen last time, or "new" after a session that
    stopped because it hurt (never firmer work straight after a bad reaction)."""
    chosen_experience: str
    ready_for_more: bool
    """Chose "new" and finished :data:`EXPERIENCED_AFTER` sessions in a row without a stop for
    pain: the plan page may ask whether they would like the experienced settings."""
    muscles: tuple[tuple[str, str], ...]
    """(muscle id, side) of the plan, for a plan made from muscles by name."""
    session: LastSession | None


def finished_in_a_row(outcomes: list[SessionOutcome]) -> int:
    """Finished sessions since the last one stopped because it hurt (oldest first in)."""
    count = 0
    for outcome in outcomes:
        if outcome.stop_reason == BAD_PAIN:
            count = 0
        elif outcome.status == "finished":
            count += 1
    return count


def experience_now(chosen: str, stopped_for_pain: bool) -> str:
    """The experience to plan with: the person's own choice, eased back to "new" when their
    last session stopped because it hurt."""
    return "new" if stopped_for_pain else chosen


def chosen_tools(stored: StoredPlan, plan: Plan) -> tuple[str, ...]:
    """The tools the person said they had (kept with plans since issue 25); for an older plan,
    those it used."""
    kept = stored.plan.get(TOOLS_KEY)
    if isinstance(kept, list) and all(isinstance(t, str) for t in kept):
        return tuple(t for t in kept if t != HANDS)
    return tuple(dict.fromkeys(s.tool_id for s in plan.steps if s.tool_id and s.tool_id != HANDS))


def last_time(kb: KnowledgeBase, journal: JournalPort) -> LastTime | None:
    """The choices of the latest plan and how the latest session went; None before any plan
    (or when the last plan can no longer be read)."""
    try:
        found = latest_plan(journal)
    except Conflict:
        return None
    if found is None:
        return None
    plan, stored = found
    entry = plan_map(journal, stored)
    outcomes = journal.session_outcomes()
    played = [o for o in outcomes if o.status != "ready"]
    session = None
    if played:
        newest = played[-1]
        finished = newest.status == "finished"
        hurt = newest.stop_reason == BAD_PAIN
        session = LastSession(
            newest.started_at, newest.pain_before, newest.pain_after, finished, hurt
        )
    hurt_last = session is not None and session.stopped_for_pain
    by_name = () if entry is not None else tuple((t.muscle_id, t.side) for t in plan.targets)
    return LastTime(
        plan_id=stored.id,
        made_at=stored.created_at,
        map_id=entry.id if entry is not None else None,
        places=tuple(map_places(entry)) if entry is not None else (),
        map_at=entry.recorded_at if entry is not None else None,
        map_pain=map_intensity(entry) if entry is not None else None,
        tools=tuple(t for t in chosen_tools(stored, plan) if t in kb.tools),
        minutes=plan.minutes,
        experience=experience_now(plan.experience, hurt_last),
        chosen_experience=plan.experience,
        ready_for_more=plan.experience == "new"
        and finished_in_a_row(outcomes) >= EXPERIENCED_AFTER,
        muscles=by_name if all(m in kb.muscles for m, _side in by_name) else (),
        session=session,
    )


def same_again(kb: KnowledgeBase, journal: JournalPort, now: datetime, last: LastTime) -> SavedPlan:
    """A new plan with last time's choices, made and checked like any plan: every refusal of
    :func:`make_plan` stands, and nothing is saved when one comes. After a session stopped
    because it hurt it is refused: that calls for a gentler plan, not the same one.

    Last time's places are kept as today's map, with the pain score the person gave a moment
    ago (the daily check asks it), so the session's "before" map is dated today and says
    today's pain (the person says the places are the same by choosing it); without a score
    from this sitting the old map is used as it is."""
    if last.session is not None and last.session.stopped_for_pain:
        raise Conflict("stopped_for_pain", AFTER_PAIN)
    with journal.atomic() as tx:
        map_id = last.map_id
        given = recent_pain(kb, tx, now)
        if map_id is not None and given is not None:
            entry = find_map(tx, map_id)
            keys = read_places(kb, map_places(entry))
            map_id = save_map(tx, now, keys, map_feels(entry), given.score, "before")
        request = PlanRequest(
            map_id=map_id,
            muscles=last.muscles if map_id is None else (),
            tools=last.tools,
            minutes=last.minutes,
            experience=last.experience,
        )
        return make_plan(kb, tx, now, request)


def last_places(
    journal: JournalPort, looked_at: int = 20
) -> tuple[tuple[str, ...], datetime] | None:
    """The places of the newest body map marked before a session (or on its own), and when:
    the map page starts from them. None when the last few maps hold none."""
    for entry in journal.newest_pain_maps(looked_at):
        places = map_places(entry)
        if places and map_moment(entry) == "before":
            return tuple(places), entry.recorded_at
    return None
