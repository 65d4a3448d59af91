"""At most a few argon2 checks at once (security review M-3): the gate caps how many run
together, a sign-in that waits too long is told "busy", and the number follows the CPUs and
the memory."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sciatica_coach.coach import accounts, password_checks
from sciatica_coach.coach.errors import Busy, Invalid
from sciatica_coach.coach.password_checks import Gate, slots_for
from sciatica_coach.coach.setup import Accounts, accounts_of, open_journal

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MIB = 1024 * 1024


class CountingHasher:
    """A stand-in for argon2 that counts how many checks run at the same moment; each check
    waits at a barrier for a partner, so two that may overlap do overlap."""

    memory_cost = 65536

    def __init__(self, partners: int) -> None:
        self.inside = 0
        self.most = 0
        self.checks = 0
        self.lock = threading.Lock()
        self.barrier = threading.Barrier(partners, timeout=10)

    def _work(self) -> None:
        with self.lock:
            self.inside += 1
            self.checks += 1
            self.most = max(self.most, self.inside)
        try:
            self.barrier.wait()
        finally:
            with self.lock:
                self.inside -= 1

    def hash(self, password: str) -> str:
        self._work()
        return "$fake$" + password

    def verify(self, password_hash: str, password: str) -> bool:
        self._work()
        return False

    def check_needs_rehash(self, password_hash: str) -> bool:
        return False


@pytest.fixture
def store(tmp_path: Path) -> Accounts:
    return accounts_of(open_journal(f"sqlite+pysqlite:///{tmp_path / 'accounts.sqlite3'}"))


def test_no_more_checks_run_at_once_than_the_gate_allows(
    store: Accounts, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = CountingHasher(partners=2)
    monkeypatch.setattr(accounts, "hasher", fake)
    monkeypatch.setattr(accounts, "MAX_FAILURES", 1000)
    gate = Gate(2)
    monkeypatch.setattr(accounts, "_gate", lambda: gate)
    monkeypatch.setattr(accounts, "_unknown", lambda: "$fake$timing")

    def try_one(i: int) -> str:
        try:
            accounts.sign_in(store, f"nobody{i}", "a guess", f"10.0.0.{i}", NOW, browser_secret="s")
        except Invalid:
            return "wrong"
        return "in"

    with ThreadPoolExecutor(max_workers=12) as pool:
        outcomes = list(pool.map(try_one, range(24)))
    assert outcomes == ["wrong"] * 24
    assert fake.checks == 24  # every guess checked (against the timing hash)
    assert fake.most == 2


def test_a_check_that_waits_too_long_is_told_to_try_again(
    store: Accounts, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate(1, max_wait=0)
    monkeypatch.setattr(accounts, "_gate", lambda: gate)
    with gate.held(), pytest.raises(Busy) as busy:
        accounts.sign_up(store, "ann", "correct horse battery", NOW)
    assert busy.value.code == "busy" and "try again" in busy.value.message
    assert store.user_named("ann") is None


@pytest.mark.parametrize(
    ("available", "cpus", "slots"),
    [
        (64 * 1024 * MIB, 2, 2),  # plenty of memory: no more than the CPUs
        (64 * 1024 * MIB, 16, 4),  # and never more than 4
        (512 * MIB, 8, 2),  # a quarter of 512 MiB holds two 64 MiB checks
        (100 * MIB, 8, 1),  # too little for one: still one at a time
        (0, 4, 1),
    ],
)
def test_the_number_at_once_follows_cpus_and_memory(available: int, cpus: int, slots: int) -> None:
    assert slots_for(65536, available, cpus) == slots


def test_the_memory_available_is_read() -> None:
    assert password_checks.available_memory() > 0
    assert password_checks.usable_cpus() >= 1
