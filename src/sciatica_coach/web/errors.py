"""How the service layer's refusals become responses, in one place.

Why one place: a person in pain should never see a stack trace, and a program calling the API
should always get the field and a plain message. Pages get an HTML page; ``/api/`` paths get
JSON: 422 in FastAPI's own shape (``{"detail": [{"loc": [...], "msg": ..., "type": ...}]}``),
403 (safety says no), 409 (not now: a safety check is needed, the wrong phase, an old
version), 404, 501 (an optional part, an extra, is not installed) and 503, each as
``{"detail": {"code": ..., "message": ...}}`` or a message.

A :class:`ValueError` that reaches here is the journal's own check of a row refusing what a
use case was about to write (storage validation): the write is rolled back, so the answer is
409 ``not_saved`` with the check's message, never a 500 (security review M-5).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from sciatica_coach.coach.errors import (
    Busy,
    Conflict,
    Invalid,
    NotAllowed,
    NotFound,
    SignInNeeded,
    TooManyTries,
)
from sciatica_coach.coach.setup import JournalDamaged, StorageError
from sciatica_coach.content import UnknownIdError
from sciatica_coach.extras import MissingExtra, plain_words

from .methods import allowed_methods

HTTP_CODES = {400: "bad_body", 405: "method_not_allowed"}
FORM_NOT_READ = (
    "This form could not be read, so nothing was changed. Go back, reload the page and try again."
)
DAMAGED_WORDS = (
    "Your journal is damaged, so nothing new can be saved just now. Go back to see what can "
    "still be read. Whoever runs Sciatica Coach on the computer can run "
    "'sciatica-coach doctor' there: it says how to get the journal back."
)
NOT_SAVED = "This could not be saved ({problem}). Nothing was changed; reload and try again."
HTTP_MESSAGES = {
    "bad_body": "The body could not be read. Send JSON, in UTF-8, as the schema says.",
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def invalid_detail(problem: Invalid) -> list[dict[str, Any]]:
    return [
        {"loc": [problem.source, *loc], "msg": message, "type": "value_error"}
        for loc, message in problem.problems
    ]


def conflict_body(error: Conflict) -> dict[str, Any]:
    return {"detail": {"code": error.code, "message": error.message, **error.extra}}


def status_of(error: Conflict) -> int:
    if isinstance(error, TooManyTries):
        return 429
    if isinstance(error, Busy):
        return 503
    return 403 if isinstance(error, NotAllowed) else 409


def install_error_handlers(app: FastAPI) -> None:
    """JSON for the API, a friendly page for everything else."""
    from .context import forget_sign_in
    from .templating import error_page  # late: templating imports this module

    def respond(request: Request, status: int, title: str, message: str, body: Any) -> Response:
        if is_api(request):
            return JSONResponse(body, status_code=status)
        return error_page(request, status, title, message)

    async def invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, Invalid)
        body = {"detail": invalid_detail(error)}
        return respond(request, 422, "Please check what you entered", str(error), body)

    async def conflict(request: Request, error: Exception) -> Response:
        assert isinstance(error, Conflict)
        return respond(request, status_of(error), "Not now", error.message, conflict_body(error))

    async def not_found(request: Request, error: Exception) -> Response:
        message = error.message if isinstance(error, NotFound) else str(error)
        return respond(request, 404, "Not found", message, {"detail": message})

    async def storage(request: Request, error: Exception) -> Response:
        message = f"Your journal could not be used: {error}. Nothing else was changed."
        if isinstance(error, JournalDamaged) and not is_api(request):
            # a person on a phone: no commands, paths or server layout, only what it means
            return error_page(request, 503, "Journal damaged", DAMAGED_WORDS)
        return respond(request, 503, "Journal not available", message, {"detail": message})

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        headers = dict(error.headers or {})
        if error.status_code == 405:  # every method the address takes (RFC 9110 §15.5.6)
            headers["Allow"] = ", ".join(allowed_methods(request))
        if error.status_code == 400 and not is_api(request):  # a form the parser refused
            return error_page(request, 400, "Not sent", FORM_NOT_READ)
        if is_api(request) or error.status_code not in (404, 405):
            detail: Any = error.detail
            if error.status_code != 404 and isinstance(detail, str):
                # one shape for every refusal: {"detail": {"code": ..., "message": ...}}
                code = HTTP_CODES.get(error.status_code, "http_error")
                detail = {"code": code, "message": HTTP_MESSAGES.get(code, detail)}
            return JSONResponse({"detail": detail}, status_code=error.status_code, headers=headers)
        if error.status_code == 405:
            page = error_page(request, 405, "Not this way", "This page cannot be reached that way.")
            page.headers.update(headers)
            return page
        return error_page(
            request, error.status_code, "Page not found", "There is no page at this address."
        )

    async def validation(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        detail = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in error.errors()
        ]
        if is_api(request):
            return JSONResponse({"detail": detail}, status_code=422)
        text = "; ".join(f"{'.'.join(map(str, d['loc'][1:]))}: {d['msg']}" for d in detail)
        return error_page(request, 422, "Please check the address", text)

    async def not_saved(request: Request, error: Exception) -> Response:
        message = NOT_SAVED.format(problem=error)
        body = {"detail": {"code": "not_saved", "message": message}}
        return respond(request, 409, "Not saved", message, body)

    async def missing_extra(request: Request, error: Exception) -> Response:
        assert isinstance(error, MissingExtra)
        body = {"detail": {"code": "extra_not_installed", "message": str(error)}}
        return respond(request, 501, "Not installed", plain_words(error.extra), body)

    async def sign_in_needed(request: Request, error: Exception) -> Response:
        message = error.message if isinstance(error, SignInNeeded) else str(error)
        response: Response
        if is_api(request):
            response = JSONResponse({"detail": {"code": "sign_in", "message": message}}, 401)
        else:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            response = RedirectResponse(f"/signin?next={quote(target, safe='')}", 303)
        if getattr(request.state, "sign_in_refused", False):
            forget_sign_in(request, response)  # planted, ended or expired: the browser drops it
        return response

    app.add_exception_handler(SignInNeeded, sign_in_needed)
    app.add_exception_handler(Invalid, invalid)
    app.add_exception_handler(Conflict, conflict)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(UnknownIdError, not_found)
    app.add_exception_handler(StorageError, storage)
    app.add_exception_handler(MissingExtra, missing_extra)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation)
    app.add_exception_handler(ValueError, not_saved)
