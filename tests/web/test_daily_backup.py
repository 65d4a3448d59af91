"""The daily backup of a server that runs for weeks (review L-5, "once a day while the app is
used"): requests check at most once an hour, on the process's monotonic clock, and the copy
runs in a background thread, one at a time; never for a damaged journal; a failure is a
warning in the log, and the request is answered as usual. Clocks injected: no waiting."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI

from sciatica_coach.coach import backups
from sciatica_coach.coach.setup import StorageError
from sciatica_coach.storage.integrity import watch
from sciatica_coach.web import create_app
from sciatica_coach.web.daily_backup import CHECK_EVERY, DailyBackup
from tests.storage.damage import filled_journal, overwrite_page, pages, url_of
from tests.web.conftest import FakeClock, local_client

JOIN_SECONDS = 30  # a bound, never reached: a small journal is copied in milliseconds


@dataclass
class Monotonic:
    seconds: float = 1000.0

    def __call__(self) -> float:
        return self.seconds


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("SCIATICA_COACH_HOME", str(folder))
    return folder


def daily_backups(home: Path) -> list[str]:
    folder = home / "backups"
    return sorted(p.name for p in folder.glob("*-daily.sqlite3")) if folder.exists() else []


def checker(app: FastAPI) -> DailyBackup:
    daily = app.state.daily_backup
    assert isinstance(daily, DailyBackup)
    return daily


def finished(daily: DailyBackup) -> None:
    if daily.running is not None:
        daily.running.join(JOIN_SECONDS)
        assert not daily.running.is_alive()


def test_a_request_an_hour_after_the_start_makes_the_backup_once(
    home: Path, tmp_path: Path
) -> None:
    clock, monotonic = FakeClock(), Monotonic()
    app = create_app(url_of(tmp_path / "journal.sqlite3"), clock=clock, monotonic=monotonic)
    daily = checker(app)
    with local_client(app) as client:
        assert client.get("/api/health").status_code == 200
        assert daily.started == 0  # serve backed up as it started
        monotonic.seconds += CHECK_EVERY
        assert client.get("/journal").status_code == 200
        assert client.get("/api/health").status_code == 200  # while it may still run
        finished(daily)
        assert daily.started == 1
        [made] = daily_backups(home)
        assert made.startswith(f"journal-{clock.now:%Y%m%dT%H%M%S}")
        made_at = clock.now.timestamp()  # its file time, as if made on the app's clock
        os.utime(home / "backups" / made, (made_at, made_at))
        monotonic.seconds += CHECK_EVERY - 1
        clock.advance(days=2)
        assert client.get("/api/health").status_code == 200
        assert daily.started == 1  # within the hour: no check
        monotonic.seconds += 1
        assert client.get("/api/health").status_code == 200
        finished(daily)
        assert daily.started == 2
        assert len(daily_backups(home)) == 2


def test_a_backup_made_less_than_a_day_ago_is_not_made_again(home: Path, tmp_path: Path) -> None:
    clock, monotonic = FakeClock(), Monotonic()
    app = create_app(url_of(tmp_path / "journal.sqlite3"), clock=clock, monotonic=monotonic)
    daily = checker(app)
    with local_client(app) as client:
        for hour in range(3):
            monotonic.seconds += CHECK_EVERY
            clock.advance(hours=1)
            client.get("/api/health")
            finished(daily)
            if hour == 0:
                made_at = clock.now.timestamp()  # its file time, as if made on the app's clock
                [made] = (home / "backups").glob("*-daily.sqlite3")
                os.utime(made, (made_at, made_at))
    assert daily.started == 3
    assert len(daily_backups(home)) == 1


def test_requests_at_once_start_one_check(home: Path, tmp_path: Path) -> None:
    monotonic = Monotonic()
    app = create_app(url_of(tmp_path / "journal.sqlite3"), clock=FakeClock(), monotonic=monotonic)
    daily = checker(app)
    monotonic.seconds += CHECK_EVERY
    started = []
    gate = threading.Barrier(8)

    def poke() -> None:
        gate.wait(JOIN_SECONDS)
        started.append(daily.poke())

    pokers = [threading.Thread(target=poke) for _ in range(8)]
    for thread in pokers:
        thread.start()
    for thread in pokers:
        thread.join(JOIN_SECONDS)
    finished(daily)
    assert len([thread for thread in started if thread is not None]) == 1
    assert daily.started == 1
    assert len(daily_backups(home)) == 1


def test_a_damaged_journal_is_not_backed_up(home: Path, tmp_path: Path) -> None:
    path, monotonic = tmp_path / "journal.sqlite3", Monotonic()
    filled_journal(path)
    overwrite_page(path, pages(path, "ix_pain_entries_day")[0])
    app = create_app(url_of(path), clock=FakeClock(), monotonic=monotonic)
    daily = checker(app)
    with local_client(app) as client:
        monotonic.seconds += CHECK_EVERY
        assert client.get("/api/health").status_code == 503
    assert daily.started == 0
    assert daily.running is None
    assert daily_backups(home) == []


def test_a_failed_backup_is_a_warning_and_the_page_is_answered(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def full_disk(*_args: object) -> None:
        raise StorageError("cannot back up the journal into /backups: No space left on device")

    monkeypatch.setattr(backups, "back_up_if_due", full_disk)
    monotonic = Monotonic()
    app = create_app(url_of(tmp_path / "journal.sqlite3"), clock=FakeClock(), monotonic=monotonic)
    daily = checker(app)
    with caplog.at_level(logging.WARNING), local_client(app) as client:
        monotonic.seconds += CHECK_EVERY
        assert client.get("/journal").status_code == 200
        finished(daily)
    [record] = [r for r in caplog.records if r.name == "sciatica_coach.web.daily_backup"]
    assert record.levelno == logging.WARNING
    assert "No space left on device" in record.getMessage()


def test_a_journal_in_memory_is_not_checked(home: Path) -> None:
    app = create_app("sqlite+pysqlite:///:memory:", clock=FakeClock(), monotonic=Monotonic())
    assert app.state.daily_backup is None


def test_the_hourly_check_notices_damage_done_while_the_app_runs(
    home: Path, tmp_path: Path
) -> None:
    """The check reads the whole file in the background, when its last reading is old: the
    pages then say the journal is damaged without one of them having waited for it."""
    path, monotonic = tmp_path / "journal.sqlite3", Monotonic()
    filled_journal(path)
    app = create_app(url_of(path), clock=FakeClock(), monotonic=monotonic)
    daily = checker(app)
    with local_client(app) as client:
        assert 'id="journal-damaged"' not in client.get("/").text
        overwrite_page(path, pages(path, "ix_pain_entries_day")[0])
        engine = app.state.coach.store.engine
        engine.dispose()  # no connection keeps the pages it read before the damage
        watch(engine).clock = lambda: 1e12  # its last check is old
        monotonic.seconds += CHECK_EVERY
        client.get("/learn")
        finished(daily)
        assert 'id="journal-damaged"' in client.get("/").text
    assert daily_backups(home) == []  # a damaged journal is not backed up
