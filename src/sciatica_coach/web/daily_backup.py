"""The daily backup of a server that runs for weeks: "once a day while the app is used".

Why here: ``serve`` backs the journal up as it starts (as every command does when it opens
the journal), but a server may then run for weeks. So requests ask whether the backup is due,
at most once an hour per process (on the monotonic clock, which a change of the system's
time cannot move), and the check runs in a background thread, one at a time: the copy takes
about a second on ten years of journal, which no request should wait for. Several workers
may check at the same moment; the backups themselves decide who copies
(:func:`sciatica_coach.coach.backups.back_up_if_due` takes a lock file). Only a SQLite
journal is backed up here (PostgreSQL has ``pg_dump``), never one known to be damaged, and a
backup that fails is a warning in the server's log, never an error page.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from starlette.types import ASGIApp, Receive, Scope, Send

from sciatica_coach.coach import backups
from sciatica_coach.coach.journal_health import is_damaged
from sciatica_coach.coach.setup import Journal, StorageError

CHECK_EVERY = 3600.0
"""Seconds between two checks of one process (the first one this long after it starts)."""

log = logging.getLogger(__name__)


class DailyBackup:
    """When this process last checked, and the check running now, if any."""

    def __init__(
        self,
        journal: Journal,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.journal = journal
        self.clock = clock
        """The app's clock: the backup's name says when it was made."""
        self.monotonic = monotonic
        self.checked_at = monotonic()
        """The app was just built: ``serve`` has backed up (if due) as it started."""
        self.running: threading.Thread | None = None
        self.started = 0
        """How many checks this process has started (for the tests)."""
        self._deciding = threading.Lock()

    def due(self, at: float) -> bool:
        return at - self.checked_at >= CHECK_EVERY

    def poke(self) -> threading.Thread | None:
        """On every request: start a check in the background if the last one is an hour
        old and none is running; the thread started, else None. Costs a clock read."""
        at = self.monotonic()
        if not self.due(at):
            return None
        with self._deciding:
            if not self.due(at) or (self.running is not None and self.running.is_alive()):
                return None
            self.checked_at = at
            if is_damaged(self.journal):
                return None
            self.running = thread = threading.Thread(
                target=self.check, args=(self.clock(),), name="daily-backup"
            )
            self.started += 1
        thread.start()
        return thread

    def check(self, now: datetime) -> None:
        """Back up if it is due; a failure is logged, never raised."""
        try:
            made = backups.back_up_if_due(self.journal, now)
        except StorageError as error:
            log.warning("today's backup of the journal was not made: %s", error)
            return
        except Exception:  # a bug must not go unseen, nor end the server
            log.warning("today's backup of the journal was not made", exc_info=True)
            return
        if made is not None:
            log.info("the journal was backed up to %s", made)


class BackUpWhenDue:
    """ASGI middleware: every HTTP request gives :class:`DailyBackup` its chance."""

    def __init__(self, app: ASGIApp, daily: DailyBackup) -> None:
        self.app = app
        self.daily = daily

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.daily.poke()
        await self.app(scope, receive, send)
