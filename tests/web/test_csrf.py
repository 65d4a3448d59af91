"""No other website can change the journal: a change needs our page's token and, where the
browser says where it comes from, our own origin. Every state-changing route is checked,
enumerated from the app itself (a new route is covered without anyone listing it)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from sciatica_coach.web import create_app
from sciatica_coach.web.app import ROUTERS
from sciatica_coach.web.csrf import COOKIE, SAFE_METHODS, masked, matches

from .conftest import LOCAL_URL, TOKEN, FakeClock, form_answers, screen


def changing_routes() -> list[tuple[str, str]]:
    """Every (method, path) of the app that may change something, with path ids filled in."""
    found = []
    for router in ROUTERS:
        for route in router.routes:
            if isinstance(route, APIRoute):
                path = re.sub(r"\{[^}]+\}", "1", route.path)
                found += [
                    (method, path) for method in sorted((route.methods or set()) - SAFE_METHODS)
                ]
    return found


def bare(app: FastAPI) -> TestClient:
    """A client with no token: what another website's forged request looks like."""
    return TestClient(app, base_url=LOCAL_URL)


def journal_export(client: TestClient) -> Any:
    return client.get("/api/journal/export").json()["tables"]


def test_the_app_has_state_changing_routes_to_check() -> None:
    routes = changing_routes()
    assert ("POST", "/screen") in routes and ("POST", "/api/sessions/1/events") in routes
    assert len(routes) >= 14


def test_every_change_without_the_token_is_refused_and_nothing_is_written(
    app: FastAPI, client: TestClient
) -> None:
    screen(client)
    before = journal_export(client)
    forger = bare(app)
    for method, path in changing_routes():
        for body in ({"json": {"now": 3}}, {"data": {"now": "3", **form_answers()}}):
            response = forger.request(method, path, **body)
            assert response.status_code == 403, (method, path, response.text)
    assert journal_export(client) == before


def test_a_wrong_token_is_refused(app: FastAPI) -> None:
    forger = bare(app)
    forger.cookies.set(COOKIE, TOKEN)
    response = forger.post("/api/journal/pain", json={"now": 3}, headers={"X-CSRF-Token": "x"})
    assert response.status_code == 403
    assert response.json()["detail"]["code"] == "csrf_token"


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "http://evil.example"},
        {"Origin": "http://127.0.0.1:9999"},
        {"Origin": "not a url at all ["},
    ],
)
def test_another_origin_is_refused_even_with_the_token(
    client: TestClient, headers: dict[str, str]
) -> None:
    response = client.post("/api/journal/pain", json={"now": 3}, headers=headers)
    assert response.status_code == 403
    assert response.json()["detail"]["code"] == "cross_site"
    assert client.get("/api/journal/pain").json() == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Origin": LOCAL_URL},
        {"Origin": "null", "Sec-Fetch-Site": "same-origin"},  # what no-referrer makes Chromium send
        {},
    ],
)
def test_our_own_origin_with_the_token_is_accepted(
    client: TestClient, headers: dict[str, str]
) -> None:
    assert client.post("/api/journal/pain", json={"now": 3}, headers=headers).status_code == 201


def test_a_page_form_carries_the_token_in_a_hidden_field(app: FastAPI) -> None:
    visitor = bare(app)
    page = visitor.get("/journal")
    cookie = page.cookies[COOKIE]
    [meta] = re.findall(r'<meta name="csrf-token" content="([^"]+)">', page.text)
    fields = re.findall(r'name="csrf_token" value="([^"]+)"', page.text)
    assert fields and all(matches(field, cookie) for field in [meta, *fields])
    sent = visitor.post("/journal/pain", data={"csrf_token": fields[0], "now": "4"})
    assert sent.status_code == 200 and "saved" in sent.text.lower()
    assert [e["now"] for e in visitor.get("/api/journal/pain").json()] == [4]


def test_a_page_carries_the_token_masked_afresh_each_time(app: FastAPI) -> None:
    """The same token, never the same bytes twice: a gzipped page's length tells nothing
    about it (BREACH); the plain token (as programs send it) works too, a wrong one not."""
    visitor = bare(app)
    first, second = visitor.get("/journal"), visitor.get("/journal")
    cookie = first.cookies.get(COOKIE) or visitor.cookies[COOKIE]
    tokens = [
        *re.findall(r'name="csrf_token" value="([^"]+)"', first.text),
        *re.findall(r'name="csrf_token" value="([^"]+)"', second.text),
    ]
    assert len(set(tokens)) == len(tokens) and cookie not in tokens
    assert all(matches(token, cookie) for token in tokens)
    assert matches(cookie, cookie)
    # one character changed in the middle, where each carries six bits (the last one before
    # the padding may carry none, and change nothing)
    middle = len(tokens[0]) // 2
    other = "A" if tokens[0][middle] != "A" else "B"
    flipped = tokens[0][:middle] + other + tokens[0][middle + 1 :]
    for wrong in (flipped, "", "x", "é" * 40, cookie[::-1], masked(cookie)[:-4]):
        assert not matches(wrong, cookie), wrong
    refused = visitor.post("/journal/pain", data={"csrf_token": flipped, "now": "4"})
    assert refused.status_code == 403


def test_a_refused_form_gets_a_page_that_says_what_to_do(app: FastAPI) -> None:
    response = bare(app).post("/journal/pain", data={"now": "4"})
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("text/html")
    assert "Reload the page" in response.text and "<script" not in response.text


def test_the_cookie_is_strict_http_only_and_secure_behind_tls(
    monkeypatch: pytest.MonkeyPatch, database_url: str, clock: FakeClock
) -> None:
    cookie = bare(create_app(database_url, clock=clock)).get("/").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie
    monkeypatch.setenv("SCIATICA_COACH_BEHIND_TLS", "1")
    cookie = bare(create_app(database_url, clock=clock)).get("/").headers["set-cookie"]
    assert "; Secure" in cookie


def test_a_program_gets_its_token_from_the_api(app: FastAPI) -> None:
    program = bare(app)
    token = program.get("/api/token").json()["token"]
    assert program.cookies[COOKIE] == token
    response = program.post("/api/journal/pain", json={"now": 2}, headers={"X-CSRF-Token": token})
    assert response.status_code == 201


def test_a_known_visitor_keeps_their_token(client: TestClient) -> None:
    response = client.get("/")
    assert "set-cookie" not in response.headers
    assert client.get("/api/token").json()["token"] == TOKEN


def test_a_malformed_cookie_header_is_no_token_not_a_crash(app: FastAPI) -> None:
    response = bare(app).post(
        "/api/journal/pain",
        json={"now": 3},
        headers={"Cookie": '"\x7f;;==\\', "X-CSRF-Token": "x"},
    )
    assert response.status_code == 403


def test_over_https_the_token_cookie_is_host_prefixed_and_a_plain_one_is_not_read(
    app: FastAPI,
) -> None:
    """Security review M-2: a cookie planted over plain http (any port of the same host)
    is not the token of an HTTPS page, which only reads ``__Host-sciatica_csrf``."""
    secure = TestClient(app, base_url="https://127.0.0.1")
    cookie = secure.get("/").headers["set-cookie"]
    assert cookie.startswith(f"__Host-{COOKIE}=")
    assert "; Path=/" in cookie and "; Secure" in cookie and "Domain" not in cookie
    planted = {"Cookie": f"{COOKIE}=planted", "X-CSRF-Token": "planted"}
    refused = TestClient(app, base_url="https://127.0.0.1").post(
        "/api/journal/pain", json={"now": 3}, headers=planted
    )
    assert refused.status_code == 403
    token = secure.get("/api/token").json()["token"]
    sent = {"Cookie": f"__Host-{COOKIE}={token}", "X-CSRF-Token": token}
    fresh = TestClient(app, base_url="https://127.0.0.1")
    assert fresh.post("/api/journal/pain", json={"now": 3}, headers=sent).status_code == 201


def test_behind_tls_the_token_cookie_is_host_prefixed_whatever_the_proxy_sends(
    monkeypatch: pytest.MonkeyPatch, database_url: str, clock: FakeClock
) -> None:
    monkeypatch.setenv("SCIATICA_COACH_BEHIND_TLS", "1")
    cookie = bare(create_app(database_url, clock=clock)).get("/").headers["set-cookie"]
    assert cookie.startswith(f"__Host-{COOKIE}=") and "; Secure" in cookie
