"""What ``serve --lan`` adds to ``serve``: the addresses, the certificate, the QR codes.

Kept apart from the command so the steps can be tested one by one, and so ``serve`` without
``--lan`` loads no cryptography.
"""

from __future__ import annotations

import io
import ipaddress
import os
from dataclasses import dataclass
from datetime import UTC, datetime

import segno

from sciatica_coach.coach.setup import ALLOWED_HOSTS_VARIABLE as ALLOWED_HOSTS
from sciatica_coach.coach.setup import LAN_CA_VARIABLE, data_folder

from .certificates import LanFiles, ensure_certificates
from .lan_addresses import this_computers_lan_addresses


@dataclass(frozen=True)
class LanSetup:
    addresses: list[str]
    files: LanFiles


class NoAddress(Exception):
    """No address on the home network was found or given; the message says what to do."""


def choose_addresses(given: list[str] | None, found: list[str] | None = None) -> list[str]:
    """The addresses named with ``--lan-address`` (checked), else those found on this
    computer (``found``, for tests), else :class:`NoAddress`."""
    if given:
        try:
            return [str(ipaddress.ip_address(a.strip())) for a in given]
        except ValueError as error:
            raise NoAddress(f"--lan-address takes an IP address: {error}") from None
    chosen = this_computers_lan_addresses() if found is None else found
    if not chosen:
        raise NoAddress(
            "no address on a home network was found; is this computer connected? "
            "Name one with --lan-address (see 'ip addr' or your network settings)."
        )
    return chosen


def prepare(given: list[str] | None, now: datetime | None = None) -> LanSetup:
    """Find the addresses, allow only them (and this computer) as Host, and make or reuse
    the certificates; every worker reads the environment set here."""
    addresses = choose_addresses(given)
    files = ensure_certificates(data_folder(), addresses, now or datetime.now(UTC))
    os.environ[ALLOWED_HOSTS] = ",".join(_host(a) for a in addresses)
    os.environ[LAN_CA_VARIABLE] = str(files.ca_cert)
    return LanSetup(addresses, files)


def urls(addresses: list[str], port: int) -> list[str]:
    return [f"https://{_host(a)}:{port}/" for a in addresses]


def qr_code(url: str) -> str:
    """``url`` as a QR code of half-height blocks: 33 columns for a typical address."""
    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def _host(address: str) -> str:
    return f"[{address}]" if ":" in address else address
