"""``make bench``: the project's speed as ratios against baselines measured in the same run.

Each row times something a person or a program waits for, beside a baseline that does the
least the same way (a bare import, one SQLite insert, a bare Starlette app started by the
same uvicorn call), and prints the figure, the baseline, the ratio and the goal of issue 14.
Whole processes are timed as ``/usr/bin/time -v`` does (wall clock and peak resident memory
from ``wait4``), several runs interleaved with the baseline's, medians quoted. HTTP figures come
from a small asyncio client against servers on 127.0.0.1 only. Nothing here asserts on time:
the machine is shared, so only the ratios mean something.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import bench_export_command, bench_exports, bench_matching, bench_pdf_tags
from bench.journal_rows import journal_rows
from bench.serving import Server, http_request, requests_per_second
from bench.table import Row, print_table
from bench.timing import median_time

PYTHON = sys.executable
RUNS = 5


def run_process(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one process, as ``/usr/bin/time -v`` reports."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(
            f"{argv} failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024


def interleaved(
    project: list[str], baseline: list[str], env: dict[str, str]
) -> tuple[float, float, float, float]:
    """Medians of wall time and memory, the project's and the baseline's runs taking turns."""
    ours, theirs = [], []
    for _ in range(RUNS):
        ours.append(run_process(project, env))
        theirs.append(run_process(baseline, env))
    return (
        statistics.median(t for t, _ in ours),
        statistics.median(m for _, m in ours),
        statistics.median(t for t, _ in theirs),
        statistics.median(m for _, m in theirs),
    )


def process_rows(home: Path) -> list[Row]:
    env = {**os.environ, "SCIATICA_COACH_HOME": str(home)}
    env.pop("SCIATICA_COACH_DATABASE_URL", None)
    cli = [PYTHON, "-m", "sciatica_coach"]
    bare = [PYTHON, "-c", "import typer"]
    database = home / "baseline.sqlite3"
    insert = (
        f"import sqlite3; c = sqlite3.connect({str(database)!r}); "
        "c.execute('create table if not exists pain (at text, now int)'); "
        "c.execute('insert into pain values (datetime(), 5)'); c.commit()"
    )
    run_process([*cli, "log", "pain", "3"], env)  # the journal exists, as on any later day
    help_t, help_m, bare_t, bare_m = interleaved([*cli, "--help"], bare, env)
    json_t, _, bare2_t, _ = interleaved([*cli, "muscles", "--json"], bare, env)
    log_t, _, insert_t, _ = interleaved([*cli, "log", "pain", "5"], [PYTHON, "-c", insert], env)
    return [
        Row("sciatica-coach --help (whole process)", help_t, bare_t, "s", "<= 2.5x"),
        Row("  its peak memory", help_m, bare_m, "MiB", "—"),
        Row("sciatica-coach muscles --json", json_t, bare2_t, "s", "<= 4x"),
        Row("sciatica-coach log pain 5 (vs one sqlite3 insert)", log_t, insert_t, "s", "<= 8x"),
    ]


MATCH = b'{"where": ["left:buttock_center", "left:thigh_posterior", "left:hip_lateral"]}'


def server_rows(home: Path) -> list[Row]:
    env = {**os.environ, "SCIATICA_COACH_HOME": str(home)}
    env.pop("SCIATICA_COACH_DATABASE_URL", None)
    ours_argv = [PYTHON, "-m", "sciatica_coach", "serve", "--no-open"]
    bare_argv = [PYTHON, "-m", "uvicorn", "bench.bare_app:app", "--log-level", "warning"]
    starts: list[tuple[float, float]] = []
    for _ in range(3):
        ours, bare = Server(ours_argv, env), Server(bare_argv, env)
        starts.append((ours.start_seconds, bare.start_seconds))
        ours.stop()
        bare.stop()
    ours, bare = Server(ours_argv, env), Server(bare_argv, env)
    try:
        rows = [
            Row(
                "server start to first 200",
                statistics.median(s for s, _ in starts),
                statistics.median(b for _, b in starts),
                "s",
                "<= 3x",
            )
        ]
        for connections in (1, 32):
            got = [
                asyncio.run(
                    requests_per_second(
                        server.url,
                        connections,
                        http_request(server.url, "GET", "/api/content/muscles"),
                    )
                )
                for server in (ours, bare)
            ]
            rows.append(
                Row(
                    f"GET /api/content/muscles, {connections} connection(s)",
                    got[0], got[1], "req/s", ">= 0.7", higher_is_better=True,
                )
            )  # fmt: skip
        got = [
            asyncio.run(
                requests_per_second(
                    server.url, 8, http_request(server.url, "POST", "/api/matches", MATCH)
                )
            )
            for server in (ours, bare)
        ]
        rows.append(
            Row("POST /api/matches, 8 connections", got[0], got[1], "req/s", ">= 0.5", True)
        )
        rows.append(
            Row("server memory after the load", ours.rss_mib(), bare.rss_mib(), "MiB", "<= 2x")
        )
    finally:
        ours.stop()
        bare.stop()
    return rows


def in_process_rows() -> list[Row]:
    import yaml

    from sciatica_coach.content import default_knowledge_base
    from sciatica_coach.content.loader import CONTENT_DIR, load_knowledge_base
    from sciatica_coach.domain.matching import match

    files = sorted(CONTENT_DIR.glob("*.yaml"))
    libyaml = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parse = median_time(9, lambda: [yaml.load(p.read_text(), Loader=libyaml) for p in files])
    load = median_time(9, load_knowledge_base)
    kb = default_knowledge_base()
    maps = bench_matching.random_maps()
    sets = median_time(5, lambda: [frozenset(m) for m in maps])
    matched = median_time(5, lambda: [match(kb, m) for m in maps])
    return [
        Row("load and validate content (vs libyaml parse)", load, parse, "s", "<= 60 ms"),
        Row("match 1,000 body maps (vs building their sets)", matched, sets, "s", "<= 50 ms"),
    ]


def compile_the_package() -> None:
    """Compile the package's modules to bytecode first, as installing it does: with
    ``PYTHONDONTWRITEBYTECODE`` set (as on this project's machines) an editable install would
    otherwise compile every module again in every process, and time that instead."""
    import sciatica_coach

    package = Path(sciatica_coach.__file__).parent
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(package)], check=True)


def fresh(folder: Path) -> Path:
    """An empty folder of its own (each benchmark builds its journals from nothing)."""
    folder.mkdir()
    return folder


def main() -> None:
    started = time.perf_counter()
    compile_the_package()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        rows = [
            *process_rows(home),
            *server_rows(home),
            *in_process_rows(),
            *journal_rows(home),
            *bench_exports.rows(fresh(home / "exports")),
            *bench_export_command.rows(fresh(home / "export-command")),
            *bench_pdf_tags.rows()[0],
        ]
    print_table(rows)
    print(
        f"\n{os.cpu_count()} CPUs; {time.perf_counter() - started:.0f} s in all. Ratios only:"
        " the machine is shared and absolute times are noisy."
    )


if __name__ == "__main__":
    main()
