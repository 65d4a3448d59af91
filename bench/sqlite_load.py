"""Mixed load on ``serve --workers 2`` over SQLite: how many requests fail with 503 "database
is locked", and the latencies (review L-7).

Run: ``.venv/bin/python -m bench.sqlite_load [--seconds 20] [--connections 32] [--src DIR]``.
Starts the server on 127.0.0.1 with a new journal in a temporary folder, then keeps
``connections`` keep-alive connections busy for ``seconds`` with the review's mix (30% pain
list, 15% status, 10% the journal page, 10% content, 20% pain written, 10% PEG written, 5%
matches), and prints requests per second, p50/p95/p99/max and every status other than 2xx.
``--src`` runs the server from another source tree (``/path/to/main/src``) for a before and
after on the same machine in the same run. Everything is bounded: at most 120 s and 128
connections, 127.0.0.1 only. It asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.serving import Server, http_request

MIX = [
    (30, "GET", "/api/journal/pain", b""),
    (15, "GET", "/api/status", b""),
    (10, "GET", "/journal", b""),
    (10, "GET", "/api/content/muscles", b""),
    (20, "POST", "/api/journal/pain", json.dumps({"now": 4, "note": "load"}).encode()),
    (
        10,
        "POST",
        "/api/journal/peg",
        json.dumps({"pain": 5, "enjoyment": 4, "activity": 4}).encode(),
    ),
    (5, "POST", "/api/matches", json.dumps({"where": ["left:buttock_center"]}).encode()),
]
MAX_SECONDS = 120
MAX_CONNECTIONS = 128


async def one_exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, bytes]:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    return status, await reader.readexactly(length)


async def load(url: str, seconds: float, connections: int) -> tuple[list[float], Counter[str]]:
    host, port = url.removeprefix("http://").split(":")
    requests = [(f"{m} {path}", http_request(url, m, path, body)) for _, m, path, body in MIX]
    weights = [weight for weight, *_ in MIX]
    times: list[float] = []
    outcomes: Counter[str] = Counter()
    examples: list[bytes] = []
    stop_at = time.perf_counter() + seconds

    async def worker(seed: int) -> None:
        choose = random.Random(seed)
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while time.perf_counter() < stop_at:
                name, request = choose.choices(requests, weights)[0]
                started = time.perf_counter()
                try:
                    status, body = await one_exchange(reader, writer, request)
                except (ConnectionError, asyncio.IncompleteReadError):
                    outcomes["connection lost"] += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, int(port))
                    continue
                times.append(time.perf_counter() - started)
                if status >= 300:
                    locked = " (database is locked)" if b"locked" in body else ""
                    outcomes[f"{status} on {name}{locked}"] += 1
                    if len(examples) < 3:
                        examples.append(body[:200])
        finally:
            writer.close()

    await asyncio.gather(*(worker(seed) for seed in range(connections)))
    for example in examples:
        if not example.startswith(b'{"detail":[{"loc":["body"],"msg":"You gave your PEG'):
            print("  e.g.", example.decode(errors="replace"))
    return times, outcomes


def percentile(times: list[float], share: float) -> float:
    return statistics.quantiles(times, n=1000)[int(share * 1000) - 1] if len(times) > 1 else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parents[1] / "src")
    args = parser.parse_args()
    seconds = min(args.seconds, MAX_SECONDS)
    connections = min(args.connections, MAX_CONNECTIONS)
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SCIATICA_COACH_HOME": home, "PYTHONPATH": str(args.src)}
        env.pop("SCIATICA_COACH_DATABASE_URL", None)
        argv = [sys.executable, "-m", "sciatica_coach", "serve", "--workers", str(args.workers)]
        server = Server(argv, env)
        try:
            times, outcomes = asyncio.run(load(server.url, seconds, connections))
        finally:
            server.stop()
    errors = sum(n for what, n in outcomes.items() if not what.startswith("4"))
    print(
        f"server from {args.src}: --workers {args.workers}, "
        f"{connections} connections, {seconds:.0f} s"
    )
    print(
        f"{len(times)} requests, {len(times) / seconds:.1f}/s; "
        f"p50 {percentile(times, 0.5) * 1000:.0f} ms, p95 {percentile(times, 0.95) * 1000:.0f} ms, "
        f"p99 {percentile(times, 0.99) * 1000:.0f} ms, max {max(times, default=0) * 1000:.0f} ms"
    )
    print(f"errors (5xx, connections lost): {errors}")
    for what, n in sorted(outcomes.items()):
        print(
            f"  {what}: {n}" + ("  (a refusal: one PEG a week)" if what.startswith("422") else "")
        )


if __name__ == "__main__":
    main()
