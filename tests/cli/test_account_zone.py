"""``--user NAME`` works in that account's own zone (issue 29): "today" on a UTC server is
the person's day, as on the web; this computer's own journal keeps this computer's zone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sciatica_coach.cli import journal_access
from sciatica_coach.cli.user_choice import choose_user
from sciatica_coach.coach.setup import accounts_of, open_journal
from sciatica_coach.storage.database import URL_VARIABLE

MOMENT = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
"""23:30 in Auckland, 10:30 on a UTC server."""


@pytest.fixture
def kiri(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    url = f"sqlite+pysqlite:///{tmp_path / 'journal.sqlite3'}"
    monkeypatch.setenv(URL_VARIABLE, url)
    monkeypatch.setattr(journal_access, "local_now", lambda: MOMENT)  # a server in UTC
    store = accounts_of(open_journal(url))
    store.set_time_zone(store.add_user("kiri", "not-a-hash", MOMENT), "Pacific/Auckland")
    journal_access.forget_journals()
    yield
    choose_user(None)
    journal_access.forget_journals()


def test_a_named_account_s_now_is_in_its_own_zone(kiri: None) -> None:
    choose_user(None)
    own = journal_access.now()
    choose_user("kiri")
    theirs = journal_access.now()
    assert own == theirs == MOMENT
    assert own.utcoffset() == timedelta(0)
    assert (theirs.utcoffset(), theirs.hour, theirs.minute) == (timedelta(hours=13), 23, 30)
