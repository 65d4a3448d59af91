"""``sciatica-coach report``: the summary for a clinician written as a PDF, 0600, the notes
only with --notes; and ``plan --print``, the routine to print."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.exports.pdf_text import read_pdf

from .conftest import Cli

NOTE = "Worse after the long drive on Sunday"


def test_it_writes_the_summary_readable_by_the_owner_only(cli: Cli, tmp_path: Path) -> None:
    assert cli("log", "pain", "5", "--note", NOTE).exit_code == 0
    out = tmp_path / "summary.pdf"
    result = cli("report", "--weeks", "4", "--out", str(out), "--name", "Ann Example")
    assert result.exit_code == 0, result.stderr
    assert f"Wrote {out}" in " ".join(result.stdout.split())
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    read = read_pdf(out.read_bytes())
    assert read.pages <= 2
    assert "Name: Ann Example." in read.text and "(4 weeks)" in read.text
    assert NOTE not in read.text
    assert "All 4 weeks 1 5.0" in read.text


def test_notes_go_in_only_with_notes(cli: Cli, tmp_path: Path) -> None:
    assert cli("log", "note", NOTE).exit_code == 0
    out = tmp_path / "summary.pdf"
    assert cli("report", "--out", str(out), "--notes").exit_code == 0
    assert NOTE in read_pdf(out.read_bytes()).text


def test_weeks_out_of_range_is_bad_input(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    result = cli("report", "--weeks", "13", "--out", str(out))
    assert result.exit_code == 2
    assert not out.exists()


def test_plan_print_writes_the_routine_to_print(
    cli: Cli, clear_answers: Path, tmp_path: Path
) -> None:
    printout = tmp_path / "routine.pdf"
    result = cli(
        "plan", "--muscles", "piriformis:left", "--answers", str(clear_answers),
        "--print", str(printout),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(printout.stat().st_mode) == 0o600
    text = read_pdf(printout.read_bytes()).text
    assert "Stop at once, and let go slowly, if you feel:" in text
    assert "1. Before you begin" in text and "Piriformis (left side)" in text


def test_it_says_how_many_of_the_notes_went_in() -> None:
    """ "with your notes" only when all went in; else how many of how many, and why."""
    from dataclasses import dataclass

    from sciatica_coach.cli.report_command import shared_notes

    @dataclass
    class Notes:
        notes: tuple[str, ...]
        notes_left_out: int

    def said(in_summary: int, capped: int, shown: int) -> str:
        return shared_notes(Notes(("n",) * in_summary, capped), shown)  # type: ignore[arg-type]

    assert said(3, 0, 3) == "with your notes"
    assert said(12, 18, 2) == "with 2 of your 30 notes (the rest did not fit on two pages)"
    assert said(12, 18, 0) == "without your notes: none of your 30 fit on two pages"
    assert said(1, 0, 0) == "without your note: it did not fit on two pages"
    assert said(12, 18, 12) == "with your 12 most recent notes of 30"
