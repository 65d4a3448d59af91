"""Whether this request's cookies are ``Secure``, and what they are called then.

Decided per request, not per app: the same app answers ``https`` (uvicorn's own TLS, or a
trusted proxy's ``X-Forwarded-Proto``) and, on a home network, plain ``http``. Over HTTPS, or
when ``SCIATICA_COACH_BEHIND_TLS=1`` says a proxy in front serves HTTPS, a cookie is ``Secure``
and named with the ``__Host-`` prefix: the browser then keeps it only if it came over HTTPS
with ``Path=/`` and no ``Domain``, so a page on another port or a sibling name of the same
host cannot plant its own sign-in or token there (security review M-2, cookie tossing).
Over plain http the names stay plain, as browsers allow no prefix there.
"""

from __future__ import annotations

from starlette.types import Scope

HOST_PREFIX = "__Host-"
SECURE_SCHEMES = frozenset({"https", "wss"})


def is_secure(scope: Scope, behind_tls: bool) -> bool:
    """Whether cookies for this request are ``Secure`` (and ``__Host-`` named)."""
    return behind_tls or scope.get("scheme", "http") in SECURE_SCHEMES


def named(base: str, secure: bool) -> str:
    """The cookie's name for a request that is (or is not) secure."""
    return HOST_PREFIX + base if secure else base


def behind_tls(scope: Scope) -> bool:
    """What the app was told at start (``SCIATICA_COACH_BEHIND_TLS``), from the app itself."""
    app = scope.get("app")
    return bool(getattr(getattr(app, "state", None), "secure_cookies", False))
