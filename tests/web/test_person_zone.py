"""The person's own zone on a server that runs in UTC (issue 29): "today" ends at their
midnight, while the limit of 2 sessions in any 24 hours is counted on UTC instants and does
not move. The zone comes from the browser at sign-up and is changed in Settings (page and
API); junk never gets in and is never a 500."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sciatica_coach.coach import accounts
from sciatica_coach.coach.setup import accounts_of, open_journal
from sciatica_coach.web import create_app

from .conftest import FakeClock, answers, app_clock, event, local_client, plan

PASSWORD = "correct horse battery"
AUCKLAND = "Pacific/Auckland"


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=64))


@pytest.fixture
def app(database_url: str, clock: FakeClock) -> FastAPI:
    return create_app(database_url, clock=clock, accounts=True)  # the clock gives UTC


def sign_up(client: TestClient, name: str, **extra: str) -> None:
    form = {"name": name, "password": PASSWORD, "again": PASSWORD, **extra}
    response = client.post("/signup", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    client.headers["X-CSRF-Token"] = client.get("/api/token").json()["token"]


def kept_zone(database_url: str, name: str) -> str | None:
    user = accounts_of(open_journal(database_url)).user_named(name)
    assert user is not None
    return user.time_zone


def utc(hour: int, minute: int) -> datetime:
    return datetime(2026, 3, 2, hour, minute, tzinfo=UTC)


def a_counted_session(client: TestClient, at: datetime) -> None:
    app_clock(client).now = at
    checked = client.post("/api/screenings", json={"answers": answers(sessions_today=0)})
    assert checked.status_code == 201, checked.text
    opened = client.post("/api/sessions", json={"plan_id": plan(client)["id"]})
    assert opened.status_code == 201, opened.text
    session_id = opened.json()["id"]
    assert event(client, session_id, type="start", pain_before=4).status_code == 200
    assert event(client, session_id, type="next").status_code == 200  # past step one: counts
    assert event(client, session_id, type="stop").status_code == 200


def status(client: TestClient) -> dict[str, Any]:
    response = client.get("/api/status")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def test_in_auckland_today_ends_at_their_midnight_and_the_24_hours_do_not_move(
    app: FastAPI,
) -> None:
    with local_client(app) as client:
        app_clock(client).now = utc(10, 0)
        sign_up(client, "kiri", time_zone=AUCKLAND)  # as the browser's script fills it in
        a_counted_session(client, utc(10, 30))  # 23:30 on 2 March in Auckland
        app_clock(client).now = utc(10, 45)
        assert status(client)["sessions_today"] == 1
        a_counted_session(client, utc(11, 30))  # 00:30 on 3 March in Auckland: a new day
        app_clock(client).now = utc(12, 0)  # 01:00 in Auckland
        found = status(client)
        assert found["sessions_today"] == 1  # their day began 90 minutes ago
        assert (found["sessions_left"], found["session_allowed_now"]) == (0, False)
        assert datetime.fromisoformat(found["next_session_at"]) == utc(10, 30) + timedelta(days=1)
        assert found["next_session"].startswith("You can start another session from 23:30 today.")
        third = client.post("/api/plans", json={"where": ["left:buttock_center"], "minutes": 10})
        assert third.status_code == 403, third.text
        assert "from 23:30 today" in third.text
        assert "You can start another session from 23:30 today." in client.get("/").text
        reminders = client.get("/reminders").text  # their zone, before the browser's script
        assert f'name="zone" value="{AUCKLAND}"' in reminders
        journal = client.get("/journal").text  # times shown in Auckland, not the server's
        assert "Mon 02 Mar 2026, 23:30" in journal and "Tue 03 Mar 2026, 00:30" in journal


def test_sign_up_keeps_the_browsers_zone_and_junk_changes_nothing(
    app: FastAPI, database_url: str
) -> None:
    with local_client(app) as client:
        sign_up(client, "kiri", time_zone=AUCKLAND)
    with local_client(app) as client:
        sign_up(client, "ann", time_zone="../../etc/passwd")
    with local_client(app) as client:
        sign_up(client, "bob")
    zones = [kept_zone(database_url, name) for name in ("kiri", "ann", "bob")]
    assert zones == [AUCKLAND, None, None]


def test_sign_in_keeps_the_browsers_zone_only_while_none_is_kept(
    app: FastAPI, database_url: str
) -> None:
    with local_client(app) as client:
        sign_up(client, "bob")
    for browser_zone, kept in (("junk", None), (AUCKLAND, AUCKLAND), ("Europe/London", AUCKLAND)):
        with local_client(app) as client:
            form = {"name": "bob", "password": PASSWORD, "time_zone": browser_zone}
            signed = client.post("/signin", data=form, follow_redirects=False)
            assert signed.status_code == 303, signed.text
        assert kept_zone(database_url, "bob") == kept


def test_the_settings_page_saves_the_zone_and_says_what_is_wrong_with_junk(
    app: FastAPI, database_url: str
) -> None:
    with local_client(app) as client:
        sign_up(client, "kiri")
        page = client.get("/settings").text
        assert page.count('id="time-zone-choice"') == 1
        assert '<label for="time-zone-choice">Your time zone</label>' in page
        assert f"<option>{AUCKLAND}</option>" in page
        saved = client.post("/settings/time-zone", data={"time_zone": AUCKLAND})
        assert saved.status_code == 200 and saved.url.path == "/settings"
        assert f"Saved: your time zone is {AUCKLAND}." in saved.text
        assert f"<option selected>{AUCKLAND}</option>" in saved.text
        for junk in ("Narnia", "Europe/\x00London", "x" * 5000):
            refused = client.post("/settings/time-zone", data={"time_zone": junk})
            assert refused.status_code == 422, refused.text
            assert "time zone" in refused.text and 'id="time_zone-error"' in refused.text
        assert kept_zone(database_url, "kiri") == AUCKLAND
        forgotten = client.post("/settings/time-zone", data={"time_zone": ""})
        assert "no time zone chosen; the server" in forgotten.text
        assert kept_zone(database_url, "kiri") is None
        # choosing a zone leaves the country as it was
        client.post("/settings", data={"country": "GB"})
        client.post("/settings/time-zone", data={"time_zone": AUCKLAND})
        assert client.get("/api/settings").json()["country"] == "GB"


def test_the_settings_api_shows_and_takes_the_zone_with_422_for_junk(
    app: FastAPI, database_url: str
) -> None:
    with local_client(app) as client:
        sign_up(client, "kiri", time_zone=AUCKLAND)
        shown = client.get("/api/settings").json()
        assert (shown["time_zone"], shown["time_zone_in_use"]) == (AUCKLAND, AUCKLAND)
        client.put("/api/settings", json={"country": "GB"})
        assert client.get("/api/settings").json()["time_zone"] == AUCKLAND  # left out: kept
        for junk in ("Narnia/Nowhere", "/etc/passwd", "x" * 300):
            refused = client.put("/api/settings", json={"time_zone": junk, "country": None})
            assert refused.status_code == 422, refused.text
            assert refused.json()["detail"][0]["loc"][-1] == "time_zone"
        assert client.get("/api/settings").json()["country"] == "GB"  # refused: no change
        changed = client.put("/api/settings", json={"time_zone": "Europe/London"}).json()
        assert (changed["time_zone"], changed["country"]) == ("Europe/London", "GB")
        assert client.put("/api/settings", json={"time_zone": None}).json()["time_zone"] is None
        assert kept_zone(database_url, "kiri") is None
        openapi = client.get("/api/openapi.json").json()
        put = openapi["paths"]["/api/settings"]["put"]
        assert "unknown country or time zone" in put["responses"]["422"]["description"]


def test_with_no_accounts_settings_says_the_computers_zone_is_used(
    database_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    with local_client(create_app(database_url, clock=clock)) as client:
        page = html.unescape(client.get("/settings").text)
        assert "This app uses this computer's time zone (Europe/Paris)" in page
        assert "time-zone-choice" not in page
        refused = client.put("/api/settings", json={"time_zone": AUCKLAND})
        assert refused.status_code == 422 and "Europe/Paris" in refused.text
        assert client.post("/settings/time-zone", data={"time_zone": AUCKLAND}).status_code == 422
