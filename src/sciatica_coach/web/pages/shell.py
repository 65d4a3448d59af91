"""The app around the pages: the service worker (at the site's root, so it may serve every
page), the favicon browsers ask for by themselves, the page shown offline, and About.

Why the service worker is served here and not from ``/static/``: a worker's reach is the
folder it comes from, and it must reach ``/learn`` and ``/offline``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from sciatica_coach import __version__

from ..templating import STATIC, render

router = APIRouter(include_in_schema=False)


@router.get("/sw.js")
async def service_worker() -> FileResponse:
    return FileResponse(
        STATIC / "sw.js",
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@router.get("/favicon.ico")
async def favicon() -> FileResponse:
    return FileResponse(
        STATIC / "favicon-32.png",
        media_type="image/png",
        headers={"Cache-Control": "max-age=86400"},
    )


@router.get("/offline", response_class=HTMLResponse)
async def offline(request: Request) -> HTMLResponse:
    return render(request, "offline.html", {"section": ""})


@router.get("/about", response_class=HTMLResponse)
async def about(request: Request) -> HTMLResponse:
    return render(request, "about.html", {"section": "", "version": __version__})
