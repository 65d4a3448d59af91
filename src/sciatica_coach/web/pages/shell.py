"""The app around the pages: the service worker (at the site's root, so it may serve every
page), the favicon browsers ask for by themselves, the page shown offline, and About.

Why the service worker is served here and not from ``/static/``: a worker's reach is the
folder it comes from, and it must reach ``/learn`` and ``/offline``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from sciatica_coach import __version__

from ..templating import ASSETS, STATIC, render

router = APIRouter(include_in_schema=False)


@router.get("/sw.js")
async def service_worker() -> Response:
    """The worker, with the styles and scripts it keeps named as the pages link to them (by
    hashed names) and its cache named by this version of the files, so a new version
    replaces the old one."""
    return Response(
        SERVICE_WORKER,
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


def _service_worker() -> str:
    script = (STATIC / "sw.js").read_text(encoding="utf-8")
    for name in ASSETS.by_name:  # the pages' styles and scripts: the manifest and icons
        if name.endswith((".css", ".js")):  # keep their plain names, as the manifest has them
            script = script.replace(f'"/static/{name}"', f'"{ASSETS.url(name)}"')
    # The release and the files: a new release (new Learn text) or new files, a new cache.
    name = f"sciatica-coach-{__version__}-{ASSETS.version}"
    return script.replace('"sciatica-coach-v1"', f'"{name}"')


SERVICE_WORKER = _service_worker()


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
