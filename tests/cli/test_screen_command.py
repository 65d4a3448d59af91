"""``sciatica-coach screen``: from a file, interactively (standing flags, every daily
question, the health history when it is due), and with bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sciatica_coach.cli import journal_access
from sciatica_coach.cli.screen_questions import read_began
from sciatica_coach.coach import safety_records
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.coach.health_history import daily_questions, history_questions
from sciatica_coach.content import KnowledgeBase

from ..domain.screening_cases import SPEC, all_clear
from .checks import (
    BEGAN,
    daily,
    daily_answers,
    first_check,
    full_answers,
    history,
    lines,
)
from .checks import answers_file as named_file
from .conftest import Cli, Clock, flat


@pytest.fixture(autouse=True)
def fixed_clock(clock: Clock) -> Clock:
    """Every test here runs at the terminal's fixed clock, never the real one."""
    return clock


def answers_file(tmp_path: Path, answers: dict[str, object]) -> str:
    return named_file(tmp_path, answers)


def test_it_allows_a_session_with_exit_code_0(cli: Cli, tmp_path: Path) -> None:
    result = cli("screen", "--answers", answers_file(tmp_path, all_clear()), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["level"] == "ok"
    assert data["session_allowed"] is True


def test_it_refuses_a_session_with_exit_code_3_and_cites_sources(cli: Cli, tmp_path: Path) -> None:
    path = answers_file(tmp_path, all_clear() | {"bladder_change": True, "anticoagulants": True})
    result = cli("screen", "--answers", path, "--json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["level"] == "emergency"
    assert data["session_allowed"] is False
    first = data["reasons"][0]
    assert first["question_id"] == "bladder_change"
    assert {s["id"] for s in first["sources"]} >= {"nhs_cauda_equina", "finucane_2020"}
    assert all(s["title"] for s in first["sources"])
    assert data["restrictions"] == [
        "light_pressure_only",
        "no_belly_pressure",
        "no_hard_ball",
        "no_massage_gun",
    ]


def test_it_shows_the_emergency_before_anything_else(cli: Cli, tmp_path: Path) -> None:
    path = answers_file(tmp_path, all_clear() | {"anticoagulants": True, "both_legs": True})
    result = cli("screen", "--answers", path)
    assert result.exit_code == 3
    out = flat(result.stdout)
    both_legs = kb_question("both_legs")[:40]
    blood_thinners = kb_question("anticoagulants")[:40]
    assert out.index("Emergency: get help now") < out.index(both_legs)
    # a reason that only limits a session is not shown when no session is allowed
    assert blood_thinners not in out
    assert "both_legs" not in out and "anticoagulants" not in out  # words, not ids


def test_it_shows_limits_in_plain_words(cli: Cli, tmp_path: Path) -> None:
    path = answers_file(tmp_path, all_clear() | {"skin_problem_areas": ["left:heel"]})
    result = cli("screen", "--answers", path)
    assert result.exit_code == 0
    assert "Limits for your sessions" in result.stdout
    assert "Stay off some areas (Heel (left))" in flat(result.stdout)
    assert "left:heel" not in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON (line 1"),
        ("[1, 2]", "must hold a JSON object"),
        (json.dumps(all_clear() | {"pain_now": 11}), "pain_now: Give a whole number from 0 to 10"),
        (
            json.dumps({k: v for k, v in full_answers().items() if k != "saddle_numbness"}),
            "saddle_numbness: Please answer this question",
        ),
        (json.dumps({"fever": True}), "cancer_history: Please look over your health history"),
        (json.dumps(full_answers(pain_began="2030-01-01")), "pain_began: The date the pain"),
    ],
)
def test_it_rejects_bad_answer_files_with_exit_code_2(
    cli: Cli, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content)
    result = cli("screen", "--answers", str(path))
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr


def test_it_rejects_a_missing_answers_file(cli: Cli, tmp_path: Path) -> None:
    result = cli("screen", "--answers", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert "no answers file" in result.stderr


def kb_question(question_id: str) -> str:
    from sciatica_coach.content import default_knowledge_base

    return next(q.question for q in default_knowledge_base().screening.questions
                if q.id == question_id)  # fmt: skip


@pytest.fixture
def returning(cli: Cli, clock: Clock, tmp_path: Path) -> Clock:
    """A person who took a whole check (history and all) two hours ago."""
    path = named_file(tmp_path, full_answers(), "first")
    assert cli("screen", "--answers", path).exit_code == 0
    clock.advance(hours=2)
    return clock


def test_it_stops_asking_at_the_first_emergency(cli: Cli, returning: Clock) -> None:
    result = cli("screen", typed="no\nyes\n")
    assert result.exit_code == 3
    assert "Emergency: get help now" in result.stdout
    assert "fever" not in result.stdout.lower()
    assert result.stdout.count("Answer yes, no or not sure") == 2


def test_a_first_check_stops_at_an_emergency_without_the_history(cli: Cli) -> None:
    result = cli("screen", typed="yes\n")
    assert result.exit_code == 3, result.stderr
    assert "Emergency: get help now" in result.stdout
    assert "health history" not in result.stdout.lower()


@pytest.mark.parametrize("word", ["?", "not sure", "NOT SURE", "Not_sure"])
def test_it_takes_not_sure_as_an_answer_and_counts_it_as_yes_on_a_red_flag(
    cli: Cli, returning: Clock, word: str
) -> None:
    result = cli("screen", "--json", typed=f"{word}\n")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["level"] == "emergency"
    assert data["unsure"] == ["saddle_numbness"]
    assert data["answers"]["saddle_numbness"] == "not_sure"


@pytest.mark.parametrize("word", ["y", "Y", "yes", "YES"])
def test_it_takes_yes_in_any_case(cli: Cli, returning: Clock, word: str) -> None:
    result = cli("screen", "--json", typed=f"{word}\n")
    assert json.loads(result.stdout)["answers"]["saddle_numbness"] is True


def test_it_never_asks_what_the_journal_knows(cli: Cli, kb: KnowledgeBase) -> None:
    result = cli("screen", "--json", typed=first_check(kb))
    assert result.exit_code == 0, result.stderr
    assert "How many self-massage sessions" not in result.stderr
    assert "How many weeks have you had this pain" not in result.stderr
    data = json.loads(result.stdout)
    assert data["answers"]["sessions_today"] == 0
    assert data["answers"]["weeks_with_pain"] == 4  # from 1 Nov to Wed 2 Dec


def test_a_first_check_asks_the_daily_questions_then_the_history(
    cli: Cli, kb: KnowledgeBase
) -> None:
    result = cli("screen", typed=first_check(kb))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    days, kept = len(daily_questions(kb)), len(history_questions(kb))
    assert f"Question {days} of {days}" in out
    assert f"Your health history {kept} of {kept}" in out
    assert out.index(f"Question {days} of {days}") < out.index("Your health history 1 of")
    assert "On what date did this spell of pain begin?" in out
    assert "That is Sun 1 Nov 2026." in out
    assert "Is this still right?" not in out  # nothing kept yet


def test_the_daily_questions_are_asked_topic_by_topic_under_headings_that_name_the_topic(
    cli: Cli, kb: KnowledgeBase, returning: Clock
) -> None:
    result = cli("screen", "--json", typed=lines(daily(kb)))
    assert result.exit_code == 0, result.stderr
    asked = flat(result.stderr)
    titles = [t.title for t in kb.screening.topics]
    where = [asked.index(title) for title in titles]
    assert where == sorted(where)  # each once, in order, the emergency signs' topic first
    assert all(asked.count(title) == 1 for title in titles)
    first: dict[str | None, str] = {}
    for question in daily_questions(kb):
        first.setdefault(question.topic, question.question[:40])
    for topic in kb.screening.topics:  # each heading comes before its first question
        assert asked.index(topic.title) < asked.index(flat(first[topic.id]))
    for word in ("right away", "doctor", "get checked", "emergency"):
        assert not any(word in title.lower() for title in titles), word


def test_each_areas_question_offers_its_own_no(
    cli: Cli, kb: KnowledgeBase, returning: Clock
) -> None:
    result = cli("screen", "--json", typed=lines(daily(kb)))
    asked = flat(result.stderr)
    for question_id in ("skin_problem_areas", "recent_strain"):
        label = kb.screening.question_by_id[question_id].no_label
        assert label is not None and f'or none for "{label}"' in asked


def test_every_result_but_an_emergency_ends_with_the_safety_net(
    cli: Cli, kb: KnowledgeBase, tmp_path: Path
) -> None:
    net = kb.screening.safety_net
    for extra in ({}, {"osteoporosis": True}, {"flare": True}, {"numbness": True}, {"fever": True}):
        path = answers_file(tmp_path, full_answers(**extra))
        result = cli("screen", "--answers", str(path))
        tail = result.stdout.rstrip().splitlines()[-20:]
        text = " ".join(tail)
        assert net.title in text, extra
        assert "Do not drive yourself." in text, extra
        said = flat(result.stdout)
        assert net.today_title in said and flat(net.today_signs[0]) in said, extra
        assert said.index(net.today_title) < said.index(net.title), extra  # emergency last
        data = json.loads(cli("screen", "--answers", str(path), "--json").stdout)
        assert data["safety_net"]["action"] == net.action
        assert data["safety_net"]["today_signs"] == list(net.today_signs)
    emergency = cli("screen", "--answers", str(answers_file(tmp_path, {"both_legs": True})))
    assert "Do not wait for a GP appointment" in emergency.stdout


@pytest.mark.parametrize(
    ("extra", "shown"),
    [
        ({}, True),
        ({"osteoporosis": True}, True),
        ({"flare": True}, True),
        ({"numbness": True}, False),
        ({"fever": True}, False),
    ],
)
def test_a_result_that_allows_a_session_or_says_not_today_says_when_to_see_a_gp(
    cli: Cli, kb: KnowledgeBase, tmp_path: Path, extra: dict[str, object], shown: bool
) -> None:
    path = answers_file(tmp_path, full_answers(**extra))
    see_gp = kb.screening.safety_net.see_gp
    assert (flat(see_gp) in flat(cli("screen", "--answers", path).stdout)) is shown
    data = json.loads(cli("screen", "--answers", path, "--json").stdout)
    assert data["see_gp"] == (see_gp if shown else None)


def test_it_asks_every_question_and_saves_the_answers(
    cli: Cli, kb: KnowledgeBase, tmp_path: Path
) -> None:
    answers = all_clear() | {"osteoporosis": True, "skin_problem_areas": ["right:heel"]}
    saved = tmp_path / "saved.json"
    result = cli("screen", "--save-answers", str(saved), typed=first_check(kb, answers))
    assert result.exit_code == 0, result.stdout
    assert "Go ahead, with care" in result.stdout
    written = json.loads(saved.read_text())
    assert written == answers | {"sessions_today": 0, "weeks_with_pain": 4, "pain_began": BEGAN}
    assert len(written) == len(SPEC) + 1
    again = cli("screen", "--answers", str(saved), "--json")  # the saved file works as given
    assert again.exit_code == 0 and json.loads(again.stdout)["level"] == "caution"


def test_it_asks_again_after_a_bad_answer_and_loses_nothing(
    cli: Cli, kb: KnowledgeBase, returning: Clock
) -> None:
    typed_in = lines(daily(kb)).replace("\n7\n", "\n11\n7\n", 1)
    result = cli("screen", "--json", typed=typed_in)
    assert result.exit_code == 0, result.stderr
    assert "give a whole number from 0 to 10" in result.stderr
    assert json.loads(result.stdout)["answers"]["pain_now"] == 7


def test_it_says_so_when_the_questions_are_cut_short(cli: Cli) -> None:
    result = cli("screen", typed="no\nno\n")
    assert result.exit_code == 2
    assert "stopped before it was finished" in result.stderr


# --- a returning person: every daily question, the history once a week ---------------------


def test_a_returning_person_is_asked_every_daily_question_and_not_the_history(
    cli: Cli, kb: KnowledgeBase, returning: Clock
) -> None:
    result = cli("screen", "--json", typed=lines(daily(kb)))
    assert result.exit_code == 0, result.stderr
    asked = result.stderr
    days = len(daily_questions(kb))
    for number, question in enumerate(daily_questions(kb), start=1):
        assert f"Question {number} of {days}" in asked
        assert question.question[:40] in " ".join(asked.split())
    assert "Your health history: confirmed on Wed 2 Dec 2026" in flat(asked)
    assert "(no)" not in asked and "(none)" not in asked  # nothing offered from last time
    assert "Is this still right?" not in asked
    data = json.loads(result.stdout)
    assert data["answers"]["cancer_history"] is False  # from the kept history
    assert data["answers"]["weeks_with_pain"] == 4


def test_history_typed_at_a_question_asks_the_history_after_the_daily_ones(
    cli: Cli, kb: KnowledgeBase, returning: Clock
) -> None:
    typed_in = lines(daily(kb)[:2], "history", daily(kb)[2:], "n", history(kb), "3 weeks ago")
    result = cli("screen", "--json", typed=typed_in)
    assert result.exit_code == 0, result.stderr
    assert "Your health history: asked after these questions." in flat(result.stderr)
    assert "Is this still right? [Y/n]" in result.stderr
    assert "That is Wed 11 Nov 2026." in result.stderr
    kept = safety_records.read(journal_access.journal(), returning()).history
    assert kept is not None and kept.pain_began == date(2026, 11, 11)
    assert kept.confirmed_at == returning()


def test_after_a_week_the_kept_history_is_shown_to_confirm(
    cli: Cli, kb: KnowledgeBase, returning: Clock
) -> None:
    returning.advance(days=8)
    result = cli("screen", typed=lines(daily(kb), ""))  # Enter: it is still right
    assert result.exit_code == 0, result.stderr
    out = flat(result.stdout)
    assert "Your health history (confirmed on Wed 2 Dec 2026)" in out
    assert f"{kb_question('cancer_history')} No" in out
    assert "On what date did this spell of pain begin? Sun 1 Nov 2026" in out
    assert "Is this still right? [Y/n]" in out
    assert "Your health history 1 of" not in out  # not asked one by one
    kept = safety_records.read(journal_access.journal(), returning()).history
    assert kept is not None and kept.confirmed_at == returning()
    assert kept.pain_began == date(2026, 11, 1)


def test_a_history_no_longer_right_is_asked_with_the_kept_answers_as_defaults(
    cli: Cli, kb: KnowledgeBase, returning: Clock
) -> None:
    returning.advance(days=8)
    changed = [""] * len(history(kb))
    anticoagulants = [q.id for q in history_questions(kb)].index("anticoagulants")
    changed[anticoagulants] = "yes"
    result = cli("screen", "--json", typed=lines(daily(kb), "n", changed, ""))
    assert result.exit_code == 0, result.stderr
    asked = result.stderr
    assert "Answer yes, no or not sure (y / n / ?) (no):" in asked
    assert "(2026-11-01):" in asked  # the date kept, Enter keeps it
    data = json.loads(result.stdout)
    assert data["level"] == "caution"
    assert data["answers"]["anticoagulants"] is True
    kept = safety_records.read(journal_access.journal(), returning()).history
    assert kept is not None and kept.answers["anticoagulants"] is True
    assert kept.pain_began == date(2026, 11, 1)


def test_daily_answers_alone_do_while_the_history_is_current(
    cli: Cli, kb: KnowledgeBase, returning: Clock, tmp_path: Path
) -> None:
    path = named_file(tmp_path, daily_answers(kb), "daily")
    assert cli("screen", "--answers", path).exit_code == 0
    returning.advance(days=8)
    refused = cli("screen", "--answers", path)
    assert refused.exit_code == 2
    said = flat(refused.stderr)
    assert "cancer_history: Please look over your health history" in said
    assert "pain_began: Please give the date this spell of pain began" in said
    assert "The health history is kept for a week" in said
    assert "Traceback" not in refused.stderr


@pytest.mark.parametrize(
    ("typed_in", "day"),
    [
        ("today", date(2026, 12, 2)),
        ("Yesterday", date(2026, 12, 1)),
        ("3 weeks ago", date(2026, 11, 11)),
        ("1 week ago", date(2026, 11, 25)),
        ("10 days ago", date(2026, 11, 22)),
        ("2 months ago", date(2026, 10, 2)),
        ("1 year ago", date(2025, 12, 2)),
        (" 2026-11-02 ", date(2026, 11, 2)),
    ],
)
def test_the_day_the_pain_began_is_read_from_a_date_or_how_long_ago(
    clock: Clock, typed_in: str, day: date
) -> None:
    assert read_began(typed_in, clock()) == day


@pytest.mark.parametrize(
    ("typed_in", "said"),
    [
        ("last spring", "Type a date such as 2026-11-02, or how long ago"),
        ("3 fortnights ago", "Type a date such as"),
        ("2026-12-25", "cannot be later than today"),
        ("1850-01-01", "after 1900"),
        ("999 years ago", "after 1900"),
    ],
)
def test_a_day_that_cannot_be_read_says_how_to_write_it(
    clock: Clock, typed_in: str, said: str
) -> None:
    with pytest.raises(Invalid) as problem:
        read_began(typed_in, clock())
    assert said in problem.value.message


def test_a_date_that_cannot_be_read_is_asked_again(cli: Cli, kb: KnowledgeBase) -> None:
    typed_in = lines(daily(kb), history(kb), "soon", "2026-11-30")
    result = cli("screen", typed=typed_in)
    assert result.exit_code == 0, result.stderr
    assert "Type a date such as 2026-11-02" in flat(result.stdout)
    assert "That is Mon 30 Nov 2026." in result.stdout


# --- red flags: asked again sign by sign ----------------------------------------------------


@pytest.fixture
def flagged(cli: Cli, clock: Clock, tmp_path: Path) -> Clock:
    """At 09:00 the person was not sure about numbness around the bottom (an emergency)."""
    path = named_file(tmp_path, full_answers(saddle_numbness="not_sure"), "flagged")
    assert cli("screen", "--answers", path).exit_code == 3
    clock.advance(minutes=30)
    return clock


def test_a_red_flag_stands_whatever_new_answers_say(
    cli: Cli, kb: KnowledgeBase, flagged: Clock, tmp_path: Path
) -> None:
    clear = named_file(tmp_path, daily_answers(kb), "clear")
    again = cli("screen", "--answers", clear, "--json")
    assert again.exit_code == 3
    data = json.loads(again.stdout)
    assert data["level"] == "emergency"
    assert "flag:saddle_numbness" in {r["question_id"] for r in data["reasons"]}
    assert [f["question_id"] for f in data["flags"]] == ["saddle_numbness"]
    flagged.advance(hours=2)  # past the hour a check counts for: still there
    assert cli("screen", "--answers", clear).exit_code == 3


def test_the_check_asks_each_standing_flag_again_first(
    cli: Cli, kb: KnowledgeBase, flagged: Clock
) -> None:
    words = kb.screening.flags
    kept = cli("screen", typed=lines("3", daily(kb)))
    assert kept.exit_code == 3
    out = flat(kept.stdout)
    assert 'At 09:00 you said "not sure" to: Is there new numbness' in out
    for choice in (words.wrong_answer, words.still_have, words.still_not_sure, words.seen_doctor):
        assert choice in out
    assert out.index(words.seen_doctor) < out.index("Question 1 of")
    assert words.kept in out
    assert "Emergency: get help now" in out
    lifted = cli("screen", typed=lines("1", daily(kb)))
    assert lifted.exit_code == 0, lifted.stdout
    out = flat(lifted.stdout)
    assert words.lifted in out
    top = out.index("Go ahead")
    corrected = out.index('At 09:00 you said "not sure" to')
    emergency_signs = out.index(flat(kb.emergency_signs[0].text))
    assert out.rindex(words.lifted) < top and corrected < top and emergency_signs < top


def test_a_wrong_choice_is_asked_again(cli: Cli, kb: KnowledgeBase, flagged: Clock) -> None:
    result = cli("screen", typed=lines("7", "wrong", "1", daily(kb)))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.count("Please type a number from 1 to 4.") == 2


def test_a_doctor_seen_since_lifts_the_flag_from_the_check(
    cli: Cli, kb: KnowledgeBase, flagged: Clock
) -> None:
    result = cli("screen", "--json", typed=lines("4", daily(kb)))
    assert result.exit_code == 0, result.stderr
    assert f"Saved: {kb.screening.flags.seen_doctor}." in result.stderr
    assert json.loads(result.stdout)["flags"] == []
    nothing_asked = cli("screen", typed=lines(daily(kb)))
    assert nothing_asked.exit_code == 0
    assert kb.screening.flags.wrong_answer not in nothing_asked.stdout


def test_each_standing_flag_is_asked_on_its_own(
    cli: Cli, kb: KnowledgeBase, clock: Clock, tmp_path: Path
) -> None:
    path = named_file(tmp_path, full_answers(saddle_numbness=True, fever="not_sure"), "two")
    assert cli("screen", "--answers", path).exit_code == 3
    clock.advance(minutes=30)
    result = cli("screen", "--json", typed=lines("1", "4", daily(kb)))
    assert result.exit_code == 0, result.stderr
    asked = flat(result.stderr)
    first = asked.index('At 09:00 you said "yes" to: Is there new numbness')
    second = asked.index('At 09:00 you said "not sure" to: Do you have a temperature')
    assert first < second < asked.index("Question 1 of")
    assert "(1 of 2)" in asked and "(2 of 2)" in asked
    data = json.loads(result.stdout)
    assert data["flags"] == [] and data["level"] == "ok"
    assert [c["question_id"] for c in data["corrected"]] == ["saddle_numbness"]


def test_the_json_result_names_the_corrected_flags(
    cli: Cli, kb: KnowledgeBase, flagged: Clock
) -> None:
    result = cli("screen", "--json", typed=lines("1", daily(kb)))
    data = json.loads(result.stdout)
    (corrected,) = data["corrected"]
    assert corrected["question_id"] == "saddle_numbness"
    assert corrected["answer"] == "not_sure" and corrected["level"] == "emergency"
    assert corrected["restated"].startswith('At 09:00 you said "not sure" to:')
