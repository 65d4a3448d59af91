"""Days of a journal made the way the app makes them: a safety check, a body map, a plan and
a whole guided session through the service layer, the map marked again after, a pain score.
For the tests of what reads a journal back (the clinician's summary and its PDF)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sciatica_coach.coach import plans, safety, sessions
from sciatica_coach.coach.maps import read_places, save_map
from sciatica_coach.coach.ports import JournalPort
from sciatica_coach.coach.sessions import LiveSession
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.session import (
    Event,
    Feeling,
    Next,
    ReportFeeling,
    ReportSpot,
    Start,
    is_over,
)

from ..domain.screening_cases import all_clear
from .fakes import FakeJournal

WHERE = ["left:buttock_center", "left:thigh_posterior"]


def clear_answers(**changes: object) -> dict[str, object]:
    """Answers that raise nothing (the journal counts today's sessions), with ``changes``."""
    return {k: v for k, v in all_clear().items() if k != "sessions_today"} | changes


def play_to_the_end(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, live: LiveSession, feeling: Feeling
) -> tuple[LiveSession, datetime]:
    """Play a started session through as a person would: each timer left to run out, every
    spot found, every step read, every check-in answered ``feeling`` ("bad" stops it at the
    first). Returns the session at its end and the time then."""
    for _ in range(1000):
        if is_over(live.state):
            break
        if live.state.phase in ("get_ready", "holding", "resting"):
            now += timedelta(seconds=live.state.remaining + 0.01)
            live = sessions.get(journal, now, live.id)
            continue
        answers: dict[str, Event] = {
            "showing": Next(),
            "finding": ReportSpot(found=True),
            "checking_in": ReportFeeling(feeling=feeling),
        }
        live = sessions.act(kb, journal, now, live.id, answers[live.state.phase], live.version)
    return live, now


def a_day(
    kb: KnowledgeBase,
    journal: JournalPort,
    now: datetime,
    before: int,
    after: int | None,
    feeling: Feeling = "good",
    after_where: list[str] | None = None,
) -> datetime:
    """One day: a check, a map, a plan for the left piriformis (a tennis ball), a session
    with pain ``before`` and every check-in ``feeling`` ("bad" stops it at the first), the
    pain ``after`` and the map marked again (``after_where``). Returns the time it ended."""
    safety.take_check(kb, journal, now, clear_answers(pain_now=before))
    places = read_places(kb, WHERE)
    map_id = save_map(journal, now, places, ("ache",), before, "before")
    request = plans.PlanRequest(muscles=[("piriformis", "left")], tools=["tennis_ball"], minutes=10)
    saved = plans.make_plan(kb, journal, now, request)
    live = sessions.open_session(kb, journal, now, saved.id, map_id)
    live = sessions.act(kb, journal, now, live.id, Start(pain_before=before), live.version)
    live, now = play_to_the_end(kb, journal, now, live, feeling)
    marked = read_places(kb, after_where) if after_where else []
    sessions.finish(journal, now, live.id, after, (marked, ("ache",)) if after_where else None)
    return now


NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
"""When the two weeks below end: a Tuesday; the weeks run Wednesday to Tuesday."""
NOTE_LOGGED = "Sitting at work makes it worse after an hour"
NOTE_WRITTEN = "Walked 20 minutes, felt “looser” afterwards — Zoë"
OLD_NOTE = "A note from before the two weeks"


def two_weeks(kb: KnowledgeBase) -> FakeJournal:
    """Two weeks with known numbers (the tests of the summary and its PDF read them back):

    week from 18 Nov: sessions on the 18th, 20th and 22nd, pain 6 before and 4 after; pain 6
    logged on the 19th and 21st; PEG 6, 6, 6 on the 19th. Pain days 5, mean pain 6.0, PEG 6.0.

    week from 25 Nov: sessions on the 25th and 27th (pain 4 before, 2 after), then two stopped
    at the first check-in for bad pain, on the 29th and 30th (pain 4 before); pain 3 logged on
    the 26th (with a note) and 28th; PEG 4, 5, 3 on the 26th; a note on the 27th; the check on
    1 Dec says pain 3. Pain days 7, mean pain 25/7 = 3.57, PEG 4.0. Two bad stops in a week:
    the journal raises ``bad_pain_stops``, and that check (blood thinners, broken skin on the
    left calf) says to see a professional first.
    """
    journal = FakeJournal()
    journal.add_note(datetime(2026, 10, 1, 12, tzinfo=UTC), OLD_NOTE)
    after = ["left:buttock_center"]
    for day in (18, 20, 22):
        a_day(kb, journal, datetime(2026, 11, day, 8, tzinfo=UTC), 6, 4, after_where=after)
    journal.add_pain(datetime(2026, 11, 19, 20, tzinfo=UTC), 6)
    journal.add_pain(datetime(2026, 11, 21, 20, tzinfo=UTC), 6)
    journal.add_peg(datetime(2026, 11, 19, 20, tzinfo=UTC), 6, 6, 6)
    for day in (25, 27):
        a_day(kb, journal, datetime(2026, 11, day, 8, tzinfo=UTC), 4, 2, after_where=after)
    journal.add_pain(datetime(2026, 11, 26, 20, tzinfo=UTC), 3, note=NOTE_LOGGED)
    journal.add_pain(datetime(2026, 11, 28, 20, tzinfo=UTC), 3)
    journal.add_peg(datetime(2026, 11, 26, 20, tzinfo=UTC), 4, 5, 3)
    journal.add_note(datetime(2026, 11, 27, 21, tzinfo=UTC), NOTE_WRITTEN)
    for day in (29, 30):
        a_day(kb, journal, datetime(2026, 11, day, 8, tzinfo=UTC), 4, None, feeling="bad")
    safety.take_check(
        kb,
        journal,
        NOW - timedelta(hours=1),
        clear_answers(pain_now=3, anticoagulants=True, skin_problem_areas=["left:calf_posterior"]),
    )
    return journal
