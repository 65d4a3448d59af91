"""The /lan/trust page: plain steps for iOS and Android, the authority's certificate only
when serving with ``--lan``, and honesty about what works until it is trusted."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sciatica_coach.cli.certificates import ensure_certificates
from sciatica_coach.coach.setup import LAN_CA_VARIABLE
from tests.cli.test_serve_lan import NOW


def test_without_lan_the_page_explains_and_there_is_nothing_to_download(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(LAN_CA_VARIABLE, raising=False)
    page = client.get("/lan/trust")
    assert page.status_code == 200
    assert "serve --lan" in page.text and 'href="/lan/ca.crt"' not in page.text
    missing = client.get("/lan/ca.crt")
    assert missing.status_code == 404
    assert "was not started with" in missing.text and "BEGIN" not in missing.text


def test_with_lan_it_offers_the_public_certificate_only(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    files = ensure_certificates(tmp_path, ["192.168.1.20"], NOW)
    monkeypatch.setenv(LAN_CA_VARIABLE, str(files.ca_cert))
    page = client.get("/lan/trust")
    assert 'href="/lan/ca.crt"' in page.text
    download = client.get("/lan/ca.crt")
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/x-x509-ca-cert"
    assert download.content == files.ca_cert.read_bytes()
    assert b"PRIVATE KEY" not in download.content


def test_the_steps_name_the_phone_settings_and_what_works_until_trusted(
    client: TestClient,
) -> None:
    text = " ".join(client.get("/lan/trust").text.split())
    for step in (
        "Settings &gt; General &gt; VPN &amp; Device Management",
        "Settings &gt; General &gt; About &gt; Certificate Trust Settings",
        "Settings &gt; Security &gt; Encryption &amp; credentials &gt; Install a certificate "
        "&gt; CA certificate",
    ):
        assert step in text
    assert "cannot be installed or used offline" in text
    assert "the screen may turn off" in text
