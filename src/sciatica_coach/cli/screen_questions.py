"""The safety check asked in the terminal, in three parts:

1. each red flag that still stands, restated and asked again on its own (the answer is kept
   at once: :func:`sciatica_coach.coach.flags.review_flag` or ``seen_doctor``);
2. the daily questions, every one of them, every time, topic by topic under the topic's
   heading ("Your legs and feet"; "Question 3 of 22"; ``?`` for not sure, ``back`` for the
   question before), the emergency signs first, stopping at once at an emergency sign;
3. the health history, when it is due: the kept answers to look over and confirm, or each
   question asked (the kept answer is the default), and the date the pain began.

The words are the content's (``screening.yaml``); this module only asks and reads.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from rich.console import Console, Group
from rich.panel import Panel
from rich.prompt import Prompt
from rich.text import Text

from sciatica_coach.coach import flags, health_history, safety_records
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.coach.ports import JournalPort
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.screening_models import Question
from sciatica_coach.domain.screening import NOT_SURE, Answer, read_answer, triggers

from . import render


class Typed(Enum):
    """A word typed at a question instead of an answer."""

    BACK = "back"
    """Go back to the question before (its answer is asked again)."""
    HISTORY = "history"
    """Look over the health history too, after the daily questions."""


BACK = Typed.BACK.value
Prefilled = Mapping[str, tuple[object, str]]
"""Answers filled in from what the person wrote: ``{question id: (answer, the words)}``."""


# --- 1. red flags that stand ---------------------------------------------------------------

REVIEW_CHOICES = ("wrong_answer", "still_have", "not_sure", "seen_doctor")


def review_choices(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """The four answers to a flag asked again, each with the content's words."""
    words = kb.screening.flags
    return list(
        zip(
            REVIEW_CHOICES,
            (words.wrong_answer, words.still_have, words.still_not_sure, words.seen_doctor),
            strict=True,
        )
    )


def ask_standing_flags(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, console: Console
) -> None:
    """Ask each red flag that stands again, on its own, and keep each answer at once (a
    doctor's visit since, too: it lifts that sign)."""
    standing = flags.standing_flags(kb, journal, now)
    words = kb.screening.flags
    choices = review_choices(kb)
    for number, shown in enumerate(standing, start=1):
        of = f" ({number} of {len(standing)})" if len(standing) > 1 else ""
        console.print(
            Panel(
                Group(
                    Text(shown.restated),
                    Text(""),
                    render.numbered(label for _, label in choices),
                ),
                title=Text(f"{words.title}{of}", style="bold red"),
                title_align="left",
                border_style="red",
            )
        )
        chosen = ask_choice(console, len(choices))
        answer = choices[chosen][0]
        if answer == "seen_doctor":
            flags.seen_doctor(kb, journal, now, shown.flag.question_id)
            console.print(Text(f"Saved: {words.seen_doctor}.", style="green"))
            console.print()
            continue
        lifted = flags.review_flag(kb, journal, now, shown.flag.question_id, answer)
        said = Text(words.lifted, style="yellow") if lifted else Text(words.kept, style="bold red")
        console.print(said)
        console.print()


def ask_choice(console: Console, count: int) -> int:
    """A number from 1 to ``count``, asked until it is one; its index."""
    while True:
        raw = Prompt.ask(f"Choose 1-{count}", console=console).strip()
        if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= count:
            return int(raw) - 1
        console.print(Text(f"  Please type a number from 1 to {count}.", style="yellow"))


# --- 2. one question -----------------------------------------------------------------------


def shown_answer(question: Question, answer: object) -> str:
    """An answer as a person types it: yes, no, not sure, a number, places or none."""
    if answer is True:
        return "yes"
    if answer is False:
        return "no"
    if answer == NOT_SURE:
        return "not sure"
    if isinstance(answer, list | tuple):
        return ",".join(str(a) for a in answer) or "none"
    return str(answer)


def ask(
    kb: KnowledgeBase,
    question: Question,
    console: Console,
    can_go_back: bool = False,
    default: object = None,
    words: Sequence[Typed] = (),
    said: str | None = None,
) -> Answer | Typed:
    """Ask one question until the answer is valid (a wrong answer is asked again, not lost).

    ``default`` (a kept answer, or one filled in from what the person wrote, ``said``) is
    what Enter gives; ``back`` (when it can go back) and each of ``words`` come back as
    :class:`Typed`."""
    console.print(Text(question.question, style="bold"))
    console.print(Text(question.help, style="dim"))
    if said:
        console.print(Text(f"From what you wrote: \u201c{said}\u201d", style="yellow"))
    if question.kind == "yes_no":
        prompt = "Answer yes, no or not sure (y / n / ?)"
    elif question.kind == "regions":
        prompt = (
            "Areas, comma-separated (e.g. left:buttock_center), "
            f'or none for "{question.no_label or "no"}"'
        )
    else:
        top = 10 if question.kind == "scale" else question.maximum
        prompt = f"Number 0-{top}"
    if can_go_back:
        prompt += ", or back"
    shown_default = None if default is None else shown_answer(question, default)
    while True:
        raw = Prompt.ask(prompt, console=console, default=shown_default)
        word = (raw or "").strip().lower()
        if can_go_back and word == BACK:
            return Typed.BACK
        typed = next((w for w in words if w.value == word), None)
        if typed is not None:
            return typed
        value: object = [] if question.kind == "regions" and word == "none" else raw
        try:
            return read_answer(question, value, kb)
        except ValueError as error:
            console.print(Text(f"  {error}", style="yellow"))


def said_answer(question: Question, answer: object) -> str:
    """An answer as a person reads it back: Yes, No, Not sure, a number, places, or the
    question's own "no" ("No, my skin is fine")."""
    if question.kind == "regions" and isinstance(answer, list | tuple) and not answer:
        return question.no_label or "No"
    return shown_answer(question, answer).capitalize()


def as_json_answer(answer: Answer) -> object:
    return [str(k) for k in answer] if isinstance(answer, tuple) else answer


@dataclass
class Asked:
    """Answers asked in order; ``stopped_at_emergency`` when an emergency sign ended it."""

    answers: dict[str, object]
    stopped_at_emergency: bool = False
    history_asked_for: bool = False


def ask_in_turn(
    kb: KnowledgeBase,
    questions: Sequence[Question],
    console: Console,
    label: str,
    defaults: Mapping[str, object] | None = None,
    words: Sequence[Typed] = (),
    said: Mapping[str, str] | None = None,
) -> Asked:
    """Ask each question in order, saying which of how many ("Question 3 of 22") and, when the
    topic changes, its heading ("Your legs and feet"); stopping at once when an emergency is
    reported; ``back`` goes to the question before."""
    titles = {t.id: t.title for t in kb.screening.topics}
    asked = Asked({})
    index = 0
    while index < len(questions):
        question = questions[index]
        before = questions[index - 1].topic if index > 0 else None
        if question.topic is not None and question.topic != before:
            console.print(render.heading(titles[question.topic]))
        console.print(Text(f"{label} {index + 1} of {len(questions)}", style="dim"))
        default = (defaults or {}).get(question.id)
        words_said = (said or {}).get(question.id)
        answer = ask(kb, question, console, index > 0, default, words, words_said)
        console.print()
        if answer is Typed.BACK:
            index -= 1
            asked.answers.pop(questions[index].id, None)
            continue
        if answer is Typed.HISTORY:
            asked.history_asked_for = True
            console.print(
                Text(f"{kb.screening.health_history.title}: asked after these questions.\n")
            )
            continue
        assert not isinstance(answer, Typed)
        asked.answers[question.id] = as_json_answer(answer)
        if question.rule.level == "emergency" and triggers(question, answer):
            asked.stopped_at_emergency = True
            break
        index += 1
    return asked


# --- 3. the health history -------------------------------------------------------------------

AGO = re.compile(r"^(\d{1,4})\s*(day|days|week|weeks|month|months|year|years)\s+ago$")
DATE_WORDS = "a date such as 2026-11-02, or how long ago: today, 3 weeks ago, 2 months ago"


def read_began(text: str, now: datetime) -> date:
    """The day the pain began, from a date (``YYYY-MM-DD``) or from how long ago it was
    ("today", "yesterday", "3 weeks ago", "2 months ago"); :class:`Invalid` if neither."""
    said = " ".join(text.strip().lower().split())
    today = now.date()
    if said == "today":
        return today
    if said == "yesterday":
        return today - timedelta(days=1)
    found = AGO.match(said)
    if found is None:
        try:
            date.fromisoformat(said)
        except ValueError:
            raise Invalid.one(
                ("answers", health_history.PAIN_BEGAN), f"Type {DATE_WORDS}."
            ) from None
        return health_history.read_pain_began(said, now)
    count, unit = int(found.group(1)), found.group(2).rstrip("s")
    if unit == "day":
        day = today - timedelta(days=count)
    elif unit == "week":
        day = today - timedelta(weeks=count)
    else:
        months = count * (12 if unit == "year" else 1)
        year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
        month += 1
        if year < 1900:
            return health_history.read_pain_began("1899-12-31", now)
        day = date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    return health_history.read_pain_began(day.isoformat(), now)


def ask_began(
    kb: KnowledgeBase, console: Console, now: datetime, default: date | None = None
) -> date:
    """The date this spell of pain began, asked until it can be read, and said back once."""
    words = kb.screening.health_history
    console.print(Text(words.pain_began_question, style="bold"))
    console.print(Text(words.pain_began_help, style="dim"))
    while True:
        raw = Prompt.ask(
            "Date (year-month-day), or how long ago (3 weeks ago, today)",
            console=console,
            default=default.isoformat() if default else None,
        )
        try:
            day = read_began(raw or "", now)
        except Invalid as problem:
            console.print(Text(f"  {problem.message}", style="yellow"))
            continue
        console.print(Text(f"  That is {long_date(day)}.", style="dim"))
        console.print()
        return day


def long_date(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def kept_view(
    kb: KnowledgeBase, kept: safety_records.KeptHistory, questions: Sequence[Question]
) -> Group:
    """The kept history in short: each question with its answer, then the day it began."""
    words = kb.screening.health_history
    lines = [
        Text.assemble(f"{q.question} ", (said_answer(q, kept.answers[q.id]), "bold"))
        for q in questions
        if q.id in kept.answers
    ]
    if kept.pain_began is not None:
        lines.append(
            Text.assemble(f"{words.pain_began_question} ", (long_date(kept.pain_began), "bold"))
        )
    confirmed = long_date(kept.confirmed_at.date())
    return Group(
        render.heading(f"{words.title} (confirmed on {confirmed})"),
        Text(words.intro, style="dim"),
        render.bullet_texts(lines),
    )


def ask_yes_no(console: Console, prompt: str) -> bool:
    """Yes (the default, on Enter) or no, asked until it is one."""
    while True:
        raw = Prompt.ask(f"{prompt} [Y/n]", console=console, show_default=False, default="y")
        word = raw.strip().lower()
        if word in ("y", "yes"):
            return True
        if word in ("n", "no"):
            return False
        console.print(Text("  Please answer y or n.", style="yellow"))


def ask_history(
    kb: KnowledgeBase,
    console: Console,
    now: datetime,
    kept: safety_records.KeptHistory | None,
    prefilled: Prefilled | None = None,
) -> dict[str, object]:
    """The health history to send with the check: the kept one, looked over and confirmed,
    or each question asked (the kept answer as the default) with the day the pain began.

    A question ``prefilled`` (from what the person wrote) is asked again even in a history
    confirmed, unless the kept answer already says as much: what they wrote can only add a
    sign, never take one away."""
    questions = health_history.history_questions(kb)
    words = kb.screening.health_history
    prefilled = prefilled or {}
    given: dict[str, object] = {}
    to_ask = list(questions)
    confirmed = False
    if kept is not None:
        console.print(kept_view(kb, kept, questions))
        confirmed = ask_yes_no(console, "Is this still right?")
        if confirmed:
            again = {
                q.id for q in questions if q.id in prefilled and not raised(kept.answers.get(q.id))
            }
            given = {
                q.id: kept.answers[q.id]
                for q in questions
                if q.id in kept.answers and q.id not in again
            }
            to_ask = [q for q in questions if q.id not in kept.answers or q.id in again]
        console.print()
    else:
        console.print(render.heading(words.title))
        console.print(Text(words.intro, style="dim"))
        console.print()
    if to_ask:
        defaults = {
            **(kept.answers if kept is not None else {}),
            **{q.id: prefilled[q.id][0] for q in to_ask if q.id in prefilled},
        }
        said = {key: evidence for key, (_, evidence) in prefilled.items()}
        given |= ask_in_turn(kb, to_ask, console, words.title, defaults, said=said).answers
    began = kept.pain_began if kept is not None else None
    if began is None or not confirmed:
        began = ask_began(kb, console, now, began)
    return given | {health_history.PAIN_BEGAN: began.isoformat()}


def history_line(kept: safety_records.KeptHistory, kb: KnowledgeBase) -> Text:
    """One line for a history confirmed lately (not asked), and how to look it over."""
    return Text(
        f"{kb.screening.health_history.title}: confirmed on "
        f"{long_date(kept.confirmed_at.date())}. To change it, type history at any question.\n",
        style="dim",
    )


def raised(answer: object) -> bool:
    """Whether a kept yes/no answer already says yes or not sure."""
    return answer is True or answer == NOT_SURE


def ask_check(
    kb: KnowledgeBase,
    journal: JournalPort,
    now: datetime,
    console: Console,
    prefilled: Prefilled | None = None,
) -> dict[str, object]:
    """The whole check asked in the terminal: standing flags, the daily questions, the
    health history when it is due (or asked for); the answers to send with it.

    ``prefilled`` answers (``{question id: (answer, the words it came from)}``, from a
    description in the person's own words) are what Enter gives at their questions, the words
    shown: every question is still asked. One about the health history has it asked too."""
    prefilled = prefilled or {}
    ask_standing_flags(kb, journal, now, console)
    kept = safety_records.read(journal, now).history
    due = health_history.is_due(kb, kept, now)
    console.print(
        Text("Safety check before massage. Answer for how things are today.\n", style="bold")
    )
    daily = health_history.daily_questions(kb)
    history_said = {q.id for q in health_history.history_questions(kb)} & set(prefilled)
    if not due and kept is not None and not history_said:
        console.print(history_line(kept, kb))
    defaults = {key: answer for key, (answer, _) in prefilled.items()}
    said = {key: evidence for key, (_, evidence) in prefilled.items()}
    words = () if due or history_said else (Typed.HISTORY,)
    asked = ask_in_turn(kb, daily, console, "Question", defaults, words, said)
    if asked.stopped_at_emergency:
        return asked.answers
    if due or asked.history_asked_for or history_said:
        return asked.answers | ask_history(kb, console, now, kept, prefilled)
    return asked.answers
