""" "Same as last time" (issue 25, item 5; web review, major 6): the day after a session the
home page says what last time was and how it went, the check's result offers to start the same
again in one tap, the map comes marked as last time and the plan form keeps the tools and
minutes, while the check still asks every question afresh and a check that says no offers
nothing."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from sciatica_coach.coach.last_time import EXPERIENCED_AFTER

from .conftest import WHERE, app_clock, play, screen, started_session


def day_one(client: TestClient) -> int:
    """A check, a map, a plan from it (tennis ball, 12 minutes), a session played through
    with pain 6 before and 2 after; then the clock moves on a day. Returns the plan id."""
    screen(client)
    made = client.post("/map", data={"where": WHERE, "intensity": "6"}, follow_redirects=False)
    map_id = int(made.headers["location"].split("map=")[1])
    planned = client.post(
        "/plan",
        data={"map": str(map_id), "tools": ["tennis_ball"], "minutes": "12", "experience": "new"},
        follow_redirects=False,
    )
    plan_id = int(planned.headers["location"].split("/")[2].split("?")[0])
    session_id = started_session(client, plan_id, pain_before=6)
    play(client, session_id, [])
    client.post(f"/session/{session_id}/finish", data={"action": "save", "pain_after": "2"})
    app_clock(client).advance(days=1)
    return plan_id


@pytest.fixture
def back(client: TestClient) -> TestClient:
    day_one(client)
    return client


def test_home_says_what_last_time_was_and_that_the_check_comes_first(back: TestClient) -> None:
    page = back.get("/").text
    assert 'id="same-as-last"' in page
    assert "Middle of the buttock (left)" in page and "Tennis ball" in page
    assert "12 minutes" in page
    assert "Last session, yesterday: pain 6 before, 2 after." in page
    assert 'id="same-start"' not in page  # no check today yet: nothing to start
    assert "The daily safety check comes first" in page
    assert "Last taken yesterday (" in page  # the check, in words a person uses


def test_the_check_still_asks_every_question_afresh(back: TestClient) -> None:
    page = back.get("/screen").text
    assert not re.search(r'type="radio"[^>]*\bchecked\b', page)


def test_after_a_check_that_allows_it_one_tap_opens_the_same_session(back: TestClient) -> None:
    checked = screen(back, pain_now=3)
    result = back.get(f"/screen/{checked['id']}").text
    assert 'id="same-start"' in result
    assert "Today you said 3." in result
    opened = back.post("/plan/same-again", follow_redirects=False)
    assert opened.status_code == 303
    session_id = int(opened.headers["location"].rsplit("/", 1)[1])
    session = back.get(f"/api/sessions/{session_id}").json()
    assert session["phase"] == "ready"
    plans = back.get("/api/plans").json()
    assert plans[0]["minutes"] == 12
    maps = back.get("/api/journal/pain-maps").json()
    assert sorted(maps[0]["where"]) == sorted(WHERE)  # last time's places, saved today
    assert maps[0]["recorded_at"][:10] > maps[1]["recorded_at"][:10]


def test_a_check_that_says_no_offers_nothing_and_refuses_it(back: TestClient) -> None:
    checked = screen(back, saddle_numbness=True)
    result = back.get(f"/screen/{checked['id']}").text
    assert 'id="same-start"' not in result and 'id="same-as-last"' not in result
    assert 'id="same-start"' not in back.get("/").text
    refused = back.post("/plan/same-again", follow_redirects=False)
    assert refused.status_code >= 400
    assert back.get("/api/journal/sessions").json()[0]["status"] != "ready"


def test_the_map_is_marked_as_last_time_and_the_plan_form_keeps_the_choices(
    back: TestClient,
) -> None:
    screen(back)
    page = back.get("/map").text
    assert 'id="map-from-last"' in page
    for key in WHERE:
        assert re.search(rf'aria-checked="true"[^>]*data-region="{key}"', page) or re.search(
            rf'data-region="{key}"[^>]*aria-checked="true"', page
        )
    assert "Continue (<span data-area-count>2 areas</span>)" in page
    form = back.get("/plan").text
    assert re.search(r'value="tennis_ball" checked', form)
    assert 'name="minutes"' in form and 'value="12"' in form


def test_after_enough_finished_sessions_the_plan_form_offers_more_without_choosing_it(
    client: TestClient,
) -> None:
    for _ in range(EXPERIENCED_AFTER):
        day_one(client)
    screen(client)
    form = client.get("/plan").text
    assert 'id="experience-ready"' in form and "45 s instead of 30 s" in form
    assert re.search(r'value="new" checked', form)  # only the person moves it on


def test_after_a_stop_for_pain_a_gentler_plan_is_offered_not_the_same(
    client: TestClient,
) -> None:
    screen(client)
    made = client.post("/map", data={"where": WHERE, "intensity": "6"}, follow_redirects=False)
    map_id = int(made.headers["location"].split("map=")[1])
    planned = client.post(
        "/plan",
        data={"map": str(map_id), "tools": ["tennis_ball"], "minutes": "12"},
        follow_redirects=False,
    )
    plan_id = int(planned.headers["location"].split("/")[2].split("?")[0])
    session_id = started_session(client, plan_id, pain_before=6)
    assert play(client, session_id, ["bad"])["bad_pain"] is True
    app_clock(client).advance(days=1)
    screen(client)
    home = client.get("/").text
    assert "stopped because it hurt" in home and "Make a gentler plan" in home
    assert 'id="same-start"' not in home
    refused = client.post("/plan/same-again", data={})
    assert refused.status_code == 409 and "gentler plan" in refused.text
