"""The person's "now" (issue 29): with an account that keeps a zone, the clock's instant in
that zone, so "today" ends at their midnight wherever the server is; with none, the clock's
own (the computer's zone). A zone's name is only ever kept when it names a zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from sciatica_coach.coach import person_time
from sciatica_coach.coach.accounts import User
from sciatica_coach.coach.errors import Invalid, SignInNeeded
from sciatica_coach.coach.setup import Accounts, accounts_of, open_journal
from sciatica_coach.domain.days import day_of, midnight

SERVER_NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
"""23:30 in Auckland (summer time, +13:00), still 2 March there; 10:30 on a UTC server."""


@pytest.fixture
def store(tmp_path: Path) -> Accounts:
    return accounts_of(open_journal(f"sqlite+pysqlite:///{tmp_path / 'zones.sqlite3'}"))


def new_account(store: Accounts, name: str = "ann") -> User:
    """An account as sign-up makes it (the password is not what these tests are about)."""
    made = store.user(store.add_user(name, "no-password-here", SERVER_NOW))
    assert made is not None
    return made


def test_an_accounts_now_is_the_clocks_instant_in_its_zone(store: Accounts) -> None:
    ann = new_account(store)
    assert person_time.person_now(ann, SERVER_NOW) is SERVER_NOW  # none kept: the clock's
    assert person_time.choose_zone(store, ann, " Pacific/Auckland ") == "Pacific/Auckland"
    ann = store.user(ann.id) or ann
    now = person_time.person_now(ann, SERVER_NOW)
    assert now == SERVER_NOW and now.utcoffset() == timedelta(hours=13)
    assert (now.hour, now.minute, now.date()) == (23, 30, date(2026, 3, 2))
    later = SERVER_NOW + timedelta(hours=1)  # 00:30 on 3 March in Auckland
    assert day_of(later, now) == date(2026, 3, 3)
    assert midnight(date(2026, 3, 3), now) == datetime(2026, 3, 2, 11, 0, tzinfo=UTC)
    # the zone's rules come along: in April summer time ends there (+12:00)
    april = person_time.person_now(ann, datetime(2026, 4, 10, 0, 0, tzinfo=UTC))
    assert april.utcoffset() == timedelta(hours=12)
    assert person_time.zone_in_use(ann) == "Pacific/Auckland"


def test_no_account_and_a_zone_no_longer_known_keep_the_clocks_now(store: Accounts) -> None:
    assert person_time.person_now(None, SERVER_NOW) is SERVER_NOW
    ann = new_account(store)
    store.set_time_zone(ann.id, "Mars/Olympus_Mons")  # kept by an older tz database, say
    gone = store.user(ann.id)
    assert person_time.person_now(gone, SERVER_NOW) is SERVER_NOW


@pytest.mark.parametrize(
    "junk", ["Narnia/Cair_Paravel", "../../etc/passwd", "Europe/\x00London", "x" * 300, "/"]
)
def test_a_name_that_names_no_zone_is_refused_and_nothing_is_kept(
    store: Accounts, junk: str
) -> None:
    ann = new_account(store)
    person_time.choose_zone(store, ann, "Europe/London")
    with pytest.raises(Invalid) as refused:
        person_time.choose_zone(store, ann, junk)
    assert "not a time zone" in str(refused.value) or "Unknown time zone" in str(refused.value)
    assert refused.value.messages().keys() == {"time_zone"}
    assert (store.user(ann.id) or ann).time_zone == "Europe/London"
    assert person_time.choose_zone(store, ann, "") is None  # forgotten: the computer's again
    assert (store.user(ann.id) or ann).time_zone is None


def test_with_no_account_the_zone_is_the_computers(
    store: Accounts, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    with pytest.raises(Invalid) as refused:
        person_time.choose_zone(None, None, "Pacific/Auckland")
    assert "this computer's time zone (Europe/Paris)" in str(refused.value)
    with pytest.raises(SignInNeeded):  # accounts on, no one signed in
        person_time.choose_zone(store, None, "Pacific/Auckland")


def test_the_browsers_zone_is_kept_only_while_none_is(store: Accounts) -> None:
    ann = new_account(store)
    for nothing in ("", "junk", "x" * 300):
        assert person_time.adopt_browser_zone(store, ann, nothing).time_zone is None
    ann = person_time.adopt_browser_zone(store, ann, "Pacific/Auckland")
    assert ann.time_zone == "Pacific/Auckland"
    assert person_time.adopt_browser_zone(store, ann, "Europe/London").time_zone == (
        "Pacific/Auckland"
    )
    assert (store.user(ann.id) or ann).time_zone == "Pacific/Auckland"


def test_the_choices_are_every_zone_by_name() -> None:
    names = person_time.zone_names()
    assert "Pacific/Auckland" in names and "Europe/London" in names
    assert list(names) == sorted(names)
