""" "Same as last time" as the home page and the check's result show it: last time's places,
tools, minutes and experience, how the last session went, and today's pain beside it.

Whether to offer the button at all is :attr:`Status.next_step` (a check that counts and allows
a session, no red flag, no session running, room today): a page never offers a session the
plan service would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sciatica_coach.coach.last_time import AFTER_PAIN, LastTime
from sciatica_coach.coach.pain_now import RecentPain
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.days import day_of

from .screening import place_label

EXPERIENCE_WORDS = {
    "new": "as someone new to self-massage",
    "experienced": "as someone who has done it often",
}


@dataclass(frozen=True)
class SameOffer:
    """What "Same as last time" will do, in words, and whether it can start now."""

    places: list[str]
    muscles: list[str]
    tools: list[str]
    minutes: int
    experience: str
    moved_on: str
    """Why the experience is not the one chosen last time ("" when it is)."""
    after_pain: str
    """Why the same session is not offered: the last one stopped because it hurt."""
    last_session: str
    """How the last session went, with when ("" before any session)."""
    today: str
    """Today's pain, from the check a moment ago ("" when none was given)."""
    can_start: bool


def days_ago(then: datetime, now: datetime) -> str:
    """ "today", "yesterday" or "3 days ago", by the person's calendar (``now``'s zone, as
    every other day in the app)."""
    days = (day_of(now, now) - day_of(then, now)).days
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def _score(value: int | None) -> str:
    return "not given" if value is None else str(value)


def same_offer(
    kb: KnowledgeBase,
    last: LastTime,
    now: datetime,
    pain: RecentPain | None,
    can_start: bool,
) -> SameOffer:
    moved_on = ""
    if last.experience != last.chosen_experience:
        moved_on = "gentler this time: your last session stopped because it hurt"
    hurt = last.session is not None and last.session.stopped_for_pain
    session = ""
    if last.session is not None:
        s = last.session
        ended = " (stopped because it hurt)" if hurt else "" if s.finished else " (not finished)"
        session = (
            f"Last session, {days_ago(s.at, now)}{ended}: pain {_score(s.pain_before)} before, "
            f"{_score(s.pain_after)} after."
        )
    return SameOffer(
        places=[place_label(kb, p) for p in last.places],
        muscles=[f"{kb.muscles[m].name} ({side})" for m, side in last.muscles],
        tools=[kb.tools[t].name for t in last.tools],
        minutes=last.minutes,
        experience=EXPERIENCE_WORDS[last.experience],
        moved_on=moved_on,
        after_pain=AFTER_PAIN if hurt else "",
        last_session=session,
        today=f"Today you said {pain.score}." if pain is not None else "",
        can_start=can_start and not hurt,
    )
