"""The journal's lists, a page at a time: the same entries as reading everything, newest
first, linked page to page; and a bounded number of queries whatever the journal's size."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine
from sqlalchemy import event as sql_event

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.storage import Journal
from sciatica_coach.web import create_app
from sciatica_coach.web.views.journal import map_views, pain_views, peg_views, session_views

from .conftest import WHERE, FakeClock, answers, local_client

RECORD = {"holds_done": [["piriformis", "left", 2]], "plan": {"targets": []}, "outcomes": [1]}


def store(client: TestClient) -> Journal:
    journal = client.app.state.coach.store  # type: ignore[attr-defined]
    assert isinstance(journal, Journal)
    return journal


def seed(journal: Journal, clock: FakeClock, days: int) -> None:
    """``days`` of a journal up to yesterday: pain, a safety check, sessions with their maps
    before and after (two, at the same moment, every third day), PEG weekly, a plan every
    fifth day. The pain gets better over the weeks and the maps after mark the same place as
    before: no improvement in 12 weeks, or a new place, would be a reason to get checked, and
    no plan could be made."""
    for back in range(days, 0, -1):
        moment = clock.now - timedelta(days=back)
        journal.add_pain(moment, min(10, 2 + back // 15), note=f"day {back}")
        journal.add_screening(moment, "ok", {"pain_now": back % 11}, {"level": "ok"})
        plan_id = journal.add_plan(moment, {"minutes": 10}) if back % 5 == 0 else None
        for _ in range(1 + (back % 3 == 0)):
            before = journal.add_pain_map(moment, [{"key": "left:heel", "intensity": 4}])
            after = journal.add_pain_map(
                moment, [{"key": "left:heel", "intensity": 2, "moment": "after"}]
            )
            session_id = journal.add_session(
                started_at=moment, ended_at=moment + timedelta(minutes=12),
                status="finished", stop_reason=None, pain_before=5, pain_after=3,
                duration_seconds=700.0, record=RECORD, plan_id=plan_id,
            )  # fmt: skip
            with journal.engine.begin() as connection:  # as opening and finishing one do
                connection.exec_driver_sql(
                    "UPDATE sessions SET before_map_id = ?, after_map_id = ? WHERE id = ?",
                    (before, after, session_id),
                )
        if back % 7 == 0:
            journal.add_peg(moment, 5, 4, 3)


def walk(client: TestClient, path: str, limit: int, full: bool = True) -> list[Any]:
    """Every page of an API list, following the Link headers (each page but the last
    ``full``, unless entries may be left out)."""
    found: list[Any] = []
    url: str | None = f"{path}?limit={limit}"
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page) <= limit
        found += page
        link = response.headers.get("link")
        following = re.fullmatch(r'<([^>]+)>; rel="next"', link or "")
        url = following.group(1) if following else None
        if url is not None and full:
            assert len(page) == limit
    return found


def everything(client: TestClient, kb: KnowledgeBase) -> dict[str, list[Any]]:
    """Each list as it was made before pages: read whole, newest first."""
    journal = store(client)
    maps = {m.id: m for m in journal.pain_maps()}
    views: dict[str, list[Any]] = {
        "sessions": session_views(kb, list(reversed(journal.sessions())), maps),
        "pain": pain_views(list(reversed(journal.pain_entries()))),
        "peg": peg_views(list(reversed(journal.peg_entries()))),
        "pain-maps": map_views(kb, list(reversed(journal.pain_maps()))),
    }
    return {name: [v.model_dump(mode="json") for v in found] for name, found in views.items()}


@pytest.mark.parametrize("limit", [1, 7, 50])
def test_api_pages_give_every_entry_newest_first(
    client: TestClient, clock: FakeClock, kb: KnowledgeBase, limit: int
) -> None:
    seed(store(client), clock, 30)
    whole = everything(client, kb)
    for name, expected in whole.items():
        assert walk(client, f"/api/journal/{name}", limit) == expected, name
    assert whole["sessions"][0]["before_map"]["where"] == ["left:heel"]
    assert whole["sessions"][0]["after_map"]["where"] == ["left:heel"]


def test_plans_come_a_page_at_a_time(client: TestClient, clock: FakeClock) -> None:
    seed(store(client), clock, 30)
    assert client.post("/api/screenings", json={"answers": answers()}).status_code == 201
    assert client.post("/api/plans", json={"where": WHERE, "minutes": 10}).status_code == 201
    plans = walk(client, "/api/plans", 4, full=False)  # the seeded plans cannot be read
    newest = client.get("/api/plans?limit=200").json()
    assert plans == newest
    assert len(plans) == 1 and plans[0]["muscles"]


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=201", "limit=x", "before=0", "before=-3", "before=99999999999"]
)
def test_a_bad_page_is_a_clear_422(client: TestClient, query: str) -> None:
    for path in ("/api/journal/sessions", "/api/journal/pain", "/api/plans"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 422, (path, query)
        assert response.json()["detail"]


def test_a_cursor_from_nowhere_is_an_empty_last_page(client: TestClient, clock: FakeClock) -> None:
    seed(store(client), clock, 3)
    response = client.get("/api/journal/sessions?before=999999")
    assert (response.status_code, response.json(), response.headers.get("link")) == (200, [], None)


def test_the_journal_page_shows_twenty_and_links_to_older_ones(
    client: TestClient, clock: FakeClock, kb: KnowledgeBase
) -> None:
    seed(store(client), clock, 30)
    whole = everything(client, kb)
    shown: list[int] = []
    url: str | None = "/journal"
    while url is not None:
        page = client.get(url).text
        ids = [int(i) for i in re.findall(r'id="session-(\d+)"', page)]
        assert 0 < len(ids) <= 20
        shown += ids
        older = re.search(r'<a href="([^"]+)#sessions-h">Older sessions</a>', page)
        url = older.group(1).replace("&amp;", "&") if older else None
    assert shown == [s["id"] for s in whole["sessions"]]
    last = client.get(f"/journal?sessions_before={shown[-1]}").text
    assert "No older sessions." in last and "Back to your newest sessions" in last


def test_each_list_on_the_page_moves_on_its_own(client: TestClient, clock: FakeClock) -> None:
    seed(store(client), clock, 30)
    first = client.get("/journal").text
    older_pain = re.search(r'<a href="([^"]+)#pain-list-h">Older pain scores</a>', first)
    assert older_pain is not None
    moved = client.get(older_pain.group(1).replace("&amp;", "&")).text
    assert "day 21" in moved and "day 1<" not in moved  # pain: days 21 to 30 back
    assert re.findall(r'id="session-(\d+)"', moved) == re.findall(r'id="session-(\d+)"', first)
    assert client.get("/journal?pain_before=abc").status_code == 422


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    sql_event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sql_event.remove(engine, "before_cursor_execute", count)


def statements_per_request(url: str, days: int) -> dict[str, int]:
    """How many SQL statements (``BEGIN`` included) each request runs on a journal of
    ``days`` days."""
    clock = FakeClock()
    with local_client(create_app(url, clock=clock)) as client:
        journal = store(client)
        seed(journal, clock, days)
        requests: dict[str, Callable[[], Response]] = {
            "screening": lambda: client.post(
                "/api/screenings", json={"answers": answers(pain_now=2)}
            ),  # the pain as the journal has it lately: no new concern
            "plan": lambda: client.post("/api/plans", json={"where": WHERE, "minutes": 10}),
            "progress": lambda: client.get("/api/journal/progress"),
            "sessions": lambda: client.get("/api/journal/sessions"),
            "journal page": lambda: client.get("/journal"),
        }
        counts = {}
        for name, send in requests.items():
            with counted(journal.engine) as statements:
                response = send()
            assert response.status_code in (200, 201), (name, response.text)
            counts[name] = len(statements)
    return counts


BUDGET = {"screening": 34, "plan": 35, "progress": 17, "sessions": 4, "journal page": 41}
"""Statements per request (``BEGIN`` included): history reads its windows in one snapshot;
the journal page's weekly goal reads its own (sessions, PEG scores, goals, records). A check
and a plan also read the safety records, the flags that stand and the signs logged, and the
journal page its safety log and whether self-massage is paused (was 24, 24 and 31 before
them)."""


def test_each_request_runs_as_many_queries_whatever_the_journals_size(tmp_path: Path) -> None:
    """A young journal reads its pain in one go; once it is longer than the report, in two
    (the first week and the recent weeks), however long it grows."""
    young = statements_per_request(f"sqlite+pysqlite:///{tmp_path / 'young.sqlite3'}", 5)
    older = statements_per_request(f"sqlite+pysqlite:///{tmp_path / 'older.sqlite3'}", 75)
    oldest = statements_per_request(f"sqlite+pysqlite:///{tmp_path / 'oldest.sqlite3'}", 150)
    assert older == oldest
    for counts in (young, older):
        assert all(counts[name] <= BUDGET[name] for name in BUDGET), counts
