"""What a long journal costs the server: CPU per request for the safety check, a plan and the
progress report, and how long the session list and the journal page take after ten years.

Two real servers (``sciatica-coach serve``) on 127.0.0.1, one on a journal of a year and one
on ten years (:mod:`bench.journal_fixture`), beside the bare Starlette app started the same
way. CPU per request is the server process's own CPU time (``/proc``) over requests sent one
after another; page times are medians of requests sent one after another.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
from pathlib import Path

from tests.domain.screening_cases import all_clear

from bench.journal_fixture import journals
from bench.serving import Server, cpu_per_request, each_request, http_request
from bench.table import Row

PYTHON = sys.executable
BARE_APP = "bench.bare_app:app"
REQUESTS = 60
BARE_REQUESTS = 3000
"""The bare app spends a fraction of a millisecond a request, and the kernel counts CPU in
hundredths of a second: it takes thousands of requests to measure it to a few percent."""
CHECK = json.dumps({"answers": {**all_clear(), "pain_now": 4}}).encode()
PLAN = json.dumps({"where": ["left:buttock_center", "left:thigh_posterior"]}).encode()


def server_on(url: str, home: Path) -> Server:
    env = {**os.environ, "SCIATICA_COACH_HOME": str(home), "SCIATICA_COACH_DATABASE_URL": url}
    return Server([PYTHON, "-m", "sciatica_coach", "serve", "--no-open"], env)


def measures(server: Server) -> dict[str, float]:
    """CPU seconds per request (check, plan, progress) and median seconds (lists)."""
    url = server.url
    check = http_request(url, "POST", "/api/screenings", CHECK)
    plan = http_request(url, "POST", "/api/plans", PLAN)
    each_request(url, check, 3)  # warm: the first requests load what later ones reuse
    each_request(url, plan, 3)
    found = {
        "check": cpu_per_request(server, check, REQUESTS),
        "plan": cpu_per_request(server, plan, REQUESTS),
        "progress": cpu_per_request(
            server, http_request(url, "GET", "/api/journal/progress"), REQUESTS
        ),
    }
    for name, path in (("sessions", "/api/journal/sessions"), ("page", "/journal")):
        request = http_request(url, "GET", path)
        each_request(url, request, 3)
        found[name] = statistics.median(each_request(url, request, REQUESTS))
    return found


def journal_rows(home: Path) -> list[Row]:
    """The rows of ``make bench``'s table for the journal measures."""
    urls = journals(home)
    bare_env = {**os.environ, "SCIATICA_COACH_HOME": str(home)}
    bare = Server(
        [PYTHON, "-m", "uvicorn", "bench.bare_app:app", "--log-level", "warning"], bare_env
    )
    try:
        echo = http_request(bare.url, "POST", "/api/matches", CHECK)
        each_request(bare.url, echo, 3)
        bare_cpu = cpu_per_request(bare, echo, BARE_REQUESTS)
    finally:
        bare.stop()
    figures = {}
    for years, url in urls.items():
        server = server_on(url, home)
        try:
            figures[years] = measures(server)
        finally:
            server.stop()
    one, ten = figures[1], figures[10]
    rows = []
    for name, label in (("check", "POST /api/screenings"), ("plan", "POST /api/plans"),
                        ("progress", "GET /api/journal/progress")):  # fmt: skip
        for years, found in ((1, one), (10, ten)):
            rows.append(Row(f"{label}, {years}-year journal: CPU", found[name], bare_cpu,
                            "s", "<= 5 ms"))  # fmt: skip
    for name, label in (("sessions", "GET /api/journal/sessions"), ("page", "GET /journal")):
        rows.append(Row(f"{label}, 10-year vs 1-year journal", ten[name], one[name],
                        "s", "<= 1.5x"))  # fmt: skip
    return rows
