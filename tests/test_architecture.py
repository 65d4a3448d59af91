"""The layers stay apart: inner packages never import frameworks or outer adapters."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sciatica_coach"
FRAMEWORKS = {"typer", "rich", "fastapi", "starlette", "sqlalchemy", "alembic", "jinja2", "uvicorn"}
ADAPTERS = {"sciatica_coach.cli", "sciatica_coach.web", "sciatica_coach.storage"}
DOORS = {"sciatica_coach.cli", "sciatica_coach.web"}

FORBIDDEN = {
    "content": FRAMEWORKS | ADAPTERS | {"sciatica_coach.domain", "sciatica_coach.coach"},
    "domain": FRAMEWORKS | ADAPTERS | {"sciatica_coach.coach"},
    "figures": FRAMEWORKS | ADAPTERS | {"sciatica_coach.coach"},
    # The service layer: no framework, no door. It reaches the database only through the
    # journal (storage), and opens it in one place (coach/setup.py).
    "coach": FRAMEWORKS | DOORS,
    "storage": DOORS | {"sciatica_coach.coach", "typer", "rich", "fastapi", "starlette"},
    # The doors are adapters side by side: each calls the service layer and never the
    # database, nor the other door's frameworks.
    "web": {
        "typer",
        "rich",
        "sqlalchemy",
        "alembic",
        "sciatica_coach.cli",
        "sciatica_coach.storage",
    },
    "cli": {
        "fastapi",
        "starlette",
        "sqlalchemy",
        "alembic",
        "sciatica_coach.web",
        "sciatica_coach.storage",
    },
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def violates(name: str, forbidden: set[str]) -> bool:
    return any(name == f or name.startswith(f + ".") for f in forbidden)


@pytest.mark.parametrize("layer", list(FORBIDDEN))
def test_it_keeps_inner_layers_free_of_frameworks_and_adapters(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files
    bad = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files
        for name in sorted(imports_of(path))
        if violates(name, FORBIDDEN[layer])
    ]
    assert not bad, "\n".join(bad)


def test_it_would_notice_a_forbidden_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("import rich.console\nfrom sqlalchemy import select\n")
    assert {n for n in imports_of(module) if violates(n, FRAMEWORKS)} == {
        "rich.console",
        "sqlalchemy",
    }


def test_only_setup_opens_the_database_from_the_service_layer() -> None:
    opening = {"sciatica_coach.storage", "sciatica_coach.storage.database"}
    users = sorted(
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "coach").rglob("*.py")
        if imports_of(path) & opening
    )
    assert users == ["coach/setup.py"]
