"""The voice coaches (issue 25, item 3; web review, major 4): each step's how-to lines are
spoken in order when it starts, not only its title; the first step's safety rules are shown
open and spoken; the "find the spot" step shows the muscle's close-up with its do-not-press
marks; after "It hurts — stop" nothing but the stop advice is said.

The browser's voice is replaced by a log (``speechSynthesis.speak`` stubbed before the page's
scripts run), which the test reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from sciatica_coach.content import default_knowledge_base
from sciatica_coach.web import create_app

from .browser import CHROMIUM, PHONE, opened_session, running
from .test_e2e_offline_stop import SHOTS, Jumps, new_session

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
LISTEN = """() => {
  window.__spoken = [];
  const log = (utterance) => { window.__spoken.push(utterance.text); };
  if (window.speechSynthesis) {
    window.speechSynthesis.speak = log;
    window.speechSynthesis.cancel = () => {};
  }
}"""


def spoken(page: Page) -> list[str]:
    said: list[str] = page.evaluate("() => window.__spoken.slice()")
    return said


def said_in_order(page: Page, lines: list[str]) -> None:
    """Every line was said, in this order (other things may come between)."""
    said = spoken(page)
    place = 0
    for line in lines:
        assert line in said[place:], (line, place, len(said), said[-4:])
        place = said.index(line, place) + 1


def moved_to(page: Page, phase: str, step: str | None = None) -> dict[str, Any]:
    session = page.locator("#session")
    expect(session).to_have_attribute("data-phase", phase)
    if step is not None:
        expect(session).to_have_attribute("data-step", step)
    state: dict[str, Any] = page.evaluate(
        "(id) => fetch('/api/sessions/' + id).then((r) => r.json())",
        int(session.get_attribute("data-session-id") or "0"),
    )
    return state


def test_the_voice_says_how_and_stops_with_the_session(browser: Browser, tmp_path: Path) -> None:
    kb = default_knowledge_base()
    app_clock = Jumps()
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'voice.sqlite3'}", clock=app_clock)
    with running(app) as url:
        context = browser.new_context(base_url=url, **PHONE)
        context.add_init_script(script=f"({LISTEN})()")
        api = context.request
        # a started session shown from its first step, as a reload would open it
        state = new_session(api)
        page = context.new_page()
        page.goto(f"/session/{state['id']}")
        assert page.evaluate("() => Array.isArray(window.__spoken)")

        # the safety rules: open on the screen (not folded away), and said
        rules = page.locator("#s-rules")
        expect(rules).to_be_visible()
        assert page.locator("#s-rules").evaluate("(list) => !list.closest('details')")
        for line in kb.routine.script.safety:
            expect(rules).to_contain_text(line)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "voice-safety-rules-open.png"))
        # opened on the first step: its words are said when the person moves through it; Next
        # goes on to the warm-up, whose how-to is said at once
        page.locator("#b-next").click()
        warm_up = moved_to(page, "get_ready", "warm_up")
        said_in_order(page, warm_up["step"]["instructions"])

        page.locator("#b-skip").click()
        finding = moved_to(page, "finding")
        find_lines = finding["step"]["instructions"]
        said_in_order(page, find_lines)
        assert any("Never press on these places" in line for line in find_lines)
        closeup = page.locator("#s-closeup img")
        expect(closeup).to_be_visible()
        assert "/learn/pictures/muscle/piriformis.svg" in (closeup.get_attribute("src") or "")
        assert closeup.evaluate("(img) => img.complete && img.naturalWidth > 0")
        page.screenshot(path=str(SHOTS / "voice-find-spot-closeup.png"))

        page.locator("#b-found").click()
        hold = moved_to(page, "get_ready")
        said_in_order(page, [hold["step"]["title"] + ". "] + hold["step"]["instructions"])

        page.locator("#b-hurts").click()
        expect(page.locator("#end-bad")).to_be_visible()
        advice = [kb.routine.script.bad_pain_stop, *kb.routine.script.bad_pain_what_to_do]
        said_in_order(page, advice)
        after_stop = len(spoken(page))
        app_clock.jump(40)  # the hold would have started, breathed and ended by now
        page.wait_for_timeout(2500)
        assert spoken(page)[after_stop:] == [], spoken(page)[after_stop:]
        assert spoken(page)[-len(advice) :] == advice
        context.close()


def test_the_safety_rules_are_said_at_the_start(browser: Browser, tmp_path: Path) -> None:
    """Start pressed on the page: the first step's title, rules and cue are said."""
    kb = default_knowledge_base()
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'start.sqlite3'}", clock=Jumps())
    with running(app) as url:
        context = browser.new_context(base_url=url, **PHONE)
        context.add_init_script(script=f"({LISTEN})()")
        api = context.request
        opened = opened_session(api)
        page = context.new_page()
        page.goto(f"/session/{opened['id']}")
        page.locator("#b-start").click()
        moved_to(page, "showing", "safety")
        said_in_order(page, list(kb.routine.script.safety))
        context.close()
