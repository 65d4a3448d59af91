"""The layers stay apart: inner packages never import frameworks or outer adapters."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sciatica_coach"
FRAMEWORKS = {"typer", "rich", "fastapi", "starlette", "sqlalchemy", "alembic", "jinja2", "uvicorn"}
ADAPTERS = {"sciatica_coach.cli", "sciatica_coach.web", "sciatica_coach.storage"}

FORBIDDEN = {
    "content": FRAMEWORKS | ADAPTERS | {"sciatica_coach.domain"},
    "domain": FRAMEWORKS | ADAPTERS,
    "figures": FRAMEWORKS | ADAPTERS,
    # The web app is an adapter beside the CLI: it may use content, domain, figures, storage
    # and exports, never the CLI or the terminal's frameworks.
    "web": {"typer", "rich", "sciatica_coach.cli"},
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
