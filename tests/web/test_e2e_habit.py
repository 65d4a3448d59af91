"""On a phone: set a weekly goal on the journal page, then come back to the home page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from sciatica_coach.web import create_app

from .browser import CHROMIUM, PHONE, FastForward, axe_violations, describe, running, shot

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("habit")
    with running(
        create_app(f"sqlite+pysqlite:///{folder / 'h.sqlite3'}", clock=FastForward())
    ) as url:
        yield url


def test_a_goal_set_on_a_phone_shows_on_the_journal_and_the_home_page(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(base_url=base_url, **PHONE)
    page = context.new_page()
    page.goto("/journal")
    page.fill("#goal-sessions", "15")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the goal").tap()
    assert "the routine's limit is 2 a day" in page.inner_text("#field-sessions")
    page.fill("#goal-sessions", "4")
    page.fill("#goal-pegs", "1")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the goal").tap()
    goal = page.inner_text("#goal")
    assert "Your weekly goal is saved." in goal
    assert "0 of 4 sessions, 0 of 1 PEG score." in goal
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("#goal").scroll_into_view_if_needed()
    shot(page, "phone-journal-goal")
    assert not axe_violations(page), describe(axe_violations(page))
    page.goto("/")
    assert page.locator("h1").inner_text().strip() == "Welcome back"
    assert "0 of 2 sessions done; 2 left." in page.inner_text("#status-today")
    assert page.get_by_role("link", name="Start the safety check").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not axe_violations(page), describe(axe_violations(page))
    shot(page, "phone-home-returning")
    context.close()
