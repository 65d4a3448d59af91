"""Doubt never under-calls: "not sure" is an answer, and it counts toward the serious side.

Also the safety net: every result that is not an emergency says which signs mean emergency
care now, and questions the journal can answer (sessions today) take the journal's count.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.domain.screening import (
    NOT_SURE,
    fill_from_journal,
    read_answer,
    screen,
    severity,
)

from .screening_cases import MINOR, ORDER, SPEC, all_clear

KB = default_knowledge_base()
YES_NO = [q for q, (kind, _, _) in SPEC.items() if kind == "yes_no"]
# What "not sure" counts as, written out here rather than taken from the engine.
UNSURE_LEVEL = {
    q: level if level in ("emergency", "urgent") or q in MINOR else "see_professional"
    for q, (kind, level, _) in SPEC.items()
    if kind == "yes_no"
}


@pytest.mark.parametrize("word", ["not_sure", "not sure", "?", "Not Sure", " ? ", "unsure"])
def test_it_reads_not_sure_in_every_usual_spelling(kb: KnowledgeBase, word: str) -> None:
    question = next(q for q in kb.screening.questions if q.id == "fever")
    assert read_answer(question, word, kb) == NOT_SURE


@pytest.mark.parametrize("question_id", YES_NO)
def test_not_sure_counts_toward_the_more_serious_answer(
    kb: KnowledgeBase, question_id: str
) -> None:
    result = screen(kb, all_clear() | {question_id: NOT_SURE})
    assert result.level == UNSURE_LEVEL[question_id]
    assert result.session_allowed is (UNSURE_LEVEL[question_id] in ("caution", "ok"))
    assert result.unsure == (question_id,)
    if UNSURE_LEVEL[question_id] == "ok":  # a part of a together rule, with nothing else set
        assert result.reasons == ()
        return
    (reason,) = result.reasons
    assert reason.unsure and reason.question_id == question_id
    assert "not sure" in reason.message.lower()
    red_flag = UNSURE_LEVEL[question_id] in ("emergency", "urgent")
    assert ("dionne_2019" in reason.sources) is red_flag


@pytest.mark.parametrize("question_id", [q for q in YES_NO if SPEC[q][1] == "emergency"])
def test_an_unsure_red_flag_counts_as_yes(kb: KnowledgeBase, question_id: str) -> None:
    sure = screen(kb, all_clear() | {question_id: True})
    unsure = screen(kb, all_clear() | {question_id: NOT_SURE})
    assert unsure.level == sure.level == "emergency"
    assert "counts as yes" in unsure.reasons[0].message


def test_an_unsure_red_flag_decides_even_with_questions_left_open(kb: KnowledgeBase) -> None:
    result = screen(kb, {"saddle_numbness": NOT_SURE})
    assert result.level == "emergency"


def test_an_unsure_caution_keeps_its_limits_and_still_blocks(kb: KnowledgeBase) -> None:
    result = screen(kb, all_clear() | {"anticoagulants": NOT_SURE})
    assert result.level == "see_professional"
    assert "light_pressure_only" in result.restrictions


def test_not_sure_is_kept_in_the_saved_answers(kb: KnowledgeBase) -> None:
    result = screen(kb, all_clear() | {"fever": "?"})
    assert result.answers_as_json()["fever"] == NOT_SURE
    assert screen(kb, result.answers_as_json()) == result


yes_no_answers = st.fixed_dictionaries(
    {q: st.sampled_from([True, False, NOT_SURE]) for q in YES_NO}
)


@settings(max_examples=400)
@given(yes_no_answers, st.sampled_from(YES_NO))
def test_replacing_a_no_by_not_sure_never_lowers_the_level(
    answers: dict[str, object], question_id: str
) -> None:
    full = all_clear() | answers | {question_id: False}
    before = screen(KB, full)
    after = screen(KB, full | {question_id: NOT_SURE})
    assert severity(after.level) >= severity(before.level)
    assert set(before.restrictions) <= set(after.restrictions)


@settings(max_examples=200)
@given(yes_no_answers, st.sampled_from(YES_NO))
def test_replacing_not_sure_by_yes_never_raises_the_level_above_the_rule(
    answers: dict[str, object], question_id: str
) -> None:
    """ "Not sure" is never milder than the question's own rule, and never milder than a
    check by a professional."""
    full = all_clear() | answers | {question_id: NOT_SURE}
    level = screen(KB, full).level
    assert ORDER.index(level) >= ORDER.index(UNSURE_LEVEL[question_id])


# --- the safety net -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"osteoporosis": True},
        {"flare": True},
        {"numbness": True},
        {"fever": True},
        {"fever": NOT_SURE},
    ],
    ids=["ok", "caution", "not_today", "see_professional", "urgent", "urgent_unsure"],
)
def test_every_result_but_an_emergency_carries_the_safety_net(
    kb: KnowledgeBase, extra: dict[str, object]
) -> None:
    result = screen(kb, all_clear() | extra)
    assert result.level != "emergency"
    assert result.safety_net is not None
    assert result.safety_net.signs == tuple(s.text for s in kb.emergency_signs)
    assert "emergency" in result.safety_net.action.lower()
    assert "do not drive yourself" in result.safety_net.action.lower()
    assert result.emergency_extra is None


def test_the_safety_net_names_every_emergency_sign(kb: KnowledgeBase) -> None:
    text = " ".join(s.text for s in kb.emergency_signs).lower()
    for words in ("bottom", "pee", "both legs", "weakness", "belly"):
        assert words in text


def test_an_emergency_says_not_to_wait_for_an_appointment(kb: KnowledgeBase) -> None:
    result = screen(kb, all_clear() | {"bowel_incontinence": True})
    assert result.safety_net is None
    assert result.emergency_extra is not None
    assert "do not wait" in result.emergency_extra.lower()
    assert "do not drive yourself" in result.what_to_do.lower()


@pytest.mark.parametrize(
    ("extra", "words"),
    [({"fever": True}, "today"), ({"numbness": True}, "within a week")],
)
def test_a_referral_says_how_soon(kb: KnowledgeBase, extra: dict[str, object], words: str) -> None:
    result = screen(kb, all_clear() | extra)
    assert result.how_soon is not None and words in result.how_soon.lower()


def test_results_that_allow_a_session_need_no_appointment(kb: KnowledgeBase) -> None:
    assert screen(kb, all_clear()).how_soon is None


# --- answers the journal knows ---------------------------------------------------------------


def test_the_journal_answers_how_many_sessions_were_done_today(kb: KnowledgeBase) -> None:
    answers = {k: v for k, v in all_clear().items() if k != "sessions_today"}
    filled = fill_from_journal(kb, answers, {"sessions_today": 2})
    assert filled["sessions_today"] == 2
    assert screen(kb, filled).level == "not_today"


@pytest.mark.parametrize(("typed", "journal", "used"), [(0, 2, 2), (3, 1, 3), ("1", 0, 1)])
def test_a_typed_count_can_add_sessions_but_never_hide_one(
    kb: KnowledgeBase, typed: object, journal: int, used: int
) -> None:
    filled = fill_from_journal(
        kb, all_clear() | {"sessions_today": typed}, {"sessions_today": journal}
    )
    assert filled["sessions_today"] == used


def test_a_bad_typed_count_is_left_for_the_validation_to_explain(kb: KnowledgeBase) -> None:
    filled = fill_from_journal(kb, {"sessions_today": "lots"}, {"sessions_today": 1})
    assert filled["sessions_today"] == "lots"


def test_only_the_session_count_and_the_weeks_of_pain_come_from_the_journal(
    kb: KnowledgeBase,
) -> None:
    found = [q.id for q in kb.screening.questions if q.from_journal]
    assert found == ["sessions_today", "weeks_with_pain"]


@pytest.mark.parametrize(
    ("question_id", "level"),
    [
        ("cant_find_points", "caution"),
        ("flare", "not_today"),
        ("varicose_veins", "caution"),
        ("hip_replacement", "caution"),
    ],
)
def test_not_sure_on_a_minor_question_counts_as_yes_not_as_a_check(
    kb: KnowledgeBase, question_id: str, level: str
) -> None:
    (reason,) = screen(kb, all_clear() | {question_id: NOT_SURE}).reasons
    assert reason.level == level and reason.unsure
    assert reason.message.startswith(kb.screening.not_sure.minor)
    assert screen(kb, all_clear() | {question_id: True}).level == level


def test_only_minor_questions_count_not_sure_as_yes(kb: KnowledgeBase) -> None:
    minor = {q.id for q in kb.screening.questions if q.unsure_counts_as_yes}
    assert minor == MINOR
    levels = {kb.screening.question_by_id[q].rule.level for q in minor}
    assert levels <= {"caution", "not_today", "ok"}
