"""After a journal entry: say at once when it ended the safety check that was counting.

A pain log with places or feelings, or a note, that shows numbness, weakness, both legs, the
groin or tailbone area or new places ends the current check (the service layer's
``new_signs``): the next plan or session needs a fresh one, which asks about it.
"""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text

from .journal_access import journal, now, reported
from .output import stdout

LOOK_BACK = timedelta(days=1)
"""No check taken in the last day: none was counting, so there is nothing to end (and the
knowledge base need not be loaded)."""


def say_if_check_ended() -> None:
    """One yellow line when the entry just written ended the current safety check."""
    at = now()
    with reported("the journal"):
        latest = journal().latest_screening(until=at)
    if latest is None or latest.taken_at < at - LOOK_BACK:
        return
    from sciatica_coach.coach import safety  # late: only when a check may have ended
    from sciatica_coach.content import default_knowledge_base

    with reported("the journal"):
        status = safety.check_status(default_knowledge_base(), journal(), at)
    if status.code == "new_signs":
        stdout.print(Text(status.message, style="yellow"))
