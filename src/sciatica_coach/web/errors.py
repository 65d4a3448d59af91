"""Errors the web adapter raises, and how each becomes a response.

Why one place: a person in pain should never see a stack trace, and a program calling the API
should always get the field and a plain message. Pages get an HTML page; ``/api/`` paths get
JSON in FastAPI's own 422 shape (``{"detail": [{"loc": [...], "msg": ..., "type": ...}]}``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from sciatica_coach.content import UnknownIdError
from sciatica_coach.storage import StorageError

Loc = tuple[str | int, ...]


class InputProblem(Exception):
    """Input that cannot be used; ``problems`` pairs each field path with a plain message."""

    def __init__(self, problems: Sequence[tuple[Loc, str]], source: str = "body") -> None:
        self.problems = list(problems)
        self.source = source
        super().__init__(" ".join(message for _, message in self.problems))

    @classmethod
    def one(cls, loc: Loc, message: str, source: str = "body") -> InputProblem:
        return cls([(loc, message)], source)

    def messages(self) -> dict[str, str]:
        """Messages by the first part of each field path (for forms), joined if several."""
        found: dict[str, str] = {}
        for loc, message in self.problems:
            key = str(loc[-1]) if loc and loc[0] == "answers" else str(loc[0]) if loc else ""
            found[key] = f"{found[key]} {message}" if key in found else message
        return found

    def detail(self) -> list[dict[str, Any]]:
        return [
            {"loc": [self.source, *loc], "msg": message, "type": "value_error"}
            for loc, message in self.problems
        ]


class Conflict(Exception):
    """The request is fine but does not fit now (a session event in the wrong phase, say)."""

    status_code = 409

    def __init__(self, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"detail": {"code": self.code, "message": self.message, **self.extra}}


class NotAllowed(Conflict):
    """Safety says no: no plan or session today. The body carries the reasons."""

    status_code = 403


class NotFound(Exception):
    """Something the person asked for by id does not exist."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def install_error_handlers(app: FastAPI) -> None:
    """JSON for the API, a friendly page for everything else."""
    from .templating import error_page  # late: templating imports this module

    def respond(request: Request, status: int, title: str, message: str, body: Any) -> Response:
        if is_api(request):
            return JSONResponse(body, status_code=status)
        return error_page(request, status, title, message)

    async def input_problem(request: Request, error: Exception) -> Response:
        assert isinstance(error, InputProblem)
        return respond(request, 422, "Please check what you entered", str(error), {
            "detail": error.detail()
        })  # fmt: skip

    async def conflict(request: Request, error: Exception) -> Response:
        assert isinstance(error, Conflict)
        return respond(request, error.status_code, "Not now", error.message, error.body())

    async def not_found(request: Request, error: Exception) -> Response:
        message = error.message if isinstance(error, NotFound) else str(error)
        return respond(request, 404, "Not found", message, {"detail": message})

    async def storage(request: Request, error: Exception) -> Response:
        message = f"Your journal could not be used: {error}. Nothing else was changed."
        return respond(request, 503, "Journal not available", message, {"detail": message})

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        if is_api(request) or error.status_code not in (404, 405):
            return JSONResponse(
                {"detail": error.detail}, status_code=error.status_code, headers=error.headers
            )
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

    app.add_exception_handler(InputProblem, input_problem)
    app.add_exception_handler(Conflict, conflict)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(UnknownIdError, not_found)
    app.add_exception_handler(StorageError, storage)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation)
