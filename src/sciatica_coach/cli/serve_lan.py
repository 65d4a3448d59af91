"""What ``serve --lan`` adds to ``serve``: the addresses, the certificate, the QR codes.

Kept apart from the command so the steps can be tested one by one, and so ``serve`` without
``--lan`` loads no cryptography.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import ipaddress
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import segno

from sciatica_coach.coach.setup import ALLOWED_HOSTS_VARIABLE as ALLOWED_HOSTS
from sciatica_coach.coach.setup import LAN_CA_VARIABLE, data_folder

from .certificates import LanFiles, ensure_certificates
from .lan_addresses import this_computers_lan_addresses
from .proxies import proxy_options


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


def urls(addresses: list[str], port: int, scheme: str = "https") -> list[str]:
    return [f"{scheme}://{_host(a)}:{port}/" for a in addresses]


APP = "sciatica_coach.web.app:app_from_env"


def run_both(host: str, port: int, http_port: int, files: LanFiles) -> None:
    """HTTPS on ``port`` and plain http on ``http_port``, in this one process, until Ctrl+C
    or SIGTERM stops both. Plain http is the fallback for a phone that does not trust the
    authority yet; cookies there are not ``Secure``, as the request's scheme decides."""
    import uvicorn  # late: the other commands start faster without the web stack

    class OneOfTwo(uvicorn.Server):
        """A server that leaves the signals to :func:`run_both`, which stops both."""

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            yield

    def config(port: int, tls: LanFiles | None) -> uvicorn.Config:
        return uvicorn.Config(
            APP, factory=True, host=host, port=port, log_level="warning",
            ssl_certfile=str(tls.cert) if tls else None,
            ssl_keyfile=str(tls.key) if tls else None,
            **proxy_options(),
        )  # fmt: skip

    servers = [OneOfTwo(config(port, files)), OneOfTwo(config(http_port, None))]

    async def serve() -> None:
        def stop() -> None:
            for server in servers:
                server.force_exit = server.should_exit  # a second Ctrl+C: at once
                server.should_exit = True

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop)
        await asyncio.gather(*(server.serve() for server in servers))

    asyncio.run(serve())


def qr_code(url: str) -> str:
    """``url`` as a QR code of half-height blocks: 33 columns for a typical address."""
    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def _host(address: str) -> str:
    return f"[{address}]" if ":" in address else address
