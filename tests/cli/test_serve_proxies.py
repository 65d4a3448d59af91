"""``serve`` believes ``X-Forwarded-For`` only from proxies it is told of (security review
M-3): otherwise any local client names its own address and rotates past the sign-in limit per
address. compose.yaml names its Caddy."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from sciatica_coach.cli.app import app as cli_app
from sciatica_coach.cli.proxies import proxy_options
from tests.deploy.settings import compose, env_file, service
from tests.web.browser import free_port

from .served import serving

PASSWORD = "not the right one at all"


def wrong_sign_ins(base: str, count: int) -> list[int]:
    """``count`` wrong sign-ins, each on a new name and with a new X-Forwarded-For."""
    statuses = []
    with httpx.Client(base_url=base, timeout=30) as client:
        token = client.get("/api/token").json()["token"]
        for n in range(count):
            answer = client.post(
                "/api/signin",
                json={"name": f"guess{n}", "password": PASSWORD},
                headers={"X-CSRF-Token": token, "X-Forwarded-For": f"203.0.113.{n + 1}"},
            )
            statuses.append(answer.status_code)
    return statuses


def test_rotating_x_forwarded_for_does_not_rotate_past_the_limit_per_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    with serving(tmp_path / "home", "--accounts", "--no-open") as base:
        statuses = wrong_sign_ins(base, 20)
    assert statuses[:5] == [422] * 5
    assert statuses[5:] == [429] * 15


def test_a_named_proxy_is_believed(tmp_path: Path) -> None:
    env = {"FORWARDED_ALLOW_IPS": "127.0.0.1"}
    with serving(tmp_path / "home", "--accounts", "--no-open", env=env) as base:
        statuses = wrong_sign_ins(base, 8)
    assert statuses == [422] * 8  # eight addresses, as the proxy says, one try each


def test_serve_tells_uvicorn_to_believe_no_proxy_unless_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: dict[str, Any] = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **options: calls.update(options))
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    url = f"sqlite+pysqlite:///{tmp_path / 'serve.sqlite3'}"
    args = ["serve", "--port", str(free_port()), "--database-url", url, "--no-open"]
    assert CliRunner().invoke(cli_app, args).exit_code == 0
    assert calls["proxy_headers"] is False and "forwarded_allow_ips" not in calls
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.1.2.3")
    assert CliRunner().invoke(cli_app, args).exit_code == 0
    assert calls["proxy_headers"] is True and calls["forwarded_allow_ips"] == "10.1.2.3"


def test_the_proxy_options_are_off_unless_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "  ")
    assert proxy_options() == {"proxy_headers": False}
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "172.30.29.10")
    assert proxy_options() == {"proxy_headers": True, "forwarded_allow_ips": "172.30.29.10"}


def test_compose_names_its_caddy_and_nothing_else() -> None:
    named = service("app")["environment"]["FORWARDED_ALLOW_IPS"]
    caddy = service("proxy")["networks"]["inside"]["ipv4_address"]
    assert named == caddy
    (subnet,) = (c["subnet"] for c in compose()["networks"]["inside"]["ipam"]["config"])
    assert ipaddress.ip_address(caddy) in ipaddress.ip_network(subnet)
    app_env = env_file(Path(__file__).resolve().parents[2] / service("app")["env_file"])
    assert "FORWARDED_ALLOW_IPS" not in app_env  # never "*"
