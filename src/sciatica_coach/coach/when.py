"""A moment in words, in the person's own time zone (``now``'s): "at 10:30", "yesterday at
10:30", "on Sat 5 Dec at 10:30". Reasons that restate what someone said or logged use it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sciatica_coach.domain.days import zone_of


def moment_words(moment: datetime, now: datetime) -> str:
    local = moment.astimezone(zone_of(now))
    clock = f"{local:%H:%M}"
    if local.date() == now.date():
        return f"at {clock}"
    if local.date() == now.date() - timedelta(days=1):
        return f"yesterday at {clock}"
    return f"on {local:%a} {local.day} {local:%b} at {clock}"
