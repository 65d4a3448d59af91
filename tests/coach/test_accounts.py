"""The account rules with a real database: the rate limit holds under parallel tries, names
are one account whatever their case, sign-ups from one address are limited."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from sciatica_coach.coach import accounts
from sciatica_coach.coach.errors import Invalid, SignInNeeded, TooManyTries
from sciatica_coach.coach.setup import Accounts, accounts_of, open_journal

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=64))


@pytest.fixture
def store(tmp_path: Path) -> Accounts:
    return accounts_of(open_journal(f"sqlite+pysqlite:///{tmp_path / 'accounts.sqlite3'}"))


def attempt(store: Accounts, password: str) -> str:
    try:
        accounts.sign_in(store, "ann", password, "10.0.0.9", NOW, browser_secret="s")
    except TooManyTries:
        return "paused"
    except Invalid:
        return "wrong"
    return "in"


def test_parallel_tries_are_limited_like_tries_one_by_one(store: Accounts) -> None:
    accounts.sign_up(store, "ann", PASSWORD, NOW)
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(lambda _: attempt(store, "wrong guess!"), range(24)))
    assert outcomes.count("wrong") == accounts.MAX_FAILURES
    assert outcomes.count("paused") == 24 - accounts.MAX_FAILURES


def test_a_success_does_not_count_toward_the_limit(store: Accounts) -> None:
    accounts.sign_up(store, "ann", PASSWORD, NOW)
    assert [attempt(store, PASSWORD) for _ in range(8)] == ["in"] * 8


def test_a_name_is_one_account_whatever_its_case(store: Accounts) -> None:
    accounts.sign_up(store, "Ann", PASSWORD, NOW)
    for variant in ("ann", "ANN", " aNn "):
        with pytest.raises(Invalid, match="taken"):
            accounts.sign_up(store, variant.strip(), PASSWORD, NOW)
        assert (
            accounts.sign_in(
                store, variant, PASSWORD, "10.0.0.9", NOW, browser_secret="s"
            ).user.name
            == "ann"
        )
    assert [u.name for u in store.users()] == ["local", "ann"]


def test_sign_ups_from_one_address_are_limited_but_not_from_the_terminal(store: Accounts) -> None:
    for i in range(accounts.MAX_SIGN_UPS):
        accounts.sign_up(store, f"user{i}", PASSWORD, NOW, address="10.0.0.9")
    with pytest.raises(TooManyTries):
        accounts.sign_up(store, "one_more", PASSWORD, NOW, address="10.0.0.9")
    accounts.sign_up(store, "other_place", PASSWORD, NOW, address="10.0.0.10")
    accounts.sign_up(store, "by_the_owner", PASSWORD, NOW)  # the terminal: no address


def test_the_local_journal_cannot_be_signed_into(store: Accounts) -> None:
    with pytest.raises(Invalid):
        accounts.sign_in(store, "local", "", "10.0.0.9", NOW, browser_secret="s")
    with pytest.raises(ValueError):
        store.delete_user(1)


def test_a_sign_in_counts_only_beside_the_secret_it_was_bound_to(store: Accounts) -> None:
    accounts.sign_up(store, "ann", PASSWORD, NOW)
    ticket = accounts.sign_in(store, "ann", PASSWORD, "10.0.0.9", NOW, browser_secret="mine")
    found = accounts.signed_in_user(store, ticket.token, NOW, browser_secret="mine")
    assert found.name == "ann"
    for other in ("planted", "", "mine "):
        with pytest.raises(SignInNeeded):
            accounts.signed_in_user(store, ticket.token, NOW, browser_secret=other)
    with pytest.raises(ValueError, match="bound"):
        accounts.start_sign_in(store, found, NOW, browser_secret="")
