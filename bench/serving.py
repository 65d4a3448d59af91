"""Servers on 127.0.0.1 for the benchmarks, and a small HTTP/1.1 client over asyncio streams
(httpx costs more than the servers it would measure): requests per second, each request's
time, and the CPU a server spends."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import time
from pathlib import Path

import httpx

HTTP_SECONDS = 2.0
OWNER_COOKIES: dict[str, str] = {}
"""The owner cookie of each ``serve`` without accounts (web/owner_gate.py), by its URL."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """A server process on 127.0.0.1: how long until it first answers 200, and its memory."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [*argv, "--port", str(self.port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        key_file = Path(env.get("SCIATICA_COACH_HOME", ".")) / "web-key"
        deadline = started + 30
        while time.perf_counter() < deadline:
            try:
                if self._health(key_file) == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.01)
        else:
            self.stop()
            raise RuntimeError(f"{argv} did not answer within 30 s")
        self.start_seconds = time.perf_counter() - started

    def _health(self, key_file: Path) -> int:
        """``/api/health``'s status; a 401 (serve without accounts lets in only its owner)
        brings the address key first, as the owner's browser does."""
        owner = OWNER_COOKIES.get(self.url)
        status = httpx.get(
            f"{self.url}/api/health", timeout=1, headers={"Cookie": owner} if owner else None
        ).status_code
        if status != 401 or owner or not key_file.exists():
            return status
        key = key_file.read_text().strip()
        answer = httpx.get(f"{self.url}/?token={key}", follow_redirects=False, timeout=10)
        OWNER_COOKIES[self.url] = f"sciatica_owner={answer.cookies['sciatica_owner']}"
        return self._health(key_file)

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


async def requests_per_second(url: str, connections: int, request: bytes) -> float:
    """Requests answered per second by ``connections`` keep-alive connections sending
    ``request`` one after another. The client is a few lines over asyncio streams, so it
    costs far less than the servers it measures (httpx would be the bottleneck here)."""
    host, port = url.removeprefix("http://").split(":")
    done = 0
    stop_at = time.perf_counter() + HTTP_SECONDS

    async def worker() -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while time.perf_counter() < stop_at:
                await _exchange(reader, writer, request)
                done += 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return done / (time.perf_counter() - started)


def http_request(url: str, method: str, path: str, body: bytes = b"") -> bytes:
    """One HTTP/1.1 request as bytes, with the page's token the real server wants on a POST
    (the bare app ignores it)."""
    headers = {"Host": url.removeprefix("http://"), "Accept": "application/json"}
    owner = OWNER_COOKIES.get(url)
    if owner:
        headers["Cookie"] = owner
    if method == "POST":
        response = httpx.get(f"{url}/api/token", headers={"Cookie": owner} if owner else None)
        if response.status_code == 200:
            cookies = [f"{k}={v}" for k, v in response.cookies.items()]
            cookie = "; ".join([*cookies, *([owner] if owner else [])])
            headers |= {"Cookie": cookie, "X-CSRF-Token": response.json()["token"], "Origin": url}
        headers |= {"Content-Type": "application/json", "Content-Length": str(len(body))}
    lines = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    return "\r\n".join(lines).encode() + body


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> bytes:
    """Send one request on a kept-alive connection; its status line, checked to be 2xx."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = head.split(b" ", 2)[1]
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    await reader.readexactly(length)
    assert status.startswith(b"2"), head
    return status


def each_request(url: str, request: bytes, count: int) -> list[float]:
    """Seconds each of ``count`` requests took, one after another on one connection."""

    async def run() -> list[float]:
        host, port = url.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        times = []
        try:
            for _ in range(count):
                started = time.perf_counter()
                await _exchange(reader, writer, request)
                times.append(time.perf_counter() - started)
        finally:
            writer.close()
        return times

    return asyncio.run(run())


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (``/proc/PID/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_request(server: Server, request: bytes, count: int) -> float:
    """The server's CPU seconds per request, over ``count`` requests one after another."""
    before = cpu_seconds(server.process.pid)
    each_request(server.url, request, count)
    return (cpu_seconds(server.process.pid) - before) / count
