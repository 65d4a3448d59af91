"""``serve --lan`` for real: the command in its own process, Chromium at a second loopback
address (127.0.0.2 stands in for the home-network address: on Linux all of 127/8 is this
computer) over HTTPS, trusting only the certificate that run made, and a wrong Host refused.
"""

from __future__ import annotations

import base64
import hashlib
import os
import signal
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tests.web.browser import ARTIFACTS, CHROMIUM, PHONE, free_port

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
ADDRESS = "127.0.0.2"
SHOTS = ARTIFACTS / "lan"


def spki_hash(cert_file: Path) -> str:
    """What Chromium's --ignore-certificate-errors-spki-list takes: base64 SHA-256 of the key."""
    cert = x509.load_pem_x509_certificate(cert_file.read_bytes())
    der = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(der).digest()).decode()


@pytest.fixture
def lan_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``serve --lan`` on a free port with its own data folder; stopped within 10 s after."""
    port = free_port()
    env = {**os.environ, "SCIATICA_COACH_HOME": str(tmp_path)}
    env.pop("SCIATICA_COACH_DATABASE_URL", None)
    args = ["serve", "--lan", "--lan-address", ADDRESS, "--accounts", "--port", str(port)]
    log = (tmp_path / "said.txt").open("w")
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "sciatica-coach"), *args],
        env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    url = f"https://{ADDRESS}:{port}/"
    try:
        for _ in range(200):  # up to 20 s on a busy machine
            if (tmp_path / "lan-server.crt").exists():
                trusted = ssl.create_default_context(cafile=str(tmp_path / "lan-ca.crt"))
                try:
                    httpx.get(url + "lan/trust", verify=trusted, timeout=1)
                    break
                except httpx.TransportError:
                    pass
            assert server.poll() is None, (tmp_path / "said.txt").read_text()
            time.sleep(0.1)
        else:
            raise AssertionError("serve --lan did not answer within 20 s")
        yield url, tmp_path
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
        log.close()


def test_chromium_reaches_serve_lan_over_https_and_a_wrong_host_is_refused(
    lan_server: tuple[str, Path],
) -> None:
    url, folder = lan_server
    said = (folder / "said.txt").read_text()
    assert url in said and "lan/trust" in said and "▀" in said  # the QR code
    assert max(len(line) for line in said.splitlines()) <= 80
    trusted = ssl.create_default_context(cafile=str(folder / "lan-ca.crt"))
    refused = httpx.get(url, headers={"Host": "evil.example"}, verify=trusted, timeout=5)
    assert refused.status_code == 400 and "wrong_host" in refused.text
    spki = spki_hash(folder / "lan-server.crt")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", f"--ignore-certificate-errors-spki-list={spki}"],
        )
        try:
            page = browser.new_context(**PHONE).new_page()
            page.goto(url + "lan/trust")
            assert page.url.startswith(f"https://{ADDRESS}:")
            assert page.evaluate("window.isSecureContext") is True
            assert page.get_by_role("link", name="Download the certificate").is_visible()
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "lan-trust.png"), full_page=True)
            home = page.goto(url)
            assert home is not None and home.ok and page.url.startswith("https://")
            page.screenshot(path=str(SHOTS / "lan-home.png"))
        finally:
            browser.close()
        stranger = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:  # a browser that does not trust this run's certificate is warned, not served
            with pytest.raises(PlaywrightError, match="ERR_CERT_AUTHORITY_INVALID"):
                stranger.new_page().goto(url)
        finally:
            stranger.close()
