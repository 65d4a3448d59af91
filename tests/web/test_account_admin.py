"""Accounts as the person who runs the app and the people using it need them (issue 26,
item 3): a forgotten password reset from the terminal, sign-up closed for invitations only,
and an account deleted with every row of it, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from sciatica_coach.cli import journal_access
from sciatica_coach.cli.app import app as cli_app
from sciatica_coach.coach import accounts
from sciatica_coach.coach.setup import accounts_of, open_journal
from sciatica_coach.storage.tables import Base
from sciatica_coach.web import create_app
from tests.storage.conftest import make_backend

from .conftest import FakeClock, local_client
from .test_accounts import PASSWORD, fill_journal, sign_up

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=64))


def run_cli(database_url: str, *argv: str, typed: str = "") -> tuple[int, str]:
    journal_access.forget_journals()
    env = {"SCIATICA_COACH_DATABASE_URL": database_url}
    result = CliRunner().invoke(cli_app, list(argv), input=typed, env=env)
    journal_access.forget_journals()
    return result.exit_code, result.output


def test_a_forgotten_password_is_reset_by_whoever_runs_the_app(
    database_url: str, clock: FakeClock
) -> None:
    app = create_app(database_url, clock=clock, accounts=True)
    with local_client(app) as ann:
        sign_up(ann, "ann")
        assert ann.get("/api/journal/pain").status_code == 200
        code, said = run_cli(
            database_url, "users", "reset-password", "ann", typed=f"{NEW_PASSWORD}\n" * 2
        )
        assert code == 0 and "signed out" in said
        assert ann.get("/api/journal/pain").status_code == 401  # every device signed out
        old = ann.post("/api/signin", json={"name": "ann", "password": PASSWORD})
        assert old.status_code in (401, 422)
        assert ann.post("/api/signin", json={"name": "ann", "password": NEW_PASSWORD}).is_success
    code, said = run_cli(
        database_url, "users", "reset-password", "nobody", "--password-stdin", typed="x" * 12
    )
    assert code != 0 and "no account named nobody" in said
    code, said = run_cli(
        database_url, "users", "reset-password", "ann", "--password-stdin", typed="short\n"
    )
    assert code != 0 and "10 to 200 characters" in said


def test_sign_up_can_be_closed_for_invitations_only(database_url: str, clock: FakeClock) -> None:
    app = create_app(database_url, clock=clock, accounts=True, signup=False)
    with local_client(app) as someone:
        page = someone.get("/signup")
        assert page.status_code == 403 and "sciatica-coach users add NAME" in page.text
        tried = someone.post(
            "/signup", data={"name": "eve", "password": PASSWORD, "again": PASSWORD}
        )
        assert tried.status_code == 403
        assert accounts_of(open_journal(database_url)).user_named("eve") is None
        signin = someone.get("/signin").text
        assert 'href="/signup"' not in signin and "Ask whoever runs this app" in signin
    code, _ = run_cli(database_url, "users", "add", "eve", typed=f"{PASSWORD}\n" * 2)
    assert code == 0  # an invitation
    with local_client(app) as eve:
        assert eve.post("/api/signin", json={"name": "eve", "password": PASSWORD}).is_success


def test_serving_with_sign_up_closed_needs_accounts(tmp_path: Path) -> None:
    url = f"sqlite+pysqlite:///{tmp_path / 'j.sqlite3'}"
    code, said = run_cli(url, "serve", "--no-signup")
    assert code != 0 and "--accounts" in said


def rows_of(url: str, user_id: int) -> dict[str, int]:
    """How many rows each table holds that belong to ``user_id`` (its own row in ``users``)."""
    engine = create_engine(url)
    counts: dict[str, int] = {}
    try:
        with engine.connect() as connection:
            for name, table in Base.metadata.tables.items():
                column = "id" if name == "users" else "user_id"
                if column in table.columns:
                    counts[name] = connection.execute(
                        text(f"SELECT COUNT(*) FROM {name} WHERE {column} = :id"),
                        {"id": user_id},
                    ).scalar_one()
    finally:
        engine.dispose()
    return counts


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_deleted_account_leaves_no_row_of_its_own_in_any_table(
    database: str, tmp_path: Path, clock: FakeClock
) -> None:
    url = make_backend(database, tmp_path).url
    app = create_app(url, clock=clock, accounts=True)
    with local_client(app) as ann, local_client(app) as bob:
        sign_up(ann, "ann")
        sign_up(bob, "bob")
        fill_journal(ann, "ann")
        fill_journal(bob, "bob")
        store = accounts_of(open_journal(url))
        ann_account, bob_account = store.user_named("ann"), store.user_named("bob")
        assert ann_account is not None and bob_account is not None
        had = rows_of(url, ann_account.id)
        for name in ("users", "logins", "screenings", "pain_maps", "plans", "sessions"):
            assert had[name] > 0, name
        bob_had = rows_of(url, bob_account.id)
        gone = ann.post("/account/delete", data={"password": PASSWORD, "confirm": "yes"})
        assert gone.status_code == 200
    assert set(rows_of(url, ann_account.id).values()) == {0}
    assert rows_of(url, bob_account.id) == bob_had  # bob's journal is all still there
