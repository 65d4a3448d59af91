"""Rich renderings of knowledge-base content for the terminal.

Content text is wrapped in ``Text`` objects, never interpreted as Rich markup, so a bracket in
the YAML cannot change how a safety note looks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import (
    Exercise,
    FaqEntry,
    Habit,
    Professional,
    Source,
    Tool,
    Topic,
    WarningSign,
)
from sciatica_coach.domain.library import MuscleGuide, cited, exercise_for_side
from sciatica_coach.domain.screening import SafetyNet

ACCENT = "cyan"
CAUTION = "yellow"


def heading(text: str, style: str = f"bold {ACCENT}") -> Text:
    return Text(text, style=style)


def _hanging(rows: Iterable[tuple[Text, Text]]) -> Table:
    """Items whose wrapped lines line up under their first word, not under the marker."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for marker, item in rows:
        grid.add_row(marker, item)
    return grid


def bullets(items: Iterable[str], marker: str = "•", style: str = "") -> Table:
    return _hanging((Text(f"  {marker}", style="dim"), Text(item, style=style)) for item in items)


def bullet_texts(items: Iterable[Text], marker: str = "•") -> Table:
    """Bullets of styled text (each item already a ``Text``)."""
    return _hanging((Text(f"  {marker}", style="dim"), item) for item in items)


def numbered(items: Iterable[str]) -> Table:
    return _hanging(
        (Text(f"  {number}.", style=f"bold {ACCENT}"), Text(item))
        for number, item in enumerate(items, start=1)
    )


def section(title: str, body: RenderableType) -> Group:
    return Group(Text(""), heading(title), body)


def sources_block(sources: Iterable[Source]) -> Group:
    return section("Sources", bullets((s.citation for s in sources), style="dim"))


def safety_net_block(net: SafetyNet, call: str | None = None) -> RenderableType:
    """The signs that need a doctor today, then the emergency signs and what to do: the last
    thing every non-emergency outcome shows (the emergency signs always last). ``call`` is
    the emergency number to call, in words, when the person has chosen their country."""
    said = [Text(net.action, style="bold"), *([Text(call, style="bold red")] if call else [])]
    body = Group(bullets(net.signs), Text(""), *said)
    emergency = Panel(
        body, title=Text(net.title, style="bold red"), title_align="left", border_style="red"
    )
    if not net.today_signs:
        return emergency
    today = Panel(
        Group(bullets(net.today_signs), Text(""), Text(net.today_action, style="bold")),
        title=Text(net.today_title, style="bold yellow"),
        title_align="left",
        border_style="yellow",
    )
    return Group(today, emergency)


def not_now_page(message: str, reasons: Iterable[str], net: RenderableType) -> Group:
    """A refusal that is no emergency (the dose limit, a pause): why, and then, as after
    every outcome that is not an emergency, the signs that mean emergency care now."""
    return Group(page("No session now", message, bullets(reasons)), net)


def page(title: str, subtitle: str, *parts: RenderableType) -> Panel:
    return Panel(
        Group(Text(subtitle, style="italic"), *parts),
        title=Text(title, style="bold"),
        title_align="left",
        border_style=ACCENT,
        padding=(1, 2),
    )


@dataclass(frozen=True)
class Item:
    """One entry of a list: its name, what to say of it, and the command that opens it."""

    name: str
    lines: tuple[str, ...] = ()
    opens_with: str | None = None


def listing(title: str, items: Iterable[Item], hint: str = "") -> Group:
    """A list that reads at any width: each entry's name, then its lines under it (wrapped
    under their own first word), then how to open it. No table: a table squeezes a column
    into a tall strip on a narrow terminal."""
    parts: list[RenderableType] = [heading(title)]
    for item in items:
        parts += [Text(""), Text(item.name, style="bold")]
        lines = [*item.lines, *([f"More: {item.opens_with}"] if item.opens_with else [])]
        parts.append(_hanging((Text(" "), Text(line)) for line in lines))
    if hint:
        parts += [Text(""), Text(hint, style="dim")]
    return Group(*parts)


def topic_page(kb: KnowledgeBase, topic: Topic) -> Panel:
    parts: list[RenderableType] = []
    for paragraph in topic.body:
        parts += [Text(""), Text(paragraph)]
    if topic.emergency_signs:  # the one list, in its own words
        net = kb.screening.safety_net
        signs = kb.emergency_signs
        body = Group(bullets((s.text for s in signs), "!", "bold"), Text(net.action, style="bold"))
        parts += [
            Text(""),
            Panel(
                body,
                title=Text(net.title, style="bold red"),
                title_align="left",
                border_style="red",
            ),
        ]
    if topic.key_points:
        parts.append(section("Key points", bullets(topic.key_points)))
    related = [kb.topics[t].title for t in topic.related_topics]
    related += [kb.muscles[m].name for m in topic.related_muscles]
    if related:
        parts.append(section("See also", bullets(related)))
    also = [s.sources for s in kb.emergency_signs] if topic.emergency_signs else []
    parts.append(sources_block(cited(kb, topic.sources, *also)))
    return page(topic.title, topic.summary, *parts)


def guide_tool_name(guide: MuscleGuide, tool_id: str) -> str:
    """A technique tool's name, from the guide's tools."""
    return next(t.name for t in guide.tools if t.id == tool_id)


def muscle_page(guide: MuscleGuide, skip_if_intro: str) -> Panel:
    muscle, technique = guide.muscle, guide.technique
    also = f" (also called {', '.join(muscle.other_names)})" if muscle.other_names else ""
    points = [f"{tp.name}: {tp.where}" for tp in muscle.trigger_points]
    no_press = [f"{place.name}: {place.why}" for place in guide.never_press]
    refers = ", ".join(r.label.lower() for r in guide.refers_to)
    sometimes = ", ".join(r.label.lower() for r in guide.sometimes_refers_to)
    referral = Text(muscle.referral.description + "\n")
    referral.append("  Usually felt in: ", style="bold").append(refers)
    if sometimes:
        referral.append("\n  Sometimes also: ", style="bold").append(sometimes)
    hold = technique.hold_seconds
    how = Group(
        Text(f"Start: {technique.position}", style="italic"),
        *(
            Text(f"With a {guide_tool_name(guide, tool_id).lower()}: {where}", style="italic")
            for tool_id, where in technique.positions.items()
        ),
        numbered(step.text for step in technique.steps),
        Text(
            f"  Pressure: {technique.pressure}.  Hold each spot {hold.min}-{hold.max} seconds.",
            style="bold",
        ),
    )
    return page(
        f"{muscle.name}{also}",
        muscle.summary,
        section("Where it is", Text(muscle.location)),
        section("How to find it", bullets(muscle.landmarks)),
        section("Trigger points", bullets(points)),
        *([section("Do not press here", bullets(no_press, "!", "bold red"))] if no_press else []),
        *(
            [section(skip_if_intro, bullets(muscle.skip_if, "!", CAUTION))]
            if muscle.skip_if
            else []
        ),
        section("Where it can send pain", referral),
        section(f"Technique: {technique.name}", how),
        section("Tools that fit", bullets(f"{t.name}: {t.summary}" for t in guide.tools)),
        section("Take care", bullets(muscle.cautions, "!", CAUTION)),
        section("Avoid", bullets(technique.avoid, "!", CAUTION)),
        section("Stretches", bullets(f"{e.name}: {e.dose.summary}" for e in guide.stretches)),
        section(
            "Strengthening", bullets(f"{e.name}: {e.dose.summary}" for e in guide.strengthening)
        ),
        sources_block(guide.sources),
    )


def tool_page(kb: KnowledgeBase, tool: Tool, used_for: list[str]) -> Panel:
    traits = f"Intensity: {tool.intensity}. " + (
        "Good for beginners." if tool.beginner_friendly else "Better once you have some practice."
    )
    parts: list[RenderableType] = [
        Text(traits, style="bold"),
        section("How to use it", bullets(tool.how_to_use)),
        section("Take care", bullets(tool.cautions, "!", CAUTION)),
    ]
    if used_for:
        parts.append(section("Used in", bullets(used_for)))
    parts.append(sources_block(cited(kb, tool.sources)))
    return page(tool.name, tool.summary, *parts)


def exercise_page(kb: KnowledgeBase, exercise: Exercise) -> Panel:
    muscles = ", ".join(kb.muscles[m].name for m in exercise.muscles)
    note = kb.routine.script.mirror_note if exercise.sided else None
    exercise = exercise_for_side(exercise)
    how = (
        Group(Text(note, style="dim"), numbered(exercise.steps))
        if note
        else numbered(exercise.steps)
    )
    parts: list[RenderableType] = [
        Text(f"{exercise.kind.capitalize()} for: {muscles}", style="bold"),
        section("How to do it", how),
        section("How much", Text(exercise.dose.summary)),
    ]
    if exercise.easier:
        parts.append(section("Easier version", Text(exercise.easier)))
    parts.append(section("Take care", bullets(exercise.cautions, "!", CAUTION)))
    parts.append(sources_block(cited(kb, exercise.sources)))
    return page(exercise.name, exercise.summary, *parts)


def faq_page(kb: KnowledgeBase, entries: list[FaqEntry]) -> Group:
    parts: list[RenderableType] = []
    for entry in entries:
        body = Group(Text(entry.answer), sources_block(cited(kb, entry.sources)))
        parts.append(
            Panel(
                body,
                title=Text(entry.question, style="bold"),
                title_align="left",
                border_style=ACCENT,
                padding=(0, 2),
            )
        )
    return Group(*parts)


def habit_page(kb: KnowledgeBase, habits: list[Habit]) -> Group:
    return Group(
        *(
            page(h.name, h.summary, bullets(h.tips), sources_block(cited(kb, h.sources)))
            for h in habits
        )
    )


def warning_page(kb: KnowledgeBase, signs: list[WarningSign]) -> Group:
    """The warning signs by kind, the emergency ones first; each sign's full name in bold
    (a panel's title would be cut short on a narrow terminal)."""
    groups = (
        ("emergency", "Get emergency care now", "bold red"),
        ("stop_now", "Stop self-massage at once if you notice", "red"),
        ("see_professional", "Get help instead of going it alone when", CAUTION),
    )
    parts: list[RenderableType] = []
    for kind, title, colour in groups:
        chosen = [s for s in signs if s.kind == kind]
        if not chosen:
            continue
        rows: list[RenderableType] = []
        for sign in chosen:
            who = ", ".join(kb.professionals[p].name for p in sign.professionals)
            rows += [Text(""), Text(sign.name, style="bold"), bullets([sign.description], " ")]
            if sign.signs:  # the one list of emergency signs
                rows.append(bullets((s.text for s in sign.signs), "!", "bold"))
            lines = [f"What to do: {sign.what_to_do}"]
            if who:
                lines.append(f"Who can help: {who}")
            rows.append(bullets(lines, " "))
        parts.append(
            Panel(
                Group(*rows[1:]),
                title=Text(title, style=f"bold {colour}"),
                title_align="left",
                border_style=colour.split()[-1],
                padding=(0, 1),
            )
        )
    cited_here = {source for sign in signs for source in sign.sources}
    cited_here |= {source for sign in signs for s in sign.signs for source in s.sources}
    parts.append(sources_block(cited(kb, sorted(cited_here))))
    return Group(*parts)


def professional_page(kb: KnowledgeBase, people: list[Professional]) -> Group:
    return Group(
        *(
            page(
                p.name,
                p.what_they_do,
                section("When to see them", Text(p.when_to_see)),
                sources_block(cited(kb, p.sources)),
            )
            for p in people
        )
    )
