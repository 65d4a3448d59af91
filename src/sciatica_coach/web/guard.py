"""The outer wall every request passes: the Host it was sent to, its size, and the security
headers on every answer.

Why here and not in each route: the journal is health data served on 127.0.0.1, and a web page
from anywhere can make the person's browser send requests there. A DNS-rebinding page reaches
us with its own name in ``Host``, so only the names of this computer are answered; a huge body
would tie up a worker, so bodies are capped; and every answer tells the browser not to frame,
sniff, cache or leak it. A pure ASGI middleware, so it sees each request before FastAPI does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .wrong_host import wrong_host_page

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
MAX_BODY_BYTES = 1_000_000

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # The body-map SVGs carry their own <style> so a downloaded file looks right alone.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
NO_STORE = (b"cache-control", b"no-store")


@dataclass(frozen=True)
class AllowedHosts:
    """Host header values this server answers: ``name`` (any port) or ``name:port``."""

    entries: frozenset[str]

    @classmethod
    def of(cls, names: Iterable[str]) -> AllowedHosts:
        return cls(frozenset(n.strip().lower() for n in names if n.strip()))

    def allows(self, host: str) -> bool:
        host = host.strip().lower()
        if host in self.entries:
            return True
        name, _, port = host.rpartition(":") if not host.endswith("]") else (host, "", "")
        return bool(name) and port.isascii() and port.isdigit() and name in self.entries


LOCAL = AllowedHosts.of(LOOPBACK_NAMES)


class Guard:
    """Refuse a wrong Host (400) or a body over the cap (413); add the security headers."""

    def __init__(
        self, app: ASGIApp, hosts: AllowedHosts = LOCAL, max_body: int = MAX_BODY_BYTES
    ) -> None:
        self.app = app
        self.hosts = hosts
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if not self.hosts.allows(headers.get("host", "")):
            names = ", ".join(sorted(self.hosts.entries))
            if "text/html" in headers.get("accept", ""):  # a person, in a browser
                asked, scheme = headers.get("host", ""), str(scope.get("scheme", "http"))
                page = wrong_host_page(asked, scheme, sorted(self.hosts.entries))
                await _answer(send, 400, b"text/html; charset=utf-8", page.encode())
                return
            await _refuse(send, 400, "wrong_host", f"This app answers only at: {names}.")
            return
        length = headers.get("content-length", "")
        if length and not (length.isascii() and length.isdigit() and int(length) <= self.max_body):
            await _refuse(send, 413, "too_large", self._too_large())
            return
        if not length and scope["method"] in ("POST", "PUT", "PATCH"):
            body = await _read_up_to(receive, self.max_body)
            if body is None:
                await _refuse(send, 413, "too_large", self._too_large())
                return
            receive = replay(body)
        personal = not scope["path"].startswith("/static/")
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in SECURITY_HEADERS if h[0] not in names]
                if personal and NO_STORE[0] not in names:
                    extra.append(NO_STORE)
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # A bug behind: answer here, with the headers, rather than leave it to Starlette's
            # outermost 500 (plain text, no headers); then let it be logged as before.
            if not started:
                await _server_error(send, scope["path"].startswith("/api/"))
            raise

    def _too_large(self) -> str:
        return f"That is more than this app takes in one go ({self.max_body // 1000} kB)."


async def _read_up_to(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes ``limit``."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def replay(body: bytes) -> Receive:
    """A ``receive`` that hands on a body already read, for the app behind."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


SERVER_ERROR = (
    "Something went wrong on our side. What you sent may not have been saved: check, then "
    "try again, and if it happens again, please report it."
)
PLAIN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · Sciatica Coach</title><link rel="stylesheet" href="/static/app.css"></head>
<body><main id="main" class="wrap"><h1>{title}</h1><p>{message}</p>
<p><a href="/">Go to the home page</a></p></main></body></html>
"""
"""A page that needs no template: for answers given outside the app (a refusal, a bug)."""


async def _server_error(send: Send, api: bool) -> None:
    """500 with the security headers: JSON for programs, a page for a person."""
    if api:
        await _refuse(send, 500, "server_error", SERVER_ERROR)
        return
    page = PLAIN_PAGE.format(title="Something went wrong", message=SERVER_ERROR).encode()
    await _answer(send, 500, b"text/html; charset=utf-8", page)


async def _refuse(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"detail": {"code": code, "message": message}}).encode()
    await _answer(send, status, b"application/json", body)


async def _answer(send: Send, status: int, media: bytes, body: bytes) -> None:
    headers = [
        (b"content-type", media),
        (b"content-length", str(len(body)).encode()),
        NO_STORE,
        *SECURITY_HEADERS,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
