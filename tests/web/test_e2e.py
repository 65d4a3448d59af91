"""A person in a real browser: screens (emergency and all-clear), marks the body map by mouse
and keyboard, gets a plan, runs a fast session reporting good then bad, and finds it in the
journal. Every page is checked with axe-core and walked with the Tab key; screenshots go to
``tests/web/artifacts/``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.web import create_app

from .browser import (
    CHROMIUM,
    PHONE,
    FastForward,
    assert_accessible,
    assert_keyboard_reachable,
    running,
    shot,
    touch_target,
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'e2e.sqlite3'}", clock=FastForward())
    with running(app) as url:
        yield url


@pytest.fixture
def fast_url(tmp_path: Path) -> Iterator[str]:
    """The app on a clock ten times faster than real time: a session plays in seconds."""
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'e2e.sqlite3'}", clock=FastForward(10))
    with running(app) as url:
        yield url


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


def moved_on(page: Page, phase: str, done: str) -> None:
    """Wait until the session has left ``phase`` or finished a step (clock ticks don't count)."""
    page.wait_for_function(
        """([phase, done]) => {
            const s = document.getElementById('session').dataset;
            return s.phase !== phase || s.done !== done;
        }""",
        arg=[phase, done],
    )


def answer_all_clear(page: Page, kb: KnowledgeBase, pain: str = "5") -> None:
    """Answer every question on the form "no" (pain ``pain``, other numbers 1, the pain began
    five weeks ago), one group at a time as the stepper shows them; the last group's "See my
    result" is left to the test."""
    groups = page.locator("section.check-group")
    count = groups.count()
    for i in range(count):
        group = groups.nth(i)
        ids = group.locator(".question").evaluate_all(
            "(found) => found.map((q) => q.id.replace('field-', ''))"
        )
        for question_id in ids:
            question = kb.screening.question_by_id.get(question_id)
            if question is None:  # the day the pain began: five weeks before the server's today
                field = group.locator(f'input[name="{question_id}"]')
                today = date.fromisoformat(field.get_attribute("max") or "")
                field.fill((today - timedelta(weeks=5)).isoformat())
            elif question.kind == "yes_no":
                page.check(f'input[name="{question_id}"][value="no"]')
            elif question.kind == "regions":
                page.check(f'input[name="{question_id}__any"][value="no"]')
            else:
                page.fill(
                    f'input[name="{question_id}"]', pain if question_id == "pain_now" else "1"
                )
        if i < count - 1:
            group.locator(".check-nav button.button-primary").click()


def test_an_emergency_answer_shows_what_to_do_at_once_and_no_plan(page: Page) -> None:
    page.goto("/screen")
    assert_accessible(page, "screen-form")  # the first time: with the health history
    page.check('input[name="saddle_numbness"][value="yes"]')
    alert = page.locator("#alert-saddle_numbness")
    expect(alert).to_be_visible()
    page.check('input[name="saddle_numbness"][value="no"]')
    expect(alert).to_be_hidden()
    page.check('input[name="saddle_numbness"][value="not_sure"]')
    expect(alert).to_be_visible()  # not sure counts as yes on a red flag
    shot(page, "screen-emergency-alert")
    alert.get_by_role("button", name="See what to do now").click()
    result = page.locator("#screening-result")
    expect(result).to_be_visible()
    expect(result).to_have_attribute("data-level", "emergency")
    width = page.evaluate("() => document.getElementById('screening-result').offsetWidth")
    assert width >= page.viewport_size["width"] - 20  # type: ignore[index]
    main = page.locator("main")
    assert main.locator('a[href="/map"], a[href="/plan"]').count() == 0
    assert_accessible(page, "screen-result-emergency")
    page.goto("/plan")
    expect(page.locator("#flag-banner")).to_contain_text("stands for 24 hours")
    expect(page.get_by_role("button", name="Make my plan")).to_have_count(0)
    assert_accessible(page, "plan-refused")


def test_a_person_goes_all_the_way_through(browser: Browser, fast_url: str) -> None:
    context = browser.new_context(base_url=fast_url, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    walk_through(page)
    context.close()
    assert not errors, errors


def walk_through(page: Page) -> None:
    kb = default_knowledge_base()
    page.goto("/")
    assert_accessible(page, "home")
    page.get_by_role("link", name="Start the safety check").first.click()
    answer_all_clear(page, kb)
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("heading", name="Go ahead")).to_be_visible()
    assert_accessible(page, "screen-result-ok")
    page.get_by_role("link", name="Next: mark where it hurts").click()

    # The body map: one place by mouse, one by keyboard (arrows, then Space), one toggled by
    # Enter; the name of the area in focus is on screen.
    buttock = page.locator('.region[data-region="left:buttock_center"]')
    touch_target(page, "left:buttock_center").click()
    expect(buttock).to_have_attribute("aria-checked", "true")
    expect(page.locator("#map-where")).to_have_text("Middle of the buttock (left) (marked)")
    for _ in range(10):
        page.keyboard.press("ArrowDown")
        if page.evaluate("() => document.activeElement.getAttribute('data-region')") == (
            "left:thigh_posterior"
        ):
            break
    expect(page.locator("#map-where")).to_have_text("Back of the thigh (left)")
    page.keyboard.press("Space")
    thigh = page.locator('.region[data-region="left:thigh_posterior"]')
    expect(thigh).to_have_attribute("aria-checked", "true")
    calf = page.locator('.region[data-region="left:calf_posterior"]')
    calf.focus()
    page.keyboard.press("Enter")
    expect(calf).to_have_attribute("aria-checked", "true")
    page.keyboard.press("Enter")
    expect(calf).to_have_attribute("aria-checked", "false")
    expect(page.locator('input[name="where"][value="left:thigh_posterior"]')).to_be_checked()
    page.check('input[name="feels"][value="ache"]')
    expect(page.locator("#matches .match").first).to_be_visible()
    expect(page.locator("#matches")).to_contain_text("Piriformis (left)")
    page.fill("#intensity", "6")
    assert_accessible(page, "map")
    assert_keyboard_reachable(page, "map")
    page.get_by_role("button", name=re.compile(r"^Continue \(")).click()

    expect(page.get_by_role("heading", name="Make your plan")).to_be_visible()
    page.check('input[name="tools"][value="tennis_ball"]')
    page.fill("#minutes", "10")
    assert_accessible(page, "plan-form")
    page.get_by_role("button", name="Make my plan").click()
    expect(page.get_by_role("heading", name=re.compile("Your plan"))).to_be_visible()
    assert_accessible(page, "plan")
    page.get_by_role("button", name="Start the guided session").click()

    session = page.locator("#session")
    assert_accessible(page, "session-ready")
    assert_keyboard_reachable(page, "session-ready")
    page.fill("#pain-before", "6")
    page.get_by_role("button", name="Start the session").click()
    expect(session).not_to_have_attribute("data-phase", "ready")
    feelings = ["good", "bad"]
    seen: set[str] = set()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and page.locator("#panel-end").is_hidden():
        phase = session.get_attribute("data-phase") or ""
        done = session.get_attribute("data-done") or "0"
        if phase not in seen and phase in ("showing", "finding", "holding", "checking_in"):
            seen.add(phase)
            shot(page, f"session-{phase}")
            if phase in ("holding", "checking_in"):
                assert_accessible(page, f"session-{phase}")
        if phase == "showing":
            page.keyboard.press("Enter")
        elif phase == "finding":
            page.keyboard.press("y")
        elif phase == "checking_in":
            feeling = feelings.pop(0)
            if feeling == "good":
                page.keyboard.press("g")
            else:
                page.locator("#b-bad").click()
        elif ".hold." not in (session.get_attribute("data-step") or ".hold."):
            page.keyboard.press("s")  # a timed warm-up or exercise: skipped here
        else:
            page.wait_for_timeout(50)
            continue
        moved_on(page, phase, done)
    expect(page.locator("#panel-end")).to_be_visible()
    expect(page.locator("#end-bad")).to_be_visible()
    expect(page.locator("#end-bad")).to_contain_text("Do not go back to that spot today.")
    assert feelings == []
    assert_accessible(page, "session-stopped")

    page.locator('.scale-step:has(input[value="4"])').click()
    page.locator('.region[data-region="left:thigh_posterior"]').click()  # this part eased
    page.get_by_role("button", name="Save in my journal").click()
    expect(page.get_by_role("heading", name="Your journal", exact=True)).to_be_visible()
    entry = page.locator(".session-entry").first
    expect(entry).to_contain_text("Stopped for bad pain")
    expect(entry).to_contain_text("Pain before: 6/10. Pain after: 4/10.")
    expect(entry.locator("img")).to_have_count(2)
    page.fill("#now", "4")
    page.get_by_role("button", name="Save pain score").click()
    expect(page.get_by_text("Your pain score is saved.")).to_be_visible()
    page.fill("#peg_pain", "5")
    page.fill("#peg_enjoyment", "4")
    page.fill("#peg_activity", "3")
    page.get_by_role("button", name="Save PEG score").click()
    expect(page.get_by_text("Your PEG score is saved.")).to_be_visible()
    assert_accessible(page, "journal")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    assert download.value.suggested_filename.endswith(".zip")  # a ZIP of CSV tables


def open_a_piriformis_session(page: Page) -> None:
    """An all-clear check, a plan for the left piriformis, and its session page."""
    page.goto("/screen")
    answer_all_clear(page, default_knowledge_base())
    page.get_by_role("button", name="See my result").click()
    page.goto("/plan")
    page.check('input[name="muscles"][value="piriformis:left"]')
    page.get_by_role("button", name="Make my plan").click()
    page.get_by_role("button", name="Start the guided session").click()
    # the player's script has run (it sets the phase): a tap now reaches it
    expect(page.locator("#session")).to_have_attribute("data-phase", "ready")


def test_pause_resume_and_skip_by_keyboard(page: Page, base_url: str) -> None:
    open_a_piriformis_session(page)
    page.get_by_role("button", name="Start the session").click()  # real speed: time to pause
    session = page.locator("#session")
    expect(session).to_have_attribute("data-step", "safety")
    while session.get_attribute("data-step") == "safety":
        page.keyboard.press("Enter")
        moved_on(page, "showing", "0")
    # the warm-up is timed: a countdown to get into position, then its minutes
    expect(session).to_have_attribute("data-step", "warm_up")
    expect(session).to_have_attribute("data-phase", "get_ready")
    expect(page.locator("#s-set")).to_have_text(re.compile(r"^\d+ minutes$"))
    expect(page.locator("#b-skip")).to_contain_text("Skip exercise")
    page.keyboard.press("Space")
    expect(session).to_have_attribute("data-phase", "paused")
    expect(page.locator("#b-pause")).to_contain_text("Go on")
    shot(page, "session-paused")
    page.keyboard.press("Space")
    expect(session).to_have_attribute("data-phase", re.compile("get_ready|holding"))
    page.keyboard.press("s")
    expect(session).to_have_attribute("data-phase", "finding")
    page.keyboard.press("y")
    expect(session).to_have_attribute("data-phase", re.compile("get_ready|holding"))
    expect(page.locator("#s-bar")).to_be_visible()
    expect(page.locator("#b-skip")).to_contain_text("Skip hold")
    page.keyboard.press("s")
    expect(session).to_have_attribute("data-phase", re.compile("finding|showing"))
    page.once("dialog", lambda dialog: dialog.dismiss())  # "End the session now?" No
    page.get_by_role("button", name="End session").click()
    expect(session).to_have_attribute("data-phase", re.compile("finding|showing"))
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End session").click()
    expect(page.locator("#panel-end")).to_be_visible()
    page.get_by_role("button", name="Skip these questions").click()
    expect(page.locator(".session-entry").first).to_contain_text("Stopped by you")


def test_it_hurts_stops_at_once_from_any_step_on_a_phone(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, **PHONE)
    page = context.new_page()
    open_a_piriformis_session(page)
    page.get_by_role("button", name="Start the session").tap()
    session = page.locator("#session")
    expect(session).to_have_attribute("data-phase", re.compile("showing|finding"))
    hurts = page.get_by_role("button", name="It hurts — stop")
    expect(hurts).to_be_visible()
    box = hurts.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 300
    assert page.locator(".keys").is_hidden()  # no key hints without a keyboard
    shot(page, "phone-session-step")
    hurts.tap()
    expect(page.locator("#end-bad")).to_be_visible()
    expect(page.locator("#end-bad")).to_contain_text("Do not go back to that spot today.")
    shot(page, "phone-session-it-hurts")
    context.close()


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/learn", "learn"),
        ("/learn/topics/good_vs_bad_pain", "learn-topic"),
        ("/learn/muscles/piriformis", "learn-muscle"),
        ("/learn/tools/foam_roller", "learn-tool"),
        ("/learn/exercises/glute_bridge", "learn-exercise"),
        ("/learn/faq", "learn-faq"),
        ("/learn/safety", "learn-safety"),
        ("/learn/sources", "learn-sources"),
        ("/session", "session-index"),
        ("/journal", "journal-empty"),
        ("/api/docs", "api-docs"),
        ("/about", "about"),
        ("/offline", "offline"),
        ("/no-such-page", "not-found"),
    ],
)
def test_other_pages_are_accessible_and_keyboard_usable(page: Page, path: str, name: str) -> None:
    page.goto(path)
    assert_accessible(page, name)
    assert_keyboard_reachable(page, name)


def test_the_pages_fit_a_phone(browser: Browser, base_url: str) -> None:
    context = browser.new_context(
        base_url=base_url, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    phone = context.new_page()
    try:
        for path, name in (("/", "phone-home"), ("/screen", "phone-screen"), ("/map", "phone-map")):
            phone.goto(path)
            overflow = phone.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 1, f"{path} is wider than the phone by {overflow}px"
            shot(phone, name)
        phone.locator('.region[data-region="right:calf_posterior"]').tap()
        expect(phone.locator('.region[data-region="right:calf_posterior"]')).to_have_attribute(
            "aria-checked", "true"
        )
    finally:
        context.close()
