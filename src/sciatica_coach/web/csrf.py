"""No other website can change the journal: every request that changes something must come
from our own pages (same origin) and carry the token our pages were given.

Why both: a page elsewhere can make the person's browser post a form here (cross-site request
forgery). The browser tells us where a request comes from (``Sec-Fetch-Site``, ``Origin``),
and we refuse any other site outright. Older browsers and non-browser clients may send
neither, so a token is needed as well: a random value in a ``SameSite=Strict; HttpOnly``
cookie, which another site can neither read nor make the browser send, must be echoed in the
``X-CSRF-Token`` header (our JavaScript reads it from ``<meta name="csrf-token">``) or in a
form's hidden ``csrf_token`` field (double-submit). Programs get one from ``GET /api/token``.
Pages carry it masked with a fresh pad each time (:func:`masked`), so compressing them gives
nothing away about it.

A pure ASGI middleware inside :class:`~sciatica_coach.web.guard.Guard`, so the Host and the
body size are already checked and a form's body is small enough to read here.
"""

from __future__ import annotations

import base64
import hmac
import html
import json
import secrets
from http.cookies import SimpleCookie
from urllib.parse import unquote_plus, urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import cookies
from .guard import PLAIN_PAGE, replay

COOKIE = "sciatica_csrf"
"""The token cookie's name over plain http; ``__Host-sciatica_csrf`` over HTTPS (and behind
TLS), where it is also ``Secure`` (:mod:`sciatica_coach.web.cookies`)."""
HEADER = "x-csrf-token"
FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SAME_SITE = frozenset({"same-origin", "none"})
"""``Sec-Fetch-Site`` values we accept: our own pages, or the person typing the address."""

CROSS_SITE = "This request came from another website, so it was refused. Nothing was changed."
NO_TOKEN = (
    "This page was out of date, so nothing was changed. Reload the page and try again; "
    "programs get a token from GET /api/token and send it as X-CSRF-Token."
)

REFUSED_PAGE = PLAIN_PAGE.format(title="Not sent", message="{message}")


class SameOriginOnly:
    """Refuse (403) a state-changing request from another site or without the page's token;
    give every visitor a token cookie and put it in ``request.state.csrf_token``."""

    def __init__(self, app: ASGIApp, secure: bool = False) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        secure = cookies.is_secure(scope, self.secure)
        name = cookies.named(COOKIE, secure)
        token = _cookie(headers.get("cookie", ""), name)
        if scope["method"] not in SAFE_METHODS:
            if not _same_origin(headers):
                await _refuse(send, scope, "cross_site", CROSS_SITE)
                return
            sent, receive = await _sent_token(headers, receive)
            if not token or not sent or not matches(sent, token):
                await _refuse(send, scope, "csrf_token", NO_TOKEN)
                return
        issued = None
        if not token:
            token = issued = new_token()
        scope.setdefault("state", {})["csrf_token"] = token

        async def send_with_cookie(message: Message) -> None:
            if issued and message["type"] == "http.response.start":
                header = _cookie_header(name, issued, secure)
                cookie = (b"set-cookie", header.encode("latin-1"))
                message = {**message, "headers": [*message.get("headers", []), cookie]}
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _cookie_header(name: str, token: str, secure: bool, max_age: int | None = None) -> str:
    flag = "; Secure" if secure else ""
    age = f"; Max-Age={max_age}" if max_age is not None else ""
    return f"{name}={token}; Path=/; HttpOnly; SameSite=Strict{age}{flag}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def rotate(request: Request, response: Response, token: str, max_age: int) -> None:
    """Give the browser ``token`` as its new CSRF secret, kept ``max_age`` seconds (at
    sign-in, where the sign-in is bound to it and lives as long), and use it for the rest of
    this request. The old one, which another page may have planted, is gone with it."""
    secure = cookies.is_secure(request.scope, cookies.behind_tls(request.scope))
    header = _cookie_header(cookies.named(COOKIE, secure), token, secure, max_age)
    response.headers.append("set-cookie", header)
    request.state.csrf_token = token


def forget(request: Request, response: Response) -> None:
    """Make the browser drop its token (a fresh one comes with the next page), under the name
    and with the flags it was set with for this request's scheme."""
    secure = cookies.is_secure(request.scope, cookies.behind_tls(request.scope))
    response.delete_cookie(
        cookies.named(COOKIE, secure), path="/", secure=secure, httponly=True, samesite="strict"
    )


def masked(token: str) -> str:
    """The token as a page carries it: a fresh random pad, then the token XORed with it.

    Every page then holds different bytes for the same token, so a compressed page's length
    tells nothing about it (BREACH: pages are gzipped, and may echo what was typed)."""
    raw = token.encode("ascii")
    pad = secrets.token_bytes(len(raw))
    hidden = bytes(a ^ b for a, b in zip(pad, raw, strict=True))
    return base64.urlsafe_b64encode(pad + hidden).decode("ascii")


def matches(sent: str, token: str) -> bool:
    """Whether ``sent`` is the token, as the cookie holds it or masked by a page."""
    if hmac.compare_digest(sent.encode("ascii", "replace"), token.encode("ascii", "replace")):
        return True
    try:
        both = base64.urlsafe_b64decode(sent.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return False
    half = len(both) // 2
    if half == 0 or len(both) != 2 * half:
        return False
    unmasked = bytes(a ^ b for a, b in zip(both[:half], both[half:], strict=True))
    return hmac.compare_digest(unmasked, token.encode("ascii", "replace"))


def _cookie(header: str, name: str) -> str:
    try:
        jar = SimpleCookie(header)
    except Exception:  # a malformed Cookie header is no token, not a crash
        return ""
    morsel = jar.get(name)
    return morsel.value if morsel is not None else ""


def _same_origin(headers: dict[str, str]) -> bool:
    """What the browser says of the request's origin agrees with the Host it was sent to.

    ``Sec-Fetch-Site`` is set by the browser alone, so when it is there it decides. Else an
    ``Origin`` must name this Host; ``null`` (what a browser sends under our
    ``Referrer-Policy: no-referrer``) or no header at all says nothing: the token decides."""
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.strip().lower() in SAME_SITE
    origin = headers.get("origin", "null").strip().lower()
    if origin == "null":
        return True
    try:
        netloc = urlsplit(origin).netloc
    except ValueError:
        return False
    return bool(netloc) and netloc == headers.get("host", "").strip().lower()


async def _sent_token(headers: dict[str, str], receive: Receive) -> tuple[str, Receive]:
    """The token from the header, or else from an urlencoded form's ``csrf_token`` field (the
    body is read here and handed on unchanged)."""
    if headers.get(HEADER):
        return headers[HEADER], receive
    if not headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return "", receive
    chunks: list[bytes] = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    return _field(body.decode("latin-1"), FIELD), replay(body)


def _field(form: str, name: str) -> str:
    """The first value of ``name`` in an urlencoded ``form``, as ``parse_qs`` reads it.

    Any number of fields is looked through (the body is already capped by the guard), so a
    form with too many fields is no crash here: with the token it reaches the form parser
    behind, which answers 400 ``bad_body`` (security review M-6)."""
    for pair in form.split("&"):
        key, _, value = pair.partition("=")
        if value and unquote_plus(key) == name:
            return unquote_plus(value)
    return ""


async def _refuse(send: Send, scope: Scope, code: str, message: str) -> None:
    """JSON for programs; a page (with the way back) for a person whose form was refused."""
    if scope["path"].startswith("/api/"):
        body = json.dumps({"detail": {"code": code, "message": message}}).encode()
        kind = b"application/json"
    else:
        body = REFUSED_PAGE.format(message=html.escape(message)).encode()
        kind = b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 403, "headers": headers})
    await send({"type": "http.response.body", "body": body})
