"""A burst of sign-ins keeps the server's memory bounded (security review M-3).

Each argon2id check holds 64 MiB; before the gate, 64 parallel sign-ins took a server from
220 MiB to 2.4 GiB (40 threads checking at once). Here a real ``serve --accounts`` process,
with the real argon2 parameters, gets 50 sign-ins at once, each with a name of its own; its
peak resident memory (``VmHWM``) must stay under 400 MB. The per-address limit (5 a minute)
would refuse all but 5 before argon2 runs, so the server is started with that limit raised;
nothing else is changed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from bench.serving import Server

SIGN_INS = 50
LIMIT_MB = 400
LAUNCH = (
    "import sys; from sciatica_coach.coach import accounts; accounts.MAX_FAILURES = 10_000; "
    "from sciatica_coach.cli.app import main; sys.argv[0] = 'sciatica-coach'; main()"
)
"""``sciatica-coach serve`` with only the per-address limit of failed sign-ins raised."""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    if not Path("/proc/self/status").exists():
        pytest.skip("reads peak memory from /proc")
    env = {**os.environ, "SCIATICA_COACH_HOME": str(tmp_path / "home")}
    running = Server([sys.executable, "-c", LAUNCH, "serve", "--accounts"], env)
    try:
        yield running
    finally:
        try:
            running.stop()
        except subprocess.TimeoutExpired:
            running.process.kill()
            running.process.wait(timeout=15)


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def sign_in(base: str, i: int) -> int:
    with httpx.Client(base_url=base, timeout=120) as client:
        token = client.get("/api/token").json()["token"]
        answer = client.post(
            "/api/signin",
            json={"name": f"nobody{i}", "password": "not a password anyone has"},
            headers={"X-CSRF-Token": token},
        )
        return answer.status_code


def test_fifty_sign_ins_at_once_keep_the_server_under_400_mb(server: Server) -> None:
    base, pid = server.url, server.process.pid
    before = peak_mb(pid)
    with ThreadPoolExecutor(max_workers=SIGN_INS) as pool:
        statuses = list(pool.map(lambda i: sign_in(base, i), range(SIGN_INS), timeout=300))
    after = peak_mb(pid)
    print(f"peak RSS {before:.0f} MB at start, {after:.0f} MB after {SIGN_INS} sign-ins")
    print(f"answers: { {s: statuses.count(s) for s in set(statuses)} }")
    assert set(statuses) <= {422, 503}  # wrong name, or busy: try again
    assert statuses.count(422) >= 2  # argon2 did run (a burst offered it 50 at once)
    assert after < LIMIT_MB
