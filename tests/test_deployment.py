"""The deployment files (Dockerfile, compose.yaml, deploy/Caddyfile): what they promise is
checked here. Docker itself is used only where the machine has a running daemon and the
compose plugin (this project's CI machine has the client alone, so those tests skip there)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text())
    return data


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continued lines joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]


def test_the_app_runs_as_its_own_user_with_accounts_and_workers() -> None:
    steps = dockerfile()
    base = next(args for kind, args in steps if kind == "FROM")
    assert base.startswith("python:3.1") and int(base.split(":3.")[1].split("-")[0]) >= 11
    users = [args for kind, args in steps if kind == "USER"]
    assert users and users[-1] not in ("root", "0")
    command = next(args for kind, args in reversed(steps) if kind == "CMD")
    for word in ('"serve"', '"--accounts"', '"--workers"', '"0.0.0.0"'):
        assert word in command
    assert any(kind == "HEALTHCHECK" and "/api/health" in args for kind, args in steps)
    env = " ".join(args for kind, args in steps if kind == "ENV")
    assert "SCIATICA_COACH_ACCOUNTS=on" in env and "SCIATICA_COACH_BEHIND_TLS=1" in env


def test_compose_puts_only_the_tls_proxy_on_the_outside() -> None:
    services = compose()["services"]
    assert set(services) == {"db", "app", "proxy", "backup"}
    assert all("ports" not in services[name] for name in ("app", "db", "backup"))
    assert "443:443" in services["proxy"]["ports"]
    assert compose()["networks"]["inside"]["internal"] is True
    assert services["app"]["networks"] == ["inside"] and services["db"]["networks"] == ["inside"]
    env = services["app"]["environment"]
    app_env = (ROOT / services["app"]["env_file"]).read_text()  # what the hosted test loads
    assert "SCIATICA_COACH_ACCOUNTS=on" in app_env and "SCIATICA_COACH_BEHIND_TLS=1" in app_env
    assert env["SCIATICA_COACH_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "${SITE_ADDRESS" in env["SCIATICA_COACH_ALLOWED_HOSTS"]
    assert services["app"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "POSTGRES_PASSWORD:?" in services["db"]["environment"]["POSTGRES_PASSWORD"]


def test_the_proxy_sends_everything_to_the_app() -> None:
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "{$SITE_ADDRESS}" in caddyfile and "reverse_proxy {$APP_UPSTREAM:app:8000}" in caddyfile
    mounted = compose()["services"]["proxy"]["volumes"]
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in mounted
    example = (ROOT / "deploy" / "example.env").read_text()
    assert "SITE_ADDRESS=" in example and "POSTGRES_PASSWORD=" in example


def docker_ready() -> bool:
    if shutil.which("docker") is None:
        return False
    checks = (["docker", "info"], ["docker", "compose", "version"])
    return all(
        subprocess.run(check, capture_output=True, timeout=20).returncode == 0 for check in checks
    )


@pytest.mark.skipif(not docker_ready(), reason="needs a Docker daemon and the compose plugin")
def test_compose_file_is_valid_for_docker(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("SITE_ADDRESS=coach.test\nPOSTGRES_PASSWORD=test-password-123\n")
    result = subprocess.run(
        ["docker", "compose", "--env-file", str(env), "-f", str(ROOT / "compose.yaml"), "config"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
