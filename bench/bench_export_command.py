"""How long ``sciatica-coach export`` (JSON, the CSV ZIP and FHIR) takes on a ten-year journal, and
the most memory it holds, beside reading the same rows.

Run: ``.venv/bin/python -m bench.bench_export_command``. Builds a SQLite journal of ten
years of daily use (:mod:`bench.journal_fixture`), then runs, as whole processes taking
turns (wall time, and peak resident memory as ``/usr/bin/time`` reports it; medians of a few
runs):

* ``sciatica-coach export --out FILE``, ``export --format csv --out FILE.zip`` and
  ``export --format fhir --out FILE``;
* the baseline: a process that starts the same way (imports the command line and opens the
  journal) and reads every row of every table, a batch at a time, JSON columns parsed, and
  keeps nothing (:func:`read_every_row`): the least any export of the whole journal costs.

Issue 27's goals: at most 200 MB at the peak (it was 1.78 GB for JSON in the review) and
at least 3x faster than before (97 s for JSON in the review; 37.5 s JSON, 10.0 s CSV and
22 s FHIR, at 554 MB, on the machine where the streaming was written). Never asserts on time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.journal_fixture import journals
from bench.table import Row, print_table

RUNS = 3
PYTHON = sys.executable
TIME = "/usr/bin/time"


def read_every_row(url: str) -> int:
    """Every row of every journal table, read a batch at a time and let go: the baseline."""
    from sqlalchemy import select

    import sciatica_coach.cli.app  # noqa: F401  # the same start as the command's
    from sciatica_coach.storage import open_database
    from sciatica_coach.storage.tables import ROWS

    engine = open_database(url)
    count = 0
    with engine.connect() as connection:
        for row in ROWS.values():
            query = select(*row.__table__.columns)
            result = connection.execute(query, execution_options={"yield_per": 100})
            for part in result.partitions():
                count += len(part)
    engine.dispose()
    return count


def run_process(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one process, measured by ``/usr/bin/time``
    where there is one: Linux counts in a child's peak the memory of the process it was
    forked from, and this one holds a ten-year journal's worth after building it."""
    if not Path(TIME).exists():
        from bench.bench_all import run_process as measured

        return measured(argv, env)
    start = time.perf_counter()
    done = subprocess.run(
        [TIME, "-f", "%M", *argv], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{argv} failed: {done.stderr.decode()}")
    return elapsed, int(done.stderr.decode().split()[-1]) / 1024


def rows(folder: Path) -> list[Row]:
    """The ``make bench`` rows, on a journal made in ``folder`` (an empty one)."""
    url = journals(folder, (10,))[10]
    env = {**os.environ, "SCIATICA_COACH_DATABASE_URL": url}
    env["SCIATICA_COACH_HOME"] = str(folder / "home")
    baseline = [
        PYTHON,
        "-c",
        f"from bench.bench_export_command import read_every_row as r; r({url!r})",
    ]
    commands = {
        "json": [PYTHON, "-m", "sciatica_coach", "export", "--out", str(folder / "j.json")],
        "csv": [PYTHON, "-m", "sciatica_coach", "export", "--format", "csv",
                "--out", str(folder / "j.zip")],
        "fhir": [PYTHON, "-m", "sciatica_coach", "export", "--format", "fhir",
                 "--out", str(folder / "j.fhir.json")],
    }  # fmt: skip
    ours: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    floor: list[tuple[float, float]] = []
    for _ in range(RUNS):
        floor.append(run_process(baseline, env))
        for name, argv in commands.items():
            ours[name].append(run_process(argv, env))
    base_t = statistics.median(t for t, _ in floor)
    base_m = statistics.median(m for _, m in floor)
    found = []
    for name, label in (("json", "JSON"), ("csv", "CSV ZIP"), ("fhir", "FHIR")):
        time_s = statistics.median(t for t, _ in ours[name])
        memory = statistics.median(m for _, m in ours[name])
        found += [
            Row(f"export {label}, 10 years (vs reading its rows)", time_s, base_t, "s",
                ">= 3x faster than before"),
            Row("  its peak memory (vs the same)", memory, base_m, "MiB", "<= 200 MB"),
        ]  # fmt: skip
    return found


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        print_table(rows(Path(folder)))


if __name__ == "__main__":
    main()
