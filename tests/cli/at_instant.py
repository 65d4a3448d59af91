"""Run the program with its clock fixed at an instant, read in this process's own zone (``TZ``)
as ``local_now`` reads it, for tests of processes whose zones differ (never the real clock):

TZ=XXX-12:33:24 python -m tests.cli.at_instant 2026-12-07T11:27:00+00:00 status
"""

from __future__ import annotations

import sys
from datetime import datetime

import pytest


def run() -> None:
    from sciatica_coach.cli import journal_access, session_player
    from sciatica_coach.cli.app import main
    from sciatica_coach.coach.zone import in_local_zone

    moment = in_local_zone(datetime.fromisoformat(sys.argv[1]))
    patch = pytest.MonkeyPatch()  # what the clock fixture patches, patched the same way
    for module in (journal_access, session_player):
        patch.setattr(module, "local_now", lambda: moment)
    sys.argv = ["sciatica-coach", *sys.argv[2:]]
    main()


if __name__ == "__main__":
    run()
