"""``sciatica-coach flags``, ``clearance`` and ``safety-log``: the red flags that stand and
how to lift one, a clinician's clearance, and everything the journal keeps about both.

A red flag (a "yes" or "not sure" that made a check an emergency or a doctor today) stands
for a day: no plan or session starts while it does. It is lifted only sign by sign ("I
pressed the wrong answer") or by a doctor's visit since. The words are the content's
(``screening.yaml``: ``flags``, ``clearances``); the rules are the service layer's.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

import typer
from rich.console import Group, RenderableType
from rich.text import Text

from sciatica_coach.coach import clearances, flags, safety_records
from sciatica_coach.coach.safety_log import safety_log
from sciatica_coach.content import KnowledgeBase, UnknownIdError, default_knowledge_base
from sciatica_coach.content.catalog import typed
from sciatica_coach.domain.days import zone_of
from sciatica_coach.domain.red_flags import REVIEW_ANSWERS

from . import render
from .journal_access import journal, now, reported
from .output import fail, print_json, stdout, unknown

JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]

FLAGS_HELP = (
    "The red flags that stand now, and how to lift one: answer it again on its own, or "
    "record a doctor's visit since."
)
CLEARANCE_HELP = (
    "Record that a doctor or physiotherapist checked this pain and said self-care is fine."
)
LOG_HELP = (
    "Every red flag you reported, each one answered again, doctor's visits and clearances, "
    "with their times."
)


def _clock(moment: datetime, at: datetime) -> str:
    """A moment in the person's own time zone: ``15:00 today``, ``Thu 3 Dec at 09:00``."""
    local = moment.astimezone(zone_of(at))
    if local.date() == at.date():
        return f"{local:%H:%M} today"
    year = f" {local.year}" if local.year != at.year else ""
    return f"{local:%a} {local.day} {local:%b}{year} at {local:%H:%M}"


# --- flags ---------------------------------------------------------------------------------

flags_app = typer.Typer(help=FLAGS_HELP)


def _standing(kb: KnowledgeBase, at: datetime) -> list[flags.StandingFlag]:
    with reported("the safety records"):
        return flags.standing_flags(kb, journal(), at)


def _flag_json(shown: flags.StandingFlag) -> dict[str, Any]:
    flag = shown.flag
    return {
        "question_id": flag.question_id,
        "question": shown.question,
        "answer": flag.answer,
        "level": flag.level,
        "taken_at": flag.taken_at,
        "until": shown.until,
        "restated": shown.restated,
        "screening_id": flag.screening_id,
    }


SEEN_SINCE = "A doctor has seen you about it since: sciatica-coach flags seen-doctor"


def _sign_json(sign: flags.CountingSign) -> dict[str, Any]:
    return {
        "id": sign.id,
        "text": sign.text,
        "at": sign.sign.at,
        "kind": sign.sign.kind,
        "words": sign.sign.evidence or None,
        "question": sign.sign.question,
    }


def standing_view(
    kb: KnowledgeBase,
    standing: list[flags.StandingFlag],
    signs: list[flags.CountingSign],
    at: datetime,
) -> Group:
    words = kb.screening.flags
    if not standing and not signs:
        return Group(
            Text("No red flag stands now.", style="bold green"),
            Text("Everything you said: sciatica-coach safety-log", style="dim"),
        )
    parts: list[RenderableType] = []
    if standing:
        parts.append(render.heading(words.title, "bold red"))
    else:
        parts.append(Text("No red flag stands now.", style="bold green"))
    for shown in standing:
        flag_id = shown.flag.question_id
        parts += [
            Text(""),
            Text(shown.restated, style="bold"),
            render.bullets(
                [
                    f"Stands until {_clock(shown.until, at)}.",
                    "Answer it again: sciatica-coach flags review "
                    f"{flag_id} wrong_answer|still_have|not_sure",
                    f"{SEEN_SINCE} {flag_id}",
                ],
                " ",
            ),
        ]
    if standing:
        parts += [Text(""), Text(words.stands)]
    if signs:
        parts += [Text(""), render.heading("Signs logged in your journal", "bold yellow")]
    for logged in signs:
        parts += [
            Text(""),
            Text(logged.text, style="bold"),
            render.bullets(
                [f"{SEEN_SINCE} {logged.id}"],
                " ",
            ),
        ]
    parts += [
        Text(""),
        Text(
            "sciatica-coach screen asks each red flag again, first. Everything you said: "
            "sciatica-coach safety-log",
            style="dim",
        ),
    ]
    return Group(*parts)


@flags_app.callback(invoke_without_command=True)
def flags_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The red flags that stand now, and how to lift one: answer it again on its own, or
    record a doctor's visit since.

    A red flag is a "yes" or "not sure" that made a safety check an emergency or a doctor
    today. It stands for 24 hours, and no plan or session starts while it does. Signs logged
    in your journal (numbness, both legs, new places, ...) are listed too: they count as a
    reason to get checked for a week, unless a doctor has seen you about them since.
    """
    if ctx.invoked_subcommand is not None:
        return
    kb = default_knowledge_base()
    at = now()
    standing = _standing(kb, at)
    with reported("the safety records"):
        signs = flags.counting_signs(kb, journal(), at)
    if as_json:
        print_json(
            kb,
            {"flags": [_flag_json(s) for s in standing], "signs": [_sign_json(s) for s in signs]},
        )
    else:
        stdout.print(standing_view(kb, standing, signs, at))


ANSWERS_WORDS = ", ".join(REVIEW_ANSWERS)


@flags_app.command("review")
def review_command(
    question_id: Annotated[
        str, typer.Argument(help="The sign to answer again, as 'flags' lists it.")
    ],
    answer: Annotated[
        str,
        typer.Argument(
            help="wrong_answer (I pressed the wrong answer: lifts it), still_have (I still "
            "have it) or not_sure (I am still not sure); both of those keep it."
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """Answer one red flag again: wrong_answer lifts it; still_have and not_sure keep it.

    Every answer is kept in your journal with its time (sciatica-coach safety-log)."""
    kb = default_knowledge_base()
    said = typed(answer)
    if said not in REVIEW_ANSWERS:
        fail(f"answer with one of: {ANSWERS_WORDS} (not '{answer}')")
    at = now()
    standing = _standing(kb, at)
    if not standing:
        fail(
            "no red flag stands now, so there is nothing to answer again "
            "(see: sciatica-coach flags)"
        )
    wanted = typed(question_id)
    ids = [s.flag.question_id for s in standing]
    if wanted not in ids:
        if wanted in kb.screening.question_by_id:
            fail(
                f"that sign does not stand now; the signs that do: {', '.join(ids)} "
                "(see: sciatica-coach flags)"
            )
        unknown(UnknownIdError("sign", question_id, ids))
    with reported("the safety records"):
        lifted = flags.review_flag(kb, journal(), at, wanted, said)
        left = flags.standing_flags(kb, journal(), at)
    words = kb.screening.flags
    if as_json:
        print_json(
            kb,
            {
                "question_id": wanted,
                "answer": said,
                "lifted": lifted,
                "message": words.lifted if lifted else words.kept,
                "standing": [_flag_json(s) for s in left],
            },
        )
        return
    shown = next(s for s in standing if s.flag.question_id == wanted)
    stdout.print(Text(shown.restated))
    if lifted:
        stdout.print(Text(words.lifted, style="bold yellow"))
    else:
        stdout.print(Text(words.kept, style="bold red"))
    if left:
        count = "1 sign still stands" if len(left) == 1 else f"{len(left)} signs still stand"
        stdout.print(Text(f"{count}: sciatica-coach flags", style="dim"))


@flags_app.command("seen-doctor")
def seen_doctor_command(
    sign: Annotated[
        str,
        typer.Argument(
            help="The red flag (as 'flags' lists it, e.g. saddle_numbness) or the sign logged "
            "in your journal (e.g. journal:numbness) a doctor has seen you about."
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """Record that a doctor has seen you about one sign since you told us of it: it lifts it.

    A red flag, or a sign logged in your journal; kept with its time for your clinician."""
    kb = default_knowledge_base()
    at = now()
    standing = _standing(kb, at)
    with reported("the safety records"):
        signs = flags.counting_signs(kb, journal(), at)
    ids = [s.flag.question_id for s in standing] + [s.id for s in signs]
    if not ids:
        fail(
            "no red flag stands now and no sign logged in your journal counts, so there is "
            "nothing to record (see: sciatica-coach flags)"
        )
    wanted = typed(sign)
    if wanted not in ids:
        unknown(UnknownIdError("sign", sign, ids))
    with reported("the safety records"):
        flags.seen_doctor(kb, journal(), at, wanted)
        left = flags.standing_flags(kb, journal(), at)
    if as_json:
        print_json(kb, {"sign": wanted, "standing": [_flag_json(s) for s in left]})
        return
    stdout.print(Text(f"Saved: {kb.screening.flags.seen_doctor}.", style="green"))
    if left:
        count = "1 red flag still stands" if len(left) == 1 else f"{len(left)} still stand"
        stdout.print(Text(f"{count}: sciatica-coach flags", style="dim"))


# --- clearance -----------------------------------------------------------------------------

clearance_app = typer.Typer(help=CLEARANCE_HELP)


def _reason(kb: KnowledgeBase, text: str) -> clearances.ClearableReason:
    reasons = clearances.clearable(kb)
    wanted = typed(text)
    for reason in reasons:
        if reason.id == wanted:
            return reason
    unknown(UnknownIdError("reason", text, [r.id for r in reasons]))


def _labels(kb: KnowledgeBase) -> dict[str, str]:
    return {r.id: r.label for r in clearances.clearable(kb)}


def _recorded(kb: KnowledgeBase, at: datetime) -> list[safety_records.Clearance]:
    with reported("the safety records"):
        return list(safety_records.read(journal(), at).clearances)


def _applied(kb: KnowledgeBase, clearance: safety_records.Clearance) -> str:
    who = f" ({clearance.who})" if clearance.who else ""
    return kb.screening.clearances.applied.format(
        date=f"{clearance.checked_on:%d %b %Y}".lstrip("0"), who=who
    )


def _clearance_json(kb: KnowledgeBase, clearance: safety_records.Clearance) -> dict[str, Any]:
    return {
        "reason": clearance.reason,
        "label": _labels(kb).get(clearance.reason, clearance.reason),
        "checked_on": clearance.checked_on,
        "who": clearance.who,
        "recorded_at": clearance.recorded_at,
    }


@clearance_app.callback(invoke_without_command=True)
def clearance_command(ctx: typer.Context) -> None:
    """Record that a doctor or physiotherapist checked this pain and said self-care is fine.

    Only for stable reasons to see someone first (list them with 'clearance list'); the
    reason then counts as a caution, with its limits, for 6 months or until your symptoms
    change. Emergency and urgent signs can never be cleared this way.
    """
    if ctx.invoked_subcommand is None:
        list_command(as_json=False)


@clearance_app.command("add")
def add_command(
    reason: Annotated[str, typer.Argument(help="The reason, as 'clearance list' names it.")],
    checked_on: Annotated[
        str, typer.Option("--checked-on", help="The date of that check, YYYY-MM-DD.")
    ],
    who: Annotated[
        str | None, typer.Option(help="Who checked it, e.g. 'Dr Shah, GP' (optional).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Keep a clinician's check of one reason: it then counts as a caution, with its limits."""
    kb = default_knowledge_base()
    chosen = _reason(kb, reason)
    at = now()
    with reported("the clearance"):
        record_id = clearances.record_clearance(kb, journal(), at, chosen.id, checked_on, who)
    saved = next(
        (c for c in reversed(_recorded(kb, at)) if c.reason == chosen.id),
        None,
    )
    if as_json:
        print_json(
            kb, {"id": record_id, **(_clearance_json(kb, saved) if saved is not None else {})}
        )
        return
    stdout.print(Text(f"Saved (entry {record_id}): {chosen.label}", style="green"))
    if saved is not None:
        stdout.print(Text(_applied(kb, saved)))
    stdout.print(Text(kb.screening.clearances.help, style="dim"))


@clearance_app.command("list")
def list_command(as_json: JsonOption = False) -> None:
    """The reasons a clinician's check can clear, and the clearances you recorded."""
    kb = default_knowledge_base()
    reasons = clearances.clearable(kb)
    recorded = _recorded(kb, now())
    if as_json:
        print_json(
            kb,
            {
                "reasons": [{"id": r.id, "label": r.label} for r in reasons],
                "recorded": [_clearance_json(kb, c) for c in recorded],
            },
        )
        return
    words = kb.screening.clearances
    items = [
        render.Item(
            r.label,
            (
                "Record it: sciatica-coach clearance add "
                f"{r.id} --checked-on YYYY-MM-DD [--who NAME]",
            ),
        )
        for r in reasons
    ]
    parts: list[RenderableType] = [
        render.heading(words.question),
        Text(words.help, style="dim"),
        Text(""),
        render.listing("Reasons it can clear", items),
        Text(""),
        render.heading("Recorded"),
    ]
    labels = _labels(kb)
    if recorded:
        parts.append(
            render.bullets(
                f"{labels.get(c.reason, c.reason)} {_applied(kb, c)}" for c in reversed(recorded)
            )
        )
    else:
        parts.append(Text("None yet.", style="dim"))
    stdout.print(Group(*parts))


# --- safety-log ----------------------------------------------------------------------------


def safety_log_command(
    weeks: Annotated[int, typer.Option(min=1, max=520, help="How many weeks to look back.")] = 8,
    as_json: JsonOption = False,
) -> None:
    """Every red flag you reported, each one answered again, doctor's visits and clearances,
    with their times.

    What a clinician needs to see: the same list is in the summary for your clinician
    (sciatica-coach report) and the exports.
    """
    kb = default_knowledge_base()
    at = now()
    with reported("the safety records"):
        events = safety_log(kb, journal(), at - timedelta(weeks=weeks), at)
    if as_json:
        print_json(kb, events)
        return
    span = "week" if weeks == 1 else f"{weeks} weeks"
    if not events:
        stdout.print(
            Text(
                f"Nothing in the last {span}: no red flag, no sign answered again, no doctor's "
                "visit and no clearance.",
                style="dim",
            )
        )
        return
    parts: list[RenderableType] = [render.heading(f"Safety log: the last {span}, oldest first")]
    for event in events:
        parts += [
            Text(""),
            Text(_clock(event.at, at), style="bold"),
            render.bullets([event.text], " "),
        ]
    stdout.print(Group(*parts))


def register(app: typer.Typer) -> None:
    app.add_typer(flags_app, name="flags")
    app.add_typer(clearance_app, name="clearance")
    app.command("safety-log")(safety_log_command)
