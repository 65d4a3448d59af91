"""A returning person on a phone, the day after a session (issue 25, item 5; web review,
major 6): home says what last time was and how it went; after the daily check, asked afresh,
one tap on "Same places as last time: start" opens the session with last time's places, tools and
minutes; the map comes marked as last time."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from sciatica_coach.coach import plans, safety, sessions
from sciatica_coach.coach.maps import read_places, save_map
from sciatica_coach.content import default_knowledge_base
from sciatica_coach.domain.session import Start
from sciatica_coach.storage import Journal, open_database
from sciatica_coach.web import create_app
from tests.coach.journal_days import clear_answers, play_to_the_end

from .browser import ARTIFACTS, CHROMIUM, PHONE, axe_violations, describe, running
from .conftest import WHERE, FakeClock
from .test_e2e import answer_all_clear

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)


def yesterday(database: str, clock: FakeClock) -> None:
    """Yesterday through the service layer: a check, a map, a plan from it with a tennis ball
    for 12 minutes, a session played to its end with pain 6 before and 2 after."""
    kb = default_knowledge_base()
    journal = Journal(open_database(database))
    day = clock.now - timedelta(days=1)
    safety.take_check(kb, journal, day, clear_answers(pain_now=6))
    map_id = save_map(journal, day, read_places(kb, WHERE), ("ache",), 6, "before")
    request = plans.PlanRequest(map_id=map_id, tools=["tennis_ball"], minutes=12)
    saved = plans.make_plan(kb, journal, day, request)
    live = sessions.open_session(kb, journal, day, saved.id, map_id)
    live = sessions.act(kb, journal, day, live.id, Start(pain_before=6), live.version)
    live, end = play_to_the_end(kb, journal, day, live, "good")
    sessions.finish(journal, end, live.id, 2, None)


def test_the_day_after_one_tap_after_the_check_opens_the_same_session(
    browser: Browser, tmp_path: Path
) -> None:
    database = f"sqlite+pysqlite:///{tmp_path / 'back.sqlite3'}"
    clock = FakeClock()
    app = create_app(database, clock=clock)
    yesterday(database, clock)
    with running(app) as url:
        context = browser.new_context(base_url=url, **PHONE, is_mobile=True)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto("/")
        offer = page.locator("#same-as-last")
        expect(offer).to_contain_text("Middle of the buttock (left)")
        expect(offer).to_contain_text("Tennis ball")
        expect(offer).to_contain_text("Last session, yesterday: pain 6 before, 2 after.")
        expect(page.locator("#same-start")).to_have_count(0)  # the check comes first
        page.screenshot(path=str(ARTIFACTS / "phone-returning-home.png"))
        assert not axe_violations(page), describe(axe_violations(page))

        page.get_by_role("link", name="Start the safety check").first.tap()
        checked = page.locator('section.check-group input[type="radio"]:checked')
        expect(checked).to_have_count(0)  # every question asked afresh
        answer_all_clear(page, default_knowledge_base(), pain="3")
        page.get_by_role("button", name="See my result").click()
        expect(page).to_have_url(re.compile(r"/screen/\d+$"))
        start = page.locator("#same-start")
        expect(start).to_be_visible()
        expect(page.locator("#same-since")).to_contain_text("Today you said 3.")
        start.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "phone-returning-result.png"))
        assert not axe_violations(page), describe(axe_violations(page))

        with page.expect_navigation():
            start.tap()
        expect(page).to_have_url(re.compile(r"/session/\d+$"))
        expect(page.locator("#session")).to_have_attribute("data-phase", "ready")
        page.screenshot(path=str(ARTIFACTS / "phone-returning-session.png"))
        session_id = int(page.url.rsplit("/", 1)[1])
        opened = page.request.get(f"/api/sessions/{session_id}").json()
        plan = page.request.get(f"/api/plans/{opened['plan_id']}").json()
        assert plan["minutes"] == 12

        page.goto("/map")
        for key in WHERE:
            region = page.locator(f'.region[data-region="{key}"]')
            expect(region).to_have_attribute("aria-checked", "true")
        expect(page.locator(".map-go button")).to_have_text("Continue (2 areas)")
        context.close()
        assert not errors, errors
