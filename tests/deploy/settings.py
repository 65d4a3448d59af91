"""compose.yaml read as Docker Compose reads it, for the tests that run its topology without
Docker: the app's command and environment (``env_file`` then ``environment``, with
``${NAME}``, ``${NAME:-default}`` and ``${NAME:?message}`` filled in from ``.env`` values),
so what the hosted test starts is what compose would start."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "compose.yaml"
CADDYFILE = ROOT / "deploy" / "Caddyfile"
EXAMPLE_ENV = ROOT / "deploy" / "example.env"
PLACEHOLDER = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<word>[^}]*))?\}")


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return data


def service(name: str) -> dict[str, Any]:
    found: dict[str, Any] = compose()["services"][name]
    return found


def env_file(path: Path) -> dict[str, str]:
    """``NAME=value`` lines (comments and blank lines skipped), as compose's ``env_file``."""
    found: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            found[name.strip()] = value.strip()
    return found


def interpolate(value: str, env: Mapping[str, str]) -> str:
    """``value`` with compose's ``${...}`` placeholders filled in from ``env``."""

    def fill(match: re.Match[str]) -> str:
        name, op, word = match["name"], match["op"], match["word"]
        present = env.get(name)
        empty = present is None or (present == "" and op is not None and op.startswith(":"))
        if op and op.endswith("?") and empty:
            raise KeyError(f"{name}: {word}")
        if op and op.endswith("-") and empty:
            return str(word)
        return present or ""

    return PLACEHOLDER.sub(fill, value)


def app_command(env: Mapping[str, str]) -> list[str]:
    """The app service's command, as compose runs it."""
    return [interpolate(str(word), env) for word in service("app")["command"]]


def app_environment(env: Mapping[str, str]) -> dict[str, str]:
    """The app service's environment: its env_file, then its ``environment`` over it."""
    app = service("app")
    found = env_file(ROOT / app["env_file"])
    found.update({k: interpolate(str(v), env) for k, v in app["environment"].items()})
    return found


def with_option(command: list[str], option: str, value: str) -> list[str]:
    """``command`` with ``option``'s value replaced (it must be there already)."""
    at = command.index(option)
    return [*command[: at + 1], value, *command[at + 2 :]]
