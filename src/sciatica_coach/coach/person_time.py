"""Now, in the zone of the person asking: the one place that says what "today" is for them.

Why: with accounts, the app serves people from anywhere on one server (often set to UTC). The
rolling limit on sessions is counted on UTC instants (:mod:`sciatica_coach.domain.session_limit`)
and needs no zone; but "today", "this week", the calendar day of the dose limit, the times
shown and the reminders' default zone are words about the person's own day, so they follow
the zone kept with their account. Until one is kept (and with no accounts: the person at this
computer), the computer's zone is used, as before.

A zone's name comes from a form, the API or a browser: it is only ever turned into a zone by
:func:`~sciatica_coach.coach.zone.zone_named`, and a name that names none is never kept.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from sciatica_coach.domain.days import in_zone
from sciatica_coach.storage.accounts import Accounts, User

from .errors import Invalid, SignInNeeded
from .zone import local_zone, zone_named

FIELD = "time_zone"
"""The field's name in forms and in the settings API."""


def zone_of(user: User | None) -> ZoneInfo | None:
    """The zone kept with ``user``'s account; None with no account or none kept (or a name
    that no longer names a zone on this computer: then the computer's zone is used)."""
    if user is None or not user.time_zone:
        return None
    return zone_named(user.time_zone)


def person_now(user: User | None, instant: datetime) -> datetime:
    """``instant`` (the clock's now) in ``user``'s zone, with its rules; unchanged (the
    computer's zone, as the clock gives it) when no zone is kept for them."""
    zone = zone_of(user)
    return in_zone(instant, zone) if zone is not None else instant


def zone_in_use(user: User | None) -> str | None:
    """The name of the zone "today" follows for ``user``: theirs, else the computer's (None
    when the computer's zone has no name, only an offset)."""
    zone = zone_of(user)
    return zone.key if zone is not None else local_zone()


@cache
def zone_names() -> tuple[str, ...]:
    """Every zone this computer knows by name, sorted: the choices offered in settings."""
    return tuple(sorted(available_timezones()))


def checked_zone(accounts: Accounts | None, user: User | None, name: str) -> str | None:
    """The zone's name as kept (``Europe/London``), or None for an empty one (the computer's
    zone again); :class:`Invalid` for a name that names no zone, or with no account to keep
    it in (then the computer's zone is the person's). Nothing is kept."""
    if accounts is not None and user is None:
        raise SignInNeeded("Please sign in to choose your time zone.")
    if accounts is None or user is None:
        raise Invalid.one((FIELD,), computer_zone_words())
    named = name.strip()
    if not named:
        return None
    zone = zone_named(named)
    if zone is None:
        raise Invalid.one((FIELD,), _unknown(named))
    return zone.key


def choose_zone(accounts: Accounts | None, user: User | None, name: str) -> str | None:
    """Keep the zone the person chose, or forget it (an empty name), as
    :func:`checked_zone` allows; the name kept, or None."""
    kept = checked_zone(accounts, user, name)
    assert accounts is not None and user is not None  # checked_zone refused otherwise
    accounts.set_time_zone(user.id, kept)
    return kept


def adopt_browser_zone(accounts: Accounts, user: User, name: str) -> User:
    """Keep the zone the browser reported at sign-up or sign-in, if none is kept yet.

    A browser's report is a default, not a choice: it never replaces a zone the person has,
    and a missing or unknown one changes nothing and is never an error for the person."""
    if user.time_zone:
        return user
    zone = zone_named(name.strip())
    if zone is None:
        return user
    accounts.set_time_zone(user.id, zone.key)
    return accounts.user(user.id) or user


def computer_zone_words() -> str:
    """What the app says of its zone with no accounts: the computer's, and which."""
    name = local_zone()
    which = f" ({name})" if name else ""
    return (
        f"This app uses this computer's time zone{which} for “today” and the times shown; "
        "to change it, change the computer's."
    )


def _unknown(named: str) -> str:
    """What to say of a name that names no zone (quoted back only if short and printable)."""
    if len(named) > 40 or not named.isprintable():
        return "Unknown time zone; choose one from the list, such as Europe/London."
    return f"'{named}' is not a time zone; choose one from the list, such as Europe/London."
