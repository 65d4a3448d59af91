"""``serve`` without accounts answers only whoever started it (security review H-1): another
user of the same computer gets 401 on every route, and the browser is opened without the key
on any command line."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sciatica_coach.web.app import ROUTERS
from tests.web.every_page import api_routes
from tests.web.owner import owner_cookie

from .served import said, serving

OTHER_USER_SECONDS = 120
OTHER_PYTHON = Path("/usr/bin/python3")

ASK_EVERYTHING = """
import json, sys, urllib.request, urllib.error
base, asked = sys.argv[1], json.load(sys.stdin)
found = []
for method, path in asked:
    data = b"{}" if method != "GET" else None
    request = urllib.request.Request(base + path, data=data, method=method,
        headers={"Content-Type": "application/json", "Accept": "text/html,application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            found.append([method, path, answer.status])
    except urllib.error.HTTPError as error:
        found.append([method, path, error.code])
print(json.dumps(found))
"""


def test_only_the_address_key_lets_a_browser_in_and_its_cookie_outlives_a_restart(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    with serving(home, "--no-open") as base:
        key = (home / "web-key").read_text().strip()
        assert f"{base}/?token={key}" in said(home)
        assert str(home / "open-web-app.html") in " ".join(said(home).split())
        assert httpx.get(f"{base}/").status_code == 401
        assert httpx.get(f"{base}/api/health").json()["detail"]["code"] == "owner_only"
        cookie = owner_cookie(base, home)
        assert httpx.get(f"{base}/", headers={"Cookie": cookie}).status_code == 200
    for name in ("web-key", "web-cookie.key", "open-web-app.html"):
        assert stat.S_IMODE((home / name).stat().st_mode) == 0o600, name
    with serving(home, "--no-open") as base:
        assert (home / "web-key").read_text().strip() != key
        assert httpx.get(f"{base}/?token={key}").status_code == 401  # last start's address
        assert httpx.get(f"{base}/api/health", headers={"Cookie": cookie}).status_code == 200


def test_the_browser_is_opened_on_a_private_page_never_on_the_key(tmp_path: Path) -> None:
    """``ps`` shows every command line to every user: the key must not be on one."""
    home, seen = tmp_path / "home", tmp_path / "browser-was-given.txt"
    browser = tmp_path / "record-browser"
    browser.write_text(f'#!/bin/sh\necho "$@" > {seen}\n')
    browser.chmod(0o700)
    env = {"BROWSER": str(browser), "DISPLAY": ":99"}
    with serving(home, "--open", env=env):
        deadline = time.monotonic() + 30
        while not seen.exists() or not seen.read_text().strip():
            assert time.monotonic() < deadline, "the browser was not opened within 30 s"
            time.sleep(0.2)
        key = (home / "web-key").read_text().strip()
    given = seen.read_text().strip()
    assert given == (home / "open-web-app.html").as_uri()
    assert key not in given
    assert key in (home / "open-web-app.html").read_text()


@pytest.fixture
def other_user() -> Iterator[str]:
    """A second account on this computer, removed after the test."""
    if os.geteuid() != 0 or not all(shutil.which(t) for t in ("useradd", "userdel", "runuser")):
        pytest.skip("needs root, useradd and runuser to make a second user")
    if not OTHER_PYTHON.exists():
        pytest.skip("needs /usr/bin/python3 for the second user")
    name = f"scgate{secrets.token_hex(3)}"
    subprocess.run(
        ["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
        check=True,
        timeout=30,
    )
    try:
        yield name
    finally:
        subprocess.run(["userdel", name], check=False, timeout=30)


def every_route(base: str, cookie: str) -> list[tuple[str, str]]:
    """Every operation of the OpenAPI document and every page, path parameters set to 1."""
    schema = httpx.get(f"{base}/api/openapi.json", headers={"Cookie": cookie}).json()
    asked = [
        (method.upper(), fill(path))
        for path, operations in schema["paths"].items()
        for method in operations
    ]
    pages = [
        (method, fill(route.path))
        for router in ROUTERS
        for top in router.routes
        for route in api_routes(top)
        if not route.path.startswith("/api/")
        for method in sorted(route.methods or ())
    ]
    return [*asked, *pages, ("GET", "/api/openapi.json"), ("GET", "/static/app.css")]


def fill(path: str) -> str:
    parts = [("1" if p.startswith("{") and p.endswith("}") else p) for p in path.split("/")]
    return "/".join(parts)


def test_another_user_of_this_computer_gets_401_on_every_route(
    tmp_path: Path, other_user: str
) -> None:
    home = tmp_path / "home"
    with serving(home, "--no-open") as base:
        cookie = owner_cookie(base, home)
        asked = every_route(base, cookie)
        assert len(asked) > 60
        other = subprocess.run(
            ["runuser", "-u", other_user, "--", str(OTHER_PYTHON), "-c", ASK_EVERYTHING, base],
            input=json.dumps(asked),
            capture_output=True,
            text=True,
            timeout=OTHER_USER_SECONDS,
            cwd="/",
        )
        assert other.returncode == 0, other.stderr
        answers = json.loads(other.stdout)
        assert len(answers) == len(asked)
        let_in = [answer for answer in answers if answer[2] != 401]
        assert not let_in, let_in
        assert httpx.get(f"{base}/", headers={"Cookie": cookie}).status_code == 200
        # the folder with the key is the owner's alone
        peek = subprocess.run(
            ["runuser", "-u", other_user, "--", "cat", str(home / "web-key")],
            capture_output=True,
            timeout=30,
        )
        assert peek.returncode != 0
