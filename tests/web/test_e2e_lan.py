"""``serve --lan`` for real, on a home network the test makes: a network namespace joined to
this one by a veth pair (10.213.N.1 here, 10.213.N.2 inside, its default route through .1).
The command runs inside with no ``--lan-address``, so it must find 10.213.N.2 itself; Chromium
out here, trusting only the certificate that run made, reaches it over HTTPS, signs up, and
signs in again over the plain-http fallback; a wrong Host gets a page a person can read.
Traffic stays on this computer. Where namespaces are not allowed, 127.0.0.2 stands in for
the home-network address (on Linux all of 127/8 is this computer), and a warning says so.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import signal
import ssl
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright

from tests.web.browser import ARTIFACTS, CHROMIUM, PHONE, free_port

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
STAND_IN = "127.0.0.2"
SHOTS = ARTIFACTS / "lan"
PASSWORD = "a phrase for the phone"
HOST_DONE = Path("/tmp/coord/hosted-cookies-done")


@dataclass(frozen=True)
class HomeNetwork:
    address: str  # the server's address on it, as the phone reaches it
    namespace: str | None  # None: the 127.0.0.2 stand-in


def spki_hash(cert_file: Path) -> str:
    """What Chromium's --ignore-certificate-errors-spki-list takes: base64 SHA-256 of the key."""
    cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
    der = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(der).digest()).decode()


def ip(*args: str, inside: str | None = None) -> None:
    command = ["ip", "netns", "exec", inside, "ip", *args] if inside else ["ip", *args]
    subprocess.run(command, check=True, capture_output=True, timeout=20)


@contextmanager
def home_network() -> Iterator[HomeNetwork]:
    """A namespace with a veth pair to this one (removed after), or the stand-in."""
    pid = os.getpid()
    n = pid % 250 + 1
    name, here, there = f"coach-lan-{pid}", f"vh{pid}", f"vn{pid}"
    try:
        if shutil.which("ip") is None:
            raise OSError("no 'ip' command")
        ip("netns", "add", name)
        ip("link", "add", here, "type", "veth", "peer", "name", there)
        ip("link", "set", there, "netns", name)
        ip("addr", "add", f"10.213.{n}.1/24", "dev", here)
        ip("link", "set", here, "up")
        ip("addr", "add", f"10.213.{n}.2/24", "dev", there, inside=name)
        ip("link", "set", there, "up", inside=name)
        ip("link", "set", "lo", "up", inside=name)
        ip("route", "add", "default", "via", f"10.213.{n}.1", inside=name)
    except (OSError, subprocess.SubprocessError) as error:
        _remove(name, here)
        said = (getattr(error, "stderr", b"") or b"").decode().strip()
        why = f"{error}: {said}" if said else str(error)
        warnings.warn(
            f"network namespaces are not allowed here ({why}); "
            f"{STAND_IN} stands in for the home-network address",
            stacklevel=1,
        )
        yield HomeNetwork(STAND_IN, None)
        return
    try:
        yield HomeNetwork(f"10.213.{n}.2", name)
    finally:
        _remove(name, here)


def _remove(name: str, here: str) -> None:
    """Deleting the namespace deletes its end of the pair, and so the pair."""
    for command in (["ip", "netns", "del", name], ["ip", "link", "del", here]):
        subprocess.run(command, capture_output=True, timeout=20, check=False)


@dataclass(frozen=True)
class LanServer:
    address: str
    https: str
    http: str
    folder: Path
    in_namespace: bool


@pytest.fixture
def lan_server(tmp_path: Path) -> Iterator[LanServer]:
    """``serve --lan --accounts`` in its own data folder on the home network; stopped after."""
    with home_network() as net:
        port = free_port()
        env = {**os.environ, "SCIATICA_COACH_HOME": str(tmp_path)}
        env.pop("SCIATICA_COACH_DATABASE_URL", None)
        command = [str(Path(sys.executable).parent / "sciatica-coach"), "serve", "--lan"]
        command += ["--accounts", "--port", str(port)]
        if net.namespace:  # the address is found, not given; the http port is the default
            command = ["ip", "netns", "exec", net.namespace, *command]
            http_port = port + 1
        else:
            http_port = free_port()
            command += ["--lan-address", STAND_IN, "--http-port", str(http_port)]
        with (tmp_path / "said.txt").open("w") as log:
            server = subprocess.Popen(
                command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
            try:
                https = f"https://{net.address}:{port}/"
                _wait_for(https, server, tmp_path)
                yield LanServer(
                    net.address, https, f"http://{net.address}:{http_port}/", tmp_path,
                    net.namespace is not None,
                )  # fmt: skip
            finally:
                os.killpg(server.pid, signal.SIGTERM)  # as Ctrl+C: both servers stop
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(server.pid, signal.SIGKILL)
                    server.wait(timeout=5)
                    pytest.fail("serve --lan did not stop within 10 s of SIGTERM")
        assert server.returncode == 0, (tmp_path / "said.txt").read_text()


def _wait_for(url: str, server: subprocess.Popen[bytes], folder: Path) -> None:
    for _ in range(300):  # up to 30 s on a busy machine
        if (folder / "lan-server.crt").exists():
            trusted = ssl.create_default_context(cafile=str(folder / "lan-ca.crt"))
            try:
                httpx.get(url + "lan/trust", verify=trusted, timeout=1)
                return
            except httpx.TransportError:
                pass
        assert server.poll() is None, (folder / "said.txt").read_text()
        time.sleep(0.1)
    raise AssertionError(f"serve --lan did not answer within 30 s: {url}")


def test_a_phone_reaches_serve_lan_over_https_and_http_and_a_wrong_host_is_explained(
    lan_server: LanServer,
) -> None:
    lan = lan_server
    said = (lan.folder / "said.txt").read_text()
    assert lan.https in said and lan.http in said and "lan/trust" in said and "▀" in said
    assert said.index(lan.https) < said.index("▀") < said.index(lan.http)  # https, QR first
    assert max(len(line) for line in said.splitlines()) <= 80
    trusted = ssl.create_default_context(cafile=str(lan.folder / "lan-ca.crt"))
    wrong = {"Host": "vm", "Accept": "application/json"}
    refused = httpx.get(lan.https + "api/health", headers=wrong, verify=trusted, timeout=5)
    assert refused.status_code == 400 and refused.json()["detail"]["code"] == "wrong_host"
    spki = spki_hash(lan.folder / "lan-server.crt")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                f"--ignore-certificate-errors-spki-list={spki}",
                f"--host-resolver-rules=MAP vm {lan.address}",  # the name phones cannot use
            ],
        )
        try:
            phone = browser.new_context(**PHONE)
            page = phone.new_page()
            page.goto(lan.https + "lan/trust")
            assert page.evaluate("window.isSecureContext") is True
            expect(page.get_by_role("link", name="Download the certificate")).to_be_visible()
            page.screenshot(path=str(SHOTS / "lan-trust.png"), full_page=True)
            page.goto(lan.https + "signup")
            page.fill("#name", "ann")
            page.fill("#password", PASSWORD)
            page.fill("#again", PASSWORD)
            page.get_by_role("button", name="Make my account").click()
            expect(page.get_by_role("heading", level=1)).to_contain_text("Safety check")
            page.screenshot(path=str(SHOTS / "lan-signed-up-https.png"))
            secure_cookies = phone.cookies()

            # The same phone, over the plain-http fallback (before it trusts the certificate):
            # its https cookies are not sent there, so it signs in there too, and that works.
            page.goto(lan.http + "journal")
            assert "/signin" in page.url and page.url.startswith("http://")
            secure = page.evaluate("window.isSecureContext")
            assert secure is not lan.in_namespace  # 127.0.0.2 is this computer: secure
            page.fill("#name", "ann")
            page.fill("#password", PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Your journal")
            assert page.url.startswith(lan.http)
            assert all(not c["secure"] for c in phone.cookies(lan.http))
            if HOST_DONE.exists():  # cookies are Secure per request scheme (helper "hosted")
                assert secure_cookies and all(c["secure"] for c in secure_cookies)
                assert all(c["name"].startswith("__Host-") for c in secure_cookies)
            page.goto(lan.https + "journal")  # and back over https: still signed in there
            expect(page.get_by_role("heading", level=1)).to_have_text("Your journal")

            wrong_host = page.goto(lan.http.replace(lan.address, "vm"))
            assert wrong_host is not None and wrong_host.status == 400
            expect(page.get_by_role("heading", level=1)).to_contain_text("not at this address")
            expect(page.locator("main")).to_contain_text(lan.address)
            expect(page.locator("main")).to_contain_text("sciatica-coach serve --lan")
            page.screenshot(path=str(SHOTS / "lan-wrong-host.png"))
            if lan.in_namespace:  # the page links the address a phone can use: it works
                page.get_by_role("link", name=lan.http.removeprefix("http://")[:-1]).click()
                expect(page.get_by_role("heading", level=1)).not_to_contain_text("not at this")
                assert page.url.startswith(lan.http)
            phone.close()
        finally:
            browser.close()
        stranger = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:  # a browser that does not trust this run's certificate is warned, not served
            with pytest.raises(PlaywrightError, match="ERR_CERT_AUTHORITY_INVALID"):
                stranger.new_page().goto(lan.https)
        finally:
            stranger.close()
    if not lan.in_namespace:
        pytest.skip(f"passed with {STAND_IN} standing in: network namespaces are not allowed")
