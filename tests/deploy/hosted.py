"""The hosted topology of compose.yaml started from Debian packages, for the hosted test:
PostgreSQL (a fresh schema in the test server), the app from compose's command and
environment, and Caddy with deploy/Caddyfile and its own authority (``CERT_ISSUER=internal``).
Each process runs in its own process group and is stopped, then killed, on the way out."""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import create_engine, text

from ..web.browser import free_port
from .settings import CADDYFILE, app_command, app_environment, with_option

SITE = "coach.test"
DOT_ENV = {"SITE_ADDRESS": SITE, "POSTGRES_PASSWORD": "not-used-here"}
"""The ``.env`` compose would read; the database URL is replaced by the test's own."""


@dataclass(frozen=True)
class Hosted:
    https_port: int
    app_port: int
    serve: subprocess.Popen[bytes]
    caddy_data: Path
    logs: Path

    @property
    def leaf(self) -> Path:
        return self.caddy_data / "caddy" / "certificates" / "local" / SITE / f"{SITE}.crt"

    @property
    def root(self) -> Path:
        return self.caddy_data / "caddy" / "pki" / "authorities" / "local" / "root.crt"

    def said(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in self.logs.glob("*.log"))


def postgres_server() -> str:
    """The test PostgreSQL server's URL (``make postgres``), or a skip that says why not."""
    url = os.environ.get("SCIATICA_COACH_TEST_POSTGRES_URL", "").strip()
    if os.environ.get("SCIATICA_COACH_SKIP_POSTGRES") == "1" or not url:
        pytest.skip("needs PostgreSQL: SCIATICA_COACH_TEST_POSTGRES_URL (make postgres)")
    engine = create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure to connect means "not here"
        pytest.skip(f"PostgreSQL at the test URL does not answer: {error}")
    finally:
        engine.dispose()
    return url


@contextmanager
def fresh_schema(server_url: str) -> Iterator[str]:
    """A schema of its own in the test server (the test role may not make databases): the URL
    puts it first on the search path, so the app's tables and migrations go there."""
    schema = f"hosted_{secrets.token_hex(4)}"
    engine = create_engine(server_url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
        joiner = "&" if "?" in server_url else "?"
        yield f"{server_url}{joiner}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        engine.dispose()


@contextmanager
def process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("w") as out:
        started = subprocess.Popen(
            args, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield started
        finally:
            stop(started)


def stop(started: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the whole group (the app's workers too), SIGKILL after 10 s."""
    try:
        os.killpg(started.pid, signal.SIGTERM)
        started.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(started.pid, signal.SIGKILL)
        started.wait(timeout=5)
    except ProcessLookupError:
        pass


@contextmanager
def hosted(database_url: str, folder: Path) -> Iterator[Hosted]:
    """The three services up and answering over HTTPS at ``coach.test`` (within 60 s)."""
    app_port, https_port, http_port = free_port(), free_port(), free_port()
    command = app_command(DOT_ENV)
    command = with_option(with_option(command, "--host", "127.0.0.1"), "--port", str(app_port))
    command[0] = str(Path(sys.executable).parent / command[0])  # this checkout's sciatica-coach
    app_env = {
        **os.environ,
        **app_environment(DOT_ENV),
        "SCIATICA_COACH_DATABASE_URL": database_url,
        "SCIATICA_COACH_HOME": str(folder / "home"),
        "SCIATICA_COACH_SHOW_WORKER": "1",  # X-Served-By: which worker to kill
        "FORWARDED_ALLOW_IPS": "127.0.0.1",  # where this test's Caddy is (compose: its own)
    }
    caddy_env = {
        **os.environ,
        "SITE_ADDRESS": SITE,
        "CERT_ISSUER": "internal",
        "APP_UPSTREAM": f"127.0.0.1:{app_port}",
        "HTTPS_PORT": str(https_port),
        "HTTP_PORT": str(http_port),
        "CADDY_ADMIN": "off",
        "XDG_DATA_HOME": str(folder / "caddy-data"),
        "XDG_CONFIG_HOME": str(folder / "caddy-config"),
        "HOME": str(folder),
    }
    caddy = ["caddy", "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"]
    logs = folder / "logs"
    logs.mkdir()
    with ExitStack() as stack:
        serve = stack.enter_context(process(command, app_env, logs / "app.log"))
        proxy = stack.enter_context(process(caddy, caddy_env, logs / "caddy.log"))
        up = Hosted(https_port, app_port, serve, folder / "caddy-data", logs)
        deadline = time.monotonic() + 60
        while True:
            assert serve.poll() is None and proxy.poll() is None, up.said()
            if up.root.exists() and up.leaf.exists():
                try:
                    if fetch(up, "/api/health")[0] == 200:
                        break
                except OSError:
                    pass
            assert time.monotonic() < deadline, "not up within 60 s\n" + up.said()
            time.sleep(0.2)
        yield up


def fetch(up: Hosted, path: str) -> tuple[int, dict[str, str]]:
    """GET ``path`` from https://coach.test as a client trusting only Caddy's own authority:
    the status and the headers as they came on the wire."""
    trusted = ssl.create_default_context(cafile=str(up.root))
    request = f"GET {path} HTTP/1.1\r\nHost: {SITE}\r\nConnection: close\r\n\r\n".encode()
    answer = b""
    with (
        socket.create_connection(("127.0.0.1", up.https_port), timeout=10) as raw,
        trusted.wrap_socket(raw, server_hostname=SITE) as tls,
    ):
        tls.sendall(request)
        while b"\r\n\r\n" not in answer:
            chunk = tls.recv(65536)
            if not chunk:
                break
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in head[1:])}
    return int(head[0].split()[1]), headers


def spki_hash(cert_file: Path) -> str:
    """What Chromium's --ignore-certificate-errors-spki-list takes: base64 SHA-256 of the key."""
    cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
    der = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(der).digest()).decode()


def workers(serve: subprocess.Popen[bytes]) -> set[int]:
    """The app's worker processes: uvicorn's children started by multiprocessing (not its
    resource tracker)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == serve.pid and b"spawn_main" in cmdline:
            found.add(int(entry.name))
    return found
