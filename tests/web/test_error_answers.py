"""No junk body and no bug behind the routes gets a bare 500 (security review M-5, M-6): forms
with too many fields or parts get 400 ``bad_body`` (a page for forms, JSON for the API), a row
the journal's own check refuses gets 409, and even a real bug answers with the security
headers, in the page or JSON the caller reads."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sciatica_coach.web.guard import MAX_BODY_BYTES

from .conftest import TOKEN, WITH_TOKEN

TOO_MANY = 10_001
"""One more than ``parse_qs(max_num_fields=10_000)`` took: the review's repro."""
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def with_security_headers(response: object) -> bool:
    headers = response.headers  # type: ignore[attr-defined]
    return (
        "frame-ancestors 'none'" in headers.get("content-security-policy", "")
        and headers.get("x-frame-options") == "DENY"
        and headers.get("x-content-type-options") == "nosniff"
        and headers.get("cache-control") == "no-store"
    )


@pytest.fixture
def lenient(app: FastAPI) -> Iterator[TestClient]:
    """A client that gets the 500 the browser would, instead of the exception."""

    def broken() -> None:
        raise RuntimeError("a bug")

    def refused_row() -> None:
        raise ValueError("ended_at must not be before started_at")

    app.add_api_route("/api/test-broken", broken, methods=["GET"])
    app.add_api_route("/test-broken", broken, methods=["GET"])
    app.add_api_route("/api/test-refused-row", refused_row, methods=["POST"])
    app.add_api_route("/test-refused-row", refused_row, methods=["POST"])
    client = TestClient(
        app,
        base_url="http://127.0.0.1:8000",
        headers={"X-CSRF-Token": TOKEN},
        cookies={"sciatica_csrf": TOKEN},
        raise_server_exceptions=False,
    )
    with client:
        yield client


def test_a_form_with_too_many_fields_and_no_token_is_refused_not_a_crash(
    app: FastAPI,
) -> None:
    with TestClient(app, base_url="http://127.0.0.1:8000") as stranger:
        response = stranger.post("/journal/pain", content=b"now=3&" * TOO_MANY, headers=FORM)
    assert response.status_code == 403
    assert with_security_headers(response)


@pytest.mark.parametrize("token_in", ["header", "field"])
def test_a_form_with_too_many_fields_gets_a_page_that_says_so(app: FastAPI, token_in: str) -> None:
    body = b"now=3&" * TOO_MANY
    with TestClient(app, base_url="http://127.0.0.1:8000", cookies={"sciatica_csrf": TOKEN}) as c:
        if token_in == "header":
            response = c.post("/journal/pain", content=body, headers={**FORM, **WITH_TOKEN})
        else:
            body += f"csrf_token={TOKEN}".encode()
            response = c.post("/journal/pain", content=body, headers=FORM)
    assert response.status_code == 400, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    assert "could not be read" in response.text
    assert with_security_headers(response)


def test_too_many_multipart_fields_or_files_get_400(client: TestClient) -> None:
    fields = {f"f{i}": "x" for i in range(1_001)}
    response = client.post("/journal/pain", data=fields, files={"a": ("a.txt", b"1")})
    assert response.status_code == 400
    assert "could not be read" in response.text
    assert with_security_headers(response)
    files = [("f", (f"{i}.txt", b"1")) for i in range(1_001)]
    response = client.post("/journal/pain", files=files)
    assert response.status_code == 400
    assert with_security_headers(response)


def test_an_api_body_of_too_many_form_fields_gets_a_clear_answer(client: TestClient) -> None:
    response = client.post("/api/journal/pain", content=b"now=3&" * TOO_MANY, headers=FORM)
    assert 400 <= response.status_code < 500
    assert response.headers["content-type"].startswith("application/json")
    assert with_security_headers(response)


def test_a_bug_still_answers_with_the_security_headers(lenient: TestClient) -> None:
    api = lenient.get("/api/test-broken")
    assert api.status_code == 500
    assert api.json()["detail"]["code"] == "server_error"
    assert with_security_headers(api)
    page = lenient.get("/test-broken")
    assert page.status_code == 500
    assert page.headers["content-type"].startswith("text/html")
    assert "Something went wrong" in page.text and "a bug" not in page.text
    assert with_security_headers(page)


def test_a_row_the_journal_refuses_gets_409_not_500(lenient: TestClient) -> None:
    api = lenient.post("/api/test-refused-row")
    assert api.status_code == 409
    detail = api.json()["detail"]
    assert detail["code"] == "not_saved"
    assert "ended_at must not be before started_at" in detail["message"]
    page = lenient.post("/test-refused-row")
    assert page.status_code == 409
    assert page.headers["content-type"].startswith("text/html")
    assert with_security_headers(page)


def test_a_form_streamed_without_a_length_is_capped_too(client: TestClient) -> None:
    """The guard caps a body sent in chunks (no Content-Length) as it comes, forms as JSON."""

    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"now=3&" * 10_000

    response = client.post("/journal/pain", content=chunks(), headers=FORM)
    assert response.status_code == 413
    assert with_security_headers(response)
