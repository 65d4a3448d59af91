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

from .browser import CHROMIUM, FastForward, assert_accessible, running
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
    "resting": "#b-pause",
    "checking_in": "#b-good",
}
COUNTDOWNS = ("get_ready", "holding", "resting")
EVERY_VIEW = {
    "showing",
    "finding",
    "hold-get_ready",
    "hold-holding",
    "checking_in",
    "warm_up-get_ready",
    "warm_up-holding",
    "stretch-get_ready",
    "stretch-holding",
    "stretch-resting",
}


@pytest.fixture
def fast_url(tmp_path: Path) -> Iterator[str]:
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'player.sqlite3'}", clock=FastForward(10))
    with running(app) as url:
        yield url


def assert_in_view(page: Page, phase: str, size: tuple[int, int], pictured: bool) -> None:
    width, height = size
    hurts = "#b-bad" if phase == "checking_in" else "#b-hurts"  # the check-in has its own
    wanted = ["#s-title", MAIN_CONTROL[phase], hurts]
    if phase in COUNTDOWNS:
        wanted.append("#s-ring")
    if pictured:  # the position, always in view
        wanted.append("#s-picture img")
    for selector in wanted:
        box = page.locator(selector).bounding_box()
        assert box is not None, (phase, selector)
        inside = box["y"] >= 0 and box["y"] + box["height"] <= height and box["x"] >= 0
        assert inside and box["x"] + box["width"] <= width, (phase, selector, box)
        # and nothing on top of it (a tab bar, a banner): a tap there reaches it
        on_top = page.evaluate(
            """([selector, x, y]) => {
                const hit = document.elementFromPoint(x, y);
                return Boolean(hit && hit.closest(selector));
            }""",
            [selector, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert on_top, (phase, selector, "covered")


def answer(page: Page, button: str, phase: str, step: str) -> None:
    """Tap ``button`` and wait until the player has moved on from ``phase`` of ``step``: on
    a loaded machine the answer can take longer than the loop's pause, and the same screen
    read again would be answered twice (a second tap lands on a button already gone)."""
    page.locator(button).click()
    page.wait_for_function(
        "([phase, step]) => { const s = document.querySelector('#session');"
        " return s.dataset.phase !== phase || s.dataset.step !== step; }",
        arg=[phase, step],
    )


def view_of(phase: str, step: str) -> str:
    """``stretch-resting``, ``hold-holding``...: which kind of step a countdown is on."""
    if phase not in COUNTDOWNS:
        return phase
    kind = "hold" if ".hold." in step else step.split(".")[0]
    return f"{kind}-{phase}"


@pytest.mark.parametrize(("width", "height", "name"), SIZES)
def test_every_phase_fits_the_screen(
    browser: Browser, fast_url: str, width: int, height: int, name: str
) -> None:
    """From the safety step to a rest between the sets of a stretch: every kind of screen is
    inside the viewport; then "It hurts — stop" in the rest ends the session at once."""
    touch = name == "phone"
    context = browser.new_context(
        base_url=fast_url, viewport={"width": width, "height": height}, has_touch=touch
    )
    page = context.new_page()
    open_a_piriformis_session(page)
    page.get_by_role("button", name="Start the session").click()
    session = page.locator("#session")
    seen: set[str] = set()
    spots_found = 0
    for _ in range(400):
        phase = session.get_attribute("data-phase") or ""
        step = session.get_attribute("data-step") or ""
        view = view_of(phase, step)
        if phase in MAIN_CONTROL and view not in seen:
            pictured = view.split("-")[0] in ("finding", "hold", "checking_in", "stretch")
            assert_in_view(page, phase, (width, height), pictured)
            assert_accessible(page, f"player-{name}-{view}")  # axe-core, and a screenshot
            seen.add(view)
        if view == "hold-holding":  # a hold's 20 to 60 seconds: a plain number
            expect(page.locator("#s-time")).to_have_text(re.compile(r"^\d+$"))
        if view == "stretch-resting":
            expect(page.locator("#s-set")).to_contain_text(re.compile(r"Rest, then set \d of 3"))
            break
        if phase == "showing":
            answer(page, "#b-next", phase, step)
        elif phase == "finding":  # the first spot is found and held, the others passed over
            answer(page, "#b-found" if spots_found == 0 else "#b-not-found", phase, step)
            spots_found += 1
        elif phase == "checking_in":
            answer(page, "#b-good", phase, step)
        elif view == "warm_up-holding":
            # minutes and seconds for the warm-up's minutes, not "180" (web review, minor 8)
            expect(page.locator("#s-time")).to_have_text(re.compile(r"^\d+:\d\d$"))
            answer(page, "#b-skip", phase, step)
        page.wait_for_timeout(100)
    else:
        pytest.fail(f"never reached a rest between sets; saw {sorted(seen)}")
    assert seen == EVERY_VIEW, sorted(EVERY_VIEW - seen)
    page.locator("#b-hurts").click()
    expect(page.locator("#end-bad")).to_be_visible()
    expect(session).to_have_attribute("data-phase", re.compile("stopped"))
    context.close()


def test_a_bad_check_in_from_a_phone_stops_at_once(browser: Browser, fast_url: str) -> None:
    context = browser.new_context(
        base_url=fast_url, viewport={"width": 390, "height": 844}, has_touch=True
    )
    page = context.new_page()
    open_a_piriformis_session(page)
    page.get_by_role("button", name="Start the session").click()
    session = page.locator("#session")
    for _ in range(200):
        phase = session.get_attribute("data-phase") or ""
        step = session.get_attribute("data-step") or ""
        if phase == "checking_in":
            break
        if phase == "showing":
            answer(page, "#b-next", phase, step)
        elif phase == "finding":
            answer(page, "#b-found", phase, step)
        elif ".hold." not in (step or ".hold."):
            answer(page, "#b-skip", phase, step)
        page.wait_for_timeout(100)
    else:
        pytest.fail("never reached a check-in")
    # the title and the step number both still name the hold being checked in on
    done = int(session.get_attribute("data-done") or "0")
    expect(page.locator("#s-progress")).to_have_text(re.compile(rf"^Step {done} of \d+$"))
    expect(page.locator("#s-title")).to_contain_text("Hold:")
    expect(page.locator("#hurts-row")).to_be_hidden()  # one "It hurts — stop" on screen
    expect(page.locator("#b-bad")).to_have_text(re.compile("It hurts — stop"))
    page.locator("#b-bad").click()
    expect(page.locator("#end-bad")).to_be_visible()
    expect(session).to_have_attribute("data-phase", re.compile("stopped"))
    context.close()
