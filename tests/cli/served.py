"""``sciatica-coach serve`` for real, in its own data folder on a free 127.0.0.1 port: for the
tests of who may use the server (its owner gate, the proxies it believes)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.deploy.hosted import stop
from tests.web.browser import free_port

START_SECONDS = 30


@contextmanager
def serving(home: Path, *options: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """The server's base URL once it answers (any status); stopped after, by its pid."""
    port = free_port()
    command = [sys.executable, "-m", "sciatica_coach", "serve", "--port", str(port), *options]
    said = home.parent / f"serve-{port}.txt"
    environment = {**os.environ, "SCIATICA_COACH_HOME": str(home), **(env or {})}
    environment.pop("SCIATICA_COACH_DATABASE_URL", None)
    with said.open("wb") as out:
        server = subprocess.Popen(
            command, env=environment, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            assert server.poll() is None, said.read_text()
            try:
                httpx.get(f"{base}/api/health", timeout=1)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "not up within 30 s\n" + said.read_text()
                time.sleep(0.2)
        yield base
    finally:
        stop(server)


def said(home: Path) -> str:
    """What the servers started with ``home`` printed."""
    return "".join(path.read_text() for path in sorted(home.parent.glob("serve-*.txt")))
