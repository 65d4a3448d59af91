"""compose.yaml's promises, checked without Docker (the hosted test then runs its topology):
all four services restart and report their health, the database lives in a volume and is
backed up, and Caddy and the app read the very files the hosted test reads."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .settings import (
    CADDYFILE,
    EXAMPLE_ENV,
    ROOT,
    app_command,
    app_environment,
    compose,
    env_file,
    interpolate,
    service,
)

DOT_ENV = env_file(EXAMPLE_ENV)


def test_every_service_restarts_and_reports_its_health() -> None:
    services = compose()["services"]
    assert set(services) == {"db", "app", "proxy", "backup"}
    for name, spec in services.items():
        assert spec["restart"] == "unless-stopped", name
        assert spec["healthcheck"]["test"][0] in ("CMD", "CMD-SHELL"), name
    assert "pg_isready" in services["db"]["healthcheck"]["test"][1]
    assert any("/api/health" in word for word in services["app"]["healthcheck"]["test"])
    assert services["app"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["proxy"]["depends_on"]["app"]["condition"] == "service_healthy"


def test_the_database_is_in_a_volume_and_backed_up_daily_seven_kept() -> None:
    data = compose()
    assert "db-data:/var/lib/postgresql/data" in service("db")["volumes"]
    assert "db-data" in data["volumes"]
    backup = service("backup")
    assert "./deploy/backup.sh:/usr/local/bin/backup.sh:ro" in backup["volumes"]
    assert backup["environment"]["BACKUP_KEEP"] == "7"
    assert backup["environment"]["BACKUP_EVERY_SECONDS"] == "86400"
    assert (ROOT / "deploy" / "backup.sh").stat().st_mode & 0o111


def test_caddy_and_the_app_read_the_files_the_hosted_test_reads() -> None:
    proxy, app = service("proxy"), service("app")
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    assert (ROOT / app["env_file"]).is_file() and app["env_file"] == "deploy/app.env"
    settings = app_environment(DOT_ENV)
    assert settings["SCIATICA_COACH_ACCOUNTS"] == "on"
    assert settings["SCIATICA_COACH_BEHIND_TLS"] == "1"
    assert settings["SCIATICA_COACH_ALLOWED_HOSTS"] == DOT_ENV["SITE_ADDRESS"]
    assert settings["SCIATICA_COACH_DATABASE_URL"].startswith("postgresql+psycopg://coach:")
    command = app_command(DOT_ENV)
    assert command[:2] == ["sciatica-coach", "serve"] and "--accounts" in command
    assert command[command.index("--workers") + 1] == DOT_ENV["APP_WORKERS"]
    assert app_command({})[app_command({}).index("--workers") + 1] == "2"


def test_settings_missing_from_env_stop_compose_with_a_message() -> None:
    with pytest.raises(KeyError, match="set SITE_ADDRESS"):
        app_environment({"POSTGRES_PASSWORD": "x"})
    assert interpolate("${A:-b}/${A}/${C-d}", {"A": ""}) == "b//d"


@pytest.mark.skipif(shutil.which("caddy") is None, reason="needs Debian's caddy (make caddy)")
@pytest.mark.parametrize("issuer", ["acme", "internal"])
def test_the_caddyfile_is_valid_and_sends_hsts(issuer: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "SITE_ADDRESS": "coach.test",
        "CERT_ISSUER": issuer,
        "XDG_DATA_HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    adapt = ["caddy", "adapt", "--config", str(CADDYFILE), "--adapter", "caddyfile"]
    adapted = subprocess.run(adapt, env=env, capture_output=True, text=True, timeout=30)
    assert adapted.returncode == 0, adapted.stderr
    assert '"Strict-Transport-Security":["max-age=31536000"]' in adapted.stdout
    assert '"dial":"app:8000"' in adapted.stdout and f'"module":"{issuer}"' in adapted.stdout
    assert '"install_trust":false' in adapted.stdout
