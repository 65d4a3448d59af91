"""Generated requests against every API operation: none may end in a server error (5xx).

Why: a person in pain should never meet a crash, and a program should always get a 4xx that
says what to fix. Runs against an app with a real journal holding a screening, a map, a plan
and a session, so the generated ids sometimes hit real data.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from sciatica_coach.web import create_app
from tests.domain.screening_cases import all_clear
from tests.web.conftest import WITH_TOKEN, local_client


def _seeded() -> FastAPI:
    folder = Path(tempfile.mkdtemp(prefix="sciatica-fuzz-"))
    # schemathesis's own ASGI client calls itself "testserver"
    app = create_app(f"sqlite+pysqlite:///{folder / 'fuzz.sqlite3'}", hosts=["testserver"])
    client = local_client(app)
    client.post("/api/screenings", json={"answers": all_clear()})
    client.post("/api/journal/pain-maps", json={"where": ["left:buttock_center"], "intensity": 4})
    plan_id = client.post("/api/plans", json={"map_id": 1, "minutes": 10}).json()["id"]
    client.post("/api/sessions", json={"plan_id": plan_id})
    return app


schema = schemathesis.openapi.from_asgi("/api/openapi.json", _seeded())


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_causes_a_server_error(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(headers=WITH_TOKEN, checks=[not_a_server_error])


def test_the_fuzzing_covers_every_operation() -> None:
    assert len(list(schema.get_all_operations())) >= 30
