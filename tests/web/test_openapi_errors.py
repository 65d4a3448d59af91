"""Every answer the API gives is in its OpenAPI document (review D12): for each operation the
document lists, requests that go wrong in each way a program can get wrong (another Host, no
sign-in, no CSRF token, a body over 1 MB, a body that is not JSON or not the schema's, an id
that is not there or not a number, odd query values, a safety check missing, too many failed
sign-ins), and each answer's status must be declared for that operation, its body of a
declared media type and valid against the declared schema (JSON Schema 2020-12, as OpenAPI
3.1 has it). The document itself is checked by openapi-spec-validator.

Schemathesis (test_api_fuzz.py) cannot see this: it passes a body the document says nothing
about.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from jsonschema import Draft202012Validator

from sciatica_coach.coach import accounts
from sciatica_coach.web import create_app
from tests.domain.screening_cases import all_clear
from tests.web.conftest import LOCAL_URL, FakeClock, local_client

PASSWORD = "openapi probing phrase"
NO_SUCH = {"integer": "999999", "string": "no-such-thing"}
NOT_AN_ID = "not-a-number"
TOO_BIG = b'{"x": "' + b"a" * 1_100_000 + b'"}'
ODD_QUERY = ("abc", "-1", "\x00", "9" * 30)
LAST_OPEN = {"/api/signin", "/api/signout", "/api/health", "/api/token"}
"""Operations that answer signed out too."""


@dataclass
class Probe:
    doc: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    seen: set[tuple[str, str, int]] = field(default_factory=set)

    def check(self, method: str, template: str, response: Response) -> None:
        """Whether ``response`` is declared for the operation, status, media type and body."""
        status = response.status_code
        self.seen.add((method, template, status))
        where = f"{method.upper()} {template} -> {status}"
        declared = self.doc["paths"][template][method]["responses"]
        if str(status) not in declared:
            self.problems.append(f"{where}: status not declared ({sorted(declared)})")
            return
        content = declared[str(status)].get("content", {})
        if not response.content or method == "head":
            return
        media = response.headers.get("content-type", "").split(";")[0].strip()
        if media not in content:
            self.problems.append(f"{where}: a {media} body, declared {sorted(content) or 'none'}")
            return
        schema = content[media].get("schema")
        if media.endswith("json") and schema:
            validator = Draft202012Validator({**schema, "components": self.doc["components"]})
            for error in validator.iter_errors(response.json()):
                self.problems.append(f"{where}: body not as declared: {error.message[:200]}")


def operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for template, item in doc["paths"].items():
        for method, operation in item.items():
            yield method, template, operation


def fill(template: str, operation: dict[str, Any], values: dict[str, str]) -> str:
    """``template`` with each path parameter given its value by type (or by name)."""
    kinds = {
        p["name"]: p.get("schema", {}).get("type", "string")
        for p in operation.get("parameters", [])
        if p["in"] == "path"
    }
    return re.sub(
        r"\{([^}]+)\}", lambda m: values.get(m[1], values.get(kinds.get(m[1], ""), "1")), template
    )


@pytest.fixture(scope="module")
def app() -> FastAPI:
    accounts.hasher = PasswordHasher(time_cost=1, memory_cost=64)  # argon2id, test-sized
    folder = Path(tempfile.mkdtemp(prefix="sciatica-openapi-"))
    return create_app(
        f"sqlite+pysqlite:///{folder / 'probe.sqlite3'}", clock=FakeClock(), accounts=True
    )


@pytest.fixture(scope="module")
def signed_in(app: FastAPI) -> TestClient:
    client = local_client(app)
    client.post("/signup", data={"name": "probe", "password": PASSWORD, "again": PASSWORD})
    client.headers["X-CSRF-Token"] = client.get("/api/token").json()["token"]  # bound to it
    return client


def test_every_error_the_api_sends_is_in_its_document(app: FastAPI, signed_in: TestClient) -> None:
    doc = signed_in.get("/api/openapi.json").json()
    probe = Probe(doc)
    signed_out = local_client(app)
    elsewhere = TestClient(app, base_url="http://elsewhere.example")
    no_token = TestClient(app, base_url=LOCAL_URL)
    for method, template, operation in operations(doc):
        if template == "/api/signout":
            continue  # would end the sign-in the rest use (its answers: below)
        path = fill(template, operation, {"integer": "1", "string": "piriformis"})
        writes = method in ("post", "put", "patch", "delete")

        def send(
            client: TestClient,
            url: str = path,
            at: tuple[str, str] = (method, template),
            **options: Any,
        ) -> None:
            probe.check(*at, client.request(at[0].upper(), url, **options))

        send(elsewhere)
        send(signed_out)
        send(signed_in)  # no body, or as it is
        if writes:
            send(no_token, json={})
            send(signed_in, content=TOO_BIG, headers={"Content-Type": "application/json"})
            send(signed_in, content=b"{", headers={"Content-Type": "application/json"})
            send(signed_in, content=b"\xff\xfe", headers={"Content-Type": "application/json"})
            send(signed_in, data={"a": "form"})
            send(signed_in, json={"junk": 1})
            send(signed_in, json=[])
        if "{" in template:
            send(signed_in, fill(template, operation, NO_SUCH))
            send(signed_in, fill(template, operation, {"integer": NOT_AN_ID}))
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query":
                for value in ODD_QUERY:
                    send(signed_in, params={parameter["name"]: value})
    _conflicts(signed_in, probe)
    _too_many_sign_ins(app, probe)
    print(f"{len(probe.seen)} (operation, status) pairs seen")
    assert probe.problems == []
    statuses = {status for _m, _t, status in probe.seen}
    assert {200, 201, 400, 401, 403, 404, 409, 413, 422, 429} <= statuses


def _conflicts(client: TestClient, probe: Probe) -> None:
    """Not now: a plan with no safety check, an event that does not fit the session."""
    plan = client.post("/api/plans", json={"where": ["left:buttock_center"], "minutes": 10})
    probe.check("post", "/api/plans", plan)
    assert plan.status_code == 409
    client.post("/api/screenings", json={"answers": all_clear()})
    plan_id = client.post("/api/plans", json={"where": ["left:buttock_center"], "minutes": 10})
    opened = client.post("/api/sessions", json={"plan_id": plan_id.json()["id"]})
    session = opened.json()["id"]
    for step in ("events", "contact", "finish"):
        body = {"events": {"type": "pause"}, "contact": {}, "finish": {"pain_after": 3}}[step]
        answer = client.post(f"/api/sessions/{session}/{step}", json=body)
        probe.check("post", f"/api/sessions/{{session_id}}/{step}", answer)
    refused = client.post("/api/sessions", json={"plan_id": 999999})
    probe.check("post", "/api/sessions", refused)
    flagged = client.post("/api/screenings", json={"answers": {**all_clear(), "fever": True}})
    probe.check("post", "/api/screenings", flagged)
    again = client.post("/api/sessions", json={"plan_id": plan_id.json()["id"]})
    probe.check("post", "/api/sessions", again)
    assert {refused.status_code, again.status_code} <= {403, 404, 409}


def _too_many_sign_ins(app: FastAPI, probe: Probe) -> None:
    client = local_client(app)
    for _ in range(7):
        wrong = client.post("/api/signin", json={"name": "probe", "password": "wrong"})
        probe.check("post", "/api/signin", wrong)
    assert wrong.status_code == 429
    probe.check("post", "/api/signout", client.post("/api/signout"))


def test_every_error_answer_declared_has_a_body_schema(signed_in: TestClient) -> None:
    """A 4xx or 5xx declared with no content was how the undeclared bodies slipped through."""
    doc = signed_in.get("/api/openapi.json").json()
    bare = [
        f"{method.upper()} {template} {status}"
        for method, template, operation in operations(doc)
        for status, answer in operation["responses"].items()
        if status[0] in "45" and not answer.get("content")
    ]
    assert bare == []


def test_the_document_is_valid_openapi(signed_in: TestClient) -> None:
    validator = pytest.importorskip("openapi_spec_validator")
    doc = signed_in.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    validator.validate(doc)
