"""HTTP methods as RFC 9110 has them: HEAD wherever GET is served, and a 405 that lists every
method its address takes.

Why here: a route knows only its own methods, and an address can have several routes
(``GET`` and ``POST /api/journal/pain`` are two), so the router's own 405 named only the
first it met (review D11). HEAD is GET without the body (§9.3.2), so it is answered by
running GET and sending its status and headers alone, the ``Content-Length`` included.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
"""The methods an address of this app may take (it serves no OPTIONS, TRACE or CONNECT)."""


def allowed_methods(request: Request) -> list[str]:
    """Every method some route takes at ``request``'s address, HEAD with GET."""
    routes = request.app.router.routes
    taken = [
        method
        for method in METHODS
        if method != "HEAD"
        and any(route.matches(_probe(request, method))[0] is Match.FULL for route in routes)
    ]
    if "GET" in taken:
        taken.insert(taken.index("GET") + 1, "HEAD")
    return taken


def _probe(request: Request, method: str) -> Scope:
    scope = request.scope
    return {
        "type": "http",
        "method": method,
        "path": scope["path"],
        "root_path": scope.get("root_path", ""),
        "headers": [],
        "query_string": b"",
    }


class HeadAsGet:
    """Answer HEAD as GET would, without the body. The outermost layer, so everything inside
    (the guard, gzip) sees the GET and the headers sent are the GET's own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        finished = False

        async def headers_only(message: Message) -> None:
            nonlocal finished
            if message["type"] == "http.response.start":
                await send(message)
            elif message["type"] == "http.response.body" and not finished:
                finished = True  # the end of the answer, whatever the body was
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, headers_only)
