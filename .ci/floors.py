"""Each floor in pyproject.toml is the version the lowest resolution installs (.ci/lowest.sh).

A floor that another dependency lifts (typer 0.29 needs rich 13.8, say) would be a floor no
install ever has, so nothing tests it: raise it to the version that is installed and tested.
Usage: python .ci/floors.py pyproject.toml lowest.txt
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def same(a: str | None, b: str) -> bool:
    """Whether two versions are the same release: 0.29 is 0.29.0."""
    if a is None:
        return False
    if not re.fullmatch(r"[0-9.]+", a) or not re.fullmatch(r"[0-9.]+", b):
        return a == b
    x, y = [int(p) for p in a.split(".")], [int(p) for p in b.split(".")]
    width = max(len(x), len(y))
    return x + [0] * (width - len(x)) == y + [0] * (width - len(y))


def main(pyproject: Path, pins: Path) -> int:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"])
    for extra, requirements in project["optional-dependencies"].items():
        if extra not in ("all", "dev"):
            declared += requirements
    pinned = dict(
        (normal(name), version)
        for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", pins.read_text(), re.M)
    )
    wrong = []
    for requirement in declared:
        found = re.match(r"([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*>=\s*([^,;\s]+)", requirement)
        if found is None:
            wrong.append(f"{requirement}: no floor (>=) to test")
            continue
        name, _, floor = found.groups()
        installed = pinned.get(normal(name))
        if not same(installed, floor):
            wrong.append(f"{name}>={floor}: the lowest resolution installs {installed}")
    for line in wrong:
        print(f"floors: {line}; make the floor the version installed", file=sys.stderr)
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2])))
