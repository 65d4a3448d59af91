"""``serve --lan``: the addresses it picks, the certificates it makes and keeps, and its
refusal to open the journal to the network without accounts."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509

from sciatica_coach.cli import serve_lan
from sciatica_coach.cli.certificates import (
    RENEW_WITHIN,
    SERVER_DAYS,
    ensure_certificates,
    ip_names,
)
from sciatica_coach.cli.lan_addresses import lan_addresses
from sciatica_coach.coach.setup import LAN_CA_VARIABLE
from tests.cli.conftest import Cli, flat

NOW = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)


def test_only_private_ipv4_addresses_a_phone_can_reach_are_kept() -> None:
    seen = [
        "127.0.0.1", "127.0.1.1", "192.168.1.20", "192.168.1.20", "10.0.0.5", "169.254.3.4",
        "8.8.8.8", "fe80::1", "fd00::5", "0.0.0.0", "not an address", " 172.16.4.2 ",
    ]  # fmt: skip
    assert lan_addresses(seen) == ["10.0.0.5", "172.16.4.2", "192.168.1.20"]


def test_nothing_found_is_said_with_what_to_do() -> None:
    with pytest.raises(serve_lan.NoAddress, match="--lan-address"):
        serve_lan.choose_addresses(None, found=[])
    assert serve_lan.choose_addresses(None, found=["192.168.1.20"]) == ["192.168.1.20"]
    assert serve_lan.choose_addresses(["127.0.0.2"]) == ["127.0.0.2"]
    with pytest.raises(serve_lan.NoAddress, match="IP address"):
        serve_lan.choose_addresses(["my-laptop"])


def load(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def test_the_certificates_are_private_name_the_addresses_and_chain_to_the_authority(
    tmp_path: Path,
) -> None:
    files = ensure_certificates(tmp_path, ["192.168.1.20", "10.0.0.5"], NOW)
    for path in (files.ca_cert, files.ca_key, files.cert, files.key):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
    server, ca = load(files.cert), load(files.ca_cert)
    assert ip_names(server) == ["10.0.0.5", "192.168.1.20"]
    server.verify_directly_issued_by(ca)
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert server.not_valid_after_utc == NOW + timedelta(days=SERVER_DAYS)


def test_a_second_run_reuses_the_authority_and_a_still_good_certificate(tmp_path: Path) -> None:
    first = ensure_certificates(tmp_path, ["192.168.1.20"], NOW)
    ca, server = first.ca_cert.read_bytes(), first.cert.read_bytes()
    again = ensure_certificates(tmp_path, ["192.168.1.20"], NOW + timedelta(days=100))
    assert again.ca_cert.read_bytes() == ca
    assert again.cert.read_bytes() == server


def test_the_certificate_is_renewed_near_expiry_by_the_same_authority(tmp_path: Path) -> None:
    first = ensure_certificates(tmp_path, ["192.168.1.20"], NOW)
    ca, old = first.ca_cert.read_bytes(), load(first.cert)
    near = old.not_valid_after_utc - RENEW_WITHIN + timedelta(hours=1)
    renewed = ensure_certificates(tmp_path, ["192.168.1.20"], near)
    assert renewed.ca_cert.read_bytes() == ca
    new = load(renewed.cert)
    assert new.not_valid_after_utc == near + timedelta(days=SERVER_DAYS)
    new.verify_directly_issued_by(load(renewed.ca_cert))


def test_new_addresses_get_a_new_certificate(tmp_path: Path) -> None:
    ensure_certificates(tmp_path, ["192.168.1.20"], NOW)
    moved = ensure_certificates(tmp_path, ["192.168.1.31"], NOW + timedelta(days=1))
    assert ip_names(load(moved.cert)) == ["192.168.1.31"]


def test_prepare_allows_exactly_the_lan_addresses_and_names_the_authority(
    own_journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCIATICA_COACH_ALLOWED_HOSTS", "somewhere.else")
    monkeypatch.delenv(LAN_CA_VARIABLE, raising=False)
    setup = serve_lan.prepare(["192.168.1.20"], now=NOW)
    assert os.environ["SCIATICA_COACH_ALLOWED_HOSTS"] == "192.168.1.20"
    assert os.environ[LAN_CA_VARIABLE] == str(own_journal / "lan-ca.crt")
    assert setup.files.cert.parent == own_journal  # beside the journal


def test_the_qr_code_fits_a_terminal() -> None:
    lines = serve_lan.qr_code("https://192.168.100.200:65535/").splitlines()
    assert max(len(line) for line in lines) <= 40 and len(lines) <= 20
    assert set("".join(lines)) <= set("█▀▄ ")


def test_lan_without_accounts_is_refused(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCIATICA_COACH_ACCOUNTS", raising=False)
    result = cli("serve", "--lan", "--lan-address", "127.0.0.2")
    assert result.exit_code != 0
    assert "needs accounts" in flat(result.stderr) and "--accounts" in flat(result.stderr)


def test_lan_with_more_than_one_worker_is_refused(cli: Cli) -> None:
    result = cli("serve", "--lan", "--accounts", "--lan-address", "127.0.0.2", "--workers", "2")
    assert result.exit_code != 0
    said = flat(result.stderr)
    assert "one process" in said and "--workers" in said


def test_the_http_port_belongs_to_lan(cli: Cli) -> None:
    result = cli("serve", "--http-port", "8001")
    assert result.exit_code != 0 and "use it with --lan" in flat(result.stderr)


def test_the_http_port_must_differ_from_the_https_port(cli: Cli) -> None:
    args = ["--lan-address", "127.0.0.2", "--port", "18443", "--http-port", "18443"]
    result = cli("serve", "--lan", "--accounts", *args)
    assert result.exit_code != 0 and "--http-port" in flat(result.stderr)


def test_both_urls_are_made_for_every_address() -> None:
    found = ["10.0.0.5", "192.168.1.20"]
    assert serve_lan.urls(found, 8000) == ["https://10.0.0.5:8000/", "https://192.168.1.20:8000/"]
    assert serve_lan.urls(found, 8001, scheme="http")[1] == "http://192.168.1.20:8001/"
