"""A runner for the CLI that keeps stdout and stderr apart."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from sciatica_coach.cli.app import app


class Cli:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, typed: str | None = None) -> Result:
        """Run the CLI with ``args``; ``typed`` is what the person types at the prompts."""
        return self.runner.invoke(app, list(args), input=typed, catch_exceptions=False)

    def json(self, *args: str) -> Any:
        result = self(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def cli() -> Cli:
    return Cli()
