"""Fixtures for the web tests: an app on its own temporary journal, with a clock we move."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, sync_playwright

from sciatica_coach.content import default_knowledge_base
from sciatica_coach.web import create_app
from tests.domain.screening_cases import all_clear
from tests.web.browser import CHROMIUM

LOCAL_URL = "http://127.0.0.1:8000"
"""Where the tests reach the app: a Host this computer answers (see web/guard.py)."""

TOKEN = "a-test-csrf-token"
"""What the tests' client sends as its CSRF cookie and header (see web/csrf.py)."""
WITH_TOKEN = {"X-CSRF-Token": TOKEN, "Cookie": f"sciatica_csrf={TOKEN}"}

WHERE = ["left:buttock_center", "left:thigh_posterior"]


@dataclass
class FakeClock:
    now: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, once per test module (the browser tests skip without it)."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's Chromium (make browser installs it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite+pysqlite:///{tmp_path / 'journal.sqlite3'}"


@pytest.fixture
def app(database_url: str, clock: FakeClock) -> FastAPI:
    return create_app(database_url, clock=clock)


def local_client(app: FastAPI) -> TestClient:
    """A client as our own pages are: on this computer's address, with the CSRF token."""
    return TestClient(
        app,
        base_url=LOCAL_URL,
        headers={"X-CSRF-Token": TOKEN},
        cookies={"sciatica_csrf": TOKEN},
    )


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with local_client(app) as test_client:
        yield test_client


def answers(**changes: object) -> dict[str, object]:
    """A complete answer set that triggers nothing, with ``changes`` on top."""
    return {**all_clear(), **changes}


PAIN_BEGAN = "2026-01-26"
"""Five weeks before the test clock's first day: the same as ``weeks_with_pain`` in
:func:`answers`."""


def form_answers(history: bool = True, **changes: object) -> dict[str, Any]:
    """The screening answers as the page's form sends them: the daily questions and, with
    ``history``, the health history as the form shows it when it is due (with the day the
    pain began). The journal's own questions are left out, as the form leaves them out."""
    kb = default_knowledge_base()
    form: dict[str, Any] = {}
    if history:
        form["history_shown"] = "yes"
        form["pain_began"] = PAIN_BEGAN
    for key, value in answers(**changes).items():
        question = kb.screening.question_by_id.get(key)
        if question is None or question.from_journal:
            continue
        if question.part == "history" and not history:
            continue
        if isinstance(value, list):
            form[f"{key}__any"] = "yes" if value else "no"
            form[key] = value
        elif isinstance(value, bool):
            form[key] = "yes" if value else "no"
        else:
            form[key] = str(value)
    return form


def screen(client: TestClient, **changes: object) -> dict[str, Any]:
    response = client.post("/api/screenings", json={"answers": answers(**changes)})
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def plan(client: TestClient, **body: object) -> dict[str, Any]:
    response = client.post("/api/plans", json={"where": WHERE, "minutes": 10, **body})
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def event(client: TestClient, session_id: int, **body: object) -> Any:
    return client.post(f"/api/sessions/{session_id}/events", json=body)


def app_clock(client: TestClient) -> FakeClock:
    clock = client.app.state.coach.clock  # type: ignore[attr-defined]
    assert isinstance(clock, FakeClock)
    return clock


def play(client: TestClient, session_id: int, feelings: list[str]) -> dict[str, Any]:
    """Drive a started session to its end: find every spot, let each hold run out on the
    clock, answer check-ins in order."""
    state: dict[str, Any] = client.get(f"/api/sessions/{session_id}").json()
    answers_left = list(feelings)
    for _ in range(500):
        phase = state["phase"]
        if state["over"]:
            return state
        if phase == "showing":
            response = event(client, session_id, type="next")
        elif phase == "finding":
            response = event(client, session_id, type="spot", found=True)
        elif phase in ("get_ready", "holding", "resting"):
            app_clock(client).advance(seconds=state["remaining"] + 0.01)
            response = client.get(f"/api/sessions/{session_id}")
        elif phase == "checking_in":
            feeling = answers_left.pop(0) if answers_left else "good"
            response = event(client, session_id, type="feeling", feeling=feeling)
        else:
            raise AssertionError(f"unexpected phase {phase}")
        assert response.status_code == 200, response.text
        state = response.json()
    raise AssertionError("the session did not end")


def started_session(client: TestClient, plan_id: int, pain_before: int | None = 6) -> int:
    response = client.post("/api/sessions", json={"plan_id": plan_id})
    assert response.status_code == 201, response.text
    session_id: int = response.json()["id"]
    start = event(client, session_id, type="start", pain_before=pain_before)
    assert start.status_code == 200, start.text
    return session_id
