"""Run the program with its clock fixed, for a test's pseudo-terminal (never the real clock):

python -m tests.cli.at_time 2026-12-02T09:30:00+00:00 screen
"""

from __future__ import annotations

import sys
from datetime import datetime

import pytest


def run() -> None:
    from sciatica_coach.cli import journal_access, session_player
    from sciatica_coach.cli.app import main

    moment = datetime.fromisoformat(sys.argv[1])
    patch = pytest.MonkeyPatch()  # what the clock fixture patches, patched the same way
    for module in (journal_access, session_player):
        patch.setattr(module, "local_now", lambda: moment)
    sys.argv = ["sciatica-coach", *sys.argv[2:]]
    main()


if __name__ == "__main__":
    run()
