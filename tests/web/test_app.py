"""The app factory, the ``serve`` command, the API docs and the shared rules with the CLI."""

from __future__ import annotations

import io
import os
import re
import socket
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sciatica_coach.cli.app import app as cli_app
from sciatica_coach.cli.serve_command import is_loopback
from sciatica_coach.content import default_knowledge_base
from sciatica_coach.exports.pdf_kit import disclaimer
from sciatica_coach.web import create_app
from tests.web.browser import free_port
from tests.web.conftest import FakeClock, local_client


def test_the_factory_creates_the_journal_once(tmp_path: Path) -> None:
    url = f"sqlite+pysqlite:///{tmp_path / 'new.sqlite3'}"
    app = create_app(url, clock=FakeClock())
    assert (tmp_path / "new.sqlite3").exists()
    with local_client(app) as client:
        assert client.get("/").status_code == 200


def test_the_factory_uses_the_environment_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCIATICA_COACH_HOME", str(tmp_path))
    monkeypatch.delenv("SCIATICA_COACH_DATABASE_URL", raising=False)
    create_app()
    assert (tmp_path / "journal.sqlite3").exists()


def test_pages_are_phone_ready_and_load_only_local_files(client: TestClient) -> None:
    page = client.get("/").text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "http://" not in page.split("<footer")[0].replace('href="http', "")
    assert client.get("/static/app.css").status_code == 200
    for script in ("map.js", "session.js", "screen.js"):
        assert client.get(f"/static/{script}").status_code == 200


def test_every_page_ends_with_the_apps_disclaimer(client: TestClient) -> None:
    kb = default_knowledge_base()
    net = kb.screening.safety_net
    for path in ("/", "/learn", "/plan", "/no-such-page", "/offline"):
        footer = client.get(path).text.split('<footer class="site">')[1]
        assert f"<strong>{net.disclaimer}</strong>" in footer, path
        assert all(sign.text in footer for sign in kb.emergency_signs), path  # the one list
    # the printouts say the same disclaimer, and where the list is
    assert disclaimer(kb) == f"{net.disclaimer} {net.emergency_pointer}"


def test_the_api_is_documented_offline(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/sessions/{session_id}/events" in schema["paths"]
    assert all(path.startswith("/api/") for path in schema["paths"])
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "/api/screenings" in docs.text
    assert "cdn" not in docs.text.lower()


def test_unknown_pages_get_a_friendly_page_and_the_api_json(client: TestClient) -> None:
    page = client.get("/no-such-page")
    assert page.status_code == 404
    assert "Page not found" in page.text
    api = client.get("/api/no-such-thing")
    assert api.status_code == 404
    assert api.json() == {"detail": "Not Found"}


def test_serve_prints_the_address_and_runs_uvicorn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: dict[str, Any] = {}

    def fake_run(app: object, **options: Any) -> None:
        calls.update(app=app, **options)

    monkeypatch.setattr("uvicorn.run", fake_run)
    monkeypatch.delenv("SCIATICA_COACH_DATABASE_URL", raising=False)
    url = f"sqlite+pysqlite:///{tmp_path / 'serve.sqlite3'}"
    port = str(free_port())
    args = ["serve", "--port", port, "--database-url", url, "--workers", "3", "--no-open"]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    assert f"http://127.0.0.1:{port}" in result.output
    assert (calls["host"], calls["port"], calls["workers"]) == ("127.0.0.1", int(port), 3)
    assert calls["app"] == "sciatica_coach.web.app:app_from_env" and calls["factory"] is True
    assert os.environ["SCIATICA_COACH_DATABASE_URL"] == url  # every worker opens this journal


def test_serve_says_so_when_the_port_is_taken(tmp_path: Path) -> None:
    url = f"sqlite+pysqlite:///{tmp_path / 'serve.sqlite3'}"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(cli_app, ["serve", "--port", port, "--database-url", url])
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in " ".join(result.output.split())


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "coach.example"])
def test_serve_refuses_an_address_beyond_this_computer(host: str) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--host", host])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert f"will not listen on {host} without accounts" in said and "--host 127.0.0.1" in said
    assert "--accounts" in said and "users add NAME" in said


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20"])
def test_serve_beyond_this_computer_with_accounts_says_where_it_listens(
    host: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: dict[str, Any] = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **options: calls.update(options))
    for name in ("SCIATICA_COACH_ACCOUNTS", "SCIATICA_COACH_ALLOWED_HOSTS"):
        monkeypatch.setenv(name, "")  # restored after the test: serve sets both
    url = f"sqlite+pysqlite:///{tmp_path / 'serve.sqlite3'}"
    monkeypatch.setattr("sciatica_coach.cli.serve_command.port_free", lambda host, port: True)
    args = ["serve", "--host", host, "--port", "8123", "--database-url", url, "--accounts"]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert f"running at http://{host}:8123" in said and "Accounts are on" in said
    assert calls["host"] == host
    assert os.environ["SCIATICA_COACH_ACCOUNTS"] == "on"
    if host != "0.0.0.0":
        assert host in os.environ["SCIATICA_COACH_ALLOWED_HOSTS"].split(",")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_addresses_are_this_computer(host: str) -> None:
    assert is_loopback(host)


def test_serve_reports_a_journal_it_cannot_open(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--database-url", "nonsense://x"])
    assert result.exit_code == 1
    assert "could not be opened" in result.output


def test_make_run_starts_the_web_app() -> None:
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    run = makefile.split("\nrun: setup\n", 1)[1].splitlines()[0]
    assert run.strip() == "$(BIN)/sciatica-coach serve"


def test_the_app_can_be_installed_on_a_phone(client: TestClient) -> None:
    from PIL import Image

    manifest = client.get("/static/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    data = manifest.json()
    assert data["display"] == "standalone" and data["start_url"] == "/"
    assert data["id"] == "/"  # the installed app keeps its identity if start_url changes
    assert len(data["short_name"]) <= 12  # Chrome's advice: shown whole under the icon
    assert "orientation" not in data  # WCAG 2.1 SC 1.3.4: either way up, as the person holds it
    sizes = set()
    for icon in data["icons"]:
        response = client.get(icon["src"])
        assert response.status_code == 200
        with Image.open(io.BytesIO(response.content)) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes
    page = client.get("/").text
    assert '<link rel="manifest" href="/static/manifest.webmanifest">' in page
    assert re.search(r'<script src="/static/app\.[0-9a-f]{10}\.js" defer></script>', page)
    worker = client.get("/sw.js")
    assert worker.headers["content-type"].startswith("text/javascript")
    assert "caches" in worker.text and "/journal" not in worker.text  # nothing personal
    assert client.get("/favicon.ico").headers["content-type"] == "image/png"
    assert "You are offline" in client.get("/offline").text
    assert 'href="/api/docs"' in client.get("/about").text
