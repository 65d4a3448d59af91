"""Invariants of the check over random journals (Hypothesis):

* an entry showing numbness, both legs, the groin area or new places is never followed by a
  plan without a fresh check, and that fresh check never allows one;
* a red flag is never lifted but by its own "wrong answer" or a doctor's visit: while one
  stands, no plan starts, whatever the later answers.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sciatica_coach.coach import flags, journal_log
from sciatica_coach.coach.errors import NeedsCheck, NotAllowed
from sciatica_coach.content import KnowledgeBase

from .conftest import Clock, a_plan, check
from .fakes import FakeJournal

Entry = tuple[tuple[str, ...], tuple[str, ...]]
SIGN_ENTRIES: list[Entry] = [
    (("left:foot_sole",), ("numbness",)),
    (("left:calf_posterior", "right:calf_posterior"), ("ache",)),
    (("right:groin",), ("tight",)),
]
PLAIN: Entry = (("left:buttock_center",), ("ache",))
SERIOUS = ["saddle_numbness", "bladder_change", "both_legs", "fever", "calf_swelling"]

steps = st.lists(
    st.one_of(
        st.tuples(st.just("check"), st.none()),
        st.tuples(st.just("log"), st.sampled_from([*SIGN_ENTRIES, PLAIN])),
        st.tuples(st.just("note"), st.sampled_from(["numb toes again", "a good walk"])),
        st.tuples(st.just("wait"), st.integers(min_value=1, max_value=3 * 24 * 60)),
    ),
    min_size=1,
    max_size=8,
)
SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def plan_refused(kb: KnowledgeBase, journal: FakeJournal, clock: Clock) -> bool:
    try:
        a_plan(kb, journal, clock)
    except (NeedsCheck, NotAllowed):
        return True
    return False


@SETTINGS
@given(steps=steps)
def test_a_logged_sign_is_never_followed_by_a_plan_without_a_fresh_check(
    kb: KnowledgeBase, steps: list[tuple[str, object]]
) -> None:
    journal, clock = FakeJournal(), Clock()
    journal_log.log_pain(kb, journal, clock(), 4, where=list(PLAIN[0]), feels=list(PLAIN[1]))
    clock.advance(minutes=1)
    last_sign = None
    for kind, value in steps:
        clock.advance(seconds=1)
        if kind == "check":
            fresh = check(kb, journal, clock)
            within = last_sign is not None and clock() - last_sign < timedelta(days=7)
            if within:
                assert not fresh.result.session_allowed
        elif kind == "log":
            assert isinstance(value, tuple)
            where, feels = value
            journal_log.log_pain(kb, journal, clock(), 5, where=list(where), feels=list(feels))
            if value != PLAIN:
                last_sign = clock()
                assert plan_refused(kb, journal, clock)
        elif kind == "note":
            journal_log.log_note(journal, clock(), str(value))
            if "numb" in str(value):
                last_sign = clock()
                assert plan_refused(kb, journal, clock)
        else:
            clock.advance(minutes=int(value))  # type: ignore[call-overload]
        if last_sign is not None and clock() - last_sign < timedelta(days=7):
            assert plan_refused(kb, journal, clock)


@SETTINGS
@given(
    sign=st.sampled_from(SERIOUS),
    first=st.sampled_from([True, "not_sure"]),
    later=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=30 * 60),
            st.sampled_from(["check", "still_have", "not_sure", "wrong_answer", "doctor"]),
        ),
        max_size=6,
    ),
)
def test_a_red_flag_is_lifted_only_sign_by_sign_or_by_a_doctor(
    kb: KnowledgeBase, sign: str, first: object, later: list[tuple[int, str]]
) -> None:
    journal, clock = FakeJournal(), Clock()
    raised = check(kb, journal, clock, **{sign: first}).taken_at
    lifted = False
    for minutes, action in later:
        clock.advance(minutes=minutes)
        standing = bool(flags.standing_flags(kb, journal, clock()))
        if action == "check":
            result = check(kb, journal, clock).result
            if standing:
                assert not result.session_allowed
                assert result.level in ("emergency", "urgent")
        elif action == "doctor":
            if standing:
                flags.seen_doctor(kb, journal, clock(), sign)
                lifted = True
        elif standing:
            flags.review_flag(kb, journal, clock(), sign, action)
            lifted = lifted or action == "wrong_answer"
        in_day = clock() - raised < timedelta(hours=kb.screening.flags.stands_hours)
        if in_day and not lifted:
            assert [f.flag.question_id for f in flags.standing_flags(kb, journal, clock())]
            assert plan_refused(kb, journal, clock)


@pytest.mark.parametrize("sign", SERIOUS)
def test_a_standing_flag_blocks_a_plan_after_an_all_clear_check(
    kb: KnowledgeBase, journal: FakeJournal, clock: Clock, sign: str
) -> None:
    check(kb, journal, clock, **{sign: "not_sure"})
    clock.advance(minutes=61)
    check(kb, journal, clock)
    assert plan_refused(kb, journal, clock)
