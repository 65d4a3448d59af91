"""Run the program on a clock that starts at a given moment and then runs at real speed, for a
test's pseudo-terminal whose countdowns must run (never the real date or time of day):

python -m tests.cli.clock_from 2026-12-02T09:01:00+00:00 session
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta

import pytest


def run() -> None:
    from sciatica_coach.cli import journal_access, session_player
    from sciatica_coach.cli.app import main

    start, began = datetime.fromisoformat(sys.argv[1]), time.monotonic()

    def now() -> datetime:
        return start + timedelta(seconds=time.monotonic() - began)

    patch = pytest.MonkeyPatch()  # what the clock fixture patches, patched the same way
    for module in (journal_access, session_player):
        patch.setattr(module, "local_now", now)
    sys.argv = ["sciatica-coach", *sys.argv[2:]]
    main()


if __name__ == "__main__":
    run()
