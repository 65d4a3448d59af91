"""``sciatica-coach describe TEXT``: the pain in your own words, read back as the map's places
and feelings, the check questions it may speak to, and what it says no to.

Nothing is decided from the text and nothing is kept: it only fills in the map and the check
for the person to confirm (a denial is shown, never taken as an answer "no"). In a terminal it
offers to start the check or the map with it.

Exit codes: 0 read, 2 the text cannot be used (empty, nothing recognisable, too long); after
the check, as ``screen``: 3 when no session is allowed.
"""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Sequence
from typing import Annotated

import typer
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from sciatica_coach.coach import describe as described
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.domain.body_map import place_label
from sciatica_coach.domain.describe import Description
from sciatica_coach.domain.screening import safety_net

from . import render
from .emergency_call import call_words
from .output import fail, stdout, terminal_safe

FEELING_WORDS = {"electric": "electric or shooting", "tight": "tight or stiff"}
ASIDE_WORDS = {
    "history": "in the past",
    "family": "about someone else",
    "hypothetical": "an if or a worry",
}


SERIOUS_SIGN = (
    "One of these can be a sign of a serious problem: take the safety check now, and see the "
    "signs below."
)


def quoted(words: str) -> str:
    return f"\u201c{terminal_safe(words)}\u201d"


STDIN_BYTES = 1_000_000
"""The most read from standard input: far over the limit, so a longer text is refused as too
long without being read whole (a file piped in by mistake)."""


def read_text(words: Sequence[str]) -> str:
    """The words given, joined; ``-`` reads the text from standard input (bytes that are not
    UTF-8 become U+FFFD, never an error)."""
    if list(words) != ["-"]:
        return " ".join(words)
    data = sys.stdin.buffer.read(STDIN_BYTES + 1)
    if len(data) > STDIN_BYTES:
        fail(
            f"A description can be at most {described.DESCRIBE_LIMIT} characters; this one has "
            f"more than {STDIN_BYTES:,} bytes. Please shorten it."
        )
    return data.decode("utf-8", "replace")


def describe_or_fail(kb: KnowledgeBase, text: str) -> Description:
    try:
        return described.describe_text(kb, text)
    except Invalid as problem:
        fail(problem.message)


def _places(kb: KnowledgeBase, description: Description) -> list[Text]:
    lines = []
    for key in description.places:
        words = description.place_words.get(key, "")
        lines.append(Text.assemble(place_label(kb.regions, key), (f"  {quoted(words)}", "dim")))
    return lines


def _which_side(kb: KnowledgeBase, description: Description) -> list[Text]:
    lines = []
    for region in description.which_side:
        name = kb.regions[region].label if region in kb.regions else region
        lines.append(Text(f"{name}: left, right or both?"))
    return lines


def _feels(description: Description) -> list[Text]:
    lines = []
    for feel in description.feels:
        words = description.feel_words.get(feel, "")
        said = f"  {quoted(words)}" if words and words.lower() != feel else ""
        lines.append(Text.assemble(FEELING_WORDS.get(feel, feel), (said, "dim")))
    return lines


def _flags(kb: KnowledgeBase, description: Description) -> list[Text]:
    questions = kb.screening.question_by_id
    lines = []
    for question_id, pre in described.check_answers_from(description, kb).items():
        answer = "Yes" if pre.answer == "yes" else "Not sure"
        lines.append(
            Text.assemble(
                (questions[question_id].question, "bold"),
                "\n",
                (f"{answer}, from ", "yellow"),
                quoted(pre.evidence),
            )
        )
    return lines


def _denied(kb: KnowledgeBase, description: Description) -> list[Text]:
    questions = kb.screening.question_by_id
    return [
        Text.assemble(
            questions[question_id].question,
            "\n",
            ("you said: ", "dim"),
            quoted(words),
            (" (the check will still ask)", "dim"),
        )
        for question_id, words in described.denials_from(description, kb).items()
    ]


def _at_once(kb: KnowledgeBase, description: Description) -> str | None:
    """What to do at once when the text may speak to an emergency or an urgent sign (the
    words the journal's signs use), else None."""
    levels = {
        question.rule.level
        for flag in description.flags
        if (question := kb.screening.question_by_id.get(flag.question)) is not None
    }
    text = kb.screening.logged_signs.text
    return text.emergency if "emergency" in levels else text.urgent if "urgent" in levels else None


def _asides(description: Description) -> list[Text]:
    return [
        Text.assemble(
            quoted(aside.words), (f"  ({ASIDE_WORDS.get(aside.kind, aside.kind)})", "dim")
        )
        for aside in description.asides
    ]


def description_view(kb: KnowledgeBase, description: Description) -> RenderableType:
    """What the text says, in plain words, each with the words that gave it; the emergency
    signs last whenever it speaks to a red flag."""
    parts: list[RenderableType] = []
    at_once = _at_once(kb, description)
    if at_once:  # what to do now comes before anything else
        parts += [Text(at_once, style="bold red"), Text("")]

    def section(title: str, lines: list[Text], note: str = "") -> None:
        if lines:
            parts.append(render.heading(title))
            if note:
                parts.append(Text(note, style="dim"))
            parts.append(render.bullet_texts(lines))
            parts.append(Text(""))

    section("Where", _places(kb, description))
    section("Which side?", _which_side(kb, description), "Named with no side: the map will ask.")
    section("How it feels", _feels(description))
    flags = _flags(kb, description)
    if flags:
        parts.append(
            Panel(
                render.bullet_texts(flags, "!"),
                title=Text("What you wrote may speak to these check questions", style="bold"),
                title_align="left",
                border_style="yellow",
            )
        )
        parts.append(Text("The check asks each one: you confirm the answer.", style="dim"))
        if described.red_flags(kb, description):
            parts.append(Text(SERIOUS_SIGN, style="bold red"))
        parts.append(Text(""))
    section("These sound like a no: the check still asks each one", _denied(kb, description))
    section("Not counted as your symptoms now", _asides(description))
    if described.red_flags(kb, description):
        parts.append(render.safety_net_block(safety_net(kb), call_words(kb)))
    return Group(*parts)


def typed_again(text: str) -> str:
    """``text`` quoted for a shell as a person would: in double quotes when nothing in it is
    special there ("can't" stays readable), else as :func:`shlex.quote` has it."""
    if not any(c in text for c in '"$`\\!'):
        return f'"{text}"'
    return shlex.quote(text)


QUOTED_UP_TO = 160
"""A text up to this long is typed out again in the hint to start the check with it."""


def next_steps(kb: KnowledgeBase, description: Description, text: str) -> list[str]:
    """The commands that take it further, typed out: the map's marks, and the check (with
    the text, when it speaks to a question and is short enough to type again)."""
    marks = described.map_marks_from(description)
    steps = []
    if marks.where:
        feels = f" --feels {','.join(marks.feels)}" if marks.feels else ""
        steps.append(f"sciatica-coach match --where {','.join(marks.where)}{feels}")
    said = " ".join(text.split())
    if described.check_answers_from(description, kb) and len(said) <= QUOTED_UP_TO:
        steps.append(f"sciatica-coach screen --describe {typed_again(terminal_safe(said))}")
    else:
        steps.append("sciatica-coach screen")
    return steps


def describe_command(
    context: typer.Context,
    text: Annotated[
        str,
        typer.Argument(
            help='How it hurts, in your own words (quotes are not needed); "-" reads it from '
            "standard input.",
            show_default=False,
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Describe the pain in your own words: where, how it feels, and what to check.

    The text is read for places on the body map, feelings, the safety check's questions it
    speaks to ("numb when I wipe") and what it says no to ("no fever"). Nothing is decided
    from it and nothing is kept: a question it speaks to is asked with that answer filled
    in, for you to confirm; one it says no to is still asked. In a terminal it offers to
    start the check or the map with it. Exit code 2 when the text cannot be read.
    """
    words = [text, *context.args]  # the words after the first, unquoted
    kb = default_knowledge_base()
    said = read_text(words)
    description = describe_or_fail(kb, said)
    if as_json:
        typer.echo(json.dumps(description.to_json(), indent=2, ensure_ascii=False))
        return
    stdout.print(description_view(kb, description))
    if words != ["-"] and sys.stdin.isatty() and sys.stdout.isatty():
        from .describe_start import offer  # late: only in a terminal

        offer(kb, description)
        return
    stdout.print(Text("Next:", style="dim"))
    stdout.print(render.bullets(next_steps(kb, description, said)))


def register(app: typer.Typer) -> None:
    app.command("describe", context_settings={"allow_extra_args": True})(describe_command)
