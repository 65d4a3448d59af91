"""Every page, in every state a person meets, at 390x844 (touch) and 1280x800: nothing asked
of any other host, nothing wider than the screen, no serious accessibility problem (axe-core),
and on the phone every control a finger's size (44x44 CSS px, measured from bounding boxes;
links inside a sentence are exempt, as WCAG 2.5.8 has it). A screenshot of each is kept under
``tests/web/artifacts/`` for a person to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from sciatica_coach.web import create_app

from ..domain.screening_cases import all_clear
from .browser import CHROMIUM, PHONE, FastForward, assert_accessible, running
from .test_e2e_phone import PAGES

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
SIZES: dict[str, dict[str, Any]] = {
    "phone": PHONE,
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
FIXED_PAGES = [*PAGES, "/learn/exercises/piriformis_stretch"]
TOO_SMALL = """() => {
    const controls = document.querySelectorAll(
        'button, input:not([type=hidden]), select, textarea, summary, a[href], [role=checkbox]');
    const small = [];
    for (const el of controls) {
        if (el.closest('[hidden], details:not([open]) > :not(summary)')) continue;
        if (el.getClientRects().length === 0) continue;
        if (getComputedStyle(el).visibility === 'hidden') continue;
        // a link inside a sentence (words beside it in the same line of text) is exempt; a
        // link standing on its own is a control
        const words = Array.from(el.parentElement.childNodes).some(
            (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
        if (el.tagName === 'A' && words && !el.closest('nav') && !el.classList.contains('button')) {
            continue;
        }
        // a box or circle to tick is measured with the label the finger can also press
        const target = (el.type === 'checkbox' || el.type === 'radio') && el.closest('label')
            ? el.closest('label') : el;
        // a small body-map area is measured with the larger target laid over it
        const hit = el.matches('[role=checkbox][data-region]')
            && document.querySelector('.region-hit[data-hit-for="' + el.dataset.region + '"]');
        const a = target.getBoundingClientRect();
        const b = hit ? hit.getBoundingClientRect() : a;
        const width = Math.max(a.width, b.width), height = Math.max(a.height, b.height);
        if (width < 44 - 0.5 || height < 44 - 0.5) {
            small.push((el.id || el.getAttribute('data-region') || el.textContent.trim()
                || el.outerHTML).slice(0, 60) + ' ' + Math.round(width) + 'x' + Math.round(height));
        }
    }
    return small;
}"""


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[dict[str, Any]]:
    """A server with a journal a person has used: a check, a map, a plan, a finished
    session, pain and PEG entries; and the addresses of the pages that show them."""
    folder: Path = tmp_path_factory.mktemp("pages")
    app = create_app(f"sqlite+pysqlite:///{folder / 'pages.sqlite3'}", clock=FastForward(50))
    with running(app) as url:
        context = browser.new_context(base_url=url)
        api = context.request
        token = api.get("/api/token").json()["token"]
        headers = {"X-CSRF-Token": token, "Origin": url}

        def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
            response = api.post(path, data=body, headers=headers)
            assert response.ok, (path, response.status, response.text())
            data: dict[str, Any] = response.json()
            return data

        check = post("/api/screenings", {"answers": all_clear()})
        where = ["left:buttock_center", "left:thigh_posterior"]
        painted = post("/api/journal/pain-maps", {"where": where, "intensity": 5})
        plan = post("/api/plans", {"map_id": painted["id"], "minutes": 10})
        session = post("/api/sessions", {"plan_id": plan["id"], "before_map_id": painted["id"]})
        events = f"/api/sessions/{session['id']}/events"
        state = post(events, {"type": "start", "pain_before": 5})
        post(events, {"type": "stop", "version": state["version"]})
        post(f"/api/sessions/{session['id']}/finish", {"pain_after": 3, "where": where[:1]})
        post("/api/journal/pain", {"now": 4})
        post("/api/journal/peg", {"pain": 5, "enjoyment": 4, "activity": 4})
        running_session = post("/api/sessions", {"plan_id": plan["id"]})
        context.close()
        yield {
            "url": url,
            "pages": [
                *FIXED_PAGES,
                f"/screen/{check['id']}",
                f"/plan/{plan['id']}",
                f"/session/{session['id']}",
                f"/session/{running_session['id']}",
            ],
        }


def slug(path: str) -> str:
    return path.strip("/").replace("/", "-") or "home"


@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_stays_home_fits_and_is_accessible(
    browser: Browser, journey: dict[str, Any], size: str
) -> None:
    base = journey["url"]
    context = browser.new_context(base_url=base, **SIZES[size])
    page: Page = context.new_page()
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((base, "data:", "blob:"))
            else elsewhere.append(request.url)
        ),
    )
    problems: dict[str, object] = {}
    for path in journey["pages"]:
        response = page.goto(path)
        assert response is not None and response.status == 200, (path, response)
        page.wait_for_load_state("networkidle")
        wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        if wide > 0:
            problems[f"{path} wider than the screen by"] = wide
        if size == "phone":
            small = page.evaluate(TOO_SMALL)
            if small:
                problems[f"{path} small targets"] = small
        assert_accessible(page, f"page-{size}-{slug(path)}")
    assert elsewhere == [], elsewhere
    assert problems == {}, problems
    context.close()
