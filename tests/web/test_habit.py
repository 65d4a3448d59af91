"""The weekly goal and the pain just before and just after sessions on the journal page, and
the returning person's home; while self-massage is paused, none of it pushes a session."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import FakeClock, plan, play, screen, started_session


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


def test_pain_before_and_after_shows_all_sessions_each_muscle_and_tool_with_the_caveat(
    client: TestClient,
) -> None:
    a_session(client, 6, 3)
    page = client.get("/journal").text
    assert "What helped" not in page
    helped = page.split('id="helped-h"')[1].split("</section>")[0]
    assert helped.startswith(">Pain just before and just after sessions</h2>")
    assert "<td>All sessions</td><td>3.0 lower</td>" in helped
    assert "Piriformis" in helped
    assert "1 (too few to tell)" in helped
    assert "Short-term; may not last." in helped and "(Furlan et al. 2015)" in helped
    assert "They do not show what caused a change" in helped
    assert "clinically important" not in helped


def test_a_second_peg_score_a_week_cannot_be_a_goal(client: TestClient) -> None:
    response = client.post("/journal/goal", data={"sessions": "4", "pegs": "2"})
    assert response.status_code == 422
    assert "Choose 0 or 1 PEG score a week: it asks about the past week" in response.text
    assert 'value="2"' in response.text and 'max="1"' in response.text
    api = client.put("/api/journal/goal", json={"sessions": 4, "pegs": 7})
    assert api.status_code == 422
    assert api.json()["detail"][0]["msg"].startswith("Choose 0 or 1 PEG score a week")


def test_while_paused_the_goal_is_on_hold_and_nothing_offers_a_session(
    client: TestClient, clock: FakeClock
) -> None:
    a_session(client, 6, 3)
    assert client.put("/api/journal/goal", json={"sessions": 4, "pegs": 1}).status_code == 200
    flagged = screen(client, fever=True)
    clock.advance(hours=3)  # the check no longer counts; the pause still stands
    home = client.get("/").text
    assert "No session while self-massage is paused (1 of 2 sessions done)." in home
    assert "Self-massage is paused since" in home and ": See a doctor today.</strong>" in home
    assert f'href="/screen/{flagged["id"]}">See what your safety check said</a>' in home
    assert "Start a session" not in home and "of 4 sessions" not in home
    journal = client.get("/journal").text
    assert 'id="helped-h"' not in journal and "Pain just before and just after" not in journal
    assert "This week&#39;s goal is on hold" in journal
    goal = client.get("/api/journal/goal").json()
    assert goal["what_helped"] == [] and goal["pause"]["title"] == "See a doctor today"
    assert goal["weeks"][-1]["on_hold"] and not goal["weeks"][-1]["met"]
    assert (goal["sessions_left_this_week"], goal["pegs_left_this_week"]) == (0, 0)
    status = client.get("/api/status").json()
    assert (status["sessions_left"], status["session_allowed_now"]) == (0, False)
    assert status["pause"]["level"] == "urgent" and status["habit"]["what_helped"] == []
    assert status["next_link"] == f"/screen/{flagged['id']}"


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
    assert 'action="/plan/same-again"' in page and "Same places as last time: start" in page
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
    assert data["habit"]["what_helped"][0] == {
        "kind": "all", "name": "All sessions", "sessions": 1, "mean_change": -2.0, "too_few": True,
    }  # fmt: skip
    assert data["pause"] is None
    flagged = screen(client, fever=True)
    after = client.get("/api/status").json()
    assert after["check"]["level"] == "urgent" and not after["session_allowed_now"]
    assert after["next_link"] == f"/screen/{flagged['id']}"
