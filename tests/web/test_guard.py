"""The outer wall: only this computer's names are answered (DNS rebinding), bodies are capped,
and every answer carries the security headers; personal data is never cached."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from starlette.types import Receive, Scope, Send

from sciatica_coach.web.guard import MAX_BODY_BYTES, AllowedHosts, Guard
from sciatica_coach.web.wrong_host import wrong_host_page

from .conftest import screen


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.0.0.1:8000", "localhost:5000", "[::1]:8000", "LOCALHOST"]
)
def test_this_computers_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/api/health", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "", "localhost:x"]
)
def test_any_other_host_is_refused_before_the_journal_is_read(
    client: TestClient, host: str
) -> None:
    screen(client)
    for method, path in [("GET", "/api/journal/export"), ("POST", "/api/journal/pain")]:
        response = client.request(method, path, headers={"Host": host}, json={"now": 3})
        assert response.status_code == 400
        assert response.json()["detail"]["code"] == "wrong_host"
        assert "taken_at" not in response.text and "tables" not in response.text


def test_a_configured_name_is_answered() -> None:
    assert AllowedHosts.of(["coach.home.arpa:8443"]).allows("coach.home.arpa:8443")
    assert not AllowedHosts.of(["coach.home.arpa:8443"]).allows("coach.home.arpa:9000")
    assert AllowedHosts.of(["coach.home.arpa"]).allows("coach.home.arpa:9000")


def test_security_headers_on_pages_api_and_errors(client: TestClient) -> None:
    for path in ["/", "/journal", "/api/journal/export", "/api/no-such-thing"]:
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style")[0]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cache-control"] == "no-store", path


def test_a_picture_of_someones_marks_is_not_cached(client: TestClient) -> None:
    saved = client.post(
        "/api/journal/pain-maps", json={"where": ["left:buttock_center"], "intensity": 4}
    )
    marked = client.get(f"/api/journal/pain-maps/{saved.json()['id']}/picture.svg")
    assert marked.headers["cache-control"] == "no-store"
    blank = client.get("/api/figures/body-map.svg")
    assert "max-age" in blank.headers["cache-control"]


def test_a_body_over_the_cap_gets_413_and_a_message(client: TestClient) -> None:
    big = b"x" * (MAX_BODY_BYTES + 1)
    response = client.post("/api/journal/pain", content=big)
    assert response.status_code == 413
    assert "kB" in response.json()["detail"]["message"]

    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"y" * 65536

    streamed = client.post("/api/journal/pain", content=chunks())
    assert streamed.status_code == 413


def test_a_body_under_the_cap_is_read_as_usual(client: TestClient) -> None:
    response = client.post("/api/journal/pain", json={"now": 3, "note": "fine today"})
    assert response.status_code == 201, response.text


def test_a_nonsense_content_length_is_refused_not_a_crash(client: TestClient) -> None:
    response = client.post("/api/journal/pain", content=b"{}", headers={"Content-Length": "12abc"})
    assert response.status_code in (400, 413)


def test_a_browser_at_a_wrong_host_gets_a_page_that_says_where_the_app_is(
    client: TestClient,
) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/", headers={"Host": "vm:8000", "Accept": accept})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page = response.text
    assert "<strong>vm:8000</strong>" in page
    assert "On this computer itself: 127.0.0.1, [::1], localhost." in page
    assert "sciatica-coach serve --lan --accounts" in page
    assert "<script" not in page and "src=" not in page and "href=" not in page  # nothing else


def test_the_page_links_the_addresses_another_device_can_use() -> None:
    names = ["127.0.0.1", "192.168.1.20", "[::1]", "coach.home.arpa:8443", "localhost"]
    page = wrong_host_page("vm:8001", "https", names)
    assert '<a href="https://192.168.1.20:8001/">192.168.1.20:8001</a>' in page
    assert '<a href="https://coach.home.arpa:8443/">' in page
    assert "127.0.0.1:8001" not in page  # of no use to a phone


def test_the_wrong_host_page_writes_the_host_as_text() -> None:
    app = Guard(_never_reached)
    evil = '<img src=x onerror="alert(1)">'
    response = TestClient(app).get("/", headers={"Host": evil, "Accept": "text/html"})
    assert response.status_code == 400 and "<img" not in response.text
    assert "&lt;img src=x" in response.text


def test_a_script_at_a_wrong_host_still_gets_json(client: TestClient) -> None:
    response = client.get(
        "/api/journal/export", headers={"Host": "vm:8000", "Accept": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "wrong_host"


async def _never_reached(scope: Scope, receive: Receive, send: Send) -> None:
    raise AssertionError("the app behind the guard was reached")
