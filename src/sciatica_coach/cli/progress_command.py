"""``sciatica-coach progress``: how the weeks have gone, in numbers, words and a chart."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sciatica_coach.coach import adherence, progress
from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.domain.progress import ProgressReport
from sciatica_coach.domain.screening import safety_net
from sciatica_coach.extras import needed

from . import render
from .emergency_call import call_words
from .files import write_private_bytes
from .journal_access import journal, now, reported
from .output import fail, print_json, stdout


def _score(value: float | None) -> str:
    """A week's mean, one decimal, the same for pain and PEG."""
    return "-" if value is None else f"{value:.1f}"


def report_view(
    kb: KnowledgeBase, report: ProgressReport, habit: adherence.Habit | None = None
) -> RenderableType:
    """The weeks, what they mean and any concern; then the goal (when given); the emergency
    signs last whenever the journal raises a concern."""
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("Week from", "Sessions", "Pain (mean)", "PEG"):
        table.add_column(column)
    for week in report.weeks:
        table.add_row(
            week.start.strftime("%d %b %Y"), str(week.sessions), _score(week.pain), _score(week.peg)
        )
    parts: list[RenderableType] = [
        render.heading(f"Your last {len(report.weeks)} weeks"),
        table,
        Text(""),
        render.bullets(report.summary),
    ]
    known = {e.id: e for e in kb.screening.escalations}
    for escalation_id in report.escalations:
        e = known[escalation_id]
        advice = f" {e.advice}" if e.advice else ""
        parts.append(Text(f"! {e.message} {e.what_to_do}{advice}", style=render.CAUTION))
    if habit is not None:
        parts += [Text(""), habit_view(kb, habit)]
    if report.escalations:
        parts.append(render.safety_net_block(safety_net(kb), call_words(kb)))
    return Group(*parts)


def habit_view(kb: KnowledgeBase, habit: adherence.Habit) -> RenderableType:
    """The weekly goal, then, in a section of its own and never while paused, the pain just
    before and just after sessions."""
    parts: list[RenderableType] = [
        render.heading("Your weekly goal"),
        render.bullets(adherence.goal_words(habit) + adherence.streak_words(habit)),
    ]
    if habit.pause is not None:
        return Group(*parts)
    parts += [Text(""), render.heading(kb.routine.before_after.title)]
    lines = adherence.helped_lines(kb, habit)
    if lines:
        parts += [render.bullets(line.words for line in lines), Text("")]
        parts.append(Text(adherence.helped_caveat(kb), style="dim"))
    else:
        parts.append(Text("No session with pain scored before and after in these weeks yet."))
    return Group(*parts)


def habit_as_json(kb: KnowledgeBase, habit: adherence.Habit) -> dict[str, Any]:
    """The goal and the weeks; ``what_helped`` (pain just before and just after sessions,
    under its old key) is empty while paused, and ``pause`` says why."""
    return {
        "goal": habit.goal,
        "streak": habit.streak,
        "this_week": habit.this_week,
        "to_go": habit.to_go,
        "pause": habit.pause,
        "words": adherence.goal_words(habit) + adherence.streak_words(habit),
        "what_helped_title": kb.routine.before_after.title,
        "what_helped": [
            {"kind": h.kind, "name": h.name, "sessions": h.sessions,
             "mean_change": h.mean_change, "too_few": h.too_few}
            for h in adherence.helped_lines(kb, habit)
        ],
        "what_helped_caveat": adherence.helped_caveat(kb),
    }  # fmt: skip


def report_as_json(kb: KnowledgeBase, report: ProgressReport) -> dict[str, Any]:
    data = dataclasses.asdict(report)
    for week in data["weeks"]:
        week["start"] = week["start"].isoformat()
    known = {e.id: e for e in kb.screening.escalations}
    data["escalations"] = [known[i].model_dump(mode="json") for i in report.escalations]
    net = safety_net(kb)
    data["safety_net"] = dataclasses.asdict(net) if report.escalations else None
    return data


def progress_command(
    weeks: Annotated[int, typer.Option(min=1, max=104, help="How many weeks to look back.")] = 8,
    chart: Annotated[
        Path | None, typer.Option(help="Also draw the trend to this .png or .svg file.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Sessions per week, the pain and PEG trend and what it means, and pain just before and
    just after sessions: a change in pain of 2 points or 30% is clinically important (Farrar
    et al. 2001, for improvement; used for worsening by analogy), a change in the PEG of 1
    point (Reed et al. 2024)."""
    kb = default_knowledge_base()
    with reported("your journal"):
        moment = now()
        past = progress.history(journal(), moment, weeks)
        habit = adherence.habit(kb, journal(), moment, weeks)
    report = past.report(weeks, kb.routine.limits.bad_reports_per_week_before_referral)
    if chart is not None:
        # late: the chart needs matplotlib (half a second and 50 MB), the rest of the app not
        with needed("charts"):
            from sciatica_coach.exports.chart import ChartError, chart_kind, progress_chart

        try:
            image = progress_chart(past, weeks, chart_kind(chart))
        except ChartError as error:
            fail(str(error))
        write_private_bytes(chart, image)  # 0600, as every file the commands write
    if as_json:
        print_json(kb, report_as_json(kb, report) | {"habit": habit_as_json(kb, habit)})
    else:
        stdout.print(report_view(kb, report, habit))
        if chart is not None:
            stdout.print(Text(f"Chart written to {chart}", style="green"))


def register(app: typer.Typer) -> None:
    app.command("progress")(progress_command)
