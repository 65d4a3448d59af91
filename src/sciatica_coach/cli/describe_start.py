"""After ``describe`` in a terminal: start the safety check or the body map with what was read.

The check asks every question as ``screen`` does, with the answers the text gave filled in
(Enter keeps them) and the words they came from shown; a question the text said no to is
asked with nothing filled in. The map asks which side for a place named with no side, then
ranks the muscles as ``match`` does.
"""

from __future__ import annotations

from rich.prompt import Prompt
from rich.text import Text

from sciatica_coach.coach import describe as described
from sciatica_coach.coach.describe import MapMarks
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.describe import Description

from . import render
from .journal_access import reported
from .output import stdout, terminal_safe

CHECK = "The safety check, with what you wrote filled in for you to confirm"
MAP = "The body map: the muscles that may send pain to these places"
SIDE_WORDS = {"l": "left", "r": "right", "b": "both"}


def offer(kb: KnowledgeBase, description: Description) -> None:
    """Ask whether to start the check or the map with the description, and start it."""
    marks = described.map_marks_from(description)
    choices = [("check", CHECK)]
    if marks.where or marks.which_side:
        choices.append(("map", MAP))
    stdout.print(render.heading("Start with it?"))
    stdout.print(render.numbered(label for _, label in choices))
    chosen = choose(len(choices))
    if chosen is None:
        return
    if choices[chosen][0] == "check":
        start_check(kb, description)
    else:
        start_map(kb, marks)


def choose(count: int) -> int | None:
    """A number from 1 to ``count``; None for Enter (neither), or when input ends."""
    while True:
        try:
            raw = Prompt.ask(
                f"Choose 1-{count}, or Enter for neither",
                console=stdout,
                default="",
                show_default=False,
            )
        except (EOFError, KeyboardInterrupt):
            stdout.print()
            return None
        word = raw.strip()
        if not word:
            return None
        if word.isascii() and word.isdigit() and 1 <= int(word) <= count:
            return int(word) - 1
        stdout.print(Text(f"  Please type a number from 1 to {count}.", style="yellow"))


def start_check(kb: KnowledgeBase, description: Description) -> None:
    from .screen_command import collect_answers, show_checked, take_check

    prefilled = {
        question: (pre.answer, terminal_safe(pre.evidence))
        for question, pre in described.check_answers_from(description, kb).items()
    }
    stdout.print()
    answers = collect_answers(kb, None, stdout, prefilled)
    show_checked(kb, take_check(kb, answers))


def ask_side(name: str) -> str | None:
    """left, right or both for a place named with no side; None when input ends."""
    while True:
        try:
            raw = Prompt.ask(f"{name}: which side? left, right or both", console=stdout)
        except (EOFError, KeyboardInterrupt):
            stdout.print()
            return None
        word = raw.strip().lower()
        side = SIDE_WORDS.get(word[:1]) if word in (*SIDE_WORDS, *SIDE_WORDS.values()) else None
        if side is not None:
            return side
        stdout.print(Text("  Please type left, right or both.", style="yellow"))


def start_map(kb: KnowledgeBase, marks: MapMarks) -> None:
    from sciatica_coach.coach.maps import match_places

    from .match_commands import match_view

    where = list(marks.where)
    for region in marks.which_side:
        name = kb.regions[region].label if region in kb.regions else region
        side = ask_side(name)
        if side is None:
            return
        where += described.sided(region, side)
    with reported("the body map"):
        matched = match_places(kb, where, marks.feels)
    stdout.print()
    stdout.print(match_view(kb, matched.result, 5))
    stdout.print(
        Text(
            f"Next: a routine for these places, with sciatica-coach plan --where {','.join(where)}",
            style="dim",
        )
    )
