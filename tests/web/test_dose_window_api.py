"""The dose limit through ``/api`` (review M-4): two sessions at 23:50 and 00:10, played by a
client that sends every time it can (an ``at`` on start, stop and pause; the journal's own
``sessions_today`` in the check), leave no third one at 00:20, and the status says when."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient

from sciatica_coach.domain.days import in_zone

from .conftest import answers, app_clock, event, plan

LONDON = ZoneInfo("Europe/London")


def london(text: str) -> datetime:
    return in_zone(datetime.fromisoformat(text).replace(tzinfo=LONDON), LONDON)


def checked(client: TestClient) -> None:
    """A check that says the journal's count is 0, whatever the journal holds."""
    response = client.post("/api/screenings", json={"answers": answers(sessions_today=0)})
    assert response.status_code == 201, response.text


def a_counted_session_with_times_of_its_own(client: TestClient, now: datetime) -> None:
    clock = app_clock(client)
    clock.now = now
    checked(client)
    made = plan(client)
    opened = client.post("/api/sessions", json={"plan_id": made["id"]})
    assert opened.status_code == 201, opened.text
    session_id = opened.json()["id"]
    yesterday = (now - timedelta(days=1)).isoformat()
    early = event(client, session_id, type="start", pain_before=4, at=yesterday)
    assert early.status_code == 422  # a start takes no time from the client
    assert event(client, session_id, type="start", pain_before=4).status_code == 200
    assert event(client, session_id, type="next").status_code == 200  # past step one: counts
    assert event(client, session_id, type="pause", at=yesterday).status_code == 200
    assert event(client, session_id, type="stop", at=yesterday).status_code == 200


def test_a_client_that_sends_its_own_times_gets_no_third_session(client: TestClient) -> None:
    clock = app_clock(client)
    clock.now = london("2026-12-07 23:45")
    checked(client)
    early_plan = plan(client)["id"]  # made while there was room
    a_counted_session_with_times_of_its_own(client, london("2026-12-07 23:50"))
    a_counted_session_with_times_of_its_own(client, london("2026-12-08 00:10"))
    clock.now = london("2026-12-08 00:20")
    checked(client)
    status = client.get("/api/status").json()
    assert (status["sessions_today"], status["sessions_left"]) == (1, 0)
    assert not status["session_allowed_now"]
    assert datetime.fromisoformat(status["next_session_at"]) == london("2026-12-08 23:50")
    assert status["next_session"].startswith("You can start another session from 23:50 today.")
    refused = client.post("/api/plans", json={"where": ["left:buttock_center"], "minutes": 10})
    assert refused.status_code == 403, refused.text
    assert "from 23:50 today" in refused.text
    late = client.post("/api/sessions", json={"plan_id": early_plan})
    assert late.status_code == 403, late.text
    assert "at most 2 sessions in any 24 hours" in late.text
    home = client.get("/").text
    assert "You can start another session from 23:50 today." in home
