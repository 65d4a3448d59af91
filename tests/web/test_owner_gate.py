"""The owner gate of a local server without accounts (security review H-1): only a browser
that brought this start's address key (and so holds the owner cookie) gets anything."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sciatica_coach.coach.owner import OwnerKeys
from sciatica_coach.web import create_app
from sciatica_coach.web.app import ROUTERS
from sciatica_coach.web.guard import SECURITY_HEADERS

from .conftest import LOCAL_URL, TOKEN, FakeClock
from .every_page import api_routes


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("SCIATICA_COACH_HOME", str(folder))
    return folder


def start(database_url: str, clock: FakeClock) -> tuple[FastAPI, str]:
    """A start of ``serve``: a new address key, then the app a worker builds."""
    key = OwnerKeys.start().address_key
    assert key
    return create_app(database_url, clock=clock, owner_only=True), key


def stranger(app: FastAPI) -> TestClient:
    return TestClient(app, base_url=LOCAL_URL, follow_redirects=False)


def let_in(app: FastAPI, key: str) -> TestClient:
    client = stranger(app)
    answer = client.get(f"/journal?token={key}&when=week")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/journal?when=week"  # the key out of the address
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert cookie.startswith("sciatica_owner=")
    return client


def test_without_the_cookie_a_page_the_api_a_post_and_static_files_get_401(
    home: Path, database_url: str, clock: FakeClock
) -> None:
    app, _ = start(database_url, clock)
    client = stranger(app)
    page = client.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 401
    assert "whoever started it" in page.text and "sciatica-coach serve" in page.text
    assert str(home / "web-key") in page.text
    for name, value in SECURITY_HEADERS:  # Guard's headers on the refusal too
        assert page.headers[name.decode()] == value.decode()
    api = client.get("/api/journal/export")
    assert api.status_code == 401 and api.json()["detail"]["code"] == "owner_only"
    token = client.get("/api/token")
    assert token.status_code == 401
    written = client.post(
        "/api/journal/pain",
        json={"now": 3},
        headers={"X-CSRF-Token": TOKEN, "Cookie": f"sciatica_csrf={TOKEN}"},
    )
    assert written.status_code == 401 and written.json()["detail"]["code"] == "owner_only"
    assert client.get("/static/app.css").status_code == 401
    assert client.get("/api/openapi.json").status_code == 401


def test_the_address_key_gives_a_cookie_that_opens_everything(
    home: Path, database_url: str, clock: FakeClock
) -> None:
    app, key = start(database_url, clock)
    client = let_in(app, key)
    assert client.get("/").status_code == 200
    assert client.get("/api/journal/export").status_code == 200
    token = client.get("/api/token").json()["token"]
    written = client.post(
        "/api/journal/pain",
        json={"now": 3},
        headers={"X-CSRF-Token": token},
    )
    assert written.status_code == 201, written.text


def test_a_wrong_key_or_the_last_starts_key_gets_401_and_the_cookie_outlives_a_restart(
    home: Path, database_url: str, clock: FakeClock
) -> None:
    first, old_key = start(database_url, clock)
    assert stranger(first).get(f"/?token={old_key}x").status_code == 401
    assert stranger(first).get("/?token=").status_code == 401
    owner = let_in(first, old_key)
    cookie = owner.cookies["sciatica_owner"]
    restarted, new_key = start(database_url, clock)
    assert new_key != old_key
    stale = stranger(restarted).get(f"/?token={old_key}", headers={"Accept": "text/html"})
    assert stale.status_code == 401
    assert "out of date" in stale.text  # why, before where to look
    assert "not the one" not in stranger(restarted).get("/api/status").text  # no key sent
    again = TestClient(restarted, base_url=LOCAL_URL, cookies={"sciatica_owner": cookie})
    assert again.get("/api/journal/pain").status_code == 200  # a session survives a restart
    forged = TestClient(restarted, base_url=LOCAL_URL, cookies={"sciatica_owner": "0" * 64})
    assert forged.get("/api/journal/pain").status_code == 401
    let_in(restarted, new_key)


def test_an_address_arriving_from_elsewhere_moves_on_from_our_own_page(
    home: Path, database_url: str, clock: FakeClock
) -> None:
    """A browser opened on the opener file arrives cross-site: a ``SameSite=Strict`` cookie
    would not go with a redirect, so the page moves on by itself, from our origin."""
    app, key = start(database_url, clock)
    answer = stranger(app).get(f"/?token={key}", headers={"Sec-Fetch-Site": "cross-site"})
    assert answer.status_code == 200 and "sciatica_owner=" in answer.headers["set-cookie"]
    assert 'http-equiv="refresh" content="0;url=/"' in answer.text
    assert key not in answer.text


def test_the_keys_and_the_opener_are_for_the_owner_only(home: Path) -> None:
    keys = OwnerKeys.start()
    opener = keys.write_opener("http://127.0.0.1:8000")
    assert keys.address_key and keys.address_key in opener.read_text()
    for name in ("web-key", "web-cookie.key", "open-web-app.html"):
        assert stat.S_IMODE((home / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert OwnerKeys.read() == keys
    assert OwnerKeys.start().cookie_key == keys.cookie_key  # lasting; the address key is not


def test_the_gate_is_off_unless_asked_and_with_accounts(
    home: Path, database_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert stranger(create_app(database_url, clock=clock)).get("/").status_code == 200
    monkeypatch.setenv("SCIATICA_COACH_OWNER_ONLY", "on")
    assert stranger(create_app(database_url, clock=clock)).get("/").status_code == 401
    with_accounts = create_app(database_url, clock=clock, accounts=True)
    assert stranger(with_accounts).get("/api/health").status_code == 200


def test_every_route_is_behind_the_gate(home: Path, database_url: str, clock: FakeClock) -> None:
    app, _ = start(database_url, clock)
    client = stranger(app)
    paths = {
        route.path.replace("{", "").replace("}", "")
        for router in ROUTERS
        for top in router.routes
        for route in api_routes(top)
    }
    assert len(paths) > 30
    for path in sorted(paths):
        assert client.get(path).status_code == 401, path
        assert client.post(path).status_code == 401, path


def test_behind_tls_the_cookie_is_secure_and_host_prefixed(
    home: Path, database_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCIATICA_COACH_BEHIND_TLS", "1")
    app, key = start(database_url, clock)
    answer = stranger(app).get(f"/?token={key}")
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("__Host-sciatica_owner=") and "; Secure" in cookie
    value = cookie.split(";")[0].split("=", 1)[1]
    plain = TestClient(app, base_url=LOCAL_URL, cookies={"sciatica_owner": value})
    assert plain.get("/api/journal/pain").status_code == 401  # only under its own name
    named = TestClient(app, base_url=LOCAL_URL, cookies={"__Host-sciatica_owner": value})
    assert named.get("/api/journal/pain").status_code == 200
