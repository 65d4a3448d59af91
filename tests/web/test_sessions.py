"""Guided sessions: server-side state, events from the page, saving, dose limits and re-checks."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.web.context import Coach
from sciatica_coach.web.session_store import IDLE_LIMIT

from .conftest import FakeClock, event, plan, play, screen, started_session


def _coach(app: FastAPI) -> Coach:
    coach: Coach = app.state.coach
    return coach


def test_a_session_needs_a_plan_and_a_recent_allowing_check(
    client: TestClient, clock: FakeClock
) -> None:
    assert client.post("/api/sessions", json={"plan_id": 1}).status_code == 404
    screen(client)
    plan_id = plan(client)["id"]
    clock.advance(minutes=61)
    refused = client.post("/api/sessions", json={"plan_id": plan_id})
    assert refused.status_code == 409
    screen(client, saddle_numbness=True)
    assert client.post("/api/sessions", json={"plan_id": plan_id}).status_code == 403


def test_new_limits_since_the_plan_mean_a_new_plan(client: TestClient) -> None:
    screen(client)
    plan_id = plan(client)["id"]
    screen(client, reduced_sensation=True)
    response = client.post("/api/sessions", json={"plan_id": plan_id})
    assert response.status_code == 403
    assert "new plan" in " ".join(response.json()["detail"]["reasons"])


def test_a_good_session_runs_to_the_end_and_is_saved(client: TestClient) -> None:
    screen(client)
    plan_id = plan(client)["id"]
    session_id = started_session(client, plan_id, pain_before=6)
    final = play(client, session_id, ["good", "no_change"])
    assert final["phase"] == "finished"
    assert final["holds_done"] >= 2
    assert final["saved"] is False  # waits for the pain score after
    done = client.post(
        f"/api/sessions/{session_id}/finish",
        json={"pain_after": 3, "where": ["left:buttock_center"]},
    )
    assert done.status_code == 200
    assert done.json()["saved"] is True
    stored = client.get("/api/journal/sessions").json()[0]
    assert stored["outcome"] == "Finished"
    assert (stored["pain_before"], stored["pain_after"]) == (6, 3)
    assert stored["after_map"]["where"] == ["left:buttock_center"]
    again = client.post(f"/api/sessions/{session_id}/finish", json={})
    assert again.status_code == 409


def test_bad_stops_everything_and_says_what_to_do(client: TestClient) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    final = play(client, session_id, ["good", "bad"])
    assert final["phase"] == "stopped"
    assert final["bad_pain"] is True
    assert "stopped the session" in final["cue"]
    assert "Do not go back to that spot today." in final["what_to_do"]
    for kind in ("next", "pause", "stop"):
        assert event(client, session_id, type=kind).status_code == 409
    page = client.get(f"/session/{session_id}").text
    assert "Do not go back to that spot today." in page


def test_a_wrong_phase_event_gets_409_with_the_phase(client: TestClient) -> None:
    screen(client)
    created = client.post("/api/sessions", json={"plan_id": plan(client)["id"]}).json()
    response = event(client, created["id"], type="feeling", feeling="good")
    assert response.status_code == 409
    assert response.json()["detail"]["phase"] == "ready"


def test_pause_freezes_the_countdown_and_resume_carries_on(client: TestClient) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    state = event(client, session_id, type="next").json()  # safety -> warm-up
    state = event(client, session_id, type="next").json()  # warm-up -> find
    state = event(client, session_id, type="spot", found=True).json()
    assert state["phase"] == "get_ready"
    state = event(client, session_id, type="tick", seconds=7).json()
    assert state["phase"] == "holding"
    assert state["breathing"] == "in"
    held = state["remaining"]
    paused = event(client, session_id, type="pause").json()
    assert paused["phase"] == "paused"
    still = event(client, session_id, type="tick", seconds=20).json()
    assert still["remaining"] == held
    resumed = event(client, session_id, type="resume").json()
    assert resumed["phase"] == "holding"
    assert resumed["version"] > paused["version"]
    skipped = event(client, session_id, type="next").json()
    assert skipped["phase"] in ("finding", "showing")


def test_a_spot_not_found_is_passed_over(client: TestClient) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    event(client, session_id, type="next")
    event(client, session_id, type="next")
    state = event(client, session_id, type="spot", found=False).json()
    assert state["phase"] in ("finding", "showing")
    assert state["holds_done"] == 0


def test_bad_event_bodies_get_422(client: TestClient) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    for body in (
        {"type": "tick", "seconds": -1},
        {"type": "tick"},
        {"type": "feeling", "feeling": "awful"},
        {"type": "start", "pain_before": 11},
        {"type": "dance"},
    ):
        assert event(client, session_id, **body).status_code == 422, body
    assert client.get("/api/sessions/nope").status_code == 404
    assert event(client, "nope", type="next").status_code == 404


def test_the_daily_session_limit_counts_web_sessions(client: TestClient) -> None:
    screen(client)
    for _ in range(2):
        play(client, started_session(client, plan(client)["id"]), [])
    response = client.post("/api/plans", json={"where": ["left:buttock_center"]})
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert detail["level"] == "not_today"  # the check now knows of both sessions
    assert any("2 or more sessions today" in reason for reason in detail["reasons"])


def test_a_finished_session_is_saved_before_the_journal_is_read(client: TestClient) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    play(client, session_id, ["bad"])
    stored = client.get("/api/journal/sessions").json()
    assert stored[0]["outcome"] == "Stopped for bad pain"
    assert client.get(f"/api/sessions/{session_id}").json()["saved"] is True


def test_an_idle_session_is_stopped_and_kept(
    app: FastAPI, client: TestClient, clock: FakeClock
) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    event(client, session_id, type="next")
    clock.advance(seconds=IDLE_LIMIT.total_seconds() + 1)
    stored = client.get("/api/journal/sessions").json()
    assert stored[0]["outcome"] == "Left unfinished"
    assert _coach(app).sessions.in_progress() == []


def test_a_session_never_started_is_not_kept(client: TestClient, clock: FakeClock) -> None:
    screen(client)
    created = client.post("/api/sessions", json={"plan_id": plan(client)["id"]}).json()
    event(client, created["id"], type="stop")
    assert client.get("/api/journal/sessions").json() == []
    response = client.post(f"/api/sessions/{created['id']}/finish", json={})
    assert response.status_code in (404, 409)


def test_closing_the_app_saves_a_running_session(app: FastAPI, database_url: str) -> None:
    with TestClient(app) as client:
        screen(client)
        session_id = started_session(client, plan(client)["id"])
        event(client, session_id, type="next")
    journal = _coach(app).journal
    assert [s.stop_reason for s in journal.sessions()] == ["app_closed"]


def test_the_finish_needs_a_pain_score_with_a_map(client: TestClient) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    play(client, session_id, [])
    response = client.post(
        f"/api/sessions/{session_id}/finish", json={"where": ["left:buttock_center"]}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "pain_after"]
    bad_place = client.post(
        f"/api/sessions/{session_id}/finish", json={"pain_after": 2, "where": ["nowhere"]}
    )
    assert bad_place.status_code == 422
    assert client.get(f"/api/sessions/{session_id}").json()["saved"] is False


def test_the_session_pages(client: TestClient) -> None:
    assert "You have no plan yet" in client.get("/session").text
    screen(client)
    client.post("/map", data={"where": ["left:buttock_center"], "intensity": "5"})
    plan_id = plan(client, map_id=1)["id"]
    start = client.post("/session", data={"plan": str(plan_id), "map": "1"}, follow_redirects=False)
    assert start.status_code == 303
    page = client.get(start.headers["location"]).text
    for marker in ('id="s-bar"', 'id="b-good"', "<kbd>G</kbd>", 'id="b-mute"', "session-state"):
        assert marker in page
    session_id = start.headers["location"].rsplit("/", 1)[1]
    assert "Go back to your session" in client.get("/session").text
    event(client, session_id, type="start")
    play(client, session_id, [])
    missing = client.post(f"/session/{session_id}/finish", data={"action": "save"})
    assert missing.status_code == 422
    assert "Please give a number from 0 to 10." in missing.text
    done = client.post(
        f"/session/{session_id}/finish",
        data={"action": "save", "pain_after": "2", "where": []},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"].startswith("/journal#session-")
    journal = client.get("/api/journal/sessions").json()[0]
    assert journal["before_map"]["where"] == ["left:buttock_center"]
    assert journal["after_map"]["where"] == []


def test_skipping_the_after_questions_still_saves(client: TestClient) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    play(client, session_id, [])
    done = client.post(
        f"/session/{session_id}/finish", data={"action": "skip"}, follow_redirects=False
    )
    assert done.status_code == 303
    assert client.get("/api/journal/sessions").json()[0]["pain_after"] is None


def test_starting_from_the_page_when_not_allowed(client: TestClient) -> None:
    screen(client)
    plan_id = plan(client)["id"]
    screen(client, calf_swelling=True)
    response = client.post("/session", data={"plan": str(plan_id)})
    assert response.status_code == 403
    assert client.post("/session", data={"plan": "x"}).status_code == 422


def test_bad_pain_during_a_hold_stops_at_once(client: TestClient) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    event(client, session_id, type="next")  # safety -> warm-up
    event(client, session_id, type="next")  # warm-up -> find
    event(client, session_id, type="spot", found=True)
    holding = event(client, session_id, type="tick", seconds=9).json()
    assert holding["phase"] == "holding"
    stopped = event(client, session_id, type="stop", bad_pain=True).json()
    assert stopped["phase"] == "stopped" and stopped["bad_pain"] is True
    assert "Do not go back to that spot today." in stopped["what_to_do"]


def test_every_session_end_carries_the_safety_net(client: TestClient, kb: KnowledgeBase) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    running = client.get(f"/api/sessions/{session_id}").json()
    assert running["safety_net"] is None
    stopped = event(client, session_id, type="stop").json()
    assert stopped["over"] is True
    assert stopped["safety_net"]["signs"] == kb.screening.safety_net.signs
    page = client.get(f"/session/{session_id}").text
    end = page.split('id="panel-end"', 1)[1]
    assert 'class="safety-net"' in end
