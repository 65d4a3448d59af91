""" "It hurts — stop" never depends on the network (issue 25, item 1; web review, blocker 1).

At every phase of a session, on a phone: the connection drops, the person presses "It hurts
— stop" (or Pause). The page stops (or pauses) at once, shows the advice and keeps the press;
30 s of the session's time later a reload without a connection shows the offline page, which
says the session was stopped on this phone at that time; back online the server has the stop
at the moment it was pressed, and nothing after it is counted.

The server's clock is real time plus jumps the test makes (:class:`Jumps`): 30 s of session
time pass in a moment, while the page's own clock stays real.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    APIRequestContext,
    Browser,
    BrowserContext,
    Error,
    Page,
    Route,
    expect,
)

from sciatica_coach.web import create_app

from .browser import ARTIFACTS, CHROMIUM, PHONE, FastForward, call, opened_session, running

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
SHOTS = ARTIFACTS / "offline-stop"
"""Screenshots of every phase, stopped or paused without a connection, to look at."""


class Jumps(FastForward):
    """The server's clock: real time, plus the jumps the test makes."""

    def __init__(self) -> None:
        super().__init__(1.0)
        self.ahead = timedelta()

    def jump(self, seconds: float) -> None:
        self.ahead += timedelta(seconds=seconds)

    def __call__(self) -> datetime:
        return super().__call__() + self.ahead


@contextmanager
def phone(browser: Browser, tmp_path: Path, name: str) -> Iterator[tuple[BrowserContext, Jumps]]:
    clock = Jumps()
    app = create_app(f"sqlite+pysqlite:///{tmp_path / f'{name}.sqlite3'}", clock=clock)
    with running(app) as url:
        context = browser.new_context(base_url=url, **PHONE)
        yield context, clock
        context.close()


def events(api: APIRequestContext, session_id: int, *sent: dict[str, Any]) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for event in sent:
        state = call(api, "POST", f"/api/sessions/{session_id}/events", event)
    return state


def new_session(api: APIRequestContext) -> dict[str, Any]:
    """An all-clear check, a plan for the left piriformis, a session started: its safety step."""
    return events(api, opened_session(api)["id"], {"type": "start", "pain_before": 5})


def to_hold(api: APIRequestContext, state: dict[str, Any]) -> dict[str, Any]:
    """On to the get-ready of the first hold: past the safety step and the warm-up, spot found."""
    return events(
        api, state["id"], {"type": "next"}, {"type": "next"}, {"type": "spot", "found": True}
    )


def to_stretch(api: APIRequestContext, state: dict[str, Any]) -> dict[str, Any]:
    """On to the get-ready of the stretch: both holds skipped on the way (spots not found)."""
    sid = state["id"]
    state = events(api, sid, {"type": "next"}, {"type": "next"})
    while state["step"]["kind"] != "stretch":
        found = state["phase"] == "finding"
        state = events(api, sid, {"type": "spot", "found": False} if found else {"type": "next"})
    return state


def run_for(api: APIRequestContext, clock: Jumps, session_id: int, seconds: float) -> None:
    """Let ``seconds`` of session time pass with a player there (one says so every 20 s):
    a longer silence would count as a break."""
    while seconds > 0:
        step = min(seconds, 20.0)
        clock.jump(step)
        seconds -= step
        call(api, "POST", f"/api/sessions/{session_id}/contact", {"returning": False})


Setup = Callable[[APIRequestContext, Jumps, dict[str, Any]], dict[str, Any]]


def showing(api: APIRequestContext, clock: Jumps, state: dict[str, Any]) -> dict[str, Any]:
    return state


def finding(api: APIRequestContext, clock: Jumps, state: dict[str, Any]) -> dict[str, Any]:
    return events(api, state["id"], {"type": "next"}, {"type": "next"})


def get_ready(api: APIRequestContext, clock: Jumps, state: dict[str, Any]) -> dict[str, Any]:
    return events(api, state["id"], {"type": "next"})  # the warm-up's 20 s to get in place


def holding(api: APIRequestContext, clock: Jumps, state: dict[str, Any]) -> dict[str, Any]:
    state = to_hold(api, state)
    run_for(api, clock, state["id"], state["remaining"] + 0.2)  # past the get-ready
    return state


def checking_in(api: APIRequestContext, clock: Jumps, state: dict[str, Any]) -> dict[str, Any]:
    state = to_hold(api, state)
    run_for(api, clock, state["id"], 5 + 30 + 0.5)
    return state


def paused(api: APIRequestContext, clock: Jumps, state: dict[str, Any]) -> dict[str, Any]:
    holding(api, clock, state)
    return events(api, state["id"], {"type": "pause"})


def resting(api: APIRequestContext, clock: Jumps, state: dict[str, Any]) -> dict[str, Any]:
    state = to_stretch(api, state)
    seconds = state["remaining"] + state["step"]["set_seconds"] + 0.5  # into the first rest
    run_for(api, clock, state["id"], seconds)
    return state


PHASES: list[tuple[str, Setup, str]] = [
    ("showing", showing, "stop"),
    ("finding", finding, "stop"),
    ("get_ready", get_ready, "stop"),
    ("holding", holding, "stop"),
    ("checking_in", checking_in, "stop"),
    ("paused", paused, "stop"),
    ("resting", resting, "stop"),
    ("holding", holding, "pause"),
    ("get_ready", get_ready, "pause"),
    ("holding", holding, "pause-stop"),
]


def page_on_a_hold(context: BrowserContext, clock: Jumps) -> tuple[Page, int]:
    """A session 10 s into its first hold, open on a page that shows it so."""
    state = holding(context.request, clock, new_session(context.request))
    page = context.new_page()
    page.goto(f"/session/{state['id']}")
    expect(page.locator("#session")).to_have_attribute("data-phase", "holding")
    return page, int(state["id"])


def kept(page: Page, session_id: int) -> dict[str, Any]:
    found: dict[str, Any] = page.evaluate(
        "(id) => JSON.parse(localStorage.getItem('coach-pending-' + id))", session_id
    )
    return found


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.mark.parametrize(
    ("phase", "setup", "press"), PHASES, ids=[f"{p[2]}-{p[0]}" for p in PHASES]
)
def test_a_press_without_contact_holds(
    browser: Browser, tmp_path: Path, phase: str, setup: Setup, press: str
) -> None:
    with phone(browser, tmp_path, f"{press}-{phase}") as (context, clock):
        api = context.request
        state = setup(api, clock, new_session(api))
        sid = state["id"]
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"/session/{sid}")
        session = page.locator("#session")
        expect(session).to_have_attribute("data-phase", phase)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")

        context.set_offline(True)
        expect(page.locator("#s-offline")).to_be_visible()  # what is true, and no more
        hurts = "#b-bad" if phase == "checking_in" else "#b-hurts"
        box = page.locator(hurts).bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["viewport"]["height"], box
        stops = press.endswith("stop")
        if press.startswith("pause"):
            page.locator("#b-pause").click()
            expect(session).to_have_attribute("data-phase", "paused", timeout=1000)
            expect(page.locator("#s-offline")).to_contain_text("Your pause is kept on this phone")
            expect(page.locator("#s-cue")).to_contain_text("Paused on this phone")
            frozen = page.locator("#s-time").text_content()
            paused_at = datetime.fromisoformat(kept(page, sid)["at"])
            page.wait_for_timeout(1000)
        if stops:
            page.locator(hurts).click()
            # at once, with no answer from anyone: stopped, with the advice
            expect(session).to_have_attribute("data-phase", "stopped", timeout=1000)
            expect(page.locator("#end-bad")).to_be_visible()
            expect(page.locator("#end-bad")).to_contain_text("Do not go back to that spot today.")
            expect(page.locator("#end-pending")).to_contain_text("kept on this phone and sent")
            expect(page.locator("#finish-form")).to_be_hidden()
        pressed = kept(page, sid)
        assert pressed["type"] == ("stop" if stops else "pause")
        at = datetime.fromisoformat(pressed["at"])
        held_until = paused_at if press.startswith("pause") else at
        shot(page, f"{press}-{phase}-offline")

        clock.jump(30)  # 30 s of the session's time with no contact
        page.wait_for_timeout(1500)  # polls and retries fail meanwhile; nothing undoes the press
        expect(session).to_have_attribute("data-phase", "stopped" if stops else "paused")
        if not stops:
            assert page.locator("#s-time").text_content() == frozen

        page.reload()  # without a connection: the offline page, which says what is true
        expect(page.locator("h1")).to_have_text("You are offline")
        what = "stopped" if stops else "paused"
        kept_box = page.locator("#pending-box")
        expect(kept_box).to_contain_text(
            re.compile(f"Your session was {what} at \\d+:\\d\\d on this phone")
        )
        expect(kept_box).to_contain_text("kept on this phone and sent")
        shot(page, f"{press}-{phase}-offline-reload")

        context.set_offline(False)  # the offline page sends it as soon as it can
        expect(kept_box).to_contain_text("saved in your journal now", timeout=15_000)
        page.goto(f"/session/{sid}")
        server = call(api, "GET", f"/api/sessions/{sid}")
        record = call(api, "GET", "/api/journal/sessions")[0]
        started = datetime.fromisoformat(record["started_at"])
        if stops:
            expect(page.locator("#end-bad")).to_be_visible()
            expect(page.locator("#finish-form")).to_be_visible()
            assert server["phase"] == "stopped" and server["bad_pain"]
            # the stop is where it was pressed: nothing of the 30 s after it counted (nor,
            # paused first, the time between the pause and the stop)
            assert abs((datetime.fromisoformat(record["ended_at"]) - at).total_seconds()) < 1
            assert record["duration_seconds"] <= (held_until - started).total_seconds() + 0.5
        else:
            expect(session).to_have_attribute("data-phase", "paused")
            assert server["phase"] == "paused"
            assert server["elapsed"] <= (held_until - started).total_seconds() + 0.5
        assert kept(page, sid) is None
        assert not errors, errors


def test_a_stop_kept_on_the_phone_is_sent_first_when_the_session_page_opens(
    browser: Browser, tmp_path: Path
) -> None:
    """Pressed without contact, then the session page itself opened again once contact is
    back: the kept stop goes first, and the page shows the server's stop."""
    with phone(browser, tmp_path, "reload-online") as (context, clock):
        api = context.request
        page, sid = page_on_a_hold(context, clock)
        session = page.locator("#session")
        context.set_offline(True)
        page.locator("#b-hurts").click()
        expect(session).to_have_attribute("data-phase", "stopped", timeout=1000)
        at = datetime.fromisoformat(kept(page, sid)["at"])
        clock.jump(30)
        context.set_offline(False)
        page.reload()
        expect(page.locator("#end-bad")).to_be_visible()
        expect(page.locator("#finish-form")).to_be_visible(timeout=10_000)  # the server has it
        assert kept(page, sid) is None
        record = call(api, "GET", "/api/journal/sessions")[0]
        started = datetime.fromisoformat(record["started_at"])
        assert record["stop_reason"] == "bad_pain"
        assert abs((datetime.fromisoformat(record["ended_at"]) - at).total_seconds()) < 1
        assert record["duration_seconds"] <= (at - started).total_seconds() + 0.5


def test_a_tab_closed_mid_hold_waits_at_that_holds_get_ready(
    browser: Browser, tmp_path: Path
) -> None:
    """Closed in the middle of a hold and opened again 2 minutes later: paused at that hold's
    get-ready with its full time, saying why; never "How did that feel?" for a hold not done;
    the journal counts only the time held before the tab went."""
    with phone(browser, tmp_path, "closed-tab") as (context, clock):
        api = context.request
        page, sid = page_on_a_hold(context, clock)
        page.wait_for_timeout(1000)
        before = call(api, "GET", f"/api/sessions/{sid}")
        page.close()  # the tab is closed mid-hold
        clock.jump(120)
        page = context.new_page()
        page.goto(f"/session/{sid}")
        session = page.locator("#session")
        expect(session).to_have_attribute("data-phase", "paused")
        expect(session).to_have_attribute("data-step", before["step"]["id"])
        expect(page.locator("#s-cue")).to_contain_text("was interrupted, so it waits for you")
        expect(page.locator("#s-time")).to_have_text("5")  # the get-ready's full time
        expect(page.locator("#act-checkin")).to_be_hidden()
        shot(page, "interrupted-resume")
        page.locator("#b-pause").click()  # Go on: the get-ready, then the whole hold
        expect(session).to_have_attribute("data-phase", "get_ready")
        server = call(api, "GET", f"/api/sessions/{sid}")
        assert server["phase"] == "get_ready" and server["remaining"] > 4
        page.locator("#b-hurts").click()
        expect(page.locator("#end-bad")).to_be_visible()
        expect(page.locator("#finish-form")).to_be_visible()
        record = call(api, "GET", "/api/journal/sessions")[0]
        # what was done before the tab went, and a moment of the new get-ready: nothing of
        # the 2 minutes away
        assert record["duration_seconds"] <= before["elapsed"] + 3, (record, before)


def test_a_stop_does_not_wait_for_a_request_that_hangs(browser: Browser, tmp_path: Path) -> None:
    """The server takes no answer back (a request hangs): the stop is at once all the same,
    and reaches the server once it answers again."""
    with phone(browser, tmp_path, "hanging") as (context, clock):
        api = context.request
        page, sid = page_on_a_hold(context, clock)
        session = page.locator("#session")
        hung: list[Route] = []
        page.route("**/api/sessions/**", lambda route: hung.append(route))  # never answered
        page.locator("#b-hurts").click()
        expect(session).to_have_attribute("data-phase", "stopped", timeout=1000)
        expect(page.locator("#end-bad")).to_be_visible()
        assert hung, "the stop was sent"
        page.unroute("**/api/sessions/**")
        for route in hung:
            with suppress(Error):  # one the page gave up on itself is handled already
                route.abort()
        expect(page.locator("#finish-form")).to_be_visible(timeout=15_000)  # sent again
        assert call(api, "GET", f"/api/sessions/{sid}")["phase"] == "stopped"
        assert kept(page, sid) is None


HIDE = """(hidden) => {
  Object.defineProperty(document, 'visibilityState', { configurable: true,
    get: () => (hidden ? 'hidden' : 'visible') });
  document.dispatchEvent(new Event('visibilitychange'));
}"""


def test_the_page_says_it_is_there_and_that_it_is_back(browser: Browser, tmp_path: Path) -> None:
    """In view, the page tells the server every 10 s or so that it is still there; shown again
    after a long time hidden (a locked phone), it says it is back, and a hold under way then
    waits at its get-ready."""
    with phone(browser, tmp_path, "contact") as (context, clock):
        api = context.request
        state = holding(api, clock, new_session(api))
        sid = state["id"]
        page = context.new_page()
        said: list[Any] = []
        page.on(
            "request",
            lambda request: (
                said.append(request.post_data_json) if request.url.endswith("/contact") else None
            ),
        )
        page.goto(f"/session/{sid}")
        session = page.locator("#session")
        expect(session).to_have_attribute("data-phase", "holding")
        page.wait_for_timeout(11_000)  # one "still here" in that time
        assert {"returning": False} in said, said
        page.evaluate(HIDE, True)
        clock.jump(60)  # a minute hidden: the server hears nothing
        page.evaluate(HIDE, False)
        expect(session).to_have_attribute("data-phase", "paused")
        assert {"returning": True} in said, said
        expect(page.locator("#s-cue")).to_contain_text("was interrupted, so it waits for you")
