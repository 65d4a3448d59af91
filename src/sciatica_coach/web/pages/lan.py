"""The page that helps a phone trust ``serve --lan``'s own certificate authority, once.

Over plain http a phone gives the app no install, no offline use and no screen wake lock;
over HTTPS with an authority it does not know, it shows a warning. Trusting the authority
that ``serve --lan`` made (its public certificate only, offered here) fixes both. The
download exists only when serving with ``--lan``, which names the file in the environment.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from sciatica_coach.coach.setup import LAN_CA_VARIABLE

from ..templating import error_page, render

router = APIRouter(include_in_schema=False)

CA_MEDIA_TYPE = "application/x-x509-ca-cert"


def authority_file() -> Path | None:
    named = os.environ.get(LAN_CA_VARIABLE, "").strip()
    return Path(named) if named and Path(named).is_file() else None


@router.get("/lan/trust", response_class=HTMLResponse)
async def trust_page(request: Request) -> HTMLResponse:
    secure = request.url.scheme == "https"
    context = {"section": "", "offered": authority_file() is not None, "secure": secure}
    return render(request, "lan_trust.html", context)


@router.get("/lan/ca.crt", response_model=None)
async def authority_certificate(request: Request) -> Response:
    found = authority_file()
    if found is None:
        return error_page(
            request, 404, "No certificate here",
            "This server was not started with 'sciatica-coach serve --lan', so it has no "
            "home-network certificate to offer.",
        )  # fmt: skip
    return Response(
        found.read_bytes(),
        media_type=CA_MEDIA_TYPE,
        headers={"Content-Disposition": 'attachment; filename="sciatica-coach-ca.crt"'},
    )
