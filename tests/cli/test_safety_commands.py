"""``flags``, ``clearance`` and ``safety-log``; plans and sessions refused while a red flag
stands; a journal entry that ends the check; the map after a session that says to stop."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sciatica_coach.cli import session_player
from sciatica_coach.coach.clearances import clearable
from sciatica_coach.content import KnowledgeBase

from .checks import answers_file, daily_answers, full_answers
from .conftest import Cli, Clock, flat


@pytest.fixture(autouse=True)
def fixed_clock(clock: Clock, monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Every command here, and a session's own player, on the terminal's fixed clock."""
    monkeypatch.setattr(session_player, "local_now", clock)
    return clock


@pytest.fixture
def flagged(cli: Cli, clock: Clock, tmp_path: Path) -> Clock:
    """At 09:00 the person was not sure about numbness around the bottom (an emergency)."""
    path = answers_file(tmp_path, full_answers(saddle_numbness="not_sure"), "flagged")
    assert cli("screen", "--answers", path).exit_code == 3
    clock.advance(minutes=30)
    return clock


# --- flags -------------------------------------------------------------------------------


def test_no_flag_stands_in_a_new_journal(cli: Cli) -> None:
    result = cli("flags")
    assert result.exit_code == 0
    assert "No red flag stands now." in result.stdout
    assert cli.json("flags") == {"flags": [], "signs": []}


def test_flags_lists_each_sign_with_until_when_and_how_to_answer_it(
    cli: Cli, kb: KnowledgeBase, flagged: Clock
) -> None:
    result = cli("flags")
    assert result.exit_code == 0
    out = flat(result.stdout)
    assert 'At 09:00 you said "not sure" to: Is there new numbness' in out
    assert "Stands until Thu 3 Dec at 09:00." in out
    assert "sciatica-coach flags review saddle_numbness wrong_answer|still_have|not_sure" in out
    assert "sciatica-coach flags seen-doctor saddle_numbness" in out
    (shown,) = cli.json("flags")["flags"]
    assert shown["question_id"] == "saddle_numbness"
    assert shown["answer"] == "not_sure" and shown["level"] == "emergency"
    assert shown["taken_at"] == "2026-12-02T09:00:00+00:00"
    assert shown["until"] == "2026-12-03T09:00:00+00:00"
    assert shown["restated"].startswith('At 09:00 you said "not sure"')


@pytest.mark.parametrize("answer", ["still_have", "not_sure", "Still-Have", "NOT SURE"])
def test_still_having_it_or_not_being_sure_keeps_the_flag(
    cli: Cli, kb: KnowledgeBase, flagged: Clock, answer: str
) -> None:
    result = cli("flags", "review", "saddle_numbness", answer)
    assert result.exit_code == 0, result.stderr
    assert kb.screening.flags.kept in flat(result.stdout)
    assert len(cli.json("flags")["flags"]) == 1


@pytest.mark.parametrize("sign", ["saddle_numbness", "Saddle-Numbness", "saddle numbness"])
def test_the_wrong_answer_lifts_the_flag_typed_in_any_case(
    cli: Cli, kb: KnowledgeBase, flagged: Clock, sign: str
) -> None:
    result = cli("flags", "review", sign, "Wrong-Answer")
    assert result.exit_code == 0, result.stderr
    assert kb.screening.flags.lifted in flat(result.stdout)
    assert cli.json("flags")["flags"] == []


def test_a_review_as_json(cli: Cli, flagged: Clock) -> None:
    data = cli.json("flags", "review", "saddle_numbness", "wrong_answer")
    assert data["lifted"] is True and data["standing"] == []
    assert data["question_id"] == "saddle_numbness" and data["answer"] == "wrong_answer"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["saddle_numbness", "wrong"], "answer with one of: wrong_answer, still_have, not_sure"),
        (["sadle_numbnes", "wrong_answer"], "Did you mean: saddle_numbness"),
        (["fever", "wrong_answer"], "that sign does not stand now; the signs that do: saddle"),
    ],
)
def test_a_review_that_cannot_be_used_exits_2(
    cli: Cli, flagged: Clock, args: list[str], said: str
) -> None:
    result = cli("flags", "review", *args)
    assert result.exit_code == 2
    assert said in flat(result.stderr)
    assert "Traceback" not in result.stderr
    assert len(cli.json("flags")["flags"]) == 1  # nothing recorded


def test_a_review_with_no_flag_standing_exits_2(cli: Cli) -> None:
    result = cli("flags", "review", "saddle_numbness", "wrong_answer")
    assert result.exit_code == 2
    assert "no red flag stands now" in flat(result.stderr)


def test_a_doctor_seen_since_lifts_that_flag(
    cli: Cli, kb: KnowledgeBase, clock: Clock, tmp_path: Path
) -> None:
    path = answers_file(tmp_path, full_answers(saddle_numbness="not_sure", fever=True))
    assert cli("screen", "--answers", path).exit_code == 3
    clock.advance(minutes=30)
    result = cli("flags", "seen-doctor", "Saddle-Numbness")
    assert result.exit_code == 0, result.stderr
    assert f"Saved: {kb.screening.flags.seen_doctor}." in flat(result.stdout)
    assert "1 red flag still stands" in flat(result.stdout)
    assert [f["question_id"] for f in cli.json("flags")["flags"]] == ["fever"]
    data = cli.json("flags", "seen-doctor", "fever")
    assert data == {"sign": "fever", "standing": []}


@pytest.mark.parametrize(
    ("sign", "said"),
    [("sadle-numbnes", "Did you mean: saddle_numbness"), ("journal:numbness", "Unknown sign")],
)
def test_a_doctor_seen_about_a_sign_that_does_not_stand_exits_2(
    cli: Cli, flagged: Clock, sign: str, said: str
) -> None:
    result = cli("flags", "seen-doctor", sign)
    assert result.exit_code == 2
    assert said in flat(result.stderr)
    assert len(cli.json("flags")["flags"]) == 1


def test_a_doctor_seen_with_nothing_standing_exits_2(cli: Cli) -> None:
    result = cli("flags", "seen-doctor", "fever")
    assert result.exit_code == 2
    assert "nothing to record" in flat(result.stderr)


def test_signs_logged_in_the_journal_are_listed_with_how_to_record_a_visit(
    cli: Cli, clock: Clock
) -> None:
    assert (
        cli("log", "pain", "5", "--where", "left:foot_sole", "--feels", "numbness").exit_code == 0
    )
    clock.advance(minutes=5)
    out = flat(cli("flags").stdout)
    assert "No red flag stands now." in out
    assert "You logged numbness at 09:00." in out
    assert "sciatica-coach flags seen-doctor journal:numbness" in out
    (sign,) = cli.json("flags")["signs"]
    assert sign["id"] == "journal:numbness"
    assert cli("flags", "seen-doctor", "Journal:Numbness").exit_code == 0
    assert cli.json("flags")["signs"] == []


def test_a_flag_lapses_after_24_hours(cli: Cli, flagged: Clock) -> None:
    flagged.advance(hours=23)
    assert len(cli.json("flags")["flags"]) == 1
    flagged.advance(hours=1)
    assert cli.json("flags")["flags"] == []


# --- plan and session refused while a flag stands --------------------------------------------


def test_no_plan_while_a_flag_stands_and_nothing_is_asked(
    cli: Cli, kb: KnowledgeBase, flagged: Clock, tmp_path: Path
) -> None:
    result = cli("plan", "--muscles", "piriformis:left")
    assert result.exit_code == 3
    out = flat(result.stdout)
    assert "stands for 24 hours, so no plan or session can start" in out
    assert 'At 09:00 you said "not sure" to: Is there new numbness' in out
    assert "sciatica-coach flags lists them" in out
    assert "Question 1 of" not in out and "Your routine" not in out
    clear = answers_file(tmp_path, daily_answers(kb), "clear")
    with_answers = cli("plan", "--muscles", "piriformis:left", "--answers", clear, "--json")
    assert with_answers.exit_code == 3
    data = json.loads(with_answers.stdout)
    assert data["plan"] is None and data["code"] == "red_flag_stands"
    assert data["level"] == "emergency"
    assert data["reasons"][0].startswith('At 09:00 you said "not sure"')


def test_no_session_while_a_flag_stands(
    cli: Cli, kb: KnowledgeBase, clock: Clock, tmp_path: Path
) -> None:
    clear = answers_file(tmp_path, full_answers(), "clear")
    made = cli("plan", "--muscles", "piriformis:left", "--answers", clear)
    assert made.exit_code == 0, made.stderr
    clock.advance(minutes=5)
    fever = answers_file(tmp_path, daily_answers(kb, fever=True), "fever")
    assert cli("screen", "--answers", fever).exit_code == 3
    clock.advance(minutes=5)
    result = cli("session", "--script", answers_file(tmp_path, {}, "empty"), "--fast")
    assert result.exit_code == 3
    out = flat(result.stdout)
    assert 'At 09:05 you said "yes" to:' in out and "no plan or session can start" in out
    assert "Playing your plan" not in out
    assert cli("flags", "review", "fever", "wrong_answer").exit_code == 0
    assert cli("screen", "--answers", answers_file(tmp_path, daily_answers(kb))).exit_code == 0


# --- clearance -------------------------------------------------------------------------------


def test_clearance_list_names_each_reason_it_can_clear(cli: Cli, kb: KnowledgeBase) -> None:
    result = cli("clearance", "list")
    assert result.exit_code == 0
    out = flat(result.stdout)
    assert kb.screening.clearances.question in out
    for reason in clearable(kb):
        assert flat(reason.label) in out
        assert f"sciatica-coach clearance add {reason.id} --checked-on" in out
    assert "Recorded None yet." in out
    assert flat(cli("clearance").stdout) == out  # the bare group lists too
    data = cli.json("clearance", "list")
    assert [r["id"] for r in data["reasons"]] == [r.id for r in clearable(kb)]
    assert data["recorded"] == []


def test_a_clearance_turns_a_stable_reason_into_a_caution(
    cli: Cli, kb: KnowledgeBase, tmp_path: Path
) -> None:
    cancer = answers_file(tmp_path, full_answers(cancer_history=True), "cancer")
    assert json.loads(cli("screen", "--answers", cancer, "--json").stdout)["level"] == (
        "see_professional"
    )
    added = cli(
        "clearance", "add", "Cancer-History", "--checked-on", "2026-11-20", "--who", "Dr Shah"
    )
    assert added.exit_code == 0, added.stderr
    out = flat(added.stdout)
    assert "Saved (entry" in out and "Have you ever had cancer?" in out
    applied = kb.screening.clearances.applied.format(date="20 Nov 2026", who=" (Dr Shah)")
    assert applied in out
    result = json.loads(cli("screen", "--answers", cancer, "--json").stdout)
    assert result["level"] == "caution" and result["session_allowed"] is True
    (recorded,) = cli.json("clearance", "list")["recorded"]
    assert recorded["reason"] == "cancer_history" and recorded["checked_on"] == "2026-11-20"
    assert recorded["who"] == "Dr Shah"
    assert f"Have you ever had cancer? {applied}" in flat(cli("clearance", "list").stdout)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["cancr_history", "--checked-on", "2026-11-20"], "Did you mean: cancer_history"),
        (["fever", "--checked-on", "2026-11-20"], "Unknown reason 'fever'"),
        (["cancer_history", "--checked-on", "20/11/2026"], "year-month-day"),
        (["cancer_history", "--checked-on", "2026-12-25"], "cannot be later than today"),
        (["cancer_history", "--checked-on", "2025-01-01"], "counts for 6 months"),
        (["cancer_history"], "--checked-on"),
        (["cancer_history", "--checked-on", "2026-11-20", "--who", "x" * 101], "100 characters"),
    ],
)
def test_a_clearance_that_cannot_be_used_exits_2(cli: Cli, args: list[str], said: str) -> None:
    result = cli("clearance", "add", *args)
    assert result.exit_code == 2
    assert said in flat(result.stderr)
    assert "Traceback" not in result.stderr
    assert cli.json("clearance", "list")["recorded"] == []


# --- safety-log ------------------------------------------------------------------------------


def test_the_safety_log_lists_flags_reviews_visits_and_clearances(cli: Cli, flagged: Clock) -> None:
    assert "Nothing in the last 8 weeks" not in cli("safety-log").stdout
    cli("flags", "review", "saddle_numbness", "not_sure")
    flagged.advance(minutes=10)
    cli("flags", "seen-doctor", "saddle_numbness")
    cli("clearance", "add", "pregnant", "--checked-on", "2026-11-30")
    result = cli("safety-log")
    assert result.exit_code == 0
    out = flat(result.stdout)
    assert 'Answered "not sure" to: Is there new numbness' in out
    assert "09:00 today" in out and "09:40 today" in out
    events = cli.json("safety-log")
    assert [e["kind"] for e in events] == ["flag", "flag_review", "doctor_seen", "clearance"]
    assert events[0]["question_id"] == "saddle_numbness"
    places = [out.index(flat(e["text"])) for e in events]  # each in words, oldest first
    assert places == sorted(places)
    flagged.advance(weeks=3)
    assert cli.json("safety-log", "--weeks", "2") == []
    assert "Nothing in the last 2 weeks" in cli("safety-log", "--weeks", "2").stdout


def test_the_safety_log_refuses_a_bad_span(cli: Cli) -> None:
    result = cli("safety-log", "--weeks", "0")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


# --- what is logged ends the check -------------------------------------------------------


def test_a_sign_logged_after_a_check_says_at_once_that_it_ended(
    cli: Cli, clock: Clock, tmp_path: Path
) -> None:
    assert cli("screen", "--answers", answers_file(tmp_path, full_answers())).exit_code == 0
    clock.advance(minutes=5)
    plain = cli("log", "pain", "4", "--where", "left:buttock_center", "--feels", "ache")
    assert plain.exit_code == 0
    assert "Since your last safety check" not in plain.stdout
    clock.advance(minutes=5)
    result = cli(
        "log", "pain", "6", "--where", "left:thigh_posterior,right:thigh_posterior",
        "--feels", "numbness,burning",
    )  # fmt: skip
    assert result.exit_code == 0
    out = flat(result.stdout)
    assert "Saved pain score" in out
    assert "Since your last safety check you logged numbness, both legs" in out
    assert "(at 09:10)" in out
    assert len(result.stdout.strip().splitlines()) <= 3  # one short message, no more


def test_a_note_that_shows_a_sign_ends_the_check(cli: Cli, clock: Clock, tmp_path: Path) -> None:
    assert cli("screen", "--answers", answers_file(tmp_path, full_answers())).exit_code == 0
    clock.advance(minutes=5)
    assert "Since your last" not in cli("log", "note", "slept well").stdout
    result = cli("log", "note", "my left foot feels numb")
    assert "Since your last safety check you logged numbness" in flat(result.stdout)
    refused = cli("plan", "--muscles", "piriformis:left", typed="")
    assert "Since your last safety check you logged numbness" in flat(refused.stdout)


def test_no_check_no_message(cli: Cli) -> None:
    result = cli("log", "note", "numb toes")
    assert result.exit_code == 0
    assert "Since your last" not in result.stdout


# --- the map after a session -------------------------------------------------------------------


@pytest.fixture
def planned(cli: Cli, clock: Clock, tmp_path: Path) -> Path:
    clear = answers_file(tmp_path, full_answers(), "clear")
    made = cli(
        "plan", "--muscles", "piriformis:left", "--tools", "tennis_ball",
        "--minutes", "10", "--answers", clear,
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    script = tmp_path / "script.txt"
    script.write_text("found\ngood\nfound\ngood\n", encoding="utf-8")
    return script


def test_new_numbness_on_the_map_after_a_session_is_said_at_once(
    cli: Cli, kb: KnowledgeBase, planned: Path, clock: Clock
) -> None:
    result = cli(
        "session", "--script", str(planned), "--fast", "--pain-after", "3",
        "--where-after", "left:buttock_center", "--feels-after", "numbness",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    out = flat(result.stdout)
    warning = flat(kb.screening.logged_signs.after_session)
    assert warning in out
    assert out.index(warning) < out.index(kb.routine.script.finished)
    clock.advance(minutes=30)  # the session's own clock ran ahead while it played
    later = cli("plan", "--muscles", "piriformis:left", typed="")
    assert "Since your last safety check you logged numbness" in flat(later.stdout)


def test_an_after_map_without_new_signs_says_nothing_more(
    cli: Cli, kb: KnowledgeBase, planned: Path
) -> None:
    result = cli(
        "session", "--script", str(planned), "--fast", "--pain-after", "3",
        "--where-after", "left:buttock_center", "--feels-after", "ache",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert flat(kb.screening.logged_signs.after_session) not in flat(result.stdout)


def test_the_map_after_a_session_is_asked_when_typed_at_the_keyboard(
    cli: Cli, kb: KnowledgeBase, planned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sciatica_coach.cli import session_command

    typed = iter(["left:hel", "left:heel, right:heel", "numbnes", "numbness"])
    monkeypatch.setattr("builtins.input", lambda: next(typed))
    marks = session_command.ask_after(kb)
    assert marks is not None
    places, feels = marks
    assert [str(p) for p in places] == ["left:heel", "right:heel"] and feels == ["numbness"]
    typed = iter([""])
    assert session_command.ask_after(kb) is None


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--where-after", "left:heel"], "needs the pain at the end"),
        (["--feels-after", "numbness"], "needs the places"),
        (["--pain-after", "2", "--where-after", "left:hell"], "Did you mean left:heel"),
    ],
)
def test_an_after_map_that_cannot_be_used_exits_2_before_the_session(
    cli: Cli, planned: Path, args: list[str], said: str
) -> None:
    result = cli("session", "--script", str(planned), "--fast", *args)
    assert result.exit_code == 2
    assert said in flat(result.stderr)
    assert "Playing your plan" not in result.stdout
