"""The baseline web app: a bare Starlette app with one JSON endpoint, started by the same
uvicorn call as the real server, so a ratio shows what the project adds over the framework."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

BODY = [{"id": f"muscle_{n}", "name": f"Muscle {n}", "summary": "x" * 120} for n in range(10)]


async def content(_request: Request) -> JSONResponse:
    return JSONResponse(BODY)


async def echo(request: Request) -> JSONResponse:
    return JSONResponse(await request.json())


app = Starlette(
    routes=[
        Route("/api/health", content),
        Route("/api/content/muscles", content),
        Route("/api/matches", echo, methods=["POST"]),
    ]
)
