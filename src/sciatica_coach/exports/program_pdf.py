"""A routine to print: the safety rules first, then each muscle and each step with its picture.

At the top, in a red box, when to stop at once and the signs that mean emergency care now;
then the limits the safety check put on this routine. Then each muscle with the body map of
its trigger points and where it sends pain, and each step in order: its picture (the
position drawing of :mod:`sciatica_coach.figures.poses`, or the muscle's body map where a
step has no position), how long to hold, the sets and repetitions, and the cues. The same
plan the session plays; nothing is added or left out. Ends with what was left out today,
the sources and the app's disclaimer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sciatica_coach.coach.report import level_title, restriction_words
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import Side
from sciatica_coach.domain.library import first_sentence
from sciatica_coach.domain.plan_model import Plan, PlanStep, Target
from sciatica_coach.figures.body_pictures import body_picture
from sciatica_coach.figures.body_svg import PRINT_BOX
from sciatica_coach.figures.poses import HEIGHT as POSE_HEIGHT
from sciatica_coach.figures.poses import WIDTH as POSE_WIDTH
from sciatica_coach.figures.poses import pose_svg, pose_text

from .pdf_kit import (
    ACCENT,
    DANGER,
    DANGER_BG,
    MUTED,
    SMALL_SIZE,
    SOFT,
    WARN,
    WARN_BG,
    WARN_EDGE,
    Document,
    Line,
    disclaimer,
    source_line,
)

TITLE = "Your self-massage routine"
KEEP_WHOLE = 90.0
"""The most (mm) of a list of what was left out that is moved whole to the next page."""
FOOTER = "Sciatica Coach: self-care, not a diagnosis. Stop at once if it hurts in a bad way."
POSE_W = 46.0
MAP_W = 36.0
TEXT_GAP = 5.0
KINDS = {
    "safety": "Safety",
    "warm_up": "Warm-up",
    "find_spot": "Find the spot",
    "hold": "Hold",
    "stretch": "Stretch",
    "strengthen": "Strengthen",
    "habit": "Habit",
}


def program_pdf(kb: KnowledgeBase, plan: Plan, made_at: datetime) -> bytes:
    """The plan as a printable PDF (A4)."""
    doc = Document(TITLE, FOOTER)
    doc.add_page()
    minutes = round(plan.estimated_seconds / 60)
    doc.title_block(
        TITLE,
        [
            f"About {minutes} minutes (you allowed {plan.minutes}). Made "
            f"{made_at.day} {made_at:%b %Y, %H:%M}, after a safety check that said: "
            f"{level_title(kb, plan.screening_level)}.",
            "Take the safety check again before every session: a plan is for the day it was made.",
        ],
    )
    _safety_rules(kb, doc)
    _limits(kb, doc, plan)
    _muscles(kb, doc, plan)
    _steps(kb, doc, plan)
    if plan.dropped:
        _left_out(doc, plan)
    doc.heading("Sources", keep=18)
    signs = [source for sign in kb.emergency_signs for source in sign.sources]  # the red box's
    places = [source for place in kb.never_press.values() for source in place.sources]
    cited = dict.fromkeys([*plan.sources, *kb.routine.printout.sources, *signs, *places])
    doc.bullets(
        [source_line(kb.sources[s]) for s in cited if s in kb.sources], SMALL_SIZE, keep=True
    )
    doc.ln(1)
    doc.box([Line(disclaimer(kb), bold=True, size=8.6, after=0)], SOFT, ACCENT)
    return bytes(doc.output())


def _left_out(doc: Document, plan: Plan) -> None:
    """What the plan left out, each item with a capital (a plan saved before they all had
    one); a short list kept whole with its heading, never one item alone on the next page."""
    items = [item[:1].upper() + item[1:] for item in plan.dropped]
    height = sum(doc.text_height(item, doc.width - 4) + 0.6 for item in items)
    doc.heading("Left out today", keep=min(14 + height, KEEP_WHOLE))
    doc.bullets(items, keep=True)


def _safety_rules(kb: KnowledgeBase, doc: Document) -> None:
    """When to stop, and when to get emergency care: before anything else."""
    net = kb.screening.safety_net
    stop = [w for w in kb.warning_signs.all() if w.kind == "stop_now"]
    words = kb.routine.printout
    lines = [Line(words.stop_title, bold=True, after=0.6)]
    lines += [
        Line(f"{w.name}: {first_sentence(w.description)}", bullet=True, size=8.6) for w in stop
    ]
    lines.append(Line(words.after_stopping, size=8.6, after=1.2))
    lines.append(Line(words.never_press_title, bold=True, after=0.6))
    # the one never-press list, as the Learn pages and close-ups have it
    lines += [Line(place.name, bullet=True, size=8.6) for place in kb.never_press.values()]
    lines[-1] = replace(lines[-1], after=1.6)
    lines.append(Line(f"{net.title}, now, if you have any of these:", bold=True, after=0.6))
    lines += [Line(sign.text, bullet=True, size=8.6) for sign in kb.emergency_signs]
    lines.append(Line(f"{net.action} {net.emergency_extra}", bold=True, size=8.6, after=0))
    doc.heading("Safety first", keep=60)
    doc.box(lines, DANGER_BG, DANGER)


def _limits(kb: KnowledgeBase, doc: Document, plan: Plan) -> None:
    # the planner's notes name every limit it applied, in words; a plan without them (an
    # older or hand-made one) still shows its limits by name
    limits = kb.routine.limits
    items = [
        f"At most {limits.sessions_per_day} sessions a day, each after its safety check; "
        f"{limits.holds_per_spot_per_session} hold per spot in a session.",
        *(plan.notes or [restriction_words(kb, r) + "." for r in plan.restrictions]),
    ]
    lines = [Line("Limits for this routine", bold=True, color=WARN, after=0.6)]
    lines += [Line(item, bullet=True, size=8.6) for item in items]
    doc.box(lines, WARN_BG, WARN_EDGE)


def _muscles(kb: KnowledgeBase, doc: Document, plan: Plan) -> None:
    if not plan.targets:
        return
    height = MAP_W * PRINT_BOX[3] / PRINT_BOX[2]
    doc.heading("Your muscles", keep=height + 14)
    column = (doc.width - 6) / 2
    for index, target in enumerate(plan.targets):
        if index % 2 == 0:
            doc.need(height + 4)
            top = doc.get_y()
        x = doc.l_margin + (index % 2) * (column + 6)
        _muscle_card(kb, doc, target, x, top, column, height)
        if index % 2 == 1 or index == len(plan.targets) - 1:
            doc.set_xy(doc.l_margin, top + height + 4)


def _muscle_card(
    kb: KnowledgeBase, doc: Document, target: Target, x: float, top: float, w: float, h: float
) -> None:
    side: Side = "right" if target.side == "right" else "left"
    name = kb.muscles[target.muscle_id].name if target.muscle_id in kb.muscles else target.muscle_id
    tool = kb.tools[target.tool_id].name if target.tool_id in kb.tools else target.tool_id
    spots = "1 spot" if target.spots == 1 else f"{target.spots} spots"
    text_x, width = x + MAP_W + 3, w - MAP_W - 3
    doc.set_xy(text_x, top + 2)
    doc.para(f"{name} ({target.side} side)", size=9.6, bold=True, width=width, x=text_x, role="H3")
    if target.muscle_id in kb.muscles:  # drawn beside the heading, read after it
        below = doc.get_y()
        picture = body_picture(kb, [], target.muscle_id, side, for_print=True)
        doc.svg(picture, x, top, MAP_W, map_alt(kb, target.muscle_id, side))
        doc.set_xy(text_x, below)
    doc.para(
        f"{tool}, {target.pressure} pressure. {spots}, {target.hold_seconds} s each.",
        size=8.6,
        width=width,
        x=text_x,
    )
    doc.para(
        "Yellow dots: its trigger points. Purple: where it usually sends pain (lighter: "
        "where it sometimes spreads).",
        size=SMALL_SIZE,
        color=MUTED,
        width=width,
        x=text_x,
    )


def amount(kb: KnowledgeBase, step: PlanStep) -> str:
    """How long, how many and how hard, in a few words."""
    if step.kind == "hold":
        tool = kb.tools[step.tool_id].name if step.tool_id and step.tool_id in kb.tools else None
        pressure = f", {step.pressure} pressure" if step.pressure else ""
        return f"Hold {step.seconds} s{pressure}" + (f", with the {tool.lower()}" if tool else "")
    if step.dose:
        rest = (
            f", {step.rest_seconds} s rest between sets"
            if step.sets > 1 and step.rest_seconds
            else ""
        )
        return step.dose[0].upper() + step.dose[1:] + rest
    if step.kind == "find_spot":
        return f"About {step.seconds} s to find the spot"
    if step.seconds >= 60:
        return f"About {round(step.seconds / 60)} min"
    return f"About {step.seconds} s"


def map_alt(kb: KnowledgeBase, muscle_id: str, side: Side) -> str:
    """A muscle's body map for a screen reader: the colours drawn and the places they cover
    (the trigger points' regions and the referral pattern's, from content; all on ``side``
    but for the midline)."""
    muscle = kb.muscles[muscle_id]
    said = [
        f"Body map of the {_lower(muscle.name)}, {side} side, back and front views.",
        "Yellow dots: its trigger points "
        f"({_regions(kb, [tp.region for tp in muscle.trigger_points])}).",
        f"Dark purple: where it usually sends pain ({_regions(kb, muscle.referral.essential)}).",
    ]
    if muscle.referral.spillover:
        said.append(
            f"Light purple: where it sometimes spreads ({_regions(kb, muscle.referral.spillover)})."
        )
    return " ".join(said)


def _regions(kb: KnowledgeBase, region_ids: Sequence[str]) -> str:
    """Regions in plain words, each once: "middle of the buttock, lower back"."""
    words: list[str] = []
    for region_id in region_ids:
        region = kb.regions.get(region_id)
        word = region_id.replace("_", " ") if region is None else _lower(region.label)
        if word not in words:
            words.append(word)
    return ", ".join(words)


def _lower(name: str) -> str:
    """A name as it reads inside a sentence ("SI joint" stays as it is)."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def _picture(kb: KnowledgeBase, step: PlanStep) -> tuple[str, str, float, float, str] | None:
    """The step's picture as (what it shows, SVG, width, height, alt text), or None."""
    side = step.side if step.side in ("left", "right") else None
    if step.pose is not None and step.pose in kb.poses:
        # the tool the plan chose, when the technique uses it (a hand-made plan may not)
        technique = kb.techniques.get(step.pose)
        tool = step.tool_id if technique and step.tool_id in technique.tools else None
        svg = pose_svg(kb, step.pose, side, tool)
        return (
            f"pose:{step.pose}:{side}:{tool}",
            svg,
            POSE_W,
            POSE_W * POSE_HEIGHT / POSE_WIDTH,
            pose_text(kb, step.pose, side, tool),  # as the web describes the same drawing
        )
    if step.muscle_id is not None and step.muscle_id in kb.muscles:
        shown: Side = "right" if side == "right" else "left"
        svg = body_picture(kb, [], step.muscle_id, shown, for_print=True)
        return (
            f"map:{step.muscle_id}:{shown}",
            svg,
            MAP_W,
            MAP_W * PRINT_BOX[3] / PRINT_BOX[2],
            map_alt(kb, step.muscle_id, shown),
        )
    return None


def _steps(kb: KnowledgeBase, doc: Document, plan: Plan) -> None:
    doc.heading("The steps", keep=50)
    shown: str | None = None
    text_x = doc.l_margin + POSE_W + TEXT_GAP
    width = doc.w - doc.r_margin - text_x
    for number, step in enumerate(plan.steps, start=1):
        picture = _picture(kb, step)
        draw = picture is not None and picture[0] != shown
        title = f"{number}. {step.title}"
        words = KINDS.get(step.kind, step.kind)
        if step.kind != "habit":
            words += f" · {amount(kb, step)}"
        height = (
            doc.text_height(title, width, 10, bold=True)
            + doc.text_height(words, width, 8.6)
            + sum(doc.text_height(i, width - 4, 8.6) + 0.6 for i in step.instructions)
            + 4
        )
        if draw and picture is not None:
            height = max(height, picture[3] + 3)
        doc.need(height)
        top = doc.get_y()
        doc.set_xy(text_x, top)
        doc.para(title, size=10, bold=True, width=width, x=text_x, after=0.3, role="H3")
        if draw and picture is not None:  # beside the heading, and read after it
            below = doc.get_y()
            doc.svg(
                picture[1], doc.l_margin + (POSE_W - picture[2]) / 2, top, picture[2], picture[4]
            )
            shown = picture[0]
            doc.set_xy(text_x, below)
        doc.para(
            words, size=8.6, color=WARN if step.kind == "hold" else MUTED, width=width, x=text_x
        )
        doc.bullets(step.instructions, size=8.6, width=width, x=text_x)
        bottom = max(doc.get_y(), top + (picture[3] + 2 if draw and picture else 0))
        doc.set_draw_color(*SOFT)
        doc.set_line_width(0.3)
        with doc.artifact():
            doc.line(doc.l_margin, bottom + 1.2, doc.w - doc.r_margin, bottom + 1.2)
        doc.set_xy(doc.l_margin, bottom + 3)
