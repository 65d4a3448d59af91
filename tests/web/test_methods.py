"""Methods as RFC 9110 has them (review D11): a 405 names every method its address takes
(§15.5.6), the API's and the pages' alike, and HEAD is answered wherever GET is (§9.3.2)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Route

from sciatica_coach.web.app import ROUTERS
from sciatica_coach.web.methods import METHODS

from .every_page import api_routes


def served() -> dict[str, set[str]]:
    """Each address of the app (ids filled in) and the methods its routes take, from the
    routes' own declarations: HEAD with GET."""
    routes: list[Route] = [
        r for router in ROUTERS for route in router.routes for r in api_routes(route)
    ]
    by_path: dict[str, set[str]] = {}
    for route in routes:
        path = re.sub(r"\{[^}]+\}", "1", route.path)
        methods = by_path.setdefault(path, set())
        for other in routes:
            if other.path_regex.match(path):
                methods |= set(other.methods or ())
    by_path["/api/openapi.json"] = {"GET"}
    for methods in by_path.values():
        if "GET" in methods:
            methods.add("HEAD")
    return by_path


def test_every_address_refuses_other_methods_naming_all_it_takes(client: TestClient) -> None:
    addresses = served()
    assert addresses["/api/journal/pain"] == {"GET", "HEAD", "POST"}  # the review's cases
    assert addresses["/api/journal/goal"] == {"GET", "HEAD", "PUT"}
    wrong = []
    for path, methods in sorted(addresses.items()):
        for method in sorted(set(METHODS) - methods):
            response = client.request(method, path)
            allow = {m.strip() for m in response.headers.get("allow", "").split(",") if m}
            if response.status_code != 405 or allow != methods:
                wrong.append((method, path, response.status_code, sorted(allow)))
    assert wrong == []
    assert len(addresses) >= 60


def test_a_page_refused_for_its_method_says_so_and_names_the_ways_in(client: TestClient) -> None:
    page = client.request("DELETE", "/plan")
    assert page.status_code == 405
    assert page.headers["allow"] == "GET, HEAD, POST"
    assert page.headers["content-type"].startswith("text/html")
    assert "cannot be reached that way" in page.text
    api = client.request("DELETE", "/api/plans")
    assert api.headers["allow"] == "GET, HEAD, POST"
    assert api.json()["detail"]["code"] == "method_not_allowed"


@pytest.mark.parametrize(
    "path",
    ["/", "/journal", "/learn", "/learn/faq", "/api/health", "/api/openapi.json", "/sw.js"],
)
def test_head_is_get_without_the_body(client: TestClient, path: str) -> None:
    get = client.get(path, headers={"Accept-Encoding": "identity"})
    head = client.head(path, headers={"Accept-Encoding": "identity"})
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    for name in ("content-type", "content-length", "cache-control"):
        assert head.headers.get(name) == get.headers.get(name), name


def test_head_of_a_gzipped_answer_gives_the_gzipped_length(client: TestClient) -> None:
    get = client.get("/api/content/muscles", headers={"Accept-Encoding": "gzip"})
    head = client.head("/api/content/muscles", headers={"Accept-Encoding": "gzip"})
    assert head.headers["content-encoding"] == get.headers["content-encoding"] == "gzip"
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.content == b""


def test_head_of_something_missing_is_a_404_without_a_body(client: TestClient) -> None:
    head = client.head("/api/sessions/999999")
    assert head.status_code == 404 and head.content == b""
