"""The session API for players that go away and come back: contact, a stop or pause pressed
out of contact with its own time, and the page opened again after a break (issue 25)."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from sciatica_coach.domain.session import GET_READY_SECONDS

from .conftest import FakeClock, event, plan, screen, started_session
from .test_sessions import to_first_hold


def in_a_hold(client: TestClient, clock: FakeClock) -> int:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    to_first_hold(client, session_id)
    clock.advance(seconds=GET_READY_SECONDS + 10)
    said = client.post(f"/api/sessions/{session_id}/contact", json={"returning": False})
    assert said.status_code == 200 and said.json()["phase"] == "holding"
    return session_id


def test_a_stop_pressed_offline_keeps_its_time_and_any_version(
    client: TestClient, clock: FakeClock
) -> None:
    session_id = in_a_hold(client, clock)
    pressed = clock.now + timedelta(seconds=3)
    clock.advance(minutes=4)  # the phone was offline; it sends the stop when back
    stopped = event(
        client, session_id, type="stop", bad_pain=True, version=0, at=pressed.isoformat()
    )
    assert stopped.status_code == 200, stopped.text
    body = stopped.json()
    assert (body["phase"], body["bad_pain"]) == ("stopped", True)
    record = client.get("/api/journal/sessions").json()[0]
    assert record["outcome"].startswith("Stopped")
    assert body["holds_done"] == 1
    again = event(client, session_id, type="stop", at=pressed.isoformat())
    assert again.status_code == 409  # already stopped: the player knows it arrived
    assert again.json()["detail"]["session"]["phase"] == "stopped"


def test_a_time_must_say_its_offset_and_only_stop_and_pause_carry_one(
    client: TestClient, clock: FakeClock
) -> None:
    session_id = in_a_hold(client, clock)
    naive = event(client, session_id, type="pause", at="2026-03-02T09:00:00")
    assert naive.status_code == 422
    assert event(client, session_id, type="next", at=clock.now.isoformat()).status_code == 422
    assert event(client, session_id, type="pause", at="soon").status_code == 422
    paused = event(client, session_id, type="pause", at=clock.now.isoformat())
    assert paused.status_code == 200 and paused.json()["phase"] == "paused"


def test_the_page_opened_after_a_break_waits_at_the_holds_get_ready(
    client: TestClient, clock: FakeClock
) -> None:
    session_id = in_a_hold(client, clock)
    clock.advance(minutes=2)  # the tab was closed mid-hold
    page = client.get(f"/session/{session_id}")
    assert page.status_code == 200
    state = client.get(f"/api/sessions/{session_id}").json()
    assert (state["phase"], state["interrupted"]) == ("paused", True)
    assert state["remaining"] == GET_READY_SECONDS
    assert "was interrupted, so it waits for you" in state["cue"]
    assert "How did that feel" not in page.text.split('id="session-state"')[1][:4000]
    going = event(client, session_id, type="resume", version=state["version"])
    assert going.json()["phase"] == "get_ready" and going.json()["interrupted"] is False


def test_contact_needs_a_session_and_a_proper_body(client: TestClient, clock: FakeClock) -> None:
    assert client.post("/api/sessions/99/contact", json={}).status_code == 404
    session_id = in_a_hold(client, clock)
    junk = client.post(f"/api/sessions/{session_id}/contact", json={"returning": "maybe"})
    assert junk.status_code == 422
    back = client.post(f"/api/sessions/{session_id}/contact", json={"returning": True})
    assert back.status_code == 200 and back.json()["interrupted"] is False
