""" "Describe it in your own words" on a phone (390x844), in Chromium (issue 28): the words
mark the map and tick the feelings, the person looks it over and saves as usual (Enter in a
field still saves the map); a red flag in the words shows the emergency signs first and takes
the person to the check with the question answered and its alert showing; words that cannot
be read say so beside the box and keep the marks. Screenshots go to ``tests/web/artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sciatica_coach.web import create_app

from .browser import CHROMIUM, PHONE, axe_violations, describe, phone_page, running, shot
from .conftest import FakeClock

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
BURNING = "burning down the outside of my left leg to the ankle"
WIPE = "my bum cheek hurts and it feels numb when I wipe"


@pytest.fixture
def phone(browser: Browser, tmp_path: Path) -> Iterator[Page]:
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'describe.sqlite3'}", clock=FakeClock())
    with phone_page(browser, app) as page:
        page.set_default_timeout(10_000)
        yield page


def read_my_words(page: Page, said: str) -> None:
    page.locator("#describe").fill(said)
    with page.expect_navigation():
        page.get_by_role("button", name="Read my words").click()


def test_words_mark_the_map_and_the_person_saves_it_as_usual(phone: Page) -> None:
    phone.goto("/map")
    box = phone.locator("#describe")
    expect(phone.get_by_label("Describe it in your own words")).to_be_visible()
    read_my_words(phone, BURNING)
    expect(phone.locator("#describe-reading")).to_be_visible()
    expect(phone.locator('.region[data-region="left:thigh_lateral"]')).to_have_attribute(
        "aria-checked", "true"
    )
    expect(phone.locator('input[name="feels"][value="burning"]')).to_be_checked()
    expect(phone.locator("#reading-places")).to_contain_text("you wrote")
    expect(box).to_have_value(BURNING)
    expect(phone.locator(".map-go button")).to_contain_text("area")
    read = phone.get_by_role("button", name="Read my words").bounding_box()
    assert read is not None and read["height"] >= 44
    shot(phone, "phone-map-describe")
    found = axe_violations(phone)
    assert not found, describe(found)
    # the person looks it over and saves: Enter in the pain score saves the map (not the box)
    phone.locator("#intensity").fill("5")
    with phone.expect_navigation():
        phone.locator("#intensity").press("Enter")
    assert "/plan" in phone.url or "/journal" in phone.url, phone.url
    saved = phone.request.get("/api/journal/pain-maps").json()
    assert "left:thigh_lateral" in saved[0]["where"]
    notes = phone.request.get("/api/journal/export").json()["tables"]["notes"]
    assert [n["text"] for n in notes] == [BURNING]  # the words, kept with the map


def test_a_red_flag_in_the_words_shows_the_signs_and_leads_to_the_check(phone: Page) -> None:
    phone.goto("/map")
    read_my_words(phone, WIPE)
    red = phone.locator("#reading-red")
    expect(red).to_be_visible()
    expect(phone.locator("#reading-red-h")).to_be_in_viewport()  # the page opens on it
    expect(red).to_contain_text("Get emergency care now if you have")
    expect(phone.locator("#reading-call")).to_be_visible()
    shot(phone, "phone-map-describe-red-flag")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Take the safety check with these answers").click()
    assert phone.url.endswith("/screen/describe#describe-reading")
    expect(phone.locator('input[name="saddle_numbness"][value="yes"]')).to_be_checked()
    expect(phone.locator("#saddle_numbness-words")).to_contain_text("You wrote")
    expect(phone.locator("#alert-saddle_numbness")).to_be_visible()  # the page's own alert
    shot(phone, "phone-check-describe-red-flag")
    found = axe_violations(phone)
    assert not found, describe(found)


@pytest.mark.parametrize(
    ("said", "level", "heading", "shown"),
    [
        (
            "I had breast cancer 5 years ago and my left calf aches",
            "see_professional",
            "Take the safety check with these answers",
            "#reading-signs-link",
        ),
        (
            "ache in my left buttock and I have a fever with chills",
            "urgent",
            "needs a doctor today",
            "#reading-signs-h",
        ),
    ],
)
def test_a_sign_that_is_no_emergency_is_said_calmly_and_leads_to_the_check(
    phone: Page, said: str, level: str, heading: str, shown: str
) -> None:
    phone.goto("/map")
    read_my_words(phone, said)
    red = phone.locator("#reading-red")
    expect(red).to_have_attribute("data-level", level)
    expect(phone.locator("#reading-red-h")).to_contain_text(heading)
    expect(phone.locator("#reading-red-h")).to_be_in_viewport()
    expect(phone.locator("#reading-call")).to_have_count(0)
    expect(phone.locator(shown)).to_be_visible()
    shot(phone, f"phone-map-describe-{level}")
    found = axe_violations(phone)
    assert not found, describe(found)
    with phone.expect_navigation():
        phone.locator("#reading-red-check").click()
    assert phone.url.endswith("/screen/describe#describe-reading")


def test_a_place_named_without_a_side_is_asked_with_big_buttons(phone: Page) -> None:
    phone.goto("/map")
    read_my_words(phone, "my lower back aches")
    asked = phone.locator("#which-side-lumbar")
    expect(asked).to_contain_text("Which side is your lower back?")
    for name in ("Left", "Right", "Both"):
        box = asked.get_by_role("button", name=name, exact=True).bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44, (name, box)
    shot(phone, "phone-map-describe-which-side")
    with phone.expect_navigation():
        asked.get_by_role("button", name="Left", exact=True).click()
    expect(phone.locator('.region[data-region="left:lumbar"]')).to_have_attribute(
        "aria-checked", "true"
    )
    expect(phone.locator('.region[data-region="right:lumbar"]')).to_have_attribute(
        "aria-checked", "false"
    )
    expect(phone.locator("#which-side-lumbar")).to_have_count(0)


def test_words_that_cannot_be_read_say_so_and_keep_the_marks(phone: Page) -> None:
    phone.goto("/map")
    phone.locator('.region[data-region="left:heel"]').evaluate(
        "(e) => e.scrollIntoView({ block: 'center' })"
    )
    phone.locator('input[name="where"][value="left:heel"]').evaluate("(e) => { e.checked = true }")
    read_my_words(phone, "   ")
    expect(phone.locator("#describe-error")).to_be_visible()
    expect(phone.locator('input[name="where"][value="left:heel"]')).to_be_checked()
    shot(phone, "phone-map-describe-error")


def test_it_all_works_without_javascript(browser: Browser, tmp_path: Path) -> None:
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'nojs.sqlite3'}", clock=FakeClock())
    with running(app) as url:
        context = browser.new_context(base_url=url, java_script_enabled=False, **PHONE)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/map")
        read_my_words(page, BURNING)
        expect(page.locator('input[name="where"][value="left:thigh_lateral"]')).to_be_checked()
        read_my_words(page, "my lower back aches")  # added to what is marked
        with page.expect_navigation():
            page.locator("#which-side-lumbar").get_by_role("button", name="Both").click()
        for key in ("left:thigh_lateral", "left:lumbar", "right:lumbar"):
            expect(page.locator(f'input[name="where"][value="{key}"]')).to_be_checked()
        page.locator("#intensity").fill("4")
        with page.expect_navigation():
            page.locator(".map-go button").click()
        saved = page.request.get("/api/journal/pain-maps").json()
        assert {"left:thigh_lateral", "left:lumbar", "right:lumbar"} <= set(saved[0]["where"])
        notes = page.request.get("/api/journal/export").json()["tables"]["notes"]
        assert [n["text"] for n in notes] == ["my lower back aches"]  # the box's words as sent
        context.close()
