"""A sign-in counts only beside the CSRF secret it was given with (security review M-2).

A page on another port can overwrite the sign-in cookie (cookies ignore ports): with the
binding, a sign-in cookie that arrives beside another CSRF cookie opens nothing and is
dropped. Every sign-in (form, API, sign-up, password change) gives a new CSRF secret and
binds to it; sign-ins from before the binding (migration 0008) are refused.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sciatica_coach.coach import accounts
from sciatica_coach.coach.setup import accounts_of, open_journal
from sciatica_coach.web import create_app

from .conftest import LOCAL_URL, TOKEN, FakeClock, local_client
from .test_accounts import PASSWORD, quick_hashes  # noqa: F401 (an autouse fixture)


@pytest.fixture
def app(database_url: str, clock: FakeClock) -> FastAPI:
    accounts.sign_up(accounts_of(open_journal(database_url)), "ann", PASSWORD, clock())
    return create_app(database_url, clock=clock, accounts=True)


def browser(app: FastAPI, login: str, csrf: str) -> TestClient:
    """A client that sends exactly these two cookies (and ``csrf`` as its header)."""
    client = TestClient(app, base_url=LOCAL_URL)
    client.headers["Cookie"] = f"sciatica_login={login}; sciatica_csrf={csrf}"
    client.headers["X-CSRF-Token"] = csrf
    return client


def set_cookies(response: object) -> dict[str, str]:
    """The response's ``Set-Cookie`` headers by cookie name."""
    headers = response.headers.get_list("set-cookie")  # type: ignore[attr-defined]
    return {header.split("=", 1)[0]: header for header in headers}


def value(header: str) -> str:
    return header.split("=", 1)[1].split(";", 1)[0]


@pytest.fixture
def signed_in(app: FastAPI) -> Iterator[tuple[str, str]]:
    """ann's sign-in token and the CSRF secret it is bound to, from the API."""
    with local_client(app) as client:
        answer = client.post("/api/signin", json={"name": "ann", "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        cookies = set_cookies(answer)
        yield value(cookies["sciatica_login"]), value(cookies["sciatica_csrf"])


def test_the_api_sign_in_gives_a_new_csrf_secret_and_binds_to_it(
    app: FastAPI, signed_in: tuple[str, str]
) -> None:
    login, csrf = signed_in
    assert csrf != TOKEN
    with browser(app, login, csrf) as own:
        assert own.get("/api/token").json()["token"] == csrf
        assert own.post("/api/journal/pain", json={"now": 4}).status_code == 201
    with local_client(app) as client:
        answer = client.post("/api/signin", json={"name": "ann", "password": PASSWORD})
        cookie = set_cookies(answer)["sciatica_csrf"]
        assert answer.json()["csrf_token"] == value(cookie) != TOKEN
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Max-Age=" in cookie
        stale = client.post("/api/journal/pain", json={"now": 4}, headers={"X-CSRF-Token": TOKEN})
        assert stale.status_code == 403  # the old secret is gone with the sign-in


def test_the_sign_in_form_gives_a_new_csrf_secret_too(app: FastAPI) -> None:
    with local_client(app) as client:
        answer = client.post(
            "/signin", data={"name": "ann", "password": PASSWORD}, follow_redirects=False
        )
        assert answer.status_code == 303
        cookies = set_cookies(answer)
        csrf = value(cookies["sciatica_csrf"])
        assert csrf not in ("", TOKEN)
    with browser(app, value(cookies["sciatica_login"]), csrf) as own:
        assert own.get("/api/journal/pain").status_code == 200


def test_a_sign_in_beside_another_csrf_cookie_is_signed_out_and_dropped(
    app: FastAPI, signed_in: tuple[str, str]
) -> None:
    login, _ = signed_in
    with browser(app, login, "a-secret-of-another-browser") as tossed:
        read = tossed.get("/api/journal/pain")
        assert read.status_code == 401
        dropped = set_cookies(read)["sciatica_login"]
        assert "Max-Age=0" in dropped or "expires=" in dropped.lower()
        assert tossed.post("/api/journal/pain", json={"now": 4}).status_code == 401
        page = tossed.get("/account", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/signin")
        assert "sciatica_login" in set_cookies(page)
    with browser(app, login, "") as without:
        assert without.get("/api/journal/pain").status_code == 401


def test_a_sign_in_from_before_the_binding_is_refused(
    app: FastAPI, database_url: str, clock: FakeClock
) -> None:
    store = accounts_of(open_journal(database_url))
    ann = store.user_named("ann")
    assert ann is not None
    old = "a-token-from-before-0008"
    store.add_login(
        accounts.token_hash(old), ann.id, clock(), clock() + accounts.LOGIN_LIFETIME, None
    )
    with browser(app, old, TOKEN) as client:
        assert client.get("/api/journal/pain").status_code == 401


def test_sign_out_and_a_password_change_keep_working(
    app: FastAPI, signed_in: tuple[str, str]
) -> None:
    login, csrf = signed_in
    new = "a brand new pass phrase"
    with browser(app, login, csrf) as own:
        changed = own.post(
            "/account/password",
            data={"current": PASSWORD, "new": new, "again": new},
            follow_redirects=False,
        )
        assert changed.status_code == 303
        cookies = set_cookies(changed)
        login, csrf = value(cookies["sciatica_login"]), value(cookies["sciatica_csrf"])
    with browser(app, login, csrf) as own:
        assert own.get("/api/journal/pain").status_code == 200
        assert own.post("/api/signout").status_code == 204
        assert own.get("/api/journal/pain").status_code == 401
