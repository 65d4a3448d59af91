"""The session player on one screen, at 390x844 (touch) and 1280x800: in every phase the step
title, the main control and "It hurts — stop" are inside the viewport (and the timer, when a
countdown runs), without scrolling; a bad check-in from a phone ends the session at once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sciatica_coach.web import create_app

from .browser import CHROMIUM, FastForward, running, shot
from .test_e2e import open_a_piriformis_session

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
SIZES = [(390, 844, "phone"), (1280, 800, "desktop")]
MAIN_CONTROL = {
    "showing": "#b-next",
    "finding": "#b-found",
    "get_ready": "#b-pause",
    "holding": "#b-pause",
    "checking_in": "#b-good",
}


@pytest.fixture
def fast_url(tmp_path: Path) -> Iterator[str]:
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'player.sqlite3'}", clock=FastForward(10))
    with running(app) as url:
        yield url


def assert_in_view(page: Page, phase: str, size: tuple[int, int]) -> None:
    width, height = size
    wanted = ["#s-title", MAIN_CONTROL[phase], "#b-hurts"]
    if phase in ("get_ready", "holding"):
        wanted.append("#s-ring")
    for selector in wanted:
        box = page.locator(selector).bounding_box()
        assert box is not None, (phase, selector)
        inside = box["y"] >= 0 and box["y"] + box["height"] <= height and box["x"] >= 0
        assert inside and box["x"] + box["width"] <= width, (phase, selector, box)


@pytest.mark.parametrize(("width", "height", "name"), SIZES)
def test_every_phase_fits_the_screen(
    browser: Browser, fast_url: str, width: int, height: int, name: str
) -> None:
    touch = name == "phone"
    context = browser.new_context(
        base_url=fast_url, viewport={"width": width, "height": height}, has_touch=touch
    )
    page = context.new_page()
    open_a_piriformis_session(page)
    page.get_by_role("button", name="Start the session").click()
    session = page.locator("#session")
    seen: set[str] = set()
    for _ in range(60):
        phase = session.get_attribute("data-phase") or ""
        if phase == "checking_in":
            assert_in_view(page, phase, (width, height))
            shot(page, f"player-{name}-checking_in")
            break
        if phase in MAIN_CONTROL and phase not in seen:
            assert_in_view(page, phase, (width, height))
            shot(page, f"player-{name}-{phase}")
            seen.add(phase)
        if phase == "showing":
            page.locator("#b-next").click()
        elif phase == "finding":
            page.locator("#b-found").click()
        page.wait_for_timeout(150)
    else:
        pytest.fail(f"never reached a check-in; saw {seen}")
    assert {"showing", "finding"} <= seen and seen & {"get_ready", "holding"}
    page.locator("#b-bad").click()
    expect(page.locator("#end-bad")).to_be_visible()
    expect(session).to_have_attribute("data-phase", re.compile("stopped"))
    context.close()
