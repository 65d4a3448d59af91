"""A damaged journal said on every page (review L-4): at the top of each, a calm notice that
the journal is open read-only, that nothing new will be saved, and the commands that recover
it; forms that save are still shown and refused as before. A sound journal has no notice,
and neither has the offline page, which the browser keeps for when the server is away."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser

from sciatica_coach.web import create_app
from tests.storage.damage import filled_journal, overwrite_page, pages, url_of
from tests.web.browser import axe_violations, describe, phone_page
from tests.web.conftest import FakeClock, local_client

PAGES = ["/", "/screen", "/map", "/plan", "/session", "/journal", "/learn", "/settings", "/about"]
COMMANDS = [
    "sciatica-coach export --salvage --out rescued.json",
    "sciatica-coach doctor",
]


def damaged_url(tmp_path: Path) -> str:
    path = tmp_path / "journal.sqlite3"
    filled_journal(path)
    overwrite_page(path, pages(path, "ix_pain_entries_day")[0])
    return url_of(path)


def notice(page: str) -> str | None:
    """The notice's words, white space folded; None when the page has none."""
    found = re.search(r'<div class="[^"]*journal-damaged"(.*?)</div>', page, re.S)
    if found is None:
        return None
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


@pytest.fixture
def damaged(tmp_path: Path) -> TestClient:
    return local_client(create_app(damaged_url(tmp_path), clock=FakeClock()))


@pytest.mark.parametrize("path", PAGES)
def test_every_page_on_a_damaged_journal_says_so_at_its_top(damaged: TestClient, path: str) -> None:
    with damaged as client:
        page = client.get(path)
    assert page.status_code < 500, page.text[:300]  # /plan: 409 before any check
    said = notice(page.text)
    assert said is not None, path
    assert "damaged" in said and "read-only" in said
    assert "nothing new will be saved" in said
    for command in COMMANDS:
        assert command in said
    main = page.text.index('<main id="main"')
    assert main < page.text.index('id="journal-damaged"') < page.text.index("<h1", main)


def test_a_refused_save_says_why_under_the_same_notice(damaged: TestClient) -> None:
    with damaged as client:
        form = client.get("/journal")
        assert 'action="/journal/pain"' in form.text  # still shown
        refused = client.post("/journal/pain", data={"now": "3"})
    assert refused.status_code == 503
    assert "read-only" in refused.text
    assert notice(refused.text) is not None


def test_a_sound_journal_has_no_notice(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    filled_journal(path)
    with local_client(create_app(url_of(path), clock=FakeClock())) as client:
        for address in PAGES:
            page = client.get(address)
            assert page.status_code < 500
            assert notice(page.text) is None, address
            assert "journal-damaged" not in page.text


def test_the_offline_page_has_no_notice(damaged: TestClient) -> None:
    with damaged as client:
        assert notice(client.get("/offline").text) is None
        assert notice(client.get("/no-such-page").text) is not None  # an error page has it


def test_on_a_phone_the_notice_is_seen_at_the_top_of_the_home_page(
    browser: Browser, tmp_path: Path
) -> None:
    app = create_app(damaged_url(tmp_path), clock=FakeClock())
    with phone_page(browser, app) as page:
        page.goto("/")
        banner = page.locator("#journal-damaged")
        assert banner.is_visible()
        box = banner.bounding_box()
        assert box is not None
        assert box["y"] >= 0 and box["y"] + min(box["height"], 200) <= 844  # its top in view
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # nothing off the side
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        title = page.locator("#journal-damaged-title")
        assert title.is_visible()
        title_box = title.bounding_box()
        assert title_box is not None and title_box["y"] + title_box["height"] <= 844
        assert banner.get_attribute("role") == "status"
        found = axe_violations(page)
        assert not found, describe(found)


def test_with_accounts_the_notice_names_no_command_but_the_doctor_for_whoever_runs_it(
    tmp_path: Path,
) -> None:
    """A person on a phone cannot type commands on the server: the notice says who can
    (review 29 M2), and shows no paths."""
    app = create_app(damaged_url(tmp_path), clock=FakeClock(), accounts=True)
    with local_client(app) as client:
        said = notice(client.get("/signin").text)
    assert said is not None
    assert "Whoever runs Sciatica Coach" in said and "sciatica-coach doctor" in said
    assert "--salvage" not in said
