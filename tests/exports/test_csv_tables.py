"""The CSV export, read back as a clinician's spreadsheet would: a ZIP of flat tables, each
described column by column in its README, one plain value a cell, times with their offset,
and no cell a spreadsheet would run as a formula (OWASP CSV injection); the safety log with
every red flag, what followed it, and the clearances."""

from __future__ import annotations

import csv
import io
import re
import stat
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.coach import clearances
from sciatica_coach.coach.clinical_export import csv_records
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.exports.csv_tables import FORMULA_STARTS, cell, journal_zip, safe_cell

from ..coach.fakes import FakeJournal
from ..coach.journal_days import NOTE_WRITTEN, NOW, two_weeks
from .safety_days import CLEARED, DOCTOR, FLAGGED, LAPSED, STANDING, STILL, WRONG, safety_days

FILES = [
    "README.txt",
    "pain.csv",
    "peg.csv",
    "sessions.csv",
    "screenings.csv",
    "maps.csv",
    "notes.csv",
    "safety_log.csv",
]
OFFSET_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")
NASTY = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def tables(data: bytes) -> dict[str, list[dict[str, str]]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {
        name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
        for name in archive.namelist()
        if name.endswith(".csv")
    }


def headers(data: bytes, name: str) -> list[str]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return next(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def journal(kb: KnowledgeBase) -> FakeJournal:
    """Two weeks of days (sessions, one stopped for bad pain; maps; pain; PEG; notes; a check
    with broken skin on the left calf), a pain score with places, and notes a spreadsheet
    would run as formulas."""
    journal = two_weeks(kb)
    journal.add_pain(
        NOW - timedelta(hours=2),
        5,
        worst=7,
        regions=[
            {"key": "left:calf_posterior", "intensity": 5, "kind": "burning", "feels": ["burning"]},
            {"key": "midline:sacrum", "intensity": 5, "kind": None, "feels": []},
        ],
    )
    for index, text in enumerate(NASTY):
        journal.add_note(NOW - timedelta(minutes=30 - index), text)
    return journal


@pytest.fixture(scope="module")
def exported(kb: KnowledgeBase, journal: FakeJournal) -> bytes:
    return journal_zip(csv_records(kb, journal, None, NOW))


def test_the_zip_holds_a_readme_and_seven_tables_always_in_one_order(exported: bytes) -> None:
    archive = zipfile.ZipFile(io.BytesIO(exported))
    assert archive.namelist() == FILES
    assert archive.testzip() is None


def test_the_readme_describes_every_column_of_every_file(exported: bytes) -> None:
    readme = zipfile.ZipFile(io.BytesIO(exported)).read("README.txt").decode("utf-8")
    for name in FILES[1:]:
        assert f"\r\n{name}: " in readme
        section = readme.split(f"\r\n{name}: ")[1].split("\r\n\r\n")[0]
        for column in headers(exported, name):
            assert f"\r\n  {column}: " in section, (name, column)


def test_pain_scores_are_one_row_each_with_their_numbers(
    exported: bytes, journal: FakeJournal
) -> None:
    rows = tables(exported)["pain.csv"]
    assert len(rows) == len(journal.pain_entries())
    assert [int(r["pain_now"]) for r in rows] == [e.now for e in journal.pain_entries()]
    last = rows[-1]
    assert (last["worst_today"], last["average_today"], last["places"]) == ("7", "", "2")
    assert all(OFFSET_TIME.match(r["recorded_at"]) for r in rows)
    noted = [r for r in rows if r["note"]]
    assert noted and noted[0]["note"] == "Sitting at work makes it worse after an hour"


def test_peg_scores_carry_the_mean(exported: bytes) -> None:
    rows = tables(exported)["peg.csv"]
    assert [(r["pain"], r["enjoyment"], r["activity"], r["peg_score"]) for r in rows] == [
        ("6", "6", "6", "6"),
        ("4", "5", "3", "4"),
    ]


def test_sessions_have_a_row_per_step_reached_and_the_holds_are_marked(
    exported: bytes, journal: FakeJournal
) -> None:
    rows = tables(exported)["sessions.csv"]
    sessions = journal.sessions()
    assert {int(r["session_id"]) for r in rows} == {s.id for s in sessions}
    holds = [r for r in rows if r["step_kind"] == "hold"]
    assert holds and all(r["muscle_id"] == "piriformis" and r["side"] == "left" for r in holds)
    assert all(r["muscle_name"] == "Piriformis" and r["tool_id"] == "tennis_ball" for r in holds)
    assert all(float(r["seconds_done"]) <= float(r["planned_seconds"]) for r in holds)
    assert all(r["region_name"] and r["technique_id"] for r in holds)
    finished = [r for r in rows if r["status"] == "finished"]
    assert {(r["pain_before"], r["pain_after"]) for r in finished} == {("6", "4"), ("4", "2")}
    stopped = [r for r in rows if r["status"] == "stopped"]
    assert {r["stop_reason"] for r in stopped} == {"bad_pain"}
    assert [r["feeling"] for r in stopped if r["step_kind"] == "hold"] == ["bad", "bad"]
    counted = {s.id: len(s.record["outcomes"]) for s in sessions}
    for session_id, steps in counted.items():
        assert sum(int(r["session_id"]) == session_id for r in rows) == steps
    assert all(OFFSET_TIME.match(r["started_at"]) for r in rows)


def test_a_session_whose_record_cannot_be_read_still_has_its_row(
    kb: KnowledgeBase, journal: FakeJournal
) -> None:
    broken = FakeJournal()
    first = journal.sessions()[0]
    broken.sessions_[first.id] = replace(first, record={"not": "a record"})
    rows = tables(journal_zip(csv_records(kb, broken, None, NOW)))["sessions.csv"]
    assert len(rows) == 1
    assert rows[0]["session_id"] == str(first.id) and rows[0]["pain_before"] == "6"
    assert rows[0]["step_kind"] == "" and rows[0]["step_number"] == ""


def test_screenings_have_a_column_per_question_answered_yes_no_or_not_sure(
    kb: KnowledgeBase, exported: bytes, journal: FakeJournal
) -> None:
    columns = headers(exported, "screenings.csv")
    questions = [q.id for q in kb.screening.questions]
    assert columns[6:] == questions
    rows = tables(exported)["screenings.csv"]
    assert len(rows) == len(journal.screenings())
    last = rows[-1]
    assert last["result_level"] == "see_professional" and last["session_allowed"] == "no"
    assert last["flagged_questions"].split("; ") == [  # most serious first, then as asked
        "history:bad_pain_stops",
        "skin_problem_areas",
        "anticoagulants",
    ]
    assert (last["anticoagulants"], last["fever"], last["pain_now"]) == ("yes", "no", "3")
    assert last["skin_problem_areas"] == "left:calf_posterior"
    assert all(r["result_level"] == "ok" and r["session_allowed"] == "yes" for r in rows[:-1])


def test_not_sure_reads_as_words(kb: KnowledgeBase) -> None:
    journal = FakeJournal()
    journal.add_screening(NOW, "see_professional", {"fever": "not_sure"}, {})
    rows = tables(journal_zip(csv_records(kb, journal, None, NOW)))["screenings.csv"]
    assert rows[0]["fever"] == "not sure" and rows[0]["bladder_change"] == ""


def test_maps_have_a_row_per_place_with_its_name_and_side(
    exported: bytes, journal: FakeJournal
) -> None:
    rows = tables(exported)["maps.csv"]
    marked = sum(len(m.regions) for m in journal.pain_maps())
    logged = sum(len(p.regions or []) for p in journal.pain_entries())
    assert len(rows) == marked + logged
    first = rows[0]
    assert (first["source"], first["moment"], first["place"]) == (
        "body_map",
        "before",
        "left:buttock_center",
    )
    assert (first["region_name"], first["side"], first["kind"]) == (
        "Middle of the buttock",
        "left",
        "ache",
    )
    sacrum = next(r for r in rows if r["region_id"] == "sacrum")
    assert (sacrum["source"], sacrum["side"], sacrum["moment"]) == ("pain_score", "", "")
    assert {r["moment"] for r in rows if r["source"] == "body_map"} == {"before", "after"}


def test_no_cell_holds_json_and_every_time_has_its_offset(exported: bytes) -> None:
    for name, rows in tables(exported).items():
        for row in rows:
            for column, value in row.items():
                assert not value.startswith(("{", "[")), (name, column, value)
                if column.endswith("_at") and value:
                    assert OFFSET_TIME.match(value), (name, column, value)
                    assert datetime.fromisoformat(value).utcoffset() == timedelta(0)


def test_a_cell_a_spreadsheet_would_run_is_kept_as_text(exported: bytes) -> None:
    notes = [row["text"] for row in tables(exported)["notes.csv"]]
    assert notes[-len(NASTY) :] == ["'" + text for text in NASTY]
    assert NOTE_WRITTEN in notes  # UTF-8 throughout


@pytest.mark.parametrize("text", ["\uff1dHYPERLINK(1)", "\uff0b1", "\uff0d2", "\uff20SUM(A1)"])
def test_a_full_width_formula_start_is_kept_as_text_too(text: str) -> None:
    assert cell(text) == "'" + text


def test_every_file_unpacks_as_a_plain_file_for_its_owner_alone(exported: bytes) -> None:
    for info in zipfile.ZipFile(io.BytesIO(exported)).infolist():
        mode = info.external_attr >> 16
        assert stat.S_ISREG(mode) and stat.S_IMODE(mode) == 0o600, info.filename


def test_numbers_stay_numbers_even_negative_ones() -> None:
    assert (cell(-3), cell(2.5), cell(180.0), cell(True), cell(None)) == (
        "-3",
        "2.5",
        "180",
        "yes",
        "",
    )
    assert cell("-3") == "'-3"  # a text that looks like a number is still text


@given(st.text())
def test_every_text_reads_back_as_itself_or_quoted(text: str) -> None:
    written = safe_cell(text)
    assert written == ("'" + text if text.startswith(FORMULA_STARTS) else text)


def test_the_same_journal_gives_the_same_bytes(
    kb: KnowledgeBase, journal: FakeJournal, exported: bytes
) -> None:
    later = csv_records(kb, journal, None, NOW + timedelta(days=3))
    assert journal_zip(later) == exported
    for info in zipfile.ZipFile(io.BytesIO(exported)).infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)


def test_an_empty_journal_gives_the_headers_alone(kb: KnowledgeBase) -> None:
    data = journal_zip(csv_records(kb, FakeJournal(), None, datetime(2026, 1, 1, tzinfo=UTC)))
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == FILES
    assert all(rows == [] for rows in tables(data).values())
    assert headers(data, "pain.csv")[:4] == ["entry_id", "recorded_at", "day", "pain_now"]


# --- safety_log.csv ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def safety_rows(kb: KnowledgeBase) -> list[dict[str, str]]:
    return tables(journal_zip(csv_records(kb, safety_days(kb), None, NOW)))["safety_log.csv"]


def at(moment: datetime) -> str:
    return moment.isoformat()


def test_the_safety_log_has_every_flag_review_visit_and_clearance_with_times(
    safety_rows: list[dict[str, str]],
) -> None:
    assert [(r["recorded_at"], r["kind"], r["question_id"]) for r in safety_rows] == [
        (at(FLAGGED), "flag", "saddle_numbness"),
        (at(FLAGGED), "flag", "fever"),
        (at(WRONG), "flag_review", "saddle_numbness"),
        (at(STILL), "flag_review", "fever"),
        (at(DOCTOR), "doctor_seen", "fever"),
        (at(CLEARED), "clearance", "cancer_history"),
        (at(LAPSED), "flag", "calf_swelling"),
        (at(STANDING), "flag", "bladder_change"),
    ]


def test_a_flag_row_says_the_answer_the_level_and_when_and_how_it_ended(
    kb: KnowledgeBase, safety_rows: list[dict[str, str]]
) -> None:
    flags = {r["question_id"]: r for r in safety_rows if r["kind"] == "flag"}
    numb = flags["saddle_numbness"]
    assert (numb["answer"], numb["level"]) == ("not sure", "emergency")
    assert numb["question"] == kb.screening.question_by_id["saddle_numbness"].question
    assert (numb["ends_at"], numb["lifted_by"]) == (at(WRONG), "wrong_answer")
    assert (flags["fever"]["answer"], flags["fever"]["level"]) == ("yes", "urgent")
    assert (flags["fever"]["ends_at"], flags["fever"]["lifted_by"]) == (at(DOCTOR), "doctor_seen")
    lapsed = flags["calf_swelling"]
    assert (lapsed["ends_at"], lapsed["lifted_by"]) == (at(LAPSED + timedelta(hours=24)), "")
    checks = tables(journal_zip(csv_records(kb, safety_days(kb), None, NOW)))["screenings.csv"]
    flagged = next(c for c in checks if c["check_id"] == numb["check_id"])
    assert flagged["taken_at"] == at(FLAGGED) and flagged["saddle_numbness"] == "not sure"


def test_a_review_and_a_clearance_row_carry_their_own_fields(
    safety_rows: list[dict[str, str]],
) -> None:
    reviews = [r for r in safety_rows if r["kind"] == "flag_review"]
    assert [r["answer"] for r in reviews] == ["wrong_answer", "still_have"]
    assert reviews[1]["text"].endswith("The person said they still have it.")
    (cleared,) = [r for r in safety_rows if r["kind"] == "clearance"]
    assert (cleared["checked_on"], cleared["who"], cleared["counts_until"]) == (
        "2026-11-20",
        "Dr Lee",
        "2027-05-22",
    )
    assert cleared["restrictions"] == "no_massage_gun; no_hard_ball_near_bone"
    assert cleared["level"] == "caution" and cleared["answer"] == ""


def test_a_clearance_by_a_name_a_spreadsheet_would_run_is_kept_as_text(
    kb: KnowledgeBase,
) -> None:
    journal = FakeJournal()
    clearances.record_clearance(kb, journal, NOW, "cancer_history", "2026-11-20", "=cmd|' /C'")
    (row,) = tables(journal_zip(csv_records(kb, journal, None, NOW)))["safety_log.csv"]
    assert row["who"] == "'=cmd|' /C'"
