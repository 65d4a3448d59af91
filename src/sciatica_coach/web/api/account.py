"""``/api/signin`` and ``/api/signout``: accounts for programs (when accounts are on).

A program signs in once and keeps the cookies, like a browser; with them (and the CSRF token
they carry, in ``X-CSRF-Token``) every other endpoint works on that account's own journal.
Signing in gives a new CSRF token (the answer's ``csrf_token``, also from ``GET /api/token``):
the sign-in is bound to it and counts only beside it (review M-2).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from pydantic import Field, StringConstraints

from sciatica_coach.coach import accounts

from ..context import (
    CoachDep,
    client_address,
    forget_sign_in,
    new_browser_secret,
    remember_sign_in,
    sign_in_token,
)
from ..views.models import ErrorOut, InModel, Model, NotFoundOut, UnavailableOut

router = APIRouter(prefix="/api", tags=["account"])
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Accounts are off", "model": NotFoundOut},
    429: {"description": "Too many failed sign-ins: wait a minute", "model": ErrorOut},
}
SIGN_IN_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    503: {
        "description": "Busy: many sign-ins are being checked at once; try again in a few "
        "seconds (code busy). Or the journal cannot be used just now",
        "model": ErrorOut | UnavailableOut,
    },
}


class SignInIn(InModel):
    name: Annotated[str, StringConstraints(max_length=64)]
    password: Annotated[str, StringConstraints(max_length=200)] = Field(repr=False)


class SignedInOut(Model):
    name: str
    expires_at: datetime
    csrf_token: str = Field(
        description="The new CSRF token this sign-in is bound to: send it as X-CSRF-Token "
        "(the old one no longer works)"
    )


@router.post("/signin", responses=SIGN_IN_ERRORS)
def sign_in(body: SignInIn, request: Request, response: Response, coach: CoachDep) -> SignedInOut:
    """Sign in; the answer sets the ``sciatica_login`` cookie (HttpOnly, SameSite=Strict) and
    a new ``sciatica_csrf`` cookie, whose token is also in the answer."""
    secret = new_browser_secret()
    ticket = accounts.sign_in(
        coach.account_store(),
        body.name,
        body.password,
        client_address(request),
        coach.now(),
        previous=sign_in_token(request),
        browser_secret=secret,
    )
    remember_sign_in(request, response, ticket, secret)
    return SignedInOut(name=ticket.user.name, expires_at=ticket.expires_at, csrf_token=secret)


@router.post("/signout", status_code=204, responses=ERRORS)
def sign_out(request: Request, response: Response, coach: CoachDep) -> None:
    """End this sign-in (the cookie no longer opens the journal)."""
    accounts.sign_out(coach.account_store(), sign_in_token(request))
    forget_sign_in(request, response)
