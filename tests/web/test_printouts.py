"""The printable PDFs on the web: the summary for a clinician from the journal page and the
routine to print from the plan page; both downloads, for the signed-in person only."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from httpx import Response

from sciatica_coach.coach import accounts
from sciatica_coach.web import create_app
from tests.exports.pdf_text import read_pdf

from .conftest import FakeClock, local_client, plan, screen
from .test_accounts import sign_up

NOTE = "Better after the walk by the river"
STATIC = Path(__file__).resolve().parents[2] / "src" / "sciatica_coach" / "web" / "static"


def assert_download(response: Response, name: str) -> bytes:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and name in disposition
    assert response.headers["cache-control"] == "no-store"
    return response.content


def test_the_journal_page_offers_the_summary(client: TestClient) -> None:
    page = client.get("/journal").text
    assert 'action="/journal/summary.pdf"' in page
    assert "Summary for your clinician (PDF)" in page
    assert 'name="notes"' in page and 'name="weeks"' in page


def test_the_summary_downloads_as_a_pdf(client: TestClient) -> None:
    assert client.post("/api/journal/pain", json={"now": 4, "note": NOTE}).status_code == 201
    data = assert_download(client.get("/journal/summary.pdf?weeks=4"), "clinician-summary-")
    read = read_pdf(data)
    assert read.pages <= 2
    assert "Summary for a clinician" in read.text and "(4 weeks)" in read.text
    assert "All 4 weeks 1 4.0" in read.text
    assert NOTE not in read.text
    with_notes = client.get("/journal/summary.pdf?notes=true").content
    assert NOTE in read_pdf(with_notes).text


@pytest.mark.parametrize("weeks", ["0", "13", "eight", "-1"])
def test_a_bad_number_of_weeks_is_a_clear_422(client: TestClient, weeks: str) -> None:
    response = client.get(f"/journal/summary.pdf?weeks={weeks}")
    assert response.status_code == 422
    assert "text/html" in response.headers["content-type"]
    assert "weeks" in response.text


def test_the_summary_needs_a_sign_in_and_carries_the_accounts_name(
    database_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=64))
    with local_client(create_app(database_url, clock=clock, accounts=True)) as visitor:
        response = visitor.get("/journal/summary.pdf", follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/signin?next=")
        sign_up(visitor, "ann")
        data = assert_download(visitor.get("/journal/summary.pdf"), "clinician-summary-")
        assert "Name: ann." in read_pdf(data).text


def test_the_plan_page_prints_and_offers_the_routine_as_a_pdf(client: TestClient) -> None:
    screen(client)
    made = plan(client)
    page = client.get(f"/plan/{made['id']}").text
    assert "data-print" in page and "Print this routine" in page
    assert f'href="/plan/{made["id"]}/routine.pdf"' in page
    assert 'class="print-only"' in page  # the emergency signs, on paper only
    data = assert_download(client.get(f"/plan/{made['id']}/routine.pdf"), "routine-")
    text = read_pdf(data).text
    for number, step in enumerate(made["steps"], start=1):
        assert f"{number}. {step['title']}" in text
    assert "When to get emergency care, now, if you have any of these:" in text


def test_a_routine_that_is_not_there_is_not_found(client: TestClient) -> None:
    assert client.get("/plan/987/routine.pdf").status_code == 404


def test_printing_hides_the_navigation_and_keeps_steps_whole() -> None:
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    printing = css[css.index("@media print") :]
    assert "header.site" in printing and ".no-print" in printing
    assert "break-inside: avoid" in printing and ".plan-steps > li" in printing
    assert "window.print()" in (STATIC / "app.js").read_text(encoding="utf-8")
