"""Account mode: every journal private to its account. Sign up, sign in (rate-limited, no
hint whether a name exists), sign out, change the password, delete everything; and a crawl of
every page and endpoint as one person with another's ids, which must all be "not found"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from sciatica_coach.coach import accounts
from sciatica_coach.coach.setup import accounts_of, open_journal
from sciatica_coach.web import create_app
from sciatica_coach.web.app import ROUTERS

from .conftest import WHERE, FakeClock, answers, local_client

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id still, with test-sized costs (the real ones take a good part of a second)."""
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=64))


@pytest.fixture
def app(database_url: str, clock: FakeClock) -> FastAPI:
    return create_app(database_url, clock=clock, accounts=True)


def fresh_token(client: TestClient) -> None:
    """After a sign-in the CSRF token is new: take it, as the next page would."""
    client.headers["X-CSRF-Token"] = client.get("/api/token").json()["token"]


def sign_up(client: TestClient, name: str, password: str = PASSWORD) -> None:
    response = client.post(
        "/signup",
        data={"name": name, "password": password, "again": password},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    fresh_token(client)


@pytest.fixture
def person(app: FastAPI) -> Iterator[TestClient]:
    with local_client(app) as client:
        sign_up(client, "ann")
        yield client


def test_without_accounts_there_are_no_account_pages(database_url: str, clock: FakeClock) -> None:
    client = local_client(create_app(database_url, clock=clock))
    assert client.get("/signin").status_code == 404
    assert client.post("/api/signin", json={"name": "a", "password": "b"}).status_code == 404
    assert "Sign in" not in client.get("/").text


def test_the_journal_needs_a_sign_in_and_learning_does_not(app: FastAPI) -> None:
    with local_client(app) as visitor:
        page = visitor.get("/journal?x=1", follow_redirects=False)
        assert page.status_code == 303
        assert page.headers["location"] == "/signin?next=%2Fjournal%3Fx%3D1"
        api = visitor.get("/api/journal/pain")
        assert api.status_code == 401 and api.json()["detail"]["code"] == "sign_in"
        assert visitor.post("/api/journal/pain", json={"now": 3}).status_code == 401
        assert visitor.get("/learn/muscles/piriformis").status_code == 200
        assert visitor.get("/api/content/muscles").status_code == 200
        assert visitor.get("/api/health").status_code == 200
        assert "Sign in" in visitor.get("/").text


def test_signing_up_gives_a_private_empty_journal(app: FastAPI, database_url: str) -> None:
    with local_client(app) as client:
        response = client.post(
            "/signup",
            data={"name": "ann", "password": PASSWORD, "again": PASSWORD},
            follow_redirects=False,
        )
        cookie = response.headers["set-cookie"]
        assert "sciatica_login=" in cookie and "HttpOnly" in cookie
        assert "SameSite=strict" in cookie or "SameSite=Strict" in cookie
        fresh_token(client)
        assert client.get("/api/journal/pain").json() == []
        assert client.post("/api/journal/pain", json={"now": 3}).status_code == 201
        assert "Account" in client.get("/journal").text
    stored = accounts_of(open_journal(database_url)).user_named("ann")
    assert stored is not None and stored.password_hash is not None
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"name": "a b", "password": PASSWORD, "again": PASSWORD}, "name"),
        ({"name": "bo", "password": "short", "again": "short"}, "password"),
        ({"name": "bo", "password": PASSWORD, "again": PASSWORD + "x"}, "again"),
        ({"name": "ann", "password": PASSWORD, "again": PASSWORD}, "name"),  # taken
        ({"name": "LOCAL", "password": PASSWORD, "again": PASSWORD}, "name"),
    ],
)
def test_a_sign_up_problem_is_named(
    person: TestClient, app: FastAPI, form: dict[str, str], field: str
) -> None:
    with local_client(app) as other:
        response = other.post("/signup", data=form)
        assert response.status_code == 422
        assert f'id="{field}-error"' in response.text
        assert PASSWORD not in response.text


def test_a_wrong_name_and_a_wrong_password_read_the_same(person: TestClient, app: FastAPI) -> None:
    with local_client(app) as other:
        wrong_password = other.post("/signin", data={"name": "ann", "password": "nope" * 3})
        no_such_name = other.post("/signin", data={"name": "bob", "password": "nope" * 3})
        assert wrong_password.status_code == no_such_name.status_code == 422
        assert accounts.WRONG in wrong_password.text and accounts.WRONG in no_such_name.text
        api = other.post("/api/signin", json={"name": "zed", "password": "x"})
        assert api.status_code == 422 and accounts.WRONG in api.text


def test_sign_in_is_paused_after_five_failures_a_minute(
    person: TestClient, app: FastAPI, clock: FakeClock
) -> None:
    with local_client(app) as other:
        for _ in range(accounts.MAX_FAILURES):
            assert (
                other.post("/api/signin", json={"name": "ann", "password": "x"}).status_code == 422
            )
        right = other.post("/api/signin", json={"name": "ann", "password": PASSWORD})
        assert right.status_code == 429
        assert "paused for a minute" in right.json()["detail"]["message"]
        page = other.post("/signin", data={"name": "ann", "password": PASSWORD})
        assert page.status_code == 429 and "paused for a minute" in page.text
        clock.advance(seconds=61)
        assert other.post("/api/signin", json={"name": "ann", "password": PASSWORD}).is_success


def test_one_address_trying_many_names_is_paused_too(person: TestClient, app: FastAPI) -> None:
    with local_client(app) as other:
        for i in range(accounts.MAX_FAILURES):
            other.post("/api/signin", json={"name": f"guess{i}", "password": "x"})
        right = other.post("/api/signin", json={"name": "ann", "password": PASSWORD})
        assert right.status_code == 429


def test_a_new_sign_in_replaces_the_old_token_and_sign_out_ends_it(
    person: TestClient, app: FastAPI
) -> None:
    old = person.cookies["sciatica_login"]
    again = person.post("/api/signin", json={"name": "ann", "password": PASSWORD})
    assert again.is_success
    person.headers["X-CSRF-Token"] = again.json()["csrf_token"]  # a new one with the sign-in
    new = person.cookies["sciatica_login"]
    assert new != old
    with local_client(app) as stale:
        stale.cookies.set("sciatica_login", old)
        assert stale.get("/api/journal/pain").status_code == 401
    assert person.post("/api/signout").status_code == 204
    with local_client(app) as after:
        after.cookies.set("sciatica_login", new)
        assert after.get("/api/journal/pain").status_code == 401


def test_a_sign_in_expires(person: TestClient, clock: FakeClock) -> None:
    assert person.get("/api/journal/pain").status_code == 200
    clock.advance(days=15)
    assert person.get("/api/journal/pain").status_code == 401


def test_changing_the_password_signs_out_every_other_device(
    person: TestClient, app: FastAPI
) -> None:
    with local_client(app) as phone:
        assert phone.post("/api/signin", json={"name": "ann", "password": PASSWORD}).is_success
        fresh_token(phone)
        assert phone.get("/api/journal/pain").status_code == 200
        new = "a brand new pass phrase"
        wrong = person.post("/account/password", data={"current": "nope", "new": new, "again": new})
        assert wrong.status_code == 422 and 'id="current-error"' in wrong.text
        changed = person.post(
            "/account/password",
            data={"current": PASSWORD, "new": new, "again": new},
            follow_redirects=False,
        )
        assert changed.status_code == 303
        fresh_token(person)
        assert person.get("/api/journal/pain").status_code == 200
        assert phone.get("/api/journal/pain").status_code == 401
        assert phone.post("/api/signin", json={"name": "ann", "password": new}).is_success


def test_deleting_the_account_deletes_its_journal_and_nothing_else(
    person: TestClient, app: FastAPI, database_url: str
) -> None:
    with local_client(app) as bob:
        sign_up(bob, "bob")
        bob.post("/api/journal/pain", json={"now": 2})
        person.post("/api/journal/pain", json={"now": 7})
        person.post("/api/journal/pain-maps", json={"where": WHERE, "intensity": 5})
        refused = person.post("/account/delete", data={"password": PASSWORD})
        assert refused.status_code == 422 and 'id="confirm-error"' in refused.text
        wrong = person.post("/account/delete", data={"password": "nope", "confirm": "yes"})
        assert wrong.status_code == 422
        done = person.post("/account/delete", data={"password": PASSWORD, "confirm": "yes"})
        assert done.status_code == 200 and "deleted" in done.text
        assert person.get("/api/journal/pain").status_code == 401
        assert [e["now"] for e in bob.get("/api/journal/pain").json()] == [2]
    store = accounts_of(open_journal(database_url))
    assert store.user_named("ann") is None
    bob_account = store.user_named("bob")
    assert bob_account is not None
    bob_journal = open_journal(database_url).for_user(bob_account.id)
    assert [e.now for e in bob_journal.pain_entries()] == [2]


def test_the_account_page_offers_export_and_sign_out(person: TestClient) -> None:
    page = person.get("/account").text
    assert "Signed in as <strong>ann</strong>" in page
    assert "/api/journal/export?format=json" in page and 'action="/signout"' in page
    signed_out = person.post("/signout", follow_redirects=False)
    assert signed_out.status_code == 303
    assert person.get("/api/journal/pain").status_code == 401


def test_sign_in_goes_back_where_the_person_was_but_never_elsewhere(
    person: TestClient, app: FastAPI
) -> None:
    with local_client(app) as other:
        for target, landed in [("/plan?map=1", "/plan?map=1"), ("//evil.example", "/journal")]:
            response = other.post(
                "/signin",
                data={"name": "ann", "password": PASSWORD, "next": target},
                follow_redirects=False,
            )
            assert response.headers["location"] == landed
            fresh_token(other)  # a sign-in gives a new CSRF token


# --- isolation: another person's ids are "not found", everywhere ------------------------------


def fill_journal(client: TestClient, owner: str) -> dict[str, int]:
    """A screening, a map, a plan, a started session and a pain entry; their ids by kind."""
    screening = client.post("/api/screenings", json={"answers": answers()}).json()
    map_id = client.post("/api/journal/pain-maps", json={"where": WHERE, "intensity": 5}).json()
    plan = client.post("/api/plans", json={"map_id": map_id["id"], "minutes": 10}).json()
    session = client.post("/api/sessions", json={"plan_id": plan["id"]}).json()
    client.post(f"/api/sessions/{session['id']}/events", json={"type": "start"})
    client.post("/api/journal/pain", json={"now": 6, "note": f"{owner}'s own note"})
    return {
        "screening_id": screening["id"],
        "map_id": map_id["id"],
        "plan_id": plan["id"],
        "session_id": session["id"],
    }


def journal_id_routes() -> list[tuple[str, str, str]]:
    """Every (method, path, id kind) of the app that takes a journal id in its address."""
    found = []
    for router in ROUTERS:
        for route in router.routes:
            if not isinstance(route, APIRoute):
                continue
            kinds = re.findall(r"\{(screening_id|map_id|plan_id|session_id)\}", route.path)
            for method in sorted(route.methods or ()):
                if kinds and method != "HEAD":
                    found.append((method, route.path, kinds[0]))
    return found


def valid_body(method: str, path: str) -> dict[str, Any]:
    """A body the route would accept, so only the id can make it fail."""
    if method != "POST":
        return {}
    if path.endswith("/events"):
        return {"json": {"type": "next"}}
    if path.endswith("/contact"):
        return {"json": {"returning": True}}
    if path.startswith("/api/"):
        return {"json": {"pain_after": 3}}
    return {"data": {"pain_after": "3"}}


def test_one_person_cannot_reach_anothers_entries(person: TestClient, app: FastAPI) -> None:
    with local_client(app) as bob:
        sign_up(bob, "bob")
        fill_journal(person, "ann")  # ann has rows too, so bob's ids are not simply "the first"
        theirs = fill_journal(bob, "bob")
        routes = journal_id_routes()
        assert len(routes) >= 8
        for method, path, kind in routes:
            url = path.replace("{" + kind + "}", str(theirs[kind]))
            response = person.request(method, url, **valid_body(method, path))
            assert response.status_code == 404, (method, url, response.status_code)
            assert "bob's own note" not in response.text
        by_body = [
            ("/api/sessions", {"plan_id": theirs["plan_id"]}),
            ("/api/plans", {"map_id": theirs["map_id"], "minutes": 10}),
        ]
        for path, body in by_body:
            assert person.post(path, json=body).status_code == 404, path
        by_form = [
            ("/session", {"plan": str(theirs["plan_id"])}),
            ("/plan", {"map": str(theirs["map_id"]), "minutes": "10"}),
        ]
        for path, form in by_form:
            response = person.post(path, data=form)
            assert response.status_code == 404, (path, response.status_code)
        shown = person.get(f"/plan?map={theirs['map_id']}").text
        assert "You marked" not in shown  # someone else's map is not shown, not even named
        for listing in ("/api/journal/pain", "/api/journal/sessions", "/api/journal/pain-maps"):
            assert "bob's own note" not in person.get(listing).text
        exported = person.get("/api/journal/export").text
        assert "bob's own note" not in exported
        assert "bob's own note" in bob.get("/api/journal/export").text


def test_the_cli_works_on_a_named_account(app: FastAPI, database_url: str) -> None:
    from typer.testing import CliRunner

    from sciatica_coach.cli import journal_access
    from sciatica_coach.cli.app import app as cli_app

    runner = CliRunner()
    environment = {"SCIATICA_COACH_DATABASE_URL": database_url}
    added = runner.invoke(
        cli_app, ["users", "add", "cara"], input=f"{PASSWORD}\n{PASSWORD}\n", env=environment
    )
    assert added.exit_code == 0, added.output
    journal_access.forget_journals()
    logged = runner.invoke(cli_app, ["--user", "cara", "log", "pain", "4"], env=environment)
    assert logged.exit_code == 0, logged.output
    journal_access.forget_journals()
    with local_client(app) as client:
        assert client.post("/api/signin", json={"name": "cara", "password": PASSWORD}).is_success
        assert [e["now"] for e in client.get("/api/journal/pain").json()] == [4]
    unknown = runner.invoke(cli_app, ["--user", "nobody", "log", "pain", "4"], env=environment)
    assert unknown.exit_code == 2 and "no account named nobody" in unknown.output
    journal_access.forget_journals()


@pytest.mark.parametrize(
    "target",
    ["//evil.example", "https://evil.example/", "/\\evil.example", "/\tx", "javascript:x", ""],
)
def test_only_a_path_here_is_a_place_to_go_back_to(target: str) -> None:
    from sciatica_coach.web.pages.account import safe_next

    assert safe_next(target) == "/journal"
    assert safe_next("/plan?map=3#steps") == "/plan?map=3#steps"


def test_many_sign_ups_from_one_address_are_paused(app: FastAPI) -> None:
    with local_client(app) as client:
        for i in range(accounts.MAX_SIGN_UPS):
            sign_up(client, f"person{i}")
        response = client.post(
            "/signup", data={"name": "another", "password": PASSWORD, "again": PASSWORD}
        )
        assert response.status_code == 429 and "Too many new accounts" in response.text


def test_over_https_the_sign_in_is_a_secure_host_cookie_and_sign_out_deletes_it(
    app: FastAPI,
) -> None:
    """Security review M-2: over HTTPS the sign-in is ``__Host-sciatica_login`` (Secure,
    Path=/, no Domain), so another port cannot plant one; a plain ``sciatica_login`` sent
    to an HTTPS page signs no one in."""
    with TestClient(app, base_url="https://127.0.0.1") as client:
        client.headers["X-CSRF-Token"] = client.get("/api/token").json()["token"]
        response = client.post(
            "/signup",
            data={"name": "ann", "password": PASSWORD, "again": PASSWORD},
            follow_redirects=False,
        )
        set_cookies = response.headers.get_list("set-cookie")
        login = next(c for c in set_cookies if c.startswith("__Host-sciatica_login="))
        assert "; Secure" in login and "Path=/" in login and "Domain" not in login
        assert not any(c.startswith("sciatica_login=") for c in set_cookies)
        token = client.cookies["__Host-sciatica_login"]
        fresh_token(client)
        assert client.get("/api/journal/pain").status_code == 200
        with TestClient(app, base_url="https://127.0.0.1") as tossed:
            tossed.headers["Cookie"] = f"sciatica_login={token}"
            assert tossed.get("/api/journal/pain").status_code == 401
        gone = client.post("/api/signout")
        assert gone.status_code == 204
        deleted = gone.headers["set-cookie"]
        assert deleted.startswith("__Host-sciatica_login=") and "; Secure" in deleted
        assert "Max-Age=0" in deleted or "expires=" in deleted.lower()
