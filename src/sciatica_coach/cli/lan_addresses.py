"""This computer's addresses on the home network, for ``serve --lan``.

A phone cannot resolve the computer's name (often ``127.0.1.1`` on Debian), so the server
must name, allow and put in its certificate the IPv4 addresses the phone really reaches.
Finding candidates touches the system; choosing among them is a pure function, tested alone.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

PROBES = ("10.255.255.255", "172.31.255.255", "192.168.255.255")
"""Private addresses to 'connect' a UDP socket to: the kernel picks the source address of the
route it would use, and no packet is sent."""


def lan_addresses(candidates: Iterable[str]) -> list[str]:
    """The private, non-loopback, non-link-local IPv4 addresses among ``candidates``, sorted
    and without repeats: the ones a phone on the same home network can reach."""
    found: set[ipaddress.IPv4Address] = set()
    for text in candidates:
        try:
            ip = ipaddress.ip_address(text.strip())
        except ValueError:
            continue
        if not isinstance(ip, ipaddress.IPv4Address) or not ip.is_private:
            continue
        if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified):
            found.add(ip)
    return [str(ip) for ip in sorted(found)]


def candidate_addresses() -> list[str]:
    """Every IPv4 address this computer seems to have: its name's (if it really has that
    address: a stale /etc/hosts may name another) and its routes'."""
    seen: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        seen += [str(info[4][0]) for info in infos if _is_mine(str(info[4][0]))]
    except OSError:
        pass
    for probe in PROBES:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            try:
                udp.connect((probe, 9))
                seen.append(str(udp.getsockname()[0]))
            except OSError:
                continue
    return seen


def _is_mine(address: str) -> bool:
    """Whether a socket can be bound to ``address``: only this computer's own addresses."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((address, 0))
        except OSError:
            return False
    return True


def this_computers_lan_addresses() -> list[str]:
    return lan_addresses(candidate_addresses())
