"""Only the person who started the server gets in (without accounts), as in Jupyter.

Why: the server listens on 127.0.0.1, and every user and process of the computer can connect
there, though none of them can read the 0700 folder the journal is in (security review H-1).
So ``serve`` puts a fresh key in the address it prints and opens (``/?token=…``); a request
that brings it gets a cookie and is sent on to the same address without the key (out of the
history and the address bar), and every other request without that cookie gets 401 — pages,
the API and the static files alike: nothing is served to someone who is not the owner.

The cookie is an HMAC of the folder's lasting cookie key, not the address key, so it survives
a restart (and a guided session with it) while an address from an old start stops working.
It is ``SameSite=Strict``, so when the address arrives from another site (the opener file the
browser is started on, whose navigation counts as cross-site) the browser would not send it
on a redirect; such a request gets a page that moves on by itself, from our own origin.

A pure ASGI middleware inside :class:`~sciatica_coach.web.guard.Guard` (the Host check and the
security headers apply to its answers) and outside the CSRF check (a stranger's POST is told
401, not 403).
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
from urllib.parse import parse_qsl, quote, urlencode

from starlette.types import ASGIApp, Receive, Scope, Send

from sciatica_coach.coach.owner import LET_IN_DAYS, OwnerKeys

from . import cookies

COOKIE = "sciatica_owner"
"""Over HTTPS (and behind TLS) ``__Host-sciatica_owner``, ``Secure``."""
TOKEN = "token"
COOKIE_DAYS = LET_IN_DAYS
CROSS = frozenset({"cross-site", "same-site"})
"""``Sec-Fetch-Site`` of a navigation on which a ``SameSite=Strict`` cookie is not sent."""

OWNER_ONLY = (
    "This Sciatica Coach belongs to whoever started it, and only they can use it. If that is "
    "you: open the address printed in the terminal where 'sciatica-coach serve' runs (it ends "
    "in ?token=…), or open {opener} in your browser; the key itself is in {key_file}."
)
OLD_KEY = (
    "The key in this address is out of date: the app has been restarted since (each start "
    "makes a new key), or the address was cut short."
)
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · Sciatica Coach</title>
<style>body{{font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}}
code{{word-break:break-all}}</style></head>
<body><main><h1>{title}</h1>{body}</main></body></html>
"""


def cookie_value(cookie_key: bytes) -> str:
    """The owner cookie for this data folder (the same for every start and worker)."""
    return hmac.new(cookie_key, b"sciatica-coach owner cookie v1", hashlib.sha256).hexdigest()


class OwnerOnly:
    """Exchange the address key for a cookie; refuse (401) any request without that cookie."""

    def __init__(self, app: ASGIApp, keys: OwnerKeys, secure: bool = False) -> None:
        self.app = app
        self.keys = keys
        self.secure = secure
        self.cookie = cookie_value(keys.cookie_key).encode("ascii")
        self.address_key = (keys.address_key or "").encode("ascii")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or await self._owner(scope, send):
            await self.app(scope, receive, send)

    async def _owner(self, scope: Scope, send: Send) -> bool:
        """Whether the request goes on in; if not, it has been answered here."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        sent = [value for key, value in query if key == TOKEN]
        secure = cookies.is_secure(scope, self.secure)
        if sent and self._is_address_key(sent[-1]):
            rest = [(key, value) for key, value in query if key != TOKEN]
            await self._let_in(send, scope, headers, secure, rest)
            return False
        if self._has_cookie(headers.get("cookie", ""), cookies.named(COOKIE, secure)):
            return True
        await self._refuse(send, scope, headers, stale=bool(sent))
        return False

    def _is_address_key(self, sent: str) -> bool:
        given = sent.encode("utf-8", "surrogateescape")
        return bool(self.address_key) and hmac.compare_digest(given, self.address_key)

    def _has_cookie(self, header: str, name: str) -> bool:
        for part in header.split(";"):
            key, _, value = part.strip().partition("=")
            if key == name and hmac.compare_digest(value.strip().encode("latin-1"), self.cookie):
                return True
        return False

    async def _let_in(
        self,
        send: Send,
        scope: Scope,
        headers: dict[str, str],
        secure: bool,
        rest: list[tuple[str, str]],
    ) -> None:
        path = "/" + quote(str(scope["path"]).lstrip("/"), safe="/-._~!$&'()*+,;=:@")
        location = path + (f"?{urlencode(rest)}" if rest else "")
        flags = "; Secure" if secure else ""
        max_age = COOKIE_DAYS * 24 * 3600
        name = cookies.named(COOKIE, secure)
        cookie = f"{name}={self.cookie.decode()}; Path=/; Max-Age={max_age}; HttpOnly"
        cookie += f"; SameSite=Strict{flags}"
        extra = [(b"set-cookie", cookie.encode("latin-1"))]
        if headers.get("sec-fetch-site", "") in CROSS:
            target = html.escape(location, quote=True)
            body = (
                f'<meta http-equiv="refresh" content="0;url={target}">'
                f'<p>You are in. <a href="{target}">Continue to Sciatica Coach</a>.</p>'
            )
            page = PAGE.format(title="Opening", body=body)
            await _answer(send, 200, b"text/html; charset=utf-8", page.encode(), extra)
            return
        extra.append((b"location", location.encode("latin-1")))
        await _answer(send, 303, b"text/plain; charset=utf-8", b"", extra)

    async def _refuse(
        self, send: Send, scope: Scope, headers: dict[str, str], stale: bool = False
    ) -> None:
        """401; ``stale``: a key was sent, but not this start's (the server was restarted
        since the address was printed, or it was mistyped): say that first."""
        opener, key_file = self.keys.opener_file, self.keys.address_key_file
        path = str(scope["path"])
        said = (OLD_KEY + " " if stale else "") + OWNER_ONLY
        if path.startswith("/api/") or "text/html" not in headers.get("accept", ""):
            message = said.format(opener=opener, key_file=key_file)
            detail = {"detail": {"code": "owner_only", "message": message}}
            await _answer(send, 401, b"application/json", json.dumps(detail).encode())
            return
        words = html.escape(said).format(
            opener=f"<code>{html.escape(str(opener))}</code>",
            key_file=f"<code>{html.escape(str(key_file))}</code>",
        )
        page = PAGE.format(title="Only for the person who started it", body=f"<p>{words}</p>")
        await _answer(send, 401, b"text/html; charset=utf-8", page.encode())


async def _answer(
    send: Send,
    status: int,
    media: bytes,
    body: bytes,
    extra: list[tuple[bytes, bytes]] | None = None,
) -> None:
    headers = [
        (b"content-type", media),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
