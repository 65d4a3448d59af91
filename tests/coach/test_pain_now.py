"""Pain is asked once per sitting: the latest score of the last hour is offered again."""

from __future__ import annotations

from sciatica_coach.coach.maps import save_map
from sciatica_coach.coach.pain_now import recent_pain
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import parse_region_keys

from .conftest import Clock, check
from .fakes import FakeJournal


def test_nothing_given_nothing_offered(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    assert recent_pain(kb, journal, clock()) is None


def test_the_safety_check_score_is_offered_for_the_hour(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    taken = check(kb, journal, clock, pain_now=4).taken_at
    clock.advance(minutes=59)
    given = recent_pain(kb, journal, clock())
    assert given is not None and (given.score, given.at, given.source) == (
        4,
        taken,
        "your safety check",
    )
    clock.advance(minutes=2)
    assert recent_pain(kb, journal, clock()) is None  # a new sitting: asked afresh


def test_the_latest_score_wins_whichever_question_gave_it(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, pain_now=4)
    clock.advance(minutes=5)
    where = parse_region_keys(["left:buttock_center"], kb.regions)
    save_map(journal, clock(), where, ["ache"], 6, "before")
    given = recent_pain(kb, journal, clock.advance(minutes=1))
    assert given is not None and (given.score, given.source) == (6, "your body map")
    journal.add_pain(clock.advance(minutes=1), 3)
    given = recent_pain(kb, journal, clock())
    assert given is not None and (given.score, given.source) == (3, "your pain log")


def test_a_score_from_later_than_now_is_not_offered(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    journal.add_pain(clock.advance(minutes=10), 7)
    clock.advance(minutes=-5)
    assert recent_pain(kb, journal, clock()) is None
