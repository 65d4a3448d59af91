"""The body map on a phone (issue 25, item 6; web review, major 7): one figure fits the screen
between the tab bar and a sticky "Continue (N areas)"; the name of the area tapped shows beside
the finger and is said by a screen reader; the matches come below. On a desktop both figures
stay side by side. The map again at the end of a session (drawn while its panel was hidden)
draws at full size once the panel shows, without a reload (item 4; web review, major 2)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sciatica_coach.web import create_app

from .browser import (
    ARTIFACTS,
    CHROMIUM,
    PHONE,
    FastForward,
    axe_violations,
    describe,
    running,
    shot,
)
from .test_e2e import open_a_piriformis_session

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
TOUCH_PHONE = {**PHONE, "is_mobile": True}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("map-phone")
    with running(
        create_app(f"sqlite+pysqlite:///{folder / 'm.sqlite3'}", clock=FastForward())
    ) as url:
        yield url


def tap_area(page: Page, key: str) -> tuple[float, float]:
    """Tap an area as a finger does, in the middle of its target; return where."""
    hit = page.locator(f'.region-hit[data-hit-for="{key}"]')
    target = hit if hit.count() else page.locator(f'.region[data-region="{key}"]')
    target.evaluate("(e) => e.scrollIntoView({ block: 'center' })")
    box = target.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.touchscreen.tap(x, y)
    return x, y


def test_on_a_phone_one_figure_fits_the_screen_and_continue_is_always_in_reach(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(base_url=base_url, **TOUCH_PHONE)
    page = context.new_page()
    page.goto("/map")
    svg = page.locator(".body-map-wrap svg")
    expect(svg).to_have_attribute("data-drawn", "back")
    go = page.locator(".map-go button")
    expect(go).to_have_text("Continue (no areas yet)")
    assert go.is_visible()
    bar = go.bounding_box()
    assert bar is not None and bar["y"] + bar["height"] <= 844 - 58  # above the tab bar
    # scrolled to the figure: all of it between the top of the screen and the Continue bar
    svg.evaluate("(e) => e.scrollIntoView({ block: 'start' })")
    figure, bar = svg.bounding_box(), go.bounding_box()
    assert figure is not None and bar is not None
    # (a pixel either way: scrolling can leave a fraction of one, as the page text wraps)
    assert figure["y"] >= -1 and figure["y"] + figure["height"] <= bar["y"] + 1, (figure, bar)
    assert figure["width"] >= 340
    shot(page, "phone-map-one-figure")

    x, y = tap_area(page, "left:buttock_center")
    where = page.locator("#map-where")
    expect(where).to_have_text("Middle of the buttock (left) (marked)")
    assert where.get_attribute("aria-live") == "polite"
    chip = where.bounding_box()
    assert chip is not None
    assert chip["y"] + chip["height"] <= y  # above the finger, not under it
    assert y - (chip["y"] + chip["height"]) <= 80  # and close to it
    assert chip["x"] <= x <= chip["x"] + chip["width"]
    expect(go).to_have_text("Continue (1 area)")
    page.screenshot(path=str(ARTIFACTS / "phone-map-chip.png"))
    assert not axe_violations(page), describe(axe_violations(page))

    tap_area(page, "left:thigh_posterior")
    expect(go).to_have_text("Continue (2 areas)")
    expect(page.locator("#matches .match").first).to_be_visible()
    matches, figure = page.locator("#matches").bounding_box(), svg.bounding_box()
    assert matches is not None and figure is not None
    assert matches["y"] >= figure["y"] + figure["height"]  # the matches come below
    page.locator("#matches .match").first.scroll_into_view_if_needed()
    assert go.is_visible() and go.bounding_box() is not None  # still in reach down there
    shot(page, "phone-map-matches")
    page.fill("#intensity", "5")  # no check today to fill it in from
    with page.expect_navigation():
        go.tap()
    expect(page).to_have_url(re.compile(r"/plan\?map=\d+$"))
    context.close()


def test_on_a_desktop_both_figures_show_and_the_name_is_beside_the_pointer(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto("/map")
    back = page.locator('.region[data-region="left:calf_posterior"]')
    front = page.locator('.region[data-region="left:thigh_anterior"]')
    assert back.is_visible() and front.is_visible()
    marked = page.locator('input[name="where"]:checked').count()  # from the map saved above
    front.click()
    expect(page.locator("#map-where")).to_have_text("Front of the thigh (left) (marked)")
    chip, area = page.locator("#map-where").bounding_box(), front.bounding_box()
    assert chip is not None and area is not None
    assert chip["y"] + chip["height"] <= area["y"] + area["height"] / 2
    go = page.locator(".map-go button")
    expect(go).to_have_text(f"Continue ({marked + 1} areas)")
    box = go.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 800
    shot(page, "desktop-map")
    context.close()


def test_the_map_at_the_end_of_a_session_draws_when_its_panel_shows(
    browser: Browser, base_url: str
) -> None:
    """The end panel is hidden while the session plays; the player shows it at the end with
    no reload (as session.js does, ``hidden = false``): the figure is then drawn full size,
    never the 12x12 box a hidden drawing measures."""
    context = browser.new_context(base_url=base_url, **TOUCH_PHONE)
    page = context.new_page()
    open_a_piriformis_session(page)
    panel = page.locator("#panel-end")
    assert panel.is_hidden()
    svg = panel.locator(".body-map-wrap svg")
    page.evaluate("() => { document.getElementById('panel-end').hidden = false; }")
    expect(svg).to_have_attribute("data-drawn", "back")
    box = svg.bounding_box()
    assert box is not None and box["width"] >= 340 and box["height"] >= 500
    view_box = [float(n) for n in (svg.get_attribute("viewBox") or "").split()]
    assert view_box[2] > 100 and view_box[3] > 300, view_box
    svg.evaluate("(e) => e.scrollIntoView({ block: 'start' })")
    page.screenshot(path=str(ARTIFACTS / "phone-session-end-map.png"))
    context.close()


def test_the_map_after_a_session_ended_live_on_a_phone_is_drawn(
    browser: Browser, base_url: str
) -> None:
    """The real thing, no reload: a session started and ended from the player ("End session"),
    the end panel shown by the player's script: its body map is drawn full size."""
    context = browser.new_context(base_url=base_url, **TOUCH_PHONE)
    page = context.new_page()
    open_a_piriformis_session(page)
    page.get_by_role("button", name="Start the session").tap()
    expect(page.locator("#session")).not_to_have_attribute("data-phase", "ready")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#b-stop").tap()
    panel = page.locator("#panel-end")
    expect(panel).to_be_visible()
    svg = panel.locator(".body-map-wrap svg")
    expect(svg).to_have_attribute("data-drawn", "back")
    box = svg.bounding_box()
    assert box is not None and box["width"] >= 340 and box["height"] >= 500
    svg.evaluate("(e) => e.scrollIntoView({ block: 'start' })")
    page.screenshot(path=str(ARTIFACTS / "phone-session-ended-map.png"))
    context.close()
