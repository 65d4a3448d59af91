"""The app factory: one knowledge base, one journal and one session store per app.

``create_app()`` opens (and migrates) the journal at ``database_url`` — by default the same
journal the CLI uses — so the terminal and the browser share one history.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from sciatica_coach import __version__
from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.storage import Journal, open_database

from . import (
    api_content,
    api_docs,
    api_journal,
    api_matching,
    api_plans,
    api_screening,
    api_sessions,
    pages_home,
    pages_journal,
    pages_map,
    pages_plan,
    pages_screening,
    pages_session,
)
from .context import Clock, Coach, utc_now
from .errors import install_error_handlers
from .session_store import SessionStore
from .templating import STATIC

API_DESCRIPTION = (
    "Everything the Sciatica Coach pages do, as JSON: the safety check, the body-map "
    "matching, plans, guided sessions, the journal and the knowledge base. It does not "
    "diagnose. Invalid input gets 422 with the field and a plain message."
)


def create_app(
    database_url: str | None = None,
    *,
    clock: Clock | None = None,
    kb: KnowledgeBase | None = None,
) -> FastAPI:
    """Build the app. ``clock`` and ``kb`` are for tests; the defaults are the real ones."""
    coach = Coach(
        kb=kb or default_knowledge_base(),
        journal=Journal(open_database(database_url)),
        sessions=SessionStore(),
        clock=clock or utc_now,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        coach.settle(closing=True)  # a session still running is saved as stopped

    app = FastAPI(
        title="Sciatica Coach",
        version=__version__,
        description=API_DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,  # our own page at /api/docs: Swagger UI would load from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.coach = coach
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for module in (
        pages_home,
        pages_screening,
        pages_map,
        pages_plan,
        pages_session,
        pages_journal,
        api_docs,
        api_content,
        api_screening,
        api_matching,
        api_plans,
        api_sessions,
        api_journal,
    ):
        app.include_router(module.router)
    install_error_handlers(app)
    return app
