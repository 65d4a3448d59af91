"""Generated requests against every API operation, signed in to an account with a real
journal (a screening, a map, a plan, a session), so generated ids sometimes hit real data.

Valid requests and invalid ones (wrong types, missing fields: each must be refused with a
4xx, never guessed at). All of Schemathesis's response checks are on: no server error, only
documented status codes, bodies that match the documented schema, the documented content
type. So the OpenAPI
description (what a program is told) and what the app does cannot drift apart. At least
1,000 cases per run.
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from argon2 import PasswordHasher
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.result import Ok

from sciatica_coach.coach import accounts
from sciatica_coach.web import create_app
from tests.domain.screening_cases import all_clear
from tests.web.conftest import local_client

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    content_type_conformance,
]
CASES_PER_OPERATION = 30
PASSWORD = "fuzzing pass phrase"
SIGNED_OUT_BY = {"/api/signout"}
"""Generated calls here would end the sign-in the others use (tested in test_accounts.py)."""


def _seeded() -> tuple[FastAPI, dict[str, str]]:
    accounts.hasher = PasswordHasher(time_cost=1, memory_cost=64)  # argon2id, test-sized
    folder = Path(tempfile.mkdtemp(prefix="sciatica-fuzz-"))
    # schemathesis's own ASGI client calls itself "testserver"
    app = create_app(
        f"sqlite+pysqlite:///{folder / 'fuzz.sqlite3'}", hosts=["testserver"], accounts=True
    )
    client = local_client(app)
    client.post("/signup", data={"name": "fuzz", "password": PASSWORD, "again": PASSWORD})
    token = client.get("/api/token").json()["token"]  # the one the sign-in is bound to
    client.headers["X-CSRF-Token"] = token
    client.post("/api/screenings", json={"answers": all_clear()})
    client.post("/api/journal/pain-maps", json={"where": ["left:buttock_center"], "intensity": 4})
    plan_id = client.post("/api/plans", json={"map_id": 1, "minutes": 10}).json()["id"]
    client.post("/api/sessions", json={"plan_id": plan_id})
    login = client.cookies["sciatica_login"]
    return app, {"Cookie": f"sciatica_login={login}; sciatica_csrf={token}", "X-CSRF-Token": token}


APP, SIGNED_IN = _seeded()
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


def fuzz(operation: Any, mode: GenerationMode) -> int:
    """Run generated cases of one operation in one mode; how many ran."""
    cases = 0
    checks = [*CHECKS, *([negative_data_rejection] if mode is GenerationMode.NEGATIVE else [])]

    @given(case=operation.as_strategy(mode))
    @settings(
        max_examples=CASES_PER_OPERATION,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def run(case: schemathesis.Case[Any]) -> None:
        nonlocal cases
        cases += 1
        case.call_and_validate(headers=SIGNED_IN, checks=checks)

    try:
        run()
    except Unsatisfiable:
        assert mode is GenerationMode.NEGATIVE  # nothing to get wrong: no parameters
    return cases


def test_every_operation_answers_as_documented() -> None:
    results = list(schema.get_all_operations())
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) == len(results), "every operation's schema is valid"
    cases = sum(
        fuzz(operation, mode)
        for operation, mode in itertools.product(operations, GenerationMode)
        if operation.path not in SIGNED_OUT_BY
    )
    print(f"{cases} generated cases over {len(operations)} operations")
    assert len(operations) >= 30
    assert cases >= 1000, f"only {cases} cases"
