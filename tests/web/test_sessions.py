"""Guided sessions: kept in the journal, on the server's clock, driven by what the person does;
saving, versions, dose limits and re-checks."""

from __future__ import annotations

from fastapi.testclient import TestClient

from sciatica_coach.coach.sessions import IDLE_LIMIT
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.web import create_app

from .conftest import FakeClock, event, local_client, plan, play, screen, started_session


def to_first_hold(client: TestClient, session_id: int) -> dict[str, object]:
    event(client, session_id, type="next")  # safety -> warm-up
    event(client, session_id, type="next")  # warm-up -> find
    state: dict[str, object] = event(client, session_id, type="spot", found=True).json()
    assert state["phase"] == "get_ready"
    return state


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
    assert final["after_given"] is False  # the pain score after is still to come
    assert client.get("/api/journal/sessions").json()[0]["outcome"] == "Finished"
    done = client.post(
        f"/api/sessions/{session_id}/finish",
        json={"pain_after": 3, "where": ["left:buttock_center"]},
    )
    assert done.status_code == 200
    assert done.json()["after_given"] is True
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


def test_pause_freezes_the_countdown_and_resume_carries_on(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    to_first_hold(client, session_id)
    clock.advance(seconds=7)
    state = client.get(f"/api/sessions/{session_id}").json()
    assert state["phase"] == "holding"
    assert state["breathing"] == "in"
    held = state["remaining"]
    paused = event(client, session_id, type="pause").json()
    assert paused["phase"] == "paused"
    clock.advance(seconds=20)
    still = client.get(f"/api/sessions/{session_id}").json()
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
        {"type": "tick", "seconds": 5},  # there are no ticks: time comes from the clock
        {"type": "feeling", "feeling": "awful"},
        {"type": "start", "pain_before": 11},
        {"type": "next", "version": -1},
        {"type": "dance"},
    ):
        assert event(client, session_id, **body).status_code == 422, body
    assert client.get("/api/sessions/nope").status_code == 422
    assert client.get("/api/sessions/999").status_code == 404
    assert event(client, 999, type="next").status_code == 404


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


def test_an_idle_session_is_stopped_and_kept(client: TestClient, clock: FakeClock) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    event(client, session_id, type="next")
    clock.advance(seconds=IDLE_LIMIT.total_seconds() + 1)
    assert client.get(f"/api/sessions/{session_id}").json()["stop_reason"] == "left_unfinished"
    stored = client.get("/api/journal/sessions").json()
    assert stored[0]["outcome"] == "Left unfinished"


def test_a_session_never_started_does_not_count(client: TestClient, clock: FakeClock) -> None:
    screen(client)
    created = client.post("/api/sessions", json={"plan_id": plan(client)["id"]}).json()
    assert client.get("/api/journal/sessions").json()[0]["outcome"] == "Not started yet"
    clock.advance(hours=3)
    assert client.get("/api/journal/sessions").json()[0]["outcome"] == "Not started yet"
    client.get("/session")  # anyone looking closes what was left: never started, so removed
    assert client.get("/api/journal/sessions").json() == []
    assert client.get(f"/api/sessions/{created['id']}").status_code == 404


def test_a_server_restart_loses_nothing(database_url: str, clock: FakeClock) -> None:
    """A second app on the same journal (a restart, or another worker) carries on the session
    where it was, on the same clock."""
    with local_client(create_app(database_url, clock=clock)) as first:
        screen(first)
        session_id = started_session(first, plan(first)["id"])
        before = to_first_hold(first, session_id)
    clock.advance(seconds=9)
    with local_client(create_app(database_url, clock=clock)) as second:
        state = second.get(f"/api/sessions/{session_id}").json()
        assert state["phase"] == "holding" and state["version"] == before["version"]
        assert state["remaining"] == state["countdown_total"] - 4
        final = play(second, session_id, ["good"])
        assert final["over"] is True


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
    assert client.get(f"/api/sessions/{session_id}").json()["after_given"] is False


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
    # pain was given on the map a moment ago: offered again, not asked from scratch
    assert 'id="pain-before" min="0" max="10" step="1" inputmode="numeric" value="5"' in page
    assert "Filled in from your body map at" in page
    session_id = int(start.headers["location"].rsplit("/", 1)[1])
    assert "Go back to your session" in client.get("/session").text
    event(client, session_id, type="start")
    play(client, session_id, [])
    missing = client.post(f"/session/{session_id}/finish", data={"action": "save"})
    assert missing.status_code == 422
    assert "Please give a number from 0 to 10." in missing.text
    done = client.post(
        f"/session/{session_id}/finish",
        data={"action": "save", "pain_after": "2", "where": [], "no_pain": "yes"},
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


def test_bad_pain_during_a_hold_stops_at_once(client: TestClient, clock: FakeClock) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    to_first_hold(client, session_id)
    clock.advance(seconds=9)
    holding = client.get(f"/api/sessions/{session_id}").json()
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
    assert stopped["safety_net"]["signs"] == [s.text for s in kb.emergency_signs]
    page = client.get(f"/session/{session_id}").text
    end = page.split('id="panel-end"', 1)[1]
    assert 'class="safety-net"' in end


def test_two_tabs_share_one_clock_and_an_old_view_cannot_act(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    seen = to_first_hold(client, session_id)
    clock.advance(seconds=6)
    tab_one = client.get(f"/api/sessions/{session_id}").json()
    tab_two = client.get(f"/api/sessions/{session_id}").json()
    assert tab_one["remaining"] == tab_two["remaining"] == tab_one["countdown_total"] - 1
    paused = event(client, session_id, type="pause", version=seen["version"]).json()
    stale = event(client, session_id, type="next", version=seen["version"])
    assert stale.status_code == 409
    detail = stale.json()["detail"]
    assert detail["code"] == "stale_version"
    assert detail["session"]["phase"] == "paused"
    assert detail["session"]["version"] == paused["version"]


def test_opening_many_sessions_does_not_use_up_the_day(client: TestClient) -> None:
    screen(client)
    plan_id = plan(client)["id"]
    opened = [client.post("/api/sessions", json={"plan_id": plan_id}).json() for _ in range(5)]
    started = event(client, opened[-1]["id"], type="start")
    assert started.status_code == 200 and started.json()["phase"] == "showing"


def test_the_dose_limit_is_checked_at_the_start(client: TestClient) -> None:
    screen(client)
    plan_id = plan(client)["id"]
    opened = [client.post("/api/sessions", json={"plan_id": plan_id}).json() for _ in range(3)]
    for session in opened[:2]:
        event(client, session["id"], type="start")
        event(client, session["id"], type="next")
        event(client, session["id"], type="stop")
    third = event(client, opened[2]["id"], type="start")
    assert third.status_code == 403
    assert any("2 or more sessions today" in r for r in third.json()["detail"]["reasons"])
