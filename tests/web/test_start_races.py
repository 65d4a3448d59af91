"""Start pressed in many tabs at once (security review M-5): one start wins, the others get
the session as it is (200) or a refusal with it (403/409), never a server error, and the day's
dose limit holds.

The clock here ticks a millisecond on every reading, as a real one does: a start reads ``now``
before it waits for the write lock, so the start that commits first may carry a later moment
than one still waiting. That used to end a session before it began (a 500)."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sciatica_coach.coach import activity
from sciatica_coach.web import create_app

from .conftest import FakeClock, event, local_client, plan, screen

PRESSES = 12
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class TickingClock:
    """Now, a millisecond later at every reading (thread-safe)."""

    def __init__(self) -> None:
        self.ticks = itertools.count()
        self.lock = threading.Lock()

    def __call__(self) -> datetime:
        with self.lock:
            return T0 + timedelta(milliseconds=next(self.ticks))


def ticking_app(tmp_path: Path) -> FastAPI:
    return create_app(f"sqlite+pysqlite:///{tmp_path / 'journal.sqlite3'}", clock=TickingClock())


def at_once(press: Callable[[int], httpx.Response]) -> list[httpx.Response]:
    """``press(i)`` for every i below :data:`PRESSES`, all in flight together."""
    barrier = threading.Barrier(PRESSES, timeout=30)

    def pressed(i: int) -> httpx.Response:
        barrier.wait()
        return press(i)

    with ThreadPoolExecutor(PRESSES) as pool:
        return list(pool.map(pressed, range(PRESSES), timeout=120))


def counted_today(app: FastAPI) -> int:
    coach = app.state.coach
    return activity.recent(coach.store, coach.now()).sessions_today


def test_a_start_that_lost_the_race_never_ends_a_later_one_before_it_began(
    client: TestClient, clock: FakeClock
) -> None:
    """The race, one step at a time: B started at 9:00:05 commits first; A's start, which
    read the clock at 9:00:01, then closes B. A starts no earlier than B did."""
    screen(client)
    plan_id = plan(client)["id"]
    first, second = (client.post("/api/sessions", json={"plan_id": plan_id}).json() for _ in "ab")
    clock.advance(seconds=5)
    assert event(client, second["id"], type="start").status_code == 200
    clock.advance(seconds=-4)
    started = event(client, first["id"], type="start")
    assert started.status_code == 200, started.text
    assert started.json()["phase"] == "showing"
    closed = client.get(f"/api/sessions/{second['id']}").json()
    assert closed["stop_reason"] == "left_unfinished"


def test_twelve_presses_on_one_session_start_it_once(tmp_path: Path) -> None:
    app = ticking_app(tmp_path)
    with local_client(app) as client:
        screen(client)
        opened = client.post("/api/sessions", json={"plan_id": plan(client)["id"]}).json()
        tabs = [local_client(app) for _ in range(PRESSES)]
        answers = at_once(lambda i: event(tabs[i], opened["id"], type="start", pain_before=5))
        codes = sorted(r.status_code for r in answers)
        assert codes == [200] + [409] * (PRESSES - 1), [r.text[:200] for r in answers]
        for refused in (r for r in answers if r.status_code == 409):
            detail = refused.json()["detail"]
            assert detail["code"] == "wrong_phase"
            assert detail["session"]["phase"] == "showing"
            assert "security-policy" in " ".join(refused.headers)
        assert counted_today(app) <= 2


def test_twelve_tabs_starting_twelve_sessions_never_get_a_server_error(tmp_path: Path) -> None:
    """Each start closes the one running; each goes one step, so it counts: the limit of two
    a day must stop the rest, whatever order they commit in."""
    app = ticking_app(tmp_path)
    with local_client(app) as client:
        screen(client)
        plan_id = plan(client)["id"]
        opened = [client.post("/api/sessions", json={"plan_id": plan_id}).json() for _ in "x" * 12]
        tabs = [local_client(app) for _ in range(PRESSES)]

        def start_and_go_on(i: int) -> httpx.Response:
            started: httpx.Response = event(tabs[i], opened[i]["id"], type="start", pain_before=5)
            if started.status_code != 200:
                return started
            version = started.json()["version"]
            went_on: httpx.Response = event(tabs[i], opened[i]["id"], type="next", version=version)
            return went_on

        answers = at_once(start_and_go_on)
        problems = [(r.status_code, r.text[:200]) for r in answers if r.status_code >= 500]
        assert problems == []
        assert {r.status_code for r in answers} <= {200, 403, 409}
        assert 200 in {r.status_code for r in answers}
        assert counted_today(app) <= 2
        kept = client.get("/api/journal/sessions").json()
        assert sum(1 for s in kept if s["outcome"] == "Still going") == 1


def test_twelve_forms_opening_sessions_at_once_all_get_an_answer(tmp_path: Path) -> None:
    """The page's own form (``POST /session``), sent from twelve tabs together."""
    app = ticking_app(tmp_path)
    with local_client(app) as client:
        screen(client)
        plan_id = plan(client)["id"]
        tabs = [local_client(app) for _ in range(PRESSES)]
        answers: list[Any] = at_once(
            lambda i: tabs[i].post("/session", data={"plan": plan_id}, follow_redirects=False)
        )
        assert sorted(r.status_code for r in answers) == [303] * PRESSES
        assert counted_today(app) == 0
