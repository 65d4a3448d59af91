"""Many workers, one database: ``sciatica-coach serve --workers 2`` on PostgreSQL.

One session is driven with a new connection for every request, so requests land on both worker
processes; one worker is killed in the middle. The session carries on (uvicorn starts a new
worker; the other one already answers) and nothing done before the kill is lost.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.domain.screening_cases import all_clear
from tests.storage.conftest import postgres_url, reset_postgres

from .browser import free_port
from .conftest import WITH_TOKEN
from .owner import owner_cookie


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[tuple[str, str]]:
    url = postgres_url()
    reset_postgres(url)
    port = free_port()
    env = {
        **os.environ,
        "SCIATICA_COACH_HOME": str(tmp_path / "home"),
        "SCIATICA_COACH_SHOW_WORKER": "1",
    }
    command = [sys.executable, "-m", "sciatica_coach", "serve", "--workers", "2", "--no-open"]
    server = subprocess.Popen(
        [*command, "--port", str(port), "--database-url", url],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code in (200, 401):
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise AssertionError("the server did not start")
        yield base, owner_cookie(base, tmp_path / "home")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


class Fresh:
    """A new connection for every request, so the kernel hands each to either worker."""

    def __init__(self, base: str, cookie: str) -> None:
        self.base = base
        self.headers = {**WITH_TOKEN, "Cookie": f"{WITH_TOKEN['Cookie']}; {cookie}"}
        self.workers: list[int] = []

    def __call__(self, method: str, path: str, body: Any = None) -> Any:
        for attempt in range(20):  # a request that met the killed worker is tried again
            try:
                with httpx.Client(base_url=self.base, timeout=5) as client:
                    response = client.request(method, path, json=body, headers=self.headers)
                break
            except httpx.TransportError:
                if attempt == 19:
                    raise
                time.sleep(0.25)
        assert response.status_code < 300, f"{method} {path}: {response.text}"
        self.workers.append(int(response.headers["X-Served-By"]))
        return response.json()


def test_a_session_carries_on_across_workers_and_a_killed_one(
    two_workers: tuple[str, str],
) -> None:
    fresh = Fresh(*two_workers)
    deadline = time.monotonic() + 20  # the second worker may still be starting
    while len(set(fresh.workers)) < 2 and time.monotonic() < deadline:
        fresh("GET", "/api/health")
        time.sleep(0.05)
    assert len(set(fresh.workers)) == 2, "both workers should answer"
    first_of_session = len(fresh.workers)
    fresh("POST", "/api/screenings", {"answers": all_clear()})
    plan = fresh("POST", "/api/plans", {"muscles": [{"muscle_id": "piriformis", "side": "left"}]})
    session = fresh("POST", "/api/sessions", {"plan_id": plan["id"]})
    events = f"/api/sessions/{session['id']}/events"
    state = fresh("POST", events, {"type": "start", "pain_before": 5})
    while state["phase"] != "get_ready" or state["step"]["kind"] != "hold":
        found = state["phase"] == "finding"  # otherwise Next: past the safety step and warm-up
        body = {"type": "spot", "found": True} if found else {"type": "next"}
        state = fresh("POST", events, {**body, "version": state["version"]})
    done_before = state["steps_done"]
    os.kill(fresh.workers[-1], signal.SIGKILL)  # the worker that just answered
    time.sleep(6)  # into the hold, on the clock, while a worker is gone
    state = fresh("GET", f"/api/sessions/{session['id']}")
    assert state["phase"] == "holding" and state["steps_done"] == done_before
    state = fresh("POST", events, {"type": "next", "version": state["version"]})  # skip the rest
    state = fresh("POST", events, {"type": "stop", "version": state["version"]})
    assert state["over"] is True
    (stored,) = fresh("GET", "/api/journal/sessions")
    assert stored["holds"] == 1  # the hold held for a second, then skipped, still counts
    assert stored["pain_before"] == 5
    served = fresh.workers[first_of_session:]
    assert len(set(served)) >= 2, "the session's requests were served by more than one worker"
