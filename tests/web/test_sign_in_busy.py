"""When many sign-ins are being checked at once, one more waits its turn, and after a while
is told plainly to try again: a 503 with code ``busy``, declared in the OpenAPI document
(security review M-3)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from jsonschema import Draft202012Validator

from sciatica_coach.coach import accounts
from sciatica_coach.coach.password_checks import BUSY, Gate
from sciatica_coach.web import create_app

from .conftest import FakeClock, local_client

PASSWORD = "correct horse battery"


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=64))
    full = Gate(1, max_wait=0)
    monkeypatch.setattr(accounts, "_gate", lambda: full)
    return full


@pytest.fixture
def app(database_url: str, clock: FakeClock) -> FastAPI:
    return create_app(database_url, clock=clock, accounts=True)


def test_a_sign_in_that_cannot_get_a_turn_is_told_to_try_again(app: FastAPI, gate: Gate) -> None:
    with local_client(app) as client, gate.held():
        api = client.post("/api/signin", json={"name": "ann", "password": PASSWORD})
        page = client.post("/signin", data={"name": "ann", "password": PASSWORD})
        signup = client.post(
            "/signup", data={"name": "bo", "password": PASSWORD, "again": PASSWORD}
        )
        doc = client.get("/api/openapi.json").json()
    assert api.status_code == 503
    assert api.json() == {"detail": {"code": "busy", "message": BUSY}}
    declared = doc["paths"]["/api/signin"]["post"]["responses"]["503"]
    schema = declared["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": doc["components"]})
    assert list(validator.iter_errors(api.json())) == []
    assert "Busy" in declared["description"]
    assert page.status_code == 503 and "try again in a few seconds" in page.text
    assert signup.status_code == 503 and "try again in a few seconds" in signup.text
