"""The app at 390x844, a phone on the floor beside a person: the steps are a tab bar at the
bottom within the thumb's reach, each tab a full finger's size, and no page scrolls sideways.
The same pages at 1280x800 keep the steps in the header."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext

from sciatica_coach.web import create_app

from .browser import CHROMIUM, PHONE, FastForward, running, shot

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
PAGES = [
    "/",
    "/screen",
    "/map",
    "/plan",
    "/session",
    "/journal",
    "/reminders",
    "/learn",
    "/learn/muscles/piriformis",
    "/learn/safety",
    "/learn/sources",
    "/api/docs",
    "/about",
    "/offline",
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("phone")
    with running(
        create_app(f"sqlite+pysqlite:///{folder / 'phone.sqlite3'}", clock=FastForward())
    ) as url:
        yield url


def phone_context(browser: Browser, base_url: str) -> BrowserContext:
    return browser.new_context(base_url=base_url, **PHONE)


def test_on_a_phone_the_steps_are_a_tab_bar_and_nothing_scrolls_sideways(
    browser: Browser, base_url: str
) -> None:
    context = phone_context(browser, base_url)
    page = context.new_page()
    for path in PAGES:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide"
        tabs = page.locator("nav.steps a")
        assert tabs.count() == 5, path
        for i in range(5):
            box = tabs.nth(i).bounding_box()
            assert box is not None
            assert box["height"] >= 44 and box["width"] >= 44, (path, i, box)
            assert box["y"] + box["height"] <= 844 and box["y"] >= 844 - 100, (path, box)
    page.goto("/journal")
    current = page.locator('nav.steps a[aria-current="page"]')
    assert current.inner_text().strip() == "Journal"
    shot(page, "phone-tab-bar-journal")
    context.close()


def test_on_a_desktop_the_steps_are_in_the_header(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    for path in PAGES:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, path
        box = page.locator("nav.steps").bounding_box()
        assert box is not None and box["y"] < 100, path
    context.close()


def test_learn_pages_open_offline_and_personal_pages_say_so(
    browser: Browser, base_url: str
) -> None:
    context = phone_context(browser, base_url)
    page = context.new_page()
    page.goto("/learn")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.reload()  # now under the worker's control
    page.goto("/learn/muscles/piriformis")  # opened once online: kept
    context.set_offline(True)
    page.goto("/learn")
    assert page.locator("h1").inner_text().strip() != "You are offline"
    page.goto("/learn/muscles/piriformis")
    assert "Piriformis" in page.locator("h1").inner_text()
    page.goto("/journal")
    assert page.locator("h1").inner_text().strip() == "You are offline"
    shot(page, "phone-offline")
    context.set_offline(False)
    page.goto("/journal")
    assert page.locator("h1").inner_text().strip() == "Your journal"
    context.close()


def test_the_body_map_shows_one_figure_at_a_time_on_a_phone(
    browser: Browser, base_url: str
) -> None:
    context = phone_context(browser, base_url)
    page = context.new_page()
    page.goto("/map")
    back, front = (
        page.locator(f'.region[data-region="{k}"]')
        for k in ("left:calf_posterior", "left:thigh_anterior")
    )
    assert back.is_visible() and not front.is_visible()
    width = page.locator(".body-map-wrap svg").bounding_box()
    assert width is not None and width["width"] >= 340  # the one figure, as wide as the screen
    page.get_by_role("button", name="Front").tap()
    assert front.is_visible() and not back.is_visible()
    front.tap()
    assert front.get_attribute("aria-checked") == "true"
    assert page.locator("#map-where").inner_text() == "Front of the thigh (left) (marked)"
    front.tap()  # a tap on a marked area unmarks it
    assert front.get_attribute("aria-checked") == "false"
    stops = page.evaluate("() => document.querySelectorAll('.region[tabindex=\"0\"]').length")
    assert stops == 2  # Tab: one stop per figure; the arrows move within it
    shot(page, "phone-map-front")
    context.close()


def test_every_area_of_the_drawing_is_a_finger_sized_target(
    browser: Browser, base_url: str
) -> None:
    """On a phone every area, drawn or enlarged, is at least 44x44 CSS px, and a tap on the
    enlarged part of a small area marks that area."""
    context = phone_context(browser, base_url)
    page = context.new_page()
    page.goto("/map")
    for view in ("Back", "Front"):
        page.get_by_role("button", name=view, exact=True).tap()
        sizes = page.evaluate(
            """(view) => Array.from(document.querySelectorAll(
                    '.body-map-wrap .region-hit[data-view="' + view + '"]')).map((hit) => {
                const shape = document.querySelector(
                    '.region[data-region="' + hit.dataset.hitFor + '"]');
                const a = hit.getBoundingClientRect(), b = shape.getBoundingClientRect();
                const w = Math.max(a.width, b.width), h = Math.max(a.height, b.height);
                return [hit.dataset.hitFor, w, h];
            })""",
            view.lower(),
        )
        assert len(sizes) >= 10, view
        small = [(key, w, h) for key, w, h in sizes if w < 44 or h < 44]
        assert small == [], small
    page.get_by_role("button", name="Back", exact=True).tap()
    page.locator('.region-hit[data-hit-for="left:sacroiliac"]').scroll_into_view_if_needed()
    spot = page.evaluate(
        """() => {  // a point of a small area's target outside its drawn shape
            for (const hit of document.querySelectorAll('.region-hit[data-view="back"]')) {
                const r = hit.getBoundingClientRect();
                for (const [fx, fy] of [[0.1, 0.5], [0.9, 0.5], [0.5, 0.1], [0.5, 0.9]]) {
                    const x = r.left + r.width * fx, y = r.top + r.height * fy;
                    if (document.elementFromPoint(x, y) === hit) {
                        return [hit.dataset.hitFor, x, y];
                    }
                }
            }
            return null;
        }"""
    )
    assert spot is not None
    key, x, y = spot
    page.touchscreen.tap(x, y)
    shape = page.locator(f'.region[data-region="{key}"]')
    assert shape.get_attribute("aria-checked") == "true"
    context.close()


def test_the_list_of_areas_is_a_visible_choice_beside_the_drawing(
    browser: Browser, base_url: str
) -> None:
    context = phone_context(browser, base_url)
    page = context.new_page()
    page.goto("/map")
    page.get_by_role("button", name="A list").tap()
    assert page.locator(".body-map-wrap").is_hidden()
    row = page.locator('label.check:has(input[value="left:heel"])')
    box = row.bounding_box()
    assert box is not None and box["height"] >= 44
    row.tap()
    page.get_by_role("button", name="The drawing").tap()
    heel = page.locator('.region[data-region="left:heel"]')
    assert heel.get_attribute("aria-checked") == "true"  # the same mark, both ways
    context.close()
