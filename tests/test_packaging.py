"""What the package says about itself is true: its licence, its extras, its typer pin, and the
metadata of the wheel built from this tree (``make lowest`` passes the wheel it installs in
``SCIATICA_COACH_WHEEL``; without it, one is built here with pip, about 15 s)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from email.message import Message
from email.parser import Parser
from pathlib import Path

import pytest

from sciatica_coach.extras import EXTRAS

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PRIVATE_TYPER = ("typer._click", "typer.core")


def requirement(name: str, requirements: list[str]) -> str:
    found = [r for r in requirements if r.lower().startswith(name.lower())]
    assert len(found) == 1, found
    return found[0]


def private_typer_imports() -> list[str]:
    found = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if any(n.startswith(PRIVATE_TYPER) for n in names):
                found.append(str(path.relative_to(ROOT)))
    return found


def test_typer_is_pinned_below_its_next_release_while_its_internals_are_used() -> None:
    """cli/commands.py patches typer internals: a typer release may change them, so the pin
    allows only the releases tested (pyproject.toml says why)."""
    typer = requirement("typer", PROJECT["dependencies"])
    if private_typer_imports():
        assert "<" in typer, f"{private_typer_imports()} use typer internals: pin {typer}"


def test_the_extras_are_the_ones_the_code_names_and_dev_takes_them_all() -> None:
    extras = PROJECT["optional-dependencies"]
    assert set(EXTRAS) <= set(extras)
    [everything] = extras["all"]
    assert set(everything.removeprefix("sciatica-coach[").rstrip("]").split(",")) == set(EXTRAS)
    assert "sciatica-coach[all]" in extras["dev"]  # `make test` tests every part
    core = " ".join(PROJECT["dependencies"]).lower()
    for name in ["matplotlib", "fhir.resources", "psycopg", "cairosvg"]:
        assert name not in core, f"{name} is optional: it belongs in an extra"


def test_the_licence_is_mit_with_its_text() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "Copyright (c) 2026 The Sciatica Coach authors" in text


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    given = os.environ.get("SCIATICA_COACH_WHEEL")
    if given:
        yield Path(given)
        return
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", str(ROOT), "-w", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    yield next(out.glob("sciatica_coach-*.whl"))


def metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return Parser().parsestr(archive.read(name).decode("utf-8"))


def test_the_wheel_states_its_licence_classifiers_and_extras(wheel: Path) -> None:
    found = metadata(wheel)
    assert found["License-Expression"] == "MIT"
    assert found.get_all("License-File") == ["LICENSE"]
    classifiers = found.get_all("Classifier") or []
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert "Operating System :: POSIX :: Linux" in classifiers  # where it is tested
    assert "Operating System :: OS Independent" not in classifiers  # not tested everywhere
    assert not [c for c in classifiers if c.startswith("License ::")]  # PEP 639: the SPDX line
    assert set(found.get_all("Provides-Extra") or []) >= {*EXTRAS, "all", "dev"}
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "sciatica_coach/content/muscles.yaml" in names
    # the PDFs' type, so every font is embedded without matplotlib or Debian's fonts
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"} <= {
        n.removeprefix("sciatica_coach/exports/fonts/") for n in names
    }
    assert "sciatica_coach/web/templates/base.html" in names or any(
        n.startswith("sciatica_coach/web/templates/") for n in names
    )
