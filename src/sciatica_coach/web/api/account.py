"""``/api/signin`` and ``/api/signout``: accounts for programs (when accounts are on).

A program signs in once and keeps the cookie, like a browser; with it (and the CSRF token from
``GET /api/token``) every other endpoint works on that account's own journal.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from pydantic import Field, StringConstraints

from sciatica_coach.coach import accounts

from ..context import CoachDep, client_address, forget_sign_in, remember_sign_in, sign_in_token
from ..views.models import ErrorOut, InModel, Model, NotFoundOut

router = APIRouter(prefix="/api", tags=["account"])
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Accounts are off", "model": NotFoundOut},
    429: {"description": "Too many failed sign-ins: wait a minute", "model": ErrorOut},
}


class SignInIn(InModel):
    name: Annotated[str, StringConstraints(max_length=64)]
    password: Annotated[str, StringConstraints(max_length=200)] = Field(repr=False)


class SignedInOut(Model):
    name: str
    expires_at: datetime


@router.post("/signin", responses=ERRORS)
def sign_in(body: SignInIn, request: Request, response: Response, coach: CoachDep) -> SignedInOut:
    """Sign in; the answer sets the ``sciatica_login`` cookie (HttpOnly, SameSite=Strict)."""
    ticket = accounts.sign_in(
        coach.account_store(),
        body.name,
        body.password,
        client_address(request),
        coach.now(),
        previous=sign_in_token(request),
    )
    remember_sign_in(request, response, ticket)
    return SignedInOut(name=ticket.user.name, expires_at=ticket.expires_at)


@router.post("/signout", status_code=204, responses=ERRORS)
def sign_out(request: Request, response: Response, coach: CoachDep) -> None:
    """End this sign-in (the cookie no longer opens the journal)."""
    accounts.sign_out(coach.account_store(), sign_in_token(request))
    forget_sign_in(request, response)
