"""Helpers for the browser tests: a real server in a thread, axe checks, keyboard walks.

Why a real server: the guided session runs on the page's own clock and talks to the API, which
only a real browser against a real server exercises. Debian's Chromium is driven by Playwright
(no browser download); ``make test`` installs it.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import APIRequestContext, Browser, Locator, Page, sync_playwright

from tests.conftest import any_day_now

HERE = Path(__file__).resolve().parent
AXE = HERE / "vendor" / "axe.min.js"
ARTIFACTS = HERE / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
BLOCKING = ("serious", "critical")
PHONE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "has_touch": True}
"""A phone held by someone on the floor: ``browser.new_context(base_url=..., **PHONE)``."""

CONTROLS = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    '[tabindex]:not([tabindex="-1"])'
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class FastForward:
    """A server clock that runs ``factor`` times faster than real time, from the tests' moment
    (never the real date): a 30 s hold lasts 30 s on it (and in the journal), and a few seconds
    in the test. ``FastForward()`` runs at real speed, for a server a browser drives: its
    timers need time to pass, but "today" is still the tests' own."""

    def __init__(self, factor: float = 1.0) -> None:
        self.factor = factor
        self.start = any_day_now()
        self.real = time.monotonic()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=(time.monotonic() - self.real) * self.factor)


@contextmanager
def running(app: FastAPI, port: int | None = None) -> Iterator[str]:
    """Serve ``app`` on a local port (a free one by default) in a background thread; yield
    its base URL. Leaving the block stops the server, as a crash or a restart would."""
    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@contextmanager
def chromium_finding(*names: str) -> Iterator[Browser]:
    """Chromium that finds each of ``names`` at 127.0.0.1, as a home network's or a hostile
    DNS would send them there."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's Chromium (make browser installs it)")
    rules = ", ".join(f"MAP {name} 127.0.0.1" for name in names)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", f"--host-resolver-rules={rules}"]
        )
        try:
            yield launched
        finally:
            launched.close()


@contextmanager
def phone_page(browser: Browser, app: FastAPI) -> Iterator[Page]:
    """A page on a phone-sized touch screen, served ``app`` by a real server; a script error
    on it fails the test."""
    with running(app) as url:
        context = browser.new_context(base_url=url, **PHONE)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        context.close()
        assert not errors, errors


def call(api: APIRequestContext, method: str, path: str, body: Any = None) -> Any:
    """An API call as a script makes it: the token from ``/api/token`` (its cookie stays with
    the browser context), then the call; it must succeed."""
    token = api.get("/api/token").json()["token"]
    response = api.fetch(path, method=method, data=body, headers={"X-CSRF-Token": token})
    assert response.ok, f"{method} {path}: {response.status} {response.text()}"
    return response.json()


def opened_session(api: APIRequestContext) -> dict[str, Any]:
    """Through the API as a script would: an all-clear check, a 10-minute plan for the left
    piriformis and a session opened for it, not started yet."""
    from tests.domain.screening_cases import all_clear

    call(api, "POST", "/api/screenings", {"answers": all_clear()})
    plan = call(
        api,
        "POST",
        "/api/plans",
        {"muscles": [{"muscle_id": "piriformis", "side": "left"}], "minutes": 10},
    )
    opened: dict[str, Any] = call(api, "POST", "/api/sessions", {"plan_id": plan["id"]})
    return opened


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Serious and critical accessibility problems axe-core finds on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated over the DevTools protocol: the page's CSP (no inline script) stays on.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, { resultTypes: ['violations'] })"
    )
    return [v for v in result["violations"] if v.get("impact") in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(str(node.get("target")) for node in v.get("nodes", [])[:3])
        for v in violations
    )


def assert_accessible(page: Page, name: str) -> None:
    shot(page, name)
    found = axe_violations(page)
    assert not found, f"{name}:\n{describe(found)}"


def visible_controls(page: Page) -> list[str]:
    """A stable description of every visible, enabled control on the page."""
    described: list[str] = page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector))
            .filter((el) => !el.disabled
                && !el.closest('[hidden], details:not([open]) > :not(summary)')
                && el.getClientRects().length > 0
                && getComputedStyle(el).visibility !== 'hidden')
            .filter((el) => !(el.type === 'radio' && !el.checked
                && document.querySelector(`input[type=radio][name="${el.name}"]:checked`)))
            .map((el) => window.__describe(el))""",
        CONTROLS,
    )
    return described


DESCRIBE = """() => { window.__describe = (el) => {
  if (el.type === 'radio') { return 'radio:' + el.name; }
  return el.tagName.toLowerCase() + ':' + (el.id || el.getAttribute('data-region')
    || el.getAttribute('href') || (el.name ? el.name + '=' + el.value : '')
    || el.textContent.trim().slice(0, 30));
}; }"""


def tab_walk(page: Page, limit: int = 400) -> dict[str, bool]:
    """Press Tab through the page; for each control reached, whether its focus is visible."""
    page.evaluate(DESCRIBE)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    page.evaluate("() => window.scrollTo(0, 0)")
    reached: dict[str, bool] = {}
    first: str | None = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        info: dict[str, Any] | None = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) { return null; }
                const style = getComputedStyle(el);
                const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
                    || (style.boxShadow && style.boxShadow !== 'none')
                    || (el instanceof SVGElement && parseFloat(style.strokeWidth) >= 3);
                return { name: window.__describe(el), ring: !!ring };
            }"""
        )
        if info is None:
            continue
        if info["name"] == first:
            break
        first = first or info["name"]
        reached[info["name"]] = info["ring"]
    return reached


def assert_keyboard_reachable(page: Page, name: str) -> None:
    """Every visible control can be reached with Tab and shows where the focus is."""
    page.evaluate(DESCRIBE)
    wanted = set(visible_controls(page))
    reached = tab_walk(page)
    missing = sorted(wanted - set(reached))
    assert not missing, f"{name}: not reachable with Tab: {missing}"
    unseen = sorted(k for k, ring in reached.items() if not ring)
    assert not unseen, f"{name}: no visible focus on {unseen}"


def touch_target(page: Page, key: str) -> Locator:
    """What a finger or a pointer lands on for a body-map area: the larger target laid over
    an area drawn small, or else the area itself (both come after it in the page)."""
    return page.locator(f'.region[data-region="{key}"], .region-hit[data-hit-for="{key}"]').last
