"""Use case: is self-massage paused now, and why?

Self-massage is paused while

* a red flag stands (a "yes" or "not sure" to an emergency or urgent sign in the last day,
  not lifted sign by sign or by a doctor's visit: :mod:`.flags`);
* the last safety check said to see someone first (a reason to see a professional, a doctor
  today, or emergency care), until a later check allows a session: it does not run out with
  the hour a check counts for;
* the journal shows a sign logged after that check (numbness, both legs, new places, ...),
  which counts as a reason to get checked (:mod:`.journal_signs`).

While it stands, nothing in the app pushes toward a session: the weekly goal is on hold (no
"1 of 14", no broken streak), the status shows no sessions left, and the pain before and
after sessions is not shown as if it were a reason to go on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.screening import severity

from .flags import StandingFlag, standing_flags
from .journal_signs import logged_signs, sign_label
from .ports import JournalPort

PAUSING_LEVEL = "see_professional"
"""The least serious level that pauses self-massage until a later check allows it."""


@dataclass(frozen=True)
class Pause:
    """Why self-massage is paused: the level that paused it, since when, and in words."""

    level: str
    since: datetime
    title: str
    why: str = "check"
    """``flag`` (a red flag stands), ``check`` (the last check) or ``journal`` (a sign
    logged since the last check)."""
    flags: tuple[StandingFlag, ...] = ()
    """The red flags that stand, restated, for the doors to say so."""
    logged: tuple[str, ...] = ()
    """For ``journal``: each sign logged since the last check, with the words that raised it
    and where (``numbness ("numb" in a note)``), for the doors to say why."""


def _title(kb: KnowledgeBase, level: str) -> str:
    return next(lv.title for lv in kb.screening.levels if lv.id == level)


def paused(kb: KnowledgeBase, journal: JournalPort, now: datetime) -> Pause | None:
    """The pause in force at ``now``, or None when self-massage may go on."""
    flags = standing_flags(kb, journal, now)
    if flags:
        first = flags[0].flag
        return Pause(first.level, first.taken_at, _title(kb, first.level), "flag", tuple(flags))
    latest = journal.latest_screening(until=now)
    if latest is not None and severity(latest.level) >= severity(PAUSING_LEVEL):  # type: ignore[arg-type]
        return Pause(latest.level, latest.taken_at, _title(kb, latest.level), "check")
    signs = [s for s in logged_signs(kb, journal, now) if latest is None or s.at > latest.taken_at]
    if signs:
        level = kb.screening.logged_signs.level
        said = tuple(dict.fromkeys(sign_label(kb, s) for s in signs))
        return Pause(level, signs[0].at, _title(kb, level), "journal", logged=said)
    return None
