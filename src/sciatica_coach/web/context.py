"""What every request handler needs: the knowledge base, the person's journal and the clock
(see :func:`sciatica_coach.web.create_app`), read through :meth:`Coach.now`, which gives it in
the signed-in person's own zone (:mod:`sciatica_coach.coach.person_time`).

Nothing about a person's sessions is kept here: they live in the journal, so any number of
worker processes can serve the same person. The clock is injectable so tests can say "an hour
later" without waiting. With accounts on, the journal is the signed-in person's own, found
from the browser's sign-in cookie on every request; asking for it with no one signed in
raises :class:`SignInNeeded`, which pages answer with the sign-in page and the API with 401.

A sign-in counts only beside the CSRF secret it was given with (review M-2, see
:mod:`sciatica_coach.coach.accounts`): every sign-in sets a new CSRF cookie
(:func:`remember_sign_in`) and binds the login to it, so a sign-in cookie planted by a page
on another port, beside this browser's own CSRF cookie, opens nothing and is cleared. Over
plain http such a page can plant both cookies of its own account, which only the
``__Host-`` names over HTTPS prevent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Annotated, cast
from zoneinfo import ZoneInfo

from fastapi import Depends, Path, Request, Response
from fastapi.concurrency import run_in_threadpool

from sciatica_coach.coach import accounts, person_time
from sciatica_coach.coach.accounts import User
from sciatica_coach.coach.errors import NotFound, SignInNeeded
from sciatica_coach.coach.ports import JournalPort
from sciatica_coach.coach.setup import Accounts, local_now
from sciatica_coach.content import KnowledgeBase

from . import cookies, csrf
from .views.models import MAX_ID

Clock = Callable[[], datetime]


SIGN_IN_COOKIE = "sciatica_login"
"""The sign-in cookie's name over plain http; ``__Host-sciatica_login`` over HTTPS."""
ACCOUNTS_OFF = (
    "There are no accounts here: this app keeps one journal, on this computer, with no "
    "sign-in. Accounts are for serving it to other devices (see the README: --accounts)."
)


@dataclass(frozen=True)
class Coach:
    kb: KnowledgeBase
    store: JournalPort
    """The journal of the local user, or (with ``user``) of the signed-in one."""
    clock: Clock = local_now
    accounts: Accounts | None = None
    """Set when accounts are on: then ``journal`` needs someone signed in."""
    user: User | None = None
    signup_open: bool = True
    """Whether anyone may make an account here; closed (``serve --no-signup``), accounts are
    made by whoever runs the app (``sciatica-coach users add``)."""
    answers: dict[str, bytes] = field(default_factory=dict, compare=False, repr=False)
    """Read-only answers (the knowledge base as JSON) built once, by what they answer: the
    content does not change while the app runs, and it is the same for everyone."""

    def built_once(self, key: str, build: Callable[[], bytes]) -> bytes:
        """The bytes kept under ``key``, built by ``build`` the first time."""
        found = self.answers.get(key)
        if found is None:
            found = self.answers[key] = build()
        return found

    @property
    def journal(self) -> JournalPort:
        if self.accounts is not None and self.user is None:
            raise SignInNeeded("Please sign in to see your journal.")
        return self.store

    def now(self) -> datetime:
        """The clock's instant in the signed-in person's zone (the computer's, with no
        account or none kept), so "today", the week and the times shown are their own."""
        return person_time.person_now(self.user, self.clock())

    def zone(self) -> ZoneInfo | None:
        """The signed-in person's own zone, if their account keeps one (None: the computer's)."""
        return person_time.zone_of(self.user)

    def account_store(self) -> Accounts:
        """The accounts, or "not found" when they are off (one journal, no sign-in)."""
        if self.accounts is None:
            raise NotFound(ACCOUNTS_OFF)
        return self.accounts

    def signed_in_as(self, user: User) -> Coach:
        return replace(self, store=self.store.for_user(user.id), user=user)


def client_address(request: Request) -> str:
    """Where the request came from (behind a proxy, uvicorn takes it from X-Forwarded-For)."""
    return request.client.host if request.client else "unknown"


def secure_cookies(request: Request) -> bool:
    """Whether this request's cookies are ``Secure`` and ``__Host-`` named (see
    :mod:`sciatica_coach.web.cookies`): over HTTPS, or behind a proxy that serves it."""
    return cookies.is_secure(request.scope, cookies.behind_tls(request.scope))


def sign_in_cookie(request: Request) -> str:
    """The sign-in cookie's name for this request's scheme."""
    return cookies.named(SIGN_IN_COOKIE, secure_cookies(request))


def sign_in_token(request: Request) -> str:
    """The sign-in this browser sent (read under the name for the request's scheme only, so
    a plain-http cookie planted beside an HTTPS one is never taken for it)."""
    return request.cookies.get(sign_in_cookie(request), "")


def browser_secret(request: Request) -> str:
    """This browser's CSRF secret, as the CSRF middleware read (or issued) it."""
    return str(getattr(request.state, "csrf_token", "") or "")


def new_browser_secret() -> str:
    """The CSRF secret a new sign-in is bound to (given by :func:`remember_sign_in`)."""
    return csrf.new_token()


def remember_sign_in(
    request: Request, response: Response, ticket: accounts.SignedIn, secret: str
) -> None:
    """Give the browser its sign-in: HttpOnly, SameSite=Strict, Path=/, and over HTTPS (or
    behind TLS) Secure and named ``__Host-sciatica_login``; and with it ``secret``, the new
    CSRF secret the sign-in is bound to, kept as long as the sign-in."""
    lifetime = int(accounts.LOGIN_LIFETIME.total_seconds())
    response.set_cookie(
        sign_in_cookie(request),
        ticket.token,
        max_age=lifetime,
        path="/",
        httponly=True,
        samesite="strict",
        secure=secure_cookies(request),
    )
    csrf.rotate(request, response, secret, lifetime)


def forget_sign_in(request: Request, response: Response) -> None:
    """Make the browser drop its sign-in (a ``__Host-`` cookie is only replaced by another
    that is Secure with Path=/, so it is deleted with the same flags it was set with)."""
    response.delete_cookie(
        sign_in_cookie(request),
        path="/",
        httponly=True,
        samesite="strict",
        secure=secure_cookies(request),
    )


async def get_coach(request: Request) -> Coach:
    """The app's coach; with accounts on, for whoever this browser is signed in as.

    A coroutine, so a request that needs no database (the knowledge base, the Learn pages)
    never leaves the event loop; finding who is signed in reads the database, in a thread."""
    coach = cast(Coach, request.app.state.coach)
    request.state.coach = coach  # for the page's emergency call button (templating.py)
    if coach.accounts is None:
        return coach
    token = sign_in_token(request)
    try:
        user = await run_in_threadpool(
            accounts.signed_in_user,
            coach.accounts,
            token,
            coach.now(),
            browser_secret=browser_secret(request),
        )
    except SignInNeeded:
        request.state.sign_in_refused = bool(token)  # cleared with the sign-in page (errors.py)
        return coach
    request.state.user_name = user.name
    request.state.coach = coach = coach.signed_in_as(user)
    return coach


def shared(request: Request) -> Coach:
    """The app's coach as it is for everyone, for what does not depend on who asks (the
    knowledge base): no sign-in looked up, no dependency to solve."""
    return cast(Coach, request.app.state.coach)


CoachDep = Annotated[Coach, Depends(get_coach)]
IdInPath = Annotated[int, Path(ge=1, le=MAX_ID, description="An id from this journal")]
"""An id in an address: a whole number a journal row can have (larger ones are a 422)."""
