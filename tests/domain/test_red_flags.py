"""Which flags stand: per question, for a day, lifted only by a wrong-answer or a visit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sciatica_coach.domain.red_flags import Flag, Review, Visit, flags_in_result, standing

T = datetime(2026, 2, 28, 23, 30, tzinfo=UTC)


def flag(question: str, minutes: int = 0, level: str = "emergency") -> Flag:
    return Flag(1, question, T + timedelta(minutes=minutes), "yes", level, "")


def test_it_reads_only_the_checks_own_serious_answers() -> None:
    result = {
        "reasons": [
            {"question_id": "saddle_numbness", "level": "emergency", "unsure": True},
            {"question_id": "fever", "level": "urgent"},
            {"question_id": "numbness", "level": "see_professional"},
            {"question_id": "flag:bladder_change", "level": "emergency"},
            "junk",
        ]
    }
    found = flags_in_result(7, T, result)
    assert [(f.question_id, f.answer) for f in found] == [
        ("saddle_numbness", "not_sure"),
        ("fever", "yes"),
    ]


def test_the_latest_flag_of_each_question_stands_most_serious_first() -> None:
    flags = [flag("fever", 0, "urgent"), flag("saddle_numbness", 5), flag("fever", 10, "urgent")]
    found = standing(flags, (), (), T + timedelta(hours=1), 24)
    assert [(f.question_id, f.taken_at) for f in found] == [
        ("saddle_numbness", T + timedelta(minutes=5)),
        ("fever", T + timedelta(minutes=10)),
    ]


def test_a_wrong_answer_lifts_that_question_up_to_then_and_not_a_later_flag() -> None:
    review = Review("fever", T + timedelta(minutes=20), "wrong_answer")
    flags = [flag("fever", 0, "urgent"), flag("saddle_numbness", 1)]
    assert [f.question_id for f in standing(flags, [review], (), T + timedelta(hours=1), 24)] == [
        "saddle_numbness"
    ]
    later = [*flags, flag("fever", 30, "urgent")]
    assert "fever" in {
        f.question_id for f in standing(later, [review], (), T + timedelta(hours=1), 24)
    }


def test_keeping_answers_and_a_day_later() -> None:
    flags = [flag("both_legs")]
    kept = [Review("both_legs", T + timedelta(minutes=1), "still_have")]
    assert standing(flags, kept, (), T + timedelta(hours=23), 24) == flags
    assert standing(flags, kept, (), T + timedelta(hours=24, seconds=1), 24) == []


def test_a_visit_lifts_its_own_sign_raised_before_it_only() -> None:
    flags = [flag("fever", 0, "urgent"), flag("both_legs", 120), flag("bladder_change", 1)]
    visit = Visit(T + timedelta(minutes=60), frozenset({"fever", "both_legs"}))
    found = standing(flags, (), [visit], T + timedelta(hours=3), 24)
    assert [f.question_id for f in found] == ["bladder_change", "both_legs"]
