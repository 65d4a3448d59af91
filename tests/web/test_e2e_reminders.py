"""Reminders on a phone: the zone is the phone's own, and the download is a calendar file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from playwright.sync_api import Browser

from sciatica_coach.web import create_app

from .browser import CHROMIUM, PHONE, FastForward, running, shot

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("reminders")
    with running(
        create_app(f"sqlite+pysqlite:///{folder / 'r.sqlite3'}", clock=FastForward())
    ) as url:
        yield url


def test_a_phone_downloads_reminders_in_its_own_zone(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    context = browser.new_context(
        base_url=base_url, timezone_id="Asia/Tokyo", accept_downloads=True, **PHONE
    )
    page = context.new_page()
    page.goto("/reminders")
    assert page.input_value("#zone") == "Asia/Tokyo"
    page.fill("#time1", "07:15")
    page.uncheck("input[name=days][value=sat]")
    page.uncheck("input[name=days][value=sun]")
    shot(page, "phone-reminders")
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Download the calendar file").tap()
    download = waiting.value
    assert download.suggested_filename == "sciatica-coach-reminders.ics"
    saved = tmp_path / "r.ics"
    download.save_as(saved)
    calendar: Any = Calendar.from_ical(saved.read_bytes())
    session = calendar.walk("VEVENT")[0]
    assert session["rrule"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert str(calendar.walk("VTIMEZONE")[0]["tzid"]) == "Asia/Tokyo"
    assert b"DTSTART;TZID=Asia/Tokyo:" in saved.read_bytes()
    context.close()


def test_a_mistake_keeps_the_form_and_names_the_field(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, **PHONE)
    page = context.new_page()
    page.goto("/reminders")
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        page.uncheck(f"input[name=days][value={day}]")
    page.fill("#zone", "Atlantis/Central")
    with page.expect_navigation():
        page.get_by_role("button", name="Download the calendar file").tap()
    assert "Choose at least one day." in page.inner_text("#field-days")
    assert page.input_value("#zone") == "Atlantis/Central"
    shot(page, "phone-reminders-mistake")
    context.close()
