"""Every HTML document the app sends, in the states a person meets: each GET page (with and
without a journal, with accounts on and off), each Learn page, the session page before,
during and after, the pages a form comes back on with a problem (junk in every field), and
the error pages (400 wrong host, 403 refused, 404, 405, 409 not now, 422).

Used by the tests that check them all at once (tests/web/test_html_validity.py). Each page is
(name, address, status, html); :func:`visited_routes` says which page routes were reached,
so a new page cannot be left out unnoticed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from httpx import Response

from sciatica_coach.coach import accounts
from sciatica_coach.content import default_knowledge_base
from sciatica_coach.domain.describe import Aside, Denial, Description, Flag
from sciatica_coach.web import create_app
from sciatica_coach.web.app import ROUTERS
from sciatica_coach.web.pages.learn import learn_pages
from sciatica_coach.web.views import describe as words
from tests.web.conftest import (
    LOCAL_URL,
    WHERE,
    FakeClock,
    app_clock,
    event,
    form_answers,
    local_client,
    play,
    screen,
)

JUNK = "abc"
"""What goes into every field of a form sent back with problems: not a number, a date or a
time, so no typed input may show it again."""
ODD = "٣\x00\r\n<b>"
"""An Arabic-Indic digit, a control code, a line break and markup: none may come back raw."""
NOT_PAGES = (".svg", ".pdf", ".json", ".js", ".ico", ".crt")
"""Routes that send something other than an HTML page (pictures, printouts, files)."""
PASSWORD = "a page checking phrase"


@dataclass
class Pages:
    folder: Path
    found: list[tuple[str, str, int, str]] = field(default_factory=list)
    visited: set[str] = field(default_factory=set)

    def keep(self, name: str, response: Response) -> Response:
        """Keep ``response`` as a page to check, if it is one."""
        self.visited.add(response.request.url.path)
        if response.headers.get("content-type", "").startswith("text/html"):
            address = f"{response.request.method} {response.request.url.path}"
            self.found.append((name, address, response.status_code, response.text))
        return response

    def get(self, client: TestClient, name: str, path: str, **options: Any) -> Response:
        return self.keep(name, client.get(path, **options))

    def post(self, client: TestClient, name: str, path: str, **options: Any) -> Response:
        return self.keep(name, client.post(path, **options))

    def bad(self, client: TestClient, name: str, path: str, fields: list[str]) -> None:
        """Send the form back with :data:`JUNK`, then :data:`ODD`, in every field."""
        for kind, value in (("junk", JUNK), ("odd", ODD)):
            self.post(client, f"{name} {kind}", path, data={field: value for field in fields})

    def write(self) -> list[Path]:
        """Each page to its own file, named by its order and name (for vnu's messages); a
        fragment (the map's live list) inside a page of its own."""
        files = []
        for number, (name, _address, _status, html) in enumerate(self.found):
            path = self.folder / f"{number:03d}-{re.sub(r'[^a-z0-9]+', '-', name.lower())}.html"
            whole = (
                html if html.lstrip().lower().startswith("<!doctype html>") else FRAME.format(html)
            )
            path.write_text(whole, encoding="utf-8")
            files.append(path)
        return files


FRAME = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A fragment</title></head>
<body><main><h1>A fragment</h1><h2>Inside a page</h2>
{}
</main></body></html>
"""
"""A page around a fragment of one (``/map/matches``), so it is checked as the page has it."""


def form_fields(html: str) -> list[str]:
    """The names of a page's form fields (less the CSRF token)."""
    return sorted(set(re.findall(r'name="([A-Za-z_]+)"', html)) - {"csrf_token"})


def collect(folder: Path) -> Pages:
    pages = Pages(folder)
    _without_accounts(pages, folder)
    _with_accounts(pages, folder)
    return pages


def _without_accounts(pages: Pages, folder: Path) -> None:
    app = create_app(f"sqlite+pysqlite:///{folder / 'pages.sqlite3'}", clock=FakeClock())
    kb = default_knowledge_base()
    with local_client(app) as client:
        get, post = pages.get, pages.post
        get(client, "home new", "/")
        for path in learn_pages(kb):
            get(client, f"learn {path}", path)
        for path in ("/about", "/offline", "/api/docs", "/lan/trust", "/settings", "/reminders"):
            get(client, path, path)
        get(client, "plan before a check (409 page)", "/plan")
        get(client, "session index, nothing yet", "/session")
        get(client, "journal empty", "/journal")
        get(client, "map new", "/map")
        check = get(client, "check first time", "/screen").text
        pages.bad(client, "check", "/screen", form_fields(check))
        done = post(client, "check all clear", "/screen", data=form_answers())
        get(client, "check again, history kept", "/screen")
        screening_id = int(done.url.path.rsplit("/", 1)[1])
        get(client, "check result", f"/screen/{screening_id}")
        clearance = get(client, "clearance", "/screen/clearance").text
        pages.bad(client, "clearance", "/screen/clearance", form_fields(clearance))
        pages.bad(client, "doctor visit", "/screen/doctor-visit", ["checked_on"])
        map_page = get(client, "map after a check", "/map").text
        pages.bad(client, "map", "/map", form_fields(map_page))
        _described(pages, client, check, map_page)
        get(client, "map matches", "/map/matches", params={"where": WHERE})
        post(client, "map saved", "/map", data={"where": WHERE, "intensity": "5"})
        plan_form = get(client, "plan form", "/plan").text
        pages.bad(client, "plan", "/plan", form_fields(plan_form))
        planned = post(client, "plan made", "/plan", data={"minutes": "10", "map": "1"})
        plan_id = int(planned.url.path.rsplit("/", 1)[1])
        get(client, "plan page", f"/plan/{plan_id}")
        get(client, "session index", "/session")
        pages.bad(client, "session", "/session", ["plan", "map"])
        session_id = client.post("/api/sessions", json={"plan_id": plan_id}).json()["id"]
        get(client, "session ready", f"/session/{session_id}")
        event(client, session_id, type="start", pain_before=5)
        get(client, "session first step", f"/session/{session_id}")
        state = event(client, session_id, type="next").json()
        for _ in range(40):  # on to a step where the spot is found (a close-up, if any)
            if state["phase"] == "finding" or state["over"]:
                break
            if state["phase"] in ("get_ready", "holding", "resting"):
                app_clock(client).advance(seconds=state["remaining"] + 0.01)
                state = client.get(f"/api/sessions/{session_id}").json()
            elif state["phase"] == "checking_in":
                state = event(client, session_id, type="feeling", feeling="good").json()
            elif state["phase"] == "paused":
                state = event(client, session_id, type="resume").json()
            else:
                state = event(client, session_id, type="next").json()
        get(client, f"session {state['phase']}", f"/session/{session_id}")
        if client.get(f"/api/sessions/{session_id}").json()["phase"] == "paused":
            event(client, session_id, type="resume")  # the page, opened, paused it
        play(client, session_id, [])
        get(client, "session over", f"/session/{session_id}")
        finish = f"/session/{session_id}/finish"
        pages.bad(client, "session finish", finish, ["pain_after", "where", "feels", "no_pain"])
        post(client, "session finish", finish, data={"pain_after": "3"})
        get(client, "session over, scored", f"/session/{session_id}")
        journal = get(client, "journal", "/journal").text
        for path in ("/journal/pain", "/journal/peg", "/journal/goal"):
            pages.bad(client, f"journal {path}", path, form_fields(journal))
        client.post("/journal/pain", data={"now": "4"})
        client.post(
            "/journal/peg", data={"peg_pain": "4", "peg_enjoyment": "3", "peg_activity": "5"}
        )
        get(client, "journal with entries", "/journal")
        reminders = get(client, "reminders", "/reminders").text
        pages.bad(client, "reminders", "/reminders", form_fields(reminders))
        pages.bad(client, "settings", "/settings", ["country"])
        pages.bad(client, "time zone, no accounts", "/settings/time-zone", ["time_zone"])
        get(client, "home back", "/")
        # a red flag: the check's result, its banner everywhere, the plan refused
        flagged = post(
            client, "check red flag", "/screen", data=form_answers(history=False, fever=True)
        )
        get(client, "check result, red flag", flagged.url.path)
        get(client, "check with a flag standing", "/screen")
        get(client, "home with a flag standing", "/")
        get(client, "plan with a flag standing", "/plan")
        get(client, "session index with a flag", "/session")
        screen(client, saddle_numbness=True)
        get(client, "home after an emergency sign", "/")
        # errors
        get(client, "404 page", "/no-such-page")
        get(client, "404 plan", "/plan/999999")
        get(client, "404 session", "/session/999999")
        get(client, "422 address", "/plan/not-a-number")
        get(client, "settings, a long query", "/settings", params={"saved": "x" * 5000})
        pages.keep("405 page", client.request("PATCH", "/journal"))
        refused = TestClient(app, base_url=LOCAL_URL)
        post(refused, "403 no token", "/journal/pain", data={"now": "3"})
        elsewhere = TestClient(app, base_url="http://elsewhere.example")
        get(elsewhere, "400 wrong host", "/", headers={"Accept": "text/html"})


def _described(pages: Pages, client: TestClient, check: str, map_page: str) -> None:
    """The map and the check after "Read my words": as read, with a red flag, with every part
    of a reading (a side to choose, a question, a denial, another person's illness), and sent
    back with junk in every field."""
    said = {"describe": "burning down the outside of my left leg to the ankle"}
    pages.post(client, "map described", "/map/describe", data=said)
    wipe = {"describe": "my bum cheek hurts and it feels numb when I wipe"}
    pages.post(client, "map described, red flag", "/map/describe", data=wipe)
    pages.post(client, "check described, red flag", "/screen/describe", data=wipe)
    every_part = Description(
        places=("left:heel",),
        place_words={"left:heel": "left heel"},
        feels=("ache",),
        feel_words={"ache": "sore"},
        flags=(Flag("numbness", "not_sure", "not sure if my foot is numb"),),
        denied=(Denial("fever", "no fever"),),
        asides=(Aside("family", "my mum had cancer"),),
        which_side=("lumbar",),
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(words, "read", lambda _kb, _text: every_part)
        pages.post(client, "map described, every part", "/map/describe", data=said)
        pages.post(client, "check described, every part", "/screen/describe", data=said)
    pages.bad(client, "map described", "/map/describe", form_fields(map_page))
    pages.bad(client, "check described", "/screen/describe", form_fields(check))


def _with_accounts(pages: Pages, folder: Path) -> None:
    accounts.hasher = PasswordHasher(time_cost=1, memory_cost=64)  # argon2id, test-sized
    url = f"sqlite+pysqlite:///{folder / 'accounts.sqlite3'}"
    app = create_app(url, clock=FakeClock(), accounts=True)
    with local_client(app) as client:
        get, post = pages.get, pages.post
        get(client, "home signed out", "/")
        get(client, "sign in", "/signin")
        get(client, "sign up", "/signup")
        pages.bad(client, "sign up", "/signup", ["name", "password", "again"])
        pages.bad(client, "sign in", "/signin", ["name", "password"])
        post(
            client,
            "signed up",
            "/signup",
            data={"name": "pages", "password": PASSWORD, "again": PASSWORD},
        )
        client.headers["X-CSRF-Token"] = client.get("/api/token").json()["token"]  # bound to it
        get(client, "account", "/account")
        pages.bad(client, "password", "/account/password", ["current", "new", "again"])
        pages.bad(client, "delete", "/account/delete", ["password"])
        get(client, "journal signed in", "/journal")
        get(client, "settings signed in", "/settings")
        pages.bad(client, "time zone", "/settings/time-zone", ["time_zone"])
        post(client, "time zone saved", "/settings/time-zone", data={"time_zone": "Asia/Tokyo"})


def page_routes() -> list[APIRoute]:
    """Every route that serves a page to GET (not the API, pictures or files)."""
    routes: list[APIRoute] = []
    for router in ROUTERS:
        for route in router.routes:
            routes.extend(api_routes(route))
    return [
        r
        for r in routes
        if "GET" in (r.methods or ())
        and not r.path.startswith("/api/")
        and not r.path.endswith(NOT_PAGES)
    ]


def api_routes(route: Any) -> list[APIRoute]:
    if isinstance(route, APIRoute):
        return [route]
    inner = getattr(route, "original_router", None)  # a router included in a router
    return [r for child in getattr(inner, "routes", []) for r in api_routes(child)]


def unvisited(pages: Pages) -> list[str]:
    """The page routes no page came from."""
    return [
        route.path
        for route in page_routes()
        if not any(route.path_regex.match(path) for path in pages.visited)
    ]
