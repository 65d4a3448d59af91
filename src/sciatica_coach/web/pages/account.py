"""Account pages (when accounts are on): sign up, sign in, sign out, change the password,
delete the account with its whole journal. With accounts off they are not there (404): the
app then serves one journal, on this computer only.

Every form carries the CSRF token like any other; the sign-in cookie is ``HttpOnly``,
``SameSite=Strict`` (``Secure`` behind TLS), and a new CSRF token follows every sign-in: the
sign-in is bound to it (review M-2, see :mod:`sciatica_coach.web.context`). The sign-up and
sign-in forms carry the browser's time zone (filled in by ``app.js``): an account with none
kept takes it, so "today" is the person's own day (:mod:`sciatica_coach.coach.person_time`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from sciatica_coach.coach import accounts, person_time
from sciatica_coach.coach.accounts import Accounts, User
from sciatica_coach.coach.errors import Busy, Invalid, SignInNeeded, TooManyTries

from ..context import (
    Coach,
    CoachDep,
    client_address,
    forget_sign_in,
    new_browser_secret,
    remember_sign_in,
    sign_in_token,
)
from ..csrf import forget as forget_csrf
from ..forms import text
from ..templating import render

router = APIRouter(include_in_schema=False)


def safe_next(target: str) -> str:
    """Only a path on this site (never ``//elsewhere`` or ``https://…``): an open redirect
    would let another site send people to a look-alike sign-in page."""
    try:
        parts = urlsplit(target)
    except ValueError:
        return "/journal"
    ok = (
        not parts.scheme
        and not parts.netloc
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and target.isprintable()
    )
    return target if ok and not target.startswith("/signin") else "/journal"


def signed_in(request: Request, target: str, ticket: accounts.SignedIn, secret: str) -> Response:
    """On to ``target`` with the new sign-in and the new CSRF secret it is bound to."""
    response = RedirectResponse(target, status_code=303)
    remember_sign_in(request, response, ticket, secret)
    return response


def _signed_in(coach: Coach, doing: str) -> tuple[Accounts, User]:
    """The accounts and who is signed in, or the sign-in page (then back here)."""
    store = coach.account_store()
    if coach.user is None:
        raise SignInNeeded(f"Please sign in to {doing}.")
    return store, coach.user


def _form(
    request: Request, name: str, values: dict[str, str], errors: dict[str, str], status: int
) -> HTMLResponse:
    signup_open = request.app.state.coach.signup_open
    context: dict[str, Any] = {
        "section": "",
        "values": values,
        "errors": errors,
        "signup_open": signup_open,
    }
    return render(request, name, context, status_code=status)


def _signup_closed(request: Request) -> HTMLResponse | None:
    """The sign-up page says who makes accounts here when sign-up is closed (403)."""
    if request.app.state.coach.signup_open:
        return None
    return _form(request, "signup.html", {}, {}, 403)


@router.get("/signin", response_model=None)
def signin_page(request: Request, coach: CoachDep, next: str = "/journal") -> Response:
    coach.account_store()
    return _form(request, "signin.html", {"next": safe_next(next)}, {}, 200)


@router.post("/signin", response_model=None)
async def signin(request: Request, coach: CoachDep) -> Response:
    store = coach.account_store()
    form = await request.form()
    values = {"name": text(form, "name"), "next": safe_next(text(form, "next") or "/journal")}
    password = form.get("password")
    secret = new_browser_secret()
    try:
        ticket = await run_in_threadpool(  # argon2 takes a while: not on the event loop
            accounts.sign_in,
            store,
            values["name"],
            password if isinstance(password, str) else "",
            client_address(request),
            coach.now(),
            previous=sign_in_token(request),
            browser_secret=secret,
        )
    except TooManyTries as error:
        return _form(request, "signin.html", values, {"": error.message}, 429)
    except Busy as error:
        return _form(request, "signin.html", values, {"": error.message}, 503)
    except Invalid as problem:
        return _form(request, "signin.html", values, {"": str(problem)}, 422)
    person_time.adopt_browser_zone(store, ticket.user, text(form, person_time.FIELD))
    return signed_in(request, values["next"], ticket, secret)


@router.get("/signup", response_model=None)
def signup_page(request: Request, coach: CoachDep) -> Response:
    coach.account_store()
    return _signup_closed(request) or _form(request, "signup.html", {}, {}, 200)


@router.post("/signup", response_model=None)
async def signup(request: Request, coach: CoachDep) -> Response:
    store = coach.account_store()
    closed = _signup_closed(request)
    if closed is not None:
        return closed
    form = await request.form()
    values = {"name": text(form, "name")}
    password, again = (str(form.get(n) or "") for n in ("password", "again"))
    if password != again:
        errors = {"again": "The two passwords are not the same."}
        return _form(request, "signup.html", values, errors, 422)
    try:
        address = client_address(request)
        user = await run_in_threadpool(
            accounts.sign_up, store, values["name"], password, coach.now(), address
        )
    except TooManyTries as error:
        return _form(request, "signup.html", values, {"": error.message}, 429)
    except Invalid as problem:
        return _form(request, "signup.html", values, problem.messages(), 422)
    user = person_time.adopt_browser_zone(store, user, text(form, person_time.FIELD))
    secret = new_browser_secret()
    ticket = accounts.start_sign_in(store, user, coach.now(), browser_secret=secret)
    return signed_in(request, "/screen", ticket, secret)


@router.post("/signout", response_model=None)
def signout(request: Request, coach: CoachDep) -> Response:
    if coach.accounts is not None:
        accounts.sign_out(coach.accounts, sign_in_token(request))
    response = RedirectResponse("/signin", status_code=303)
    forget_sign_in(request, response)
    forget_csrf(request, response)
    return response


@router.get("/account", response_model=None)
def account_page(request: Request, coach: CoachDep, changed: str = "") -> Response:
    _signed_in(coach, "see your account")
    values = {"changed": "Your password is changed. Every other device was signed out."}
    return _form(request, "account.html", values if changed else {}, {}, 200)


@router.post("/account/password", response_model=None)
async def change_password(request: Request, coach: CoachDep) -> Response:
    store, user = _signed_in(coach, "change your password")
    form = await request.form()
    current, new, again = (str(form.get(n) or "") for n in ("current", "new", "again"))
    if new != again:
        errors = {"again": "The two new passwords are not the same."}
        return _form(request, "account.html", {}, errors, 422)
    secret = new_browser_secret()
    try:
        ticket = await run_in_threadpool(
            accounts.change_password,
            store,
            user,
            current,
            new,
            coach.now(),
            browser_secret=secret,
        )
    except Invalid as problem:
        return _form(request, "account.html", {}, problem.messages(), 422)
    return signed_in(request, "/account?changed=1", ticket, secret)


@router.post("/account/delete", response_model=None)
async def delete_account(request: Request, coach: CoachDep) -> Response:
    store, user = _signed_in(coach, "delete your account")
    form = await request.form()
    if text(form, "confirm") != "yes":
        errors = {"confirm": "Tick the box to say you want everything deleted."}
        return _form(request, "account.html", {}, errors, 422)
    try:
        password = str(form.get("password") or "")
        await run_in_threadpool(accounts.delete_account, store, user, password)
    except Invalid as problem:
        return _form(request, "account.html", {}, problem.messages(), 422)
    response = render(
        request,
        "error.html",
        {
            "title": "Account deleted",
            "message": "Your account and your whole journal are deleted from this app.",
            "status": 200,
            "section": "",
        },
    )
    forget_sign_in(request, response)
    return response
