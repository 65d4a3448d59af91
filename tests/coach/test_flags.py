"""A red flag is not waved away: it stands for a day unless lifted sign by sign, or by a
doctor's visit, and while it stands no plan or session starts."""

from __future__ import annotations

import pytest

from sciatica_coach.coach import flags, journal_log, safety, status
from sciatica_coach.coach.errors import Invalid, NotAllowed, NotFound
from sciatica_coach.content import KnowledgeBase

from .conftest import Clock, a_plan, check
from .fakes import FakeJournal


def test_it_restates_the_sign_with_when_and_how_it_was_answered(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, saddle_numbness="not_sure")
    clock.advance(minutes=5)
    (shown,) = flags.standing_flags(kb, journal, clock())
    assert shown.flag.question_id == "saddle_numbness"
    assert shown.restated.startswith('At 09:00 you said "not sure" to: Is there new numbness')
    assert shown.until == shown.flag.taken_at.replace(day=2)


@pytest.mark.parametrize(
    ("sign", "answer", "level"),
    [
        ("saddle_numbness", "not_sure", "emergency"),
        ("bladder_change", True, "emergency"),
        ("fever", True, "urgent"),
        ("calf_swelling", "not_sure", "urgent"),
    ],
)
def test_an_all_clear_check_after_a_red_flag_keeps_the_flag_and_its_level(
    kb: KnowledgeBase,
    journal: FakeJournal,
    clock: Clock,
    sign: str,
    answer: object,
    level: str,
) -> None:
    check(kb, journal, clock, **{sign: answer})
    clock.advance(minutes=90)  # past the hour a check counts for
    again = check(kb, journal, clock)
    assert again.result.level == level
    assert not again.result.session_allowed
    assert f"flag:{sign}" in {r.question_id for r in again.result.reasons}
    assert [f.question_id for f in again.flags] == [sign]


def test_an_urgent_result_after_an_emergency_sign_is_still_that_emergency(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, saddle_numbness=True)
    clock.advance(minutes=10)
    again = check(kb, journal, clock, fever=True)
    assert again.result.level == "emergency"
    assert {"fever", "flag:saddle_numbness"} <= {r.question_id for r in again.result.reasons}


def test_the_wrong_answer_lifts_that_sign_only(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, saddle_numbness="not_sure", fever=True)
    clock.advance(minutes=5)
    assert flags.review_flag(kb, journal, clock(), "saddle_numbness", "wrong_answer")
    (left,) = flags.standing_flags(kb, journal, clock())
    assert left.flag.question_id == "fever"
    again = check(kb, journal, clock)
    assert again.result.level == "urgent"
    assert [f.question_id for f in again.corrected] == ["saddle_numbness"]


@pytest.mark.parametrize("answer", ["still_have", "not_sure"])
def test_still_having_it_or_still_not_sure_keeps_it(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock, answer: str
) -> None:
    check(kb, journal, clock, saddle_numbness="not_sure")
    clock.advance(minutes=5)
    assert not flags.review_flag(kb, journal, clock(), "saddle_numbness", answer)
    assert check(kb, journal, clock).result.level == "emergency"
    (record,) = [r for r in journal.safety_records() if r.kind == "flag_review"]
    assert record.data["answer"] == answer and record.data["first_answer"] == "not_sure"


def test_a_doctor_visit_lifts_that_sign_only(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, saddle_numbness=True, fever="not_sure")
    clock.advance(hours=3)
    flags.seen_doctor(kb, journal, clock(), "fever")
    (left,) = flags.standing_flags(kb, journal, clock())
    assert left.flag.question_id == "saddle_numbness"
    flags.seen_doctor(kb, journal, clock(), "saddle_numbness")
    assert flags.standing_flags(kb, journal, clock()) == []
    assert check(kb, journal, clock).result.level == "ok"
    with pytest.raises(NotFound):
        flags.seen_doctor(kb, journal, clock(), "fever")


def test_a_doctor_visit_answers_a_logged_sign(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    journal_log.log_pain(kb, journal, clock(), 5, where=["left:foot_sole"], feels=["numbness"])
    clock.advance(hours=5)
    (sign,) = flags.counting_signs(kb, journal, clock())
    assert sign.id == "journal:numbness" and sign.text.startswith("You logged numbness at 09:00")
    flags.seen_doctor(kb, journal, clock(), sign.id)
    assert flags.counting_signs(kb, journal, clock()) == []
    assert check(kb, journal, clock).result.level == "ok"


def test_a_flag_lapses_after_a_day(kb: KnowledgeBase, journal: FakeJournal, clock: Clock) -> None:
    check(kb, journal, clock, fever=True)
    clock.advance(hours=kb.screening.flags.stands_hours, seconds=1)
    assert flags.standing_flags(kb, journal, clock()) == []
    assert check(kb, journal, clock).result.level == "ok"


def test_no_plan_starts_while_a_flag_stands_even_with_an_allowing_check(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, fever=True)
    clock.advance(minutes=5)
    with pytest.raises(NotAllowed) as refused:
        a_plan(kb, journal, clock)
    assert refused.value.code == "red_flag_stands"
    assert refused.value.reasons[0].startswith("At 09:00 you said")


def test_answering_again_a_sign_that_does_not_stand_is_not_found(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock)
    with pytest.raises(NotFound):
        flags.review_flag(kb, journal, clock(), "fever", "wrong_answer")
    with pytest.raises(Invalid):
        flags.review_flag(kb, journal, clock(), "fever", "maybe")


def test_a_saved_check_shows_the_flags_it_had_when_taken(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, fever=True)
    clock.advance(minutes=30)
    again = check(kb, journal, clock)
    clock.advance(days=3)
    shown = safety.saved_check(kb, journal, again.journal_id)
    assert shown.result.level == "urgent"
    assert "flag:fever" in {r.question_id for r in shown.result.reasons}


def test_the_status_says_a_flag_stands_and_offers_no_session(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock
) -> None:
    check(kb, journal, clock, calf_swelling="not_sure")
    clock.advance(hours=2)  # past the hour: the check no longer counts, the flag does
    found = status.status(kb, journal, clock())
    assert found.pause is not None and found.pause.why == "flag"
    assert [f.flag.question_id for f in found.pause.flags] == ["calf_swelling"]
    assert found.sessions_left == 0 and found.next_step == "follow_check"
