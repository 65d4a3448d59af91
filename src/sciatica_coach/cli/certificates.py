"""The local certificate authority and server certificate behind ``serve --lan``.

A phone allows install, offline use and the screen wake lock only over HTTPS, and a home
server has no public name a public authority would certify. So the app makes its own
authority once, kept (0600) in the data folder beside the journal and reused across runs, so
the phone has to trust it only once; the server certificate it signs names the LAN addresses
and is made again when they change or when it is within 30 days of expiring.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PRIVATE_FILE = 0o600
"""Keys and certificates are for the owner only, as every file the app writes."""

CA_YEARS = 10
SERVER_DAYS = 365
RENEW_WITHIN = timedelta(days=30)
CA_NAME = "Sciatica Coach local authority"


@dataclass(frozen=True)
class LanFiles:
    """Where the authority and the server's certificate and keys are kept."""

    folder: Path

    @property
    def ca_cert(self) -> Path:
        return self.folder / "lan-ca.crt"

    @property
    def ca_key(self) -> Path:
        return self.folder / "lan-ca.key"

    @property
    def cert(self) -> Path:
        return self.folder / "lan-server.crt"

    @property
    def key(self) -> Path:
        return self.folder / "lan-server.key"


def ensure_certificates(folder: Path, addresses: list[str], now: datetime) -> LanFiles:
    """Make (or reuse) the authority, and a server certificate for exactly ``addresses``
    valid beyond the next 30 days from ``now``; return where they are."""
    files = LanFiles(folder)
    if not (files.ca_cert.exists() and files.ca_key.exists()):
        _write_authority(files, now)
    ca_key = serialization.load_pem_private_key(files.ca_key.read_bytes(), password=None)
    ca_cert = x509.load_pem_x509_certificate(files.ca_cert.read_bytes())
    assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
    if not _still_good(files, ca_cert, addresses, now):
        _write_server(files, ca_cert, ca_key, addresses, now)
    return files


def ip_names(cert: x509.Certificate) -> list[str]:
    """The IP addresses a certificate names (its subject alternative names)."""
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    return sorted(str(ip) for ip in names.get_values_for_type(x509.IPAddress))


def _still_good(
    files: LanFiles, ca_cert: x509.Certificate, addresses: list[str], now: datetime
) -> bool:
    if not (files.cert.exists() and files.key.exists()):
        return False
    cert = x509.load_pem_x509_certificate(files.cert.read_bytes())
    return (
        cert.issuer == ca_cert.subject
        and cert.not_valid_after_utc - now > RENEW_WITHIN
        and ip_names(cert) == sorted(str(ipaddress.ip_address(a)) for a in addresses)
    )


def _write_authority(files: LanFiles, now: datetime) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, CA_NAME)])
    cert = (
        _builder(name, name, key.public_key(), now, timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    _write_private(files.ca_key, _key_bytes(key))
    _write_private(files.ca_cert, cert.public_bytes(serialization.Encoding.PEM))


def _write_server(
    files: LanFiles,
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    addresses: list[str],
    now: datetime,
) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Sciatica Coach at home")])
    ips = [x509.IPAddress(ipaddress.ip_address(a)) for a in addresses]
    cert = (
        _builder(subject, ca_cert.subject, key.public_key(), now, timedelta(days=SERVER_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(x509.SubjectAlternativeName(ips), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    _write_private(files.key, _key_bytes(key))
    _write_private(files.cert, cert.public_bytes(serialization.Encoding.PEM))


def _builder(
    subject: x509.Name,
    issuer: x509.Name,
    public_key: ec.EllipticCurvePublicKey,
    now: datetime,
    valid_for: timedelta,
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))  # a phone's clock a little behind
        .not_valid_after(now + valid_for)
    )


def _usage(cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign, content_commitment=False, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=cert_sign,
        crl_sign=cert_sign, encipher_only=False, decipher_only=False,
    )  # fmt: skip


def _key_bytes(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` readable by the owner only, whatever the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "wb") as out:
        os.chmod(path, PRIVATE_FILE)  # os.fchmod is POSIX only (before Python 3.13)
        out.write(data)
