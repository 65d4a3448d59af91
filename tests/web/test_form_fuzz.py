"""Every HTML form handler, fed anything a browser (or a person with the developer tools) can
send: odd digits (``²``, ``٣``), 5,000-digit numbers, huge or empty or repeated fields, unknown
fields. None may answer with a server error; each gets a page that says what to fix."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sciatica_coach.coach import accounts
from sciatica_coach.content import default_knowledge_base
from sciatica_coach.web import create_app
from sciatica_coach.web.app import ROUTERS
from sciatica_coach.web.templating import TEMPLATES

from .conftest import FakeClock, answers, local_client

PASSWORD = "form fuzzing phrase"


def form_routes() -> list[str]:
    """Every page route that takes a form post, with ids filled in (1: a real session)."""
    return sorted(
        re.sub(r"\{[^}]+\}", "1", route.path)
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute)
        and "POST" in (route.methods or ())
        and not route.path.startswith("/api/")
    )


def field_names() -> list[str]:
    """Every field name our forms use, and the screening questions' (named in a loop)."""
    names = {
        name
        for template in Path(TEMPLATES).glob("*.html")
        for name in re.findall(r'name="([A-Za-z_]+)"', template.read_text(encoding="utf-8"))
    }
    for question in default_knowledge_base().screening.questions:
        names |= {question.id, f"{question.id}__any"}
    return sorted(names - {"csrf_token"})


ODD = ["", " ", "²", "٣", "1" * 5000, "-1", "11", "3.5", "yes", "no", "not_sure", "\x00", "🙂"]
values = st.one_of(st.sampled_from(ODD), st.text(max_size=40), st.integers().map(str))
forms = st.lists(
    st.tuples(st.one_of(st.sampled_from(field_names()), st.text(max_size=10)), values),
    max_size=25,
)


@pytest.fixture(scope="module")
def signed_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An account with a check, a plan and a session, so handlers get past their first lines."""
    accounts.hasher = PasswordHasher(time_cost=1, memory_cost=64)
    url = f"sqlite+pysqlite:///{tmp_path_factory.mktemp('forms') / 'forms.sqlite3'}"
    app: FastAPI = create_app(url, clock=FakeClock(), accounts=True)
    with local_client(app) as client:
        client.post("/signup", data={"name": "fuzz", "password": PASSWORD, "again": PASSWORD})
        client.headers["X-CSRF-Token"] = client.get("/api/token").json()["token"]
        client.post("/api/screenings", json={"answers": answers()})
        plan = client.post(
            "/api/plans", json={"muscles": [{"muscle_id": "piriformis", "side": "left"}]}
        ).json()
        client.post("/api/sessions", json={"plan_id": plan["id"]})
        yield client


def test_there_are_forms_to_fuzz() -> None:
    assert {"/screen", "/map", "/plan", "/journal/pain", "/signin"} <= set(form_routes())
    assert {"now", "where", "pain_after", "saddle_numbness"} <= set(field_names())


@pytest.mark.parametrize("path", [p for p in form_routes() if p not in ("/signout",)])
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(form=forms)
def test_no_form_post_causes_a_server_error(
    signed_in: TestClient, path: str, form: list[tuple[str, str]]
) -> None:
    if path == "/account/delete":
        form = [(k, v) for k, v in form if k != "confirm"]  # keep the account for the rest
    response = signed_in.post(
        path,
        content=urlencode(form),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert response.status_code < 500, (path, form, response.text[:300])
    assert "Traceback" not in response.text
