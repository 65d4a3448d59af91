"""The app factory: one knowledge base, one journal and one clock per app.

``create_app()`` opens (and migrates) the journal at ``database_url`` — by default the same
journal the CLI uses — so the terminal and the browser share one history. Nothing about a
person is kept in the app's memory, so any number of worker processes can serve one journal:
``sciatica-coach serve --workers N`` builds one app per worker with :func:`app_from_env`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable, Iterable

from fastapi import APIRouter, FastAPI, Request, Response
from starlette.middleware.gzip import GZipMiddleware

from sciatica_coach import __version__
from sciatica_coach.coach.backups import is_backed_up_daily
from sciatica_coach.coach.owner import OWNER_ONLY_VARIABLE, OwnerKeys
from sciatica_coach.coach.setup import (
    ACCOUNTS_VARIABLE,
    ALLOWED_HOSTS_VARIABLE,
    SIGNUP_VARIABLE,
    accounts_of,
    local_now,
    open_journal,
)
from sciatica_coach.content import KnowledgeBase, default_knowledge_base

from .api import (
    account as account_api,
)
from .api import (
    content,
    describe,
    docs,
    figures,
    habit,
    health,
    journal,
    matches,
    plans,
    screenings,
    sessions,
    settings,
    token,
)
from .context import Clock, Coach
from .csrf import SameOriginOnly
from .daily_backup import BackUpWhenDue, DailyBackup
from .errors import install_error_handlers
from .guard import LOOPBACK_NAMES, AllowedHosts, Guard
from .methods import HeadAsGet
from .owner_gate import OwnerOnly
from .pages import account, body_map, home, learn, plan, reminders, screening, session, shell
from .pages import journal as journal_page
from .pages import lan as lan_page
from .pages import settings as settings_page
from .templating import ASSETS
from .views.models import API_ERRORS

API_DESCRIPTION = (
    "Everything the Sciatica Coach pages do, as JSON: the safety check, the body-map "
    "matching, the pain described in your own words, plans, guided sessions, the journal "
    "and the knowledge base. It does not diagnose. Invalid input gets 422 with the field "
    "and a plain message."
)

ROUTERS: tuple[APIRouter, ...] = tuple(
    module.router
    for module in (
        # The API first, the routes a session's page asks for every second at the top: the
        # router tries routes in turn (about 1 µs each), which is half the time of a short
        # JSON answer and nothing beside a page's template. No two routes overlap (tested),
        # so the order changes nothing but speed.
        sessions,
        content,
        matches,
        describe,
        screenings,
        plans,
        journal,
        habit,
        figures,
        health,
        token,
        settings,
        account_api,
        docs,
        home,
        learn,
        screening,
        body_map,
        plan,
        session,
        journal_page,
        reminders,
        settings_page,
        account,
        lan_page,
        shell,
    )
)
"""Every page and API route, in the order they are matched (tests enumerate routes here)."""


def create_app(
    database_url: str | None = None,
    *,
    clock: Clock | None = None,
    kb: KnowledgeBase | None = None,
    hosts: Iterable[str] = (),
    accounts: bool | None = None,
    signup: bool | None = None,
    owner_only: bool | None = None,
    monotonic: Callable[[], float] | None = None,
) -> FastAPI:
    """Build the app. ``clock``, ``kb`` and ``monotonic`` (the clock of the hourly backup
    check, :mod:`~sciatica_coach.web.daily_backup`) are for tests; the defaults are the real
    ones.

    ``hosts`` are Host names answered besides this computer's own (``127.0.0.1``,
    ``localhost``, ``[::1]``), as are those in ``$SCIATICA_COACH_ALLOWED_HOSTS`` (commas).
    ``accounts`` (default: ``$SCIATICA_COACH_ACCOUNTS`` is ``on``) makes every journal
    private to a signed-in account; ``signup`` (default: unless ``$SCIATICA_COACH_SIGNUP`` is
    ``off``) lets people make their own. ``owner_only`` (default: ``$SCIATICA_COACH_OWNER_ONLY``
    is ``on``, as ``serve`` sets it without accounts) lets in only whoever brings the address
    key of the data folder (:mod:`sciatica_coach.web.owner_gate`); accounts turn it off, as
    sign-in already guards every journal."""
    journal = open_journal(database_url)
    accounts_on = accounts_from_env() if accounts is None else accounts
    coach = Coach(
        kb=kb or default_knowledge_base(),
        store=journal,
        clock=clock or local_now,
        accounts=accounts_of(journal) if accounts_on else None,
        signup_open=signup_from_env() if signup is None else signup,
    )
    app = FastAPI(
        title="Sciatica Coach",
        version=__version__,
        description=API_DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,  # our own page at /api/docs: Swagger UI would load from a CDN
        redoc_url=None,
    )
    app.state.coach = coach
    app.state.secure_cookies = os.environ.get(BEHIND_TLS) == "1"
    app.mount("/static", ASSETS, name="static")
    for router in ROUTERS:
        is_api = str(router.prefix).startswith("/api")
        app.include_router(router, responses=API_ERRORS if is_api else None)
    install_error_handlers(app)
    extra = [*hosts, *os.environ.get(ALLOWED_HOSTS, "").split(",")]
    app.state.daily_backup = None
    if is_backed_up_daily(journal):  # innermost: only requests let in count as use
        daily = DailyBackup(journal, coach.clock, monotonic or time.monotonic)
        app.add_middleware(BackUpWhenDue, daily=daily)
        app.state.daily_backup = daily
    # Pages, JSON and pictures gzipped for clients that take it (the files under /static/
    # come gzipped already); level 6 is nearly as small as 9 at a fraction of the time.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_FROM_BYTES, compresslevel=6)
    app.add_middleware(SameOriginOnly, secure=app.state.secure_cookies)
    if (owner_only_from_env() if owner_only is None else owner_only) and not accounts_on:
        app.add_middleware(OwnerOnly, keys=OwnerKeys.read(), secure=app.state.secure_cookies)
    app.add_middleware(Guard, hosts=AllowedHosts.of([*LOOPBACK_NAMES, *extra]))
    app.add_middleware(HeadAsGet)  # outermost: HEAD is GET, less the body, all the way in
    if os.environ.get(SHOW_WORKER) == "1":
        _name_the_worker(app)
    return app


ALLOWED_HOSTS = ALLOWED_HOSTS_VARIABLE
ACCOUNTS = ACCOUNTS_VARIABLE
SIGNUP = SIGNUP_VARIABLE


def accounts_from_env() -> bool:
    return os.environ.get(ACCOUNTS, "").strip().lower() in ("on", "1", "true", "yes")


def owner_only_from_env() -> bool:
    return os.environ.get(OWNER_ONLY_VARIABLE, "").strip().lower() in ("on", "1", "true", "yes")


def signup_from_env() -> bool:
    return os.environ.get(SIGNUP, "").strip().lower() not in ("off", "0", "false", "no")


GZIP_FROM_BYTES = 1000
"""Answers shorter than this go as they are: gzip would save too little to be worth it."""
BEHIND_TLS = "SCIATICA_COACH_BEHIND_TLS"
"""Set to 1 when a proxy in front serves the app over HTTPS: cookies are then ``Secure`` and
``__Host-`` named whatever scheme reaches the app (else only for ``https`` requests)."""
SHOW_WORKER = "SCIATICA_COACH_SHOW_WORKER"
"""Set to 1 (tests of ``serve --workers``) to name the process that served each response."""


def _name_the_worker(app: FastAPI) -> None:
    @app.middleware("http")
    async def served_by(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers["X-Served-By"] = str(os.getpid())
        return response


def app_from_env() -> FastAPI:
    """The app for one worker process, configured by the environment (the database URL is
    ``$SCIATICA_COACH_DATABASE_URL``): what ``serve --workers`` starts in each worker."""
    return create_app()
