"""Writing in the journal by hand: pain now, the weekly PEG score, a note.

The same limits for every door: scores are whole numbers from 0 to 10, the worst is not less
than now, a note is at most :data:`NOTE_LIMIT` characters (a longer one is refused, never cut),
a pain score with places keeps every feeling given, and a PEG score waits a week after the
last one (it asks about the past week, Krebs et al. 2009: two in a week count days twice).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sciatica_coach.domain.text_limits import NOTE_LIMIT as NOTE_LIMIT

from .errors import Invalid, sentence
from .ports import JournalPort

if TYPE_CHECKING:
    from sciatica_coach.content import KnowledgeBase
    from sciatica_coach.domain.body_map import RegionKey
    from sciatica_coach.domain.matching import Feeling


def log_pain(
    kb: KnowledgeBase | None,
    journal: JournalPort,
    now: datetime,
    pain_now: int,
    worst: int | None = None,
    average: int | None = None,
    where: Iterable[str] = (),
    feels: Iterable[str] = (),
    note: str | None = None,
) -> int:
    """Save a pain score (0 = none, 10 = worst); with places, where and how it feels.

    ``kb`` reads the places, so a caller logging no places may pass None (the terminal then
    does not load the knowledge base at all)."""
    where, feels = list(where), [f for f in feels if f.strip()]
    if feels and not where:  # a feeling is kept with the places it is felt in
        raise Invalid.one(
            ("feels",),
            "Say where it feels like that, too: a feeling is kept with the places it is in.",
        )
    if where and kb is None:
        raise ValueError("places need the knowledge base to be read")
    places: list[RegionKey] = []
    qualities: tuple[Feeling, ...] = ()
    if where or feels:  # late: reading them loads the matching rules and the content models
        from .maps import read_feels, read_places

        places = read_places(kb, where) if kb is not None else []
        qualities = read_feels(feels)
    note = check_note(note, "note")
    regions: list[dict[str, Any]] | None = None
    if places:
        regions = [
            {
                "key": str(key),
                "intensity": pain_now,
                "kind": qualities[0] if qualities else None,
                "feels": list(qualities),
            }
            for key in places
        ]
    fields = ("now", "worst", "average", "where", "note")
    return _write(
        fields, lambda: journal.add_pain(now, pain_now, worst, average, regions, note or None)
    )


def log_peg(journal: JournalPort, now: datetime, pain: int, enjoyment: int, activity: int) -> int:
    """Save the weekly PEG score: pain, and how much it got in the way of life and activity;
    :class:`Invalid` (for the whole entry) while the last one is less than a week old."""
    # late: `log pain`, which is timed, needs neither
    from sciatica_coach.domain.adherence import PEG_EVERY, next_peg_day

    from .history import local_day

    fields = ("pain", "enjoyment", "activity")
    with journal.atomic() as inside:
        since = now - PEG_EVERY
        given = [e.recorded_at for e in inside.peg_entries(since) if e.recorded_at <= now]
        if given:
            last = local_day(max(given), now)
            due = next_peg_day(last)
            if local_day(now, now) < due:
                raise Invalid.one(
                    (),
                    f"You gave your PEG score on {_day(last)}. It asks about the past week, "
                    f"so the next one is due on {_day(due)}. Until then, you can log your pain "
                    "on any day.",
                )
        return _write(fields, lambda: inside.add_peg(now, pain, enjoyment, activity))


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def log_note(journal: JournalPort, now: datetime, text: str) -> int:
    checked = check_note(text, "text")
    if not checked:
        raise Invalid.one(("text",), "The note is empty.")
    return _write(("text",), lambda: journal.add_note(now, checked))


def check_note(text: str | None, field: str) -> str | None:
    """A note as given (trimmed), or :class:`Invalid` if it is too long to keep whole."""
    if text is None:
        return None
    text = text.strip()
    if len(text) > NOTE_LIMIT:
        raise Invalid.one(
            (field,),
            f"A note can be at most {NOTE_LIMIT} characters; this one has {len(text)}. "
            "Please shorten it.",
        )
    return text


def _write(fields: tuple[str, ...], save: Callable[[], int]) -> int:
    """Run one journal write; a value the journal refuses becomes a problem on its field."""
    try:
        return save()
    except ValueError as error:
        message = str(error)
        first = message.split(" ", 1)[0]
        field = first if first in fields else fields[0]
        raise Invalid.one((field,), sentence(message)) from None
