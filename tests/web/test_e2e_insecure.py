"""Over plain http at an address that is not this computer's (a phone on the home network
before it trusts this computer) the page is not a secure context: no wake lock, no service
worker. The session page says so before the start, and a silent video keeps the screen on
instead while the session runs (issue 26, item 1). Chromium reaches the app as
``http://coach.test`` (``--host-resolver-rules``), which, unlike 127.0.0.1, is not secure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sciatica_coach.web import create_app

from .browser import PHONE, FastForward, assert_accessible, chromium_finding, running
from .test_e2e import moved_on, open_a_piriformis_session

NAME = "coach.test"
PLAYING = "() => { const v = document.getElementById('s-keep-awake'); return !!v && !v.paused"
ADVANCING = PLAYING + " && v.currentTime > 0.3; }"
SEEN = """(seen) => {
    Object.defineProperty(document, 'visibilityState', {
        configurable: true, get: () => (seen ? 'visible' : 'hidden') });
    document.dispatchEvent(new Event('visibilitychange'));
}"""


@pytest.fixture(scope="module")
def far_browser() -> Iterator[Browser]:
    """Chromium that finds ``coach.test`` at 127.0.0.1, as a phone finds the computer."""
    with chromium_finding(NAME) as launched:
        yield launched


def video_playing(page: Page) -> bool:
    return bool(page.evaluate(PLAYING + "; }"))


def test_over_plain_http_the_page_says_so_and_a_silent_video_keeps_the_screen_on(
    far_browser: Browser, tmp_path: Path
) -> None:
    app = create_app(
        f"sqlite+pysqlite:///{tmp_path / 'journal.sqlite3'}", hosts=[NAME], clock=FastForward()
    )
    with running(app) as url:
        secure = far_browser.new_context(base_url=url, **PHONE)
        page = secure.new_page()
        open_a_piriformis_session(page)
        expect(page.locator("#s-insecure")).to_be_hidden()  # 127.0.0.1 is a secure context
        secure.close()

        plain = far_browser.new_context(base_url=url.replace("127.0.0.1", NAME), **PHONE)
        page = plain.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto("/session")
        assert page.evaluate("window.isSecureContext") is False
        assert page.evaluate("'wakeLock' in navigator") is False
        page.get_by_role("button", name="Start this plan").first.click()
        note = page.locator("#s-insecure")
        expect(note).to_be_visible()
        expect(note).to_contain_text("No install and no offline use")
        expect(note).to_contain_text("silent, invisible video")
        expect(note).to_contain_text("may still turn off")
        expect(note.get_by_role("link", name="trust this computer once")).to_have_attribute(
            "href", "/lan/trust"
        )
        assert_accessible(page, "session-over-plain-http-phone")
        assert page.locator("#s-keep-awake").count() == 0  # nothing plays before the start

        session = page.locator("#session")
        page.get_by_role("button", name="Start the session").click()
        expect(session).to_have_attribute("data-step", "safety")
        page.wait_for_function(ADVANCING)
        awake = page.locator("#s-awake")
        expect(awake).to_be_visible()
        expect(awake).to_contain_text("not on every phone")
        expect(awake.get_by_role("link", name="Trust this computer")).to_have_attribute(
            "href", "/lan/trust"
        )
        while session.get_attribute("data-step") == "safety":
            page.keyboard.press("Enter")
            moved_on(page, "showing", "0")
        expect(session).to_have_attribute("data-phase", "get_ready")  # the warm-up's countdown
        assert video_playing(page)
        covered = page.evaluate(
            """() => { const r = document.getElementById('s-keep-awake').getBoundingClientRect();
                return r.width * r.height / (innerWidth * innerHeight); }"""
        )
        assert covered > 0.9  # Blink keeps the screen on for a muted video only this big
        assert page.evaluate("document.getElementById('s-keep-awake').muted") is True
        expect(page.locator("#b-hurts")).to_be_in_viewport()  # the note does not push it off
        assert_accessible(page, "session-hold-over-plain-http-phone")  # the video too

        page.keyboard.press("Space")
        expect(session).to_have_attribute("data-phase", "paused")
        page.wait_for_function(f"() => !({PLAYING}; }})()")
        page.keyboard.press("Space")
        expect(session).not_to_have_attribute("data-phase", "paused")
        page.wait_for_function(PLAYING + "; }")

        page.evaluate(SEEN, False)  # the phone is locked or another app comes to the front
        page.wait_for_function(f"() => !({PLAYING}; }})()")
        page.evaluate(SEEN, True)  # back, in the middle of the warm-up: it plays again
        page.wait_for_function(PLAYING + "; }")

        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="End session").click()
        expect(page.locator("#panel-end")).to_be_visible()
        page.wait_for_function(f"() => !({PLAYING}; }})()")
        assert not errors, errors
        plain.close()


IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def test_on_an_iphone_the_video_plays_its_silent_sound_and_never_loops(
    far_browser: Browser, tmp_path: Path
) -> None:
    """Safari keeps the screen on only for a video that plays sound and does not loop: there
    the silent track plays and the video jumps back before its end, as NoSleep.js does."""
    app = create_app(
        f"sqlite+pysqlite:///{tmp_path / 'journal.sqlite3'}", hosts=[NAME], clock=FastForward()
    )
    with running(app) as url:
        plain = far_browser.new_context(
            base_url=url.replace("127.0.0.1", NAME), user_agent=IPHONE, **PHONE
        )
        page = plain.new_page()
        open_a_piriformis_session(page)
        page.get_by_role("button", name="Start the session").click()
        page.wait_for_function(ADVANCING)
        video = page.locator("#s-keep-awake")
        assert video.evaluate("v => v.muted") is False
        assert video.get_attribute("loop") is None and video.get_attribute("muted") is None
        assert video.evaluate("v => v.loop") is False
        page.wait_for_timeout(2500)  # longer than the 2 s video: it has jumped back, not ended
        assert video.evaluate("v => !v.paused && !v.ended && v.currentTime < 1.5")
        plain.close()
