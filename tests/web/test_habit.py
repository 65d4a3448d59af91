"""The weekly goal and "what helped" on the journal page, and the returning person's home."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import plan, play, screen, started_session


def a_session(client: TestClient, before: int, after: int) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"], pain_before=before)
    play(client, session_id, ["good"] * 6)
    finished = client.post(f"/api/sessions/{session_id}/finish", json={"pain_after": after})
    assert finished.status_code == 200, finished.text


def test_a_goal_is_set_from_the_journal_and_shown_with_this_week(client: TestClient) -> None:
    page = client.get("/journal").text
    assert "Set a weekly goal" in page and "No weekly goal is set." in page
    saved = client.post(
        "/journal/goal", data={"sessions": "4", "pegs": "1"}, follow_redirects=False
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith("#goal")
    page = client.get(saved.headers["location"]).text
    assert "Your weekly goal is saved." in page
    assert "0 of 4 sessions, 0 of 1 PEG score." in page
    assert "weeks in a row with the goal met" in page
    assert "at most 2 sessions a day, each after its safety check" in page


def test_a_goal_past_the_dose_limit_comes_back_with_what_was_typed(client: TestClient) -> None:
    response = client.post("/journal/goal", data={"sessions": "20", "pegs": "x"})
    assert response.status_code == 422
    assert "&#39;x&#39; is not a whole number." in response.text
    bad = client.post("/journal/goal", data={"sessions": "20", "pegs": "1"})
    assert bad.status_code == 422
    assert "Choose 0 to 14 sessions a week: the routine&#39;s limit is 2 a day." in bad.text
    assert 'value="20"' in bad.text
    assert "No weekly goal is set." in client.get("/journal").text


def test_what_helped_shows_each_muscle_and_tool_with_the_caveat(client: TestClient) -> None:
    a_session(client, 6, 3)
    page = client.get("/journal").text
    helped = page.split('id="helped-h"')[1].split("</section>")[0]
    assert "Piriformis" in helped
    assert "3.0 lower" in helped
    assert "1 (too few to tell)" in helped
    assert "it does not show what caused a change" in helped


def test_a_new_visitor_gets_the_welcome(client: TestClient) -> None:
    page = client.get("/").text
    assert "Care for sciatica-like pain, safely" in page
    assert "Welcome back" not in page


def test_a_returning_person_sees_where_they_stand_and_the_next_step(client: TestClient) -> None:
    a_session(client, 6, 4)
    page = client.get("/").text
    assert "Welcome back" in page
    assert "1 of 2 sessions done; 1 left." in page
    assert "This week so far: 1 session. No weekly goal is set." in page
    assert 'href="/plan/1">Start a session with your last plan</a>' in page
    assert "When to get emergency care" in page


def test_a_check_that_says_no_leads_back_to_it_and_offers_no_session(client: TestClient) -> None:
    a_session(client, 6, 4)
    flagged = screen(client, fever=True)
    page = client.get("/").text
    assert f'href="/screen/{flagged["id"]}">See what your safety check said</a>' in page
    assert "Start a session" not in page and "Back to your session" not in page


def test_the_api_sets_the_goal_and_refuses_one_past_the_dose(client: TestClient) -> None:
    assert client.put("/api/journal/goal", json={"sessions": 15, "pegs": 1}).status_code == 422
    both_zero = client.put("/api/journal/goal", json={"sessions": 0, "pegs": 0})
    assert both_zero.status_code == 422
    assert "at least one session" in both_zero.json()["detail"][0]["msg"]
    assert client.put("/api/journal/goal", json={"sessions": "4", "pegs": 1}).status_code == 422
    saved = client.put("/api/journal/goal", json={"sessions": 4, "pegs": 1})
    assert saved.status_code == 200
    assert saved.json()["goal"]["sessions"] == 4
    assert client.get("/api/journal/goal?weeks=3").json()["weeks"][-1]["sessions"] == 0
    assert len(client.get("/api/journal/goal?weeks=3").json()["weeks"]) == 3


def test_the_api_status_matches_the_home_page(client: TestClient) -> None:
    a_session(client, 6, 4)
    data = client.get("/api/status").json()
    assert (data["sessions_today"], data["sessions_left"]) == (1, 1)
    assert data["next_link"] == "/plan/1"
    assert data["safety_net"]["title"] == "When to get emergency care"
    assert data["habit"]["what_helped"][0]["sessions"] == 1
    flagged = screen(client, fever=True)
    after = client.get("/api/status").json()
    assert after["check"]["level"] == "urgent" and not after["session_allowed_now"]
    assert after["next_link"] == f"/screen/{flagged['id']}"
