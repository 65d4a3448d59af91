"""Reading HTML form fields into the values the domain expects, keeping what was typed.

Why separate from the handlers: a form that comes back with a problem must show exactly what
the person entered, so each reader returns both the parsed values and the raw ones.
An empty field means "not answered", never "no".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Any

from starlette.datastructures import FormData

from sciatica_coach.coach.errors import Invalid, Loc
from sciatica_coach.coach.health_history import PAIN_BEGAN
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import SIDES
from sciatica_coach.domain.body_map import MIDLINE, RegionKey, all_region_keys

from .views.models import MAX_ID
from .views.screening import place_label

ANY_SUFFIX = "__any"


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def texts(form: FormData, name: str) -> list[str]:
    return [v.strip() for v in form.getlist(name) if isinstance(v, str) and v.strip()]


HISTORY_SHOWN = "history_shown"
"""Sent by the form when it showed the health history: only then are its answers read."""


def screening_answers(
    kb: KnowledgeBase, form: FormData
) -> tuple[dict[str, object], dict[str, Any]]:
    """``(answers for the domain, values to show again)`` from the screening form.

    The health history's answers (and the day the pain began) are read only when the form
    showed them (:data:`HISTORY_SHOWN`): a history that was not looked at is never sent as
    if it had been confirmed."""
    answers: dict[str, object] = {}
    shown: dict[str, Any] = {}
    problems: list[tuple[Loc, str]] = []
    with_history = text(form, HISTORY_SHOWN) == "yes"
    if with_history:
        shown[HISTORY_SHOWN] = "yes"
        began = text(form, PAIN_BEGAN)
        shown[PAIN_BEGAN] = began
        if began:
            answers[PAIN_BEGAN] = began
    for question in kb.screening.questions:
        qid = question.id
        if question.from_journal:
            continue  # the journal answers it (see safety.screen_answers)
        if question.part == "history" and not with_history:
            continue  # kept from the last time it was confirmed
        if question.kind == "regions":
            chosen = texts(form, qid)
            anything = text(form, qid + ANY_SUFFIX) or ("yes" if chosen else "")
            shown[qid], shown[qid + ANY_SUFFIX] = chosen, anything
            if anything == "no":
                answers[qid] = []
            elif anything == "yes":
                answers[qid] = chosen
                if not chosen:
                    problems.append((("answers", qid), "Pick the areas, or answer No."))
            continue
        raw = text(form, qid)
        shown[qid] = raw
        if not raw:
            continue
        if question.kind == "yes_no" and raw in ("yes", "no"):
            answers[qid] = raw == "yes"
        elif question.kind == "yes_no" and raw == "not_sure":
            answers[qid] = raw
        else:
            answers[qid] = raw
    if problems:
        raise FormProblem(Invalid(problems), shown)
    return answers, shown


class FormProblem(Exception):
    """A problem found while reading a form, with the values to show again."""

    def __init__(self, problem: Invalid, shown: dict[str, Any]) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.shown = shown


NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
"""HTML's "valid floating-point number", the only ``value`` an ``<input type=number>`` may
carry (ASCII digits: a "٣" typed on another keyboard is not one)."""
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TIME = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,3})?)?")


def typed_value(value: object, kind: str) -> str:
    """``value`` as the ``value`` of an ``<input type=kind>``: shown again when it is one the
    input can hold, else "" (the error beside the field says what was wrong with it).

    Why: HTML allows only a valid number, date or time there, and a browser drops anything
    else; a form shown again after a mistake must never carry ``value="abc"`` into a number
    field. A text input keeps what was typed, less line breaks and control codes."""
    shown = "" if value is None else str(value)
    if kind in ("number", "range"):
        return shown if NUMBER.fullmatch(shown) else ""
    if kind == "date":
        return shown if DAY.fullmatch(shown) and _real_day(shown) else ""
    if kind == "time":
        return shown if TIME.fullmatch(shown) else ""
    # one line of text: no line breaks (HTML forbids them in a value) and no control codes
    return "".join(c for c in shown if unicodedata.category(c) != "Cc")


def _real_day(shown: str) -> bool:
    try:
        date.fromisoformat(shown)
    except ValueError:
        return False
    return True


def whole_number(raw: str, digits: int = 4) -> int | None:
    """A whole number typed in a form: ASCII digits only, and not too long to be real."""
    if not raw or len(raw) > digits or not raw.isascii() or not raw.isdigit():
        return None
    return int(raw)


def form_id(form: FormData, name: str) -> int | None:
    """A journal id sent by a form (a plan, a map), or None if it is not one."""
    number = whole_number(text(form, name), digits=10)
    return number if number is not None and 1 <= number <= MAX_ID else None


def score(form: FormData, name: str, errors: dict[str, str], required: bool = False) -> int | None:
    """A 0-10 score field; a problem is added to ``errors`` under the field's name."""
    raw = text(form, name)
    if not raw:
        if required:
            errors[name] = "Please give a number from 0 to 10."
        return None
    number = whole_number(raw, digits=2)
    if number is None or number > 10:
        errors[name] = f"'{raw[:20]}' is not a whole number from 0 to 10."
        return None
    return number


def whole(form: FormData, name: str, errors: dict[str, str]) -> int | None:
    """A required count (0 or more); a problem is added to ``errors`` under the field's name."""
    raw = text(form, name)
    number = whole_number(raw, digits=3)
    if number is None:
        errors[name] = f"'{raw[:20]}' is not a whole number." if raw else "Please give a number."
    return number


def place_groups(kb: KnowledgeBase) -> list[tuple[str, list[tuple[str, str]]]]:
    """Body-map places for a checkbox list: left side, middle, right side (the person's own)."""
    keys = all_region_keys(kb.regions)
    titles = {"left": "Your left side", MIDLINE: "The middle", "right": "Your right side"}
    order: Sequence[str] = (SIDES[0], MIDLINE, SIDES[1])
    return [
        (titles[side], [(str(k), place_label(kb, str(k))) for k in keys if k.side == side])
        for side in order
    ]


def keys_text(keys: Sequence[RegionKey]) -> list[str]:
    return [str(k) for k in keys]
