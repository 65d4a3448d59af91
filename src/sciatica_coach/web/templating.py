"""Jinja2 set-up shared by every page: the layout's navigation and a few display helpers.

Templates only lay out what the handlers give them; any decision (is a session allowed, which
muscles fit) is made before, by the domain.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from sciatica_coach.coach import journal_health, preferences
from sciatica_coach.coach.setup import StorageError
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import EmergencySign
from sciatica_coach.content.screening_models import SafetyNet
from sciatica_coach.domain.library import first_sentence
from sciatica_coach.domain.matching import fit_words

from .assets import Assets
from .context import Coach
from .csrf import masked
from .forms import typed_value
from .views.settings import EmergencyCallOut, call_view

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

STEPS = (
    ("/screen", "Check", "screen", "check"),
    ("/map", "Map", "map", "map"),
    ("/plan", "Plan", "plan", "plan"),
    ("/session", "Session", "session", "session"),
    ("/journal", "Journal", "journal", "journal"),
)
"""The path through the app, in order: on a phone, the tab bar at the bottom of the screen
(``href``, label, section, icon)."""

LEVEL_STYLE = {
    "emergency": "danger",
    "urgent": "danger",
    "see_professional": "warning",
    "not_today": "warning",
    "caution": "ok",
    "ok": "ok",
}

templates = Jinja2Templates(directory=str(TEMPLATES))
ASSETS = Assets(STATIC)
"""The files under ``/static/``, read once; pages link to them by :meth:`Assets.url`."""


def _person_zone(context: Context) -> tzinfo | None:
    """The signed-in person's own zone, if their account keeps one; None: the server's."""
    request = context.get("request")
    coach = getattr(request.state, "coach", None) if request is not None else None
    return coach.zone() if isinstance(coach, Coach) else None


@pass_context
def when(context: Context, value: datetime | None) -> str:
    """A time as people write it, in the person's zone (else the server's local zone)."""
    if value is None:
        return ""
    return value.astimezone(_person_zone(context)).strftime("%a %d %b %Y, %H:%M")


@pass_context
def day(context: Context, value: datetime | date | None) -> str:
    """A day as people write it ("Mon 02 Mar 2026"); a time is taken in the person's zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(_person_zone(context))
    return value.strftime("%a %d %b %Y")


@pass_context
def clock(context: Context, value: datetime | None) -> str:
    return value.astimezone(_person_zone(context)).strftime("%H:%M") if value else ""


def minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60:02d} s" if whole >= 60 else f"{whole} s"


templates.env.filters["first_sentence"] = first_sentence
templates.env.filters["fit"] = fit_words
templates.env.filters["when"] = when
templates.env.filters["clock"] = clock
templates.env.filters["day"] = day
templates.env.filters["minutes"] = minutes
templates.env.filters["typed"] = typed_value

NOT_IN_HTML = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
    )
    + "]"
)
"""Code points an HTML page may not carry (controls other than white space, noncharacters):
a parse error in every browser, and nothing a person means to see."""


def printable(value: Any) -> Any:
    """Every ``{{ value }}`` a template prints, less :data:`NOT_IN_HTML`: words sent back to
    the page (a form shown again with what was typed, a message quoting it) may hold them."""
    if isinstance(value, str) and NOT_IN_HTML.search(value):
        cleaned = NOT_IN_HTML.sub("", value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


templates.env.finalize = printable
templates.env.globals["STEPS"] = STEPS
templates.env.globals["asset"] = ASSETS.url
templates.env.globals["LEVEL_STYLE"] = LEVEL_STYLE


def csrf_token(request: Request) -> str:
    """The token our forms and scripts send back, masked afresh each time it is written in a
    page (see :mod:`sciatica_coach.web.csrf`)."""
    token = str(getattr(request.state, "csrf_token", ""))
    return masked(token) if token else ""


templates.env.globals["csrf_token"] = csrf_token


def accounts_on(request: Request) -> bool:
    return request.app.state.coach.accounts is not None


def signed_in_name(request: Request) -> str:
    """Who is signed in (set by :func:`~sciatica_coach.web.context.get_coach`), or ``""``."""
    return str(getattr(request.state, "user_name", ""))


def safety_net_words(request: Request) -> SafetyNet:
    """The safety net's words in the app's content: the footer's disclaimer on every page."""
    kb: KnowledgeBase = request.app.state.coach.kb
    return kb.screening.safety_net


def emergency_signs(request: Request) -> list[EmergencySign]:
    """The one list of emergency signs: the footer of every page shows it."""
    kb: KnowledgeBase = request.app.state.coach.kb
    return kb.emergency_signs


def emergency_call(request: Request) -> EmergencyCallOut:
    """The call button of an emergency result: the number of the country this person chose
    in settings, or "your emergency number" and a link to the choice. Read once a request,
    and only by pages that show one (never the Learn pages, which browsers keep offline)."""
    found = getattr(request.state, "emergency_call", None)
    if isinstance(found, EmergencyCallOut):
        return found
    coach = getattr(request.state, "coach", None)
    kb: KnowledgeBase = request.app.state.coach.kb
    number = None
    if coach is not None and (coach.accounts is None or coach.user is not None):
        try:
            number = preferences.emergency_number(kb, coach.journal)
        except StorageError:
            number = None  # the button still says to call, and where to choose the number
    request.state.emergency_call = found = call_view(kb, number)
    return found


def journal_damaged(request: Request) -> bool:
    """Whether the journal is known to be damaged: then every page says so at its top
    (``_journal_damaged.html``), from the last integrity check, without reading the file."""
    coach = getattr(request.app.state, "coach", None)
    return coach is not None and journal_health.is_damaged(coach.store)


templates.env.globals["accounts_on"] = accounts_on
templates.env.globals["journal_damaged"] = journal_damaged
templates.env.globals["signed_in_name"] = signed_in_name
templates.env.globals["safety_net_words"] = safety_net_words
templates.env.globals["emergency_signs"] = emergency_signs
templates.env.globals["emergency_call"] = emergency_call


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render a page; ``section`` in the context marks the current place in the navigation."""
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    return render(
        request,
        "error.html",
        {"title": title, "message": message, "status": status, "section": ""},
        status_code=status,
    )
