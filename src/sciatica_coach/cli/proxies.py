"""Which proxies ``serve`` believes about the client's address and scheme: none, unless named.

Why: uvicorn by default takes ``X-Forwarded-For`` and ``X-Forwarded-Proto`` from any client on
127.0.0.1, so any local process could pick its own "address" and rotate past the sign-in
limits per address (security review M-3). The operator names the proxies in
``FORWARDED_ALLOW_IPS`` (uvicorn's own setting: addresses or networks, commas; compose.yaml
names its Caddy); without it the headers are ignored and the address is the connection's.
"""

from __future__ import annotations

import os
from typing import Any

TRUSTED_PROXIES_VARIABLE = "FORWARDED_ALLOW_IPS"


def proxy_options() -> dict[str, Any]:
    """uvicorn's options for the proxies named in ``$FORWARDED_ALLOW_IPS`` (or none)."""
    named = os.environ.get(TRUSTED_PROXIES_VARIABLE, "").strip()
    if not named:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": named}
