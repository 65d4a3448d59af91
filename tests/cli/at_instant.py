"""Run the program with its clock fixed at an instant, read in this process's own zone (``TZ``)
as ``local_now`` reads it, for tests of processes whose zones differ (never the real clock):

TZ=XXX-12:33:24 python -m tests.cli.at_instant 2026-12-07T11:27:00+00:00 status
"""

from __future__ import annotations

import sys
from datetime import datetime

from tests.cli import at_time


def run() -> None:
    from sciatica_coach.coach.zone import in_local_zone

    sys.argv[1] = in_local_zone(datetime.fromisoformat(sys.argv[1])).isoformat()
    at_time.run()


if __name__ == "__main__":
    run()
