"""``/api/token``: the token a program sends as ``X-CSRF-Token`` with every change.

Our own pages carry it already; a script (or a test) asks here once and keeps the cookie that
comes with it. Another website cannot read the answer: the browser keeps it from them, and a
page that renamed itself to reach us is refused by the Host check first.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

router = APIRouter(prefix="/api", tags=["health"])


class Token(BaseModel):
    token: str = Field(description="Send it back as the X-CSRF-Token header, with the cookie.")
    header: str = Field(description="The header's name.")


@router.get("/token")
def token(request: Request) -> Token:
    """The token for this client (set with its cookie, ``sciatica_csrf``, on first use)."""
    return Token(token=request.state.csrf_token, header="X-CSRF-Token")
