"""A close-up of one muscle: the lower body on the body map's shapes, the muscle's outline
and its trigger points where the content places them.

It reuses the body map's outline, region shapes and spot placing (:mod:`.body_shapes`) and the
shared colours (:mod:`.palette`), so a trigger point sits at the same place as on the map.
The part of the body shown sits in a frame, with the view and the sides named above it and the
legend below it, so no word or symbol is drawn over the body.
Colours are SVG attributes, not a stylesheet, so the picture looks the same inline in a page
or on its own. Pure string building, no I/O.
"""

from __future__ import annotations

import itertools
from xml.sax.saxutils import escape, quoteattr

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import Muscle, Side
from sciatica_coach.content.never_press_models import Mark, NeverPress
from sciatica_coach.content.pose_models import MuscleOutline

from .body_shapes import (
    MIDLINE_X,
    OUTLINE_LEFT,
    SHAPES,
    SPINE,
    VIEW_WIDTH,
    Point,
    View,
    centroid,
    spot_place,
    to_view_x,
)
from .palette import (
    LINE,
    MARKED,
    MUSCLE,
    MUSCLE_LIGHT,
    OUTLINE,
    REGION,
    REGION_EDGE,
    SKIN,
    SPOT,
    SPOT_EDGE,
    TEXT,
    TEXT_MUTED,
)
from .palette import SPINE as SPINE_COLOR

PADDING = 34.0
MIN_HEIGHT = 150.0
HEADER = 20.0
"""The band above the frame that names the view and the sides."""
LEGEND_ROW = 16.0
"""The legend below the frame: one row per line of symbols, this far apart."""
SCALE = 1.6
"""The close-up is drawn at this size of the body map's units."""
LANDMARKS = ("sacrum", "iliac_crest")
"""Bones drawn faintly on a back view so one can find one's way: the flat bone at the base of
the spine and the rim of the hip bone."""
MIDLINE_REGIONS = ("sacrum", "coccyx")
"""Regions in the middle of the body: drawn once, on the midline, whichever side is shown."""


def muscle_closeup_svg(kb: KnowledgeBase, muscle_id: str, side: str | None = None) -> str:
    """The close-up of a muscle on ``side`` (default: left) as standalone SVG text.

    Raises ``UnknownIdError`` for an unknown muscle, ``ValueError`` for a side that is
    neither left nor right."""
    muscle = kb.muscles[muscle_id]
    shown: Side = "right" if side == "right" else "left"
    if side not in (None, "left", "right"):
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")
    outline = kb.muscle_outlines[muscle_id]
    return render_closeup(muscle, outline, shown, no_press_places(kb, muscle, outline.view))


def to_picture(d: float, y: float, side: Side, view: View, midline: bool = False) -> Point:
    """A ``(d, y)`` point of the body map's frame on the close-up (before cropping)."""
    if midline:
        return (MIDLINE_X + (d if view == "front" else -d), y)
    return (to_view_x(d, side, view), y)


def trigger_point_places(
    muscle: Muscle, outline: MuscleOutline, side: Side
) -> list[tuple[str, str, Point]]:
    """Each trigger point's id, region key and place on the picture: where ``drawn_at`` puts it
    in its region, or where the outline's ``drawn`` puts it on the close-up's own view."""
    places = []
    for tp in muscle.trigger_points:
        view: View
        if tp.id in outline.drawn:
            d, y = outline.drawn[tp.id]
            view = outline.view
        else:
            view = SHAPES[tp.region][0]
            d, y = spot_place(tp.region, tp.drawn_at.across, tp.drawn_at.down)
        places.append((tp.id, f"{side}:{tp.region}", to_picture(d, y, side, view)))
    return places


def no_press_places(kb: KnowledgeBase, muscle: Muscle, view: View) -> list[NeverPress]:
    """The muscle's places never to press that can be drawn on this view, in its order."""
    places = [kb.never_press[place_id] for place_id in muscle.never_press]
    return [p for p in places if any(m.view == view for m in p.marks)]


def mark_points(mark: Mark) -> list[Point]:
    """A mark's points in the body map's frame: a region's middle, a point, or a line."""
    if mark.region is not None:
        return [centroid(SHAPES[mark.region][1])]
    return [mark.at] if mark.at is not None else list(mark.along)


def crop(outline: MuscleOutline, muscle: Muscle, places: list[NeverPress]) -> tuple[float, float]:
    """The top and height of the part of the body shown: the muscle, its trigger points and
    the rings of its places never to press, with room around them (a line such as the
    nerve's is cut off at the picture's edge)."""
    ys = [y for shape in outline.shapes for _, y in shape]
    for tp in muscle.trigger_points:
        if tp.id not in outline.drawn:
            ys.append(spot_place(tp.region, tp.drawn_at.across, tp.drawn_at.down)[1])
    ys += [y for _, y in outline.drawn.values()]
    ys += [
        y + side
        for place in places
        for mark in place.marks
        if mark.view == outline.view and not mark.along
        for _, y in mark_points(mark)
        for side in (-8, 8)
    ]
    top, bottom = min(ys) - PADDING, max(ys) + PADDING
    if bottom - top < MIN_HEIGHT:
        middle = (top + bottom) / 2
        top, bottom = middle - MIN_HEIGHT / 2, middle + MIN_HEIGHT / 2
    return top, bottom - top


def closeup_description(
    muscle: Muscle, outline: MuscleOutline, side: Side, places: list[NeverPress]
) -> str:
    """The close-up in words, for people who cannot see it (its ``<desc>`` and ``alt``)."""
    where = ", ".join(tp.name.lower() for tp in muscle.trigger_points)
    seen_from = "back" if outline.view == "back" else "front"
    deep = " (it lies deep, under other muscles)" if outline.deep else ""
    desc = (
        f"The {side} side of the lower body seen from the {seen_from}, with the outline of "
        f"the {muscle.name}{deep} and a yellow dot for each trigger point: {where}."
    )
    if places:
        named = ", ".join(p.name[0].lower() + p.name[1:] for p in places)
        desc += (
            f" A red ring with a slash, or a dashed red line, marks where not to press: {named}."
        )
    return desc


def closeup_text(kb: KnowledgeBase, muscle_id: str, side: str | None = None) -> str:
    """What :func:`muscle_closeup_svg` shows, in words (for an ``<img>``'s ``alt``)."""
    shown: Side = "right" if side == "right" else "left"
    muscle, outline = kb.muscles[muscle_id], kb.muscle_outlines[muscle_id]
    return closeup_description(muscle, outline, shown, no_press_places(kb, muscle, outline.view))


def render_closeup(
    muscle: Muscle, outline: MuscleOutline, side: Side, places: list[NeverPress]
) -> str:
    view = outline.view
    top, height = crop(outline, muscle, places)
    bottom = top + height
    marks = [m for p in places for m in p.marks if m.view == view]
    legend, rows = _legend(bottom, any(not m.along for m in marks), any(m.along for m in marks))
    first = top - HEADER
    total = HEADER + height + LEGEND_ROW * rows + 8
    title = f"{muscle.name} ({side} side), close-up"
    desc = closeup_description(muscle, outline, side, places)
    label = f"{title}: {desc}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {first:.1f} {VIEW_WIDTH:g} '
        f'{total:.1f}" width="{VIEW_WIDTH * SCALE:g}" height="{total * SCALE:.0f}" role="img" '
        f'class="muscle-closeup" data-muscle="{muscle.id}" data-side="{side}" '
        f'data-view="{view}" aria-label={quoteattr(label)}>',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(desc)}</desc>",
        *_body(view, side, top, bottom),
        *_muscle(outline, side),
        *_no_press(places, view, side, top, bottom),
        *_trigger_points(muscle, outline, side),
        f'<rect class="frame" x="0" y="{top:.1f}" width="{VIEW_WIDTH:g}" height="{height:.1f}" '
        f'fill="none" stroke="{REGION_EDGE}" stroke-width="1"/>',
        *_labels(view, top),
        *legend,
        "</svg>",
    ]
    return "\n".join(parts)


def _points(points: list[Point]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _body(view: View, side: Side, top: float, bottom: float) -> list[str]:
    """The body inside the frame only: its skin, its outline, and on a back view the spine
    and the bones to find one's way by. Nothing of it is drawn above or below the frame,
    where the words and the legend go."""
    left = [to_picture(d, y, "left", view) for d, y in OUTLINE_LEFT]
    right = [to_picture(d, y, "right", view) for d, y in reversed(OUTLINE_LEFT)]
    ring = left + right
    drawn = [
        f'<polygon class="body" points="{_points(clip_band(ring, top, bottom))}" '
        f'fill="{SKIN}" stroke="none"/>'
    ]
    drawn += [
        f'<polyline points="{_points(run)}" fill="none" stroke="{OUTLINE}" '
        f'stroke-width="{LINE:g}" stroke-linejoin="round"/>'
        for run in clip_line([*ring, ring[0]], top, bottom)
    ]
    if view == "back":
        spine = [to_picture(d, y, "left", view, midline=True) for d, y in SPINE]
        for (x0, y0), (x1, y1) in (run for run in clip_line(spine, top, bottom)):
            drawn.append(
                f'<line x1="{x0:g}" y1="{y0:g}" x2="{x1:g}" y2="{y1:g}" '
                f'stroke="{SPINE_COLOR}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            )
        for region in LANDMARKS:
            shape_view, shape = SHAPES[region]
            for shape_side in ("left", "right") if region != "sacrum" else ("left",):
                points = clip_band(
                    [
                        to_picture(d, y, shape_side, shape_view, midline=region == "sacrum")
                        for d, y in shape
                    ],
                    top,
                    bottom,
                )
                if points:
                    drawn.append(
                        f'<polygon class="landmark" data-region="{region}" '
                        f'points="{_points(points)}" fill="{REGION}" stroke="{REGION_EDGE}" '
                        'stroke-width="0.8"/>'
                    )
    return drawn


def clip_band(polygon: list[Point], top: float, bottom: float) -> list[Point]:
    """The part of a polygon between two heights (an empty list when none of it is)."""

    def cut(points: list[Point], y0: float, keep_below: bool) -> list[Point]:
        out: list[Point] = []
        for a, b in zip(points, points[1:] + points[:1], strict=True):
            a_in, b_in = (a[1] >= y0) == keep_below, (b[1] >= y0) == keep_below
            if a_in:
                out.append(a)
            if a_in != b_in:
                t = (y0 - a[1]) / (b[1] - a[1])
                out.append((a[0] + t * (b[0] - a[0]), y0))
        return out

    below_top = cut(polygon, top, True)
    return cut(below_top, bottom, False) if below_top else []


def clip_line(points: list[Point], top: float, bottom: float) -> list[list[Point]]:
    """The runs of a line that lie between two heights."""
    runs: list[list[Point]] = []
    for a, b in itertools.pairwise(points):
        (ax, ay), (bx, by) = a, b
        lo, hi = 0.0, 1.0
        if ay == by:
            if not top <= ay <= bottom:
                continue
        else:
            t_top, t_bottom = (top - ay) / (by - ay), (bottom - ay) / (by - ay)
            lo, hi = max(lo, min(t_top, t_bottom)), min(hi, max(t_top, t_bottom))
            if lo > hi:
                continue
        start = (ax + lo * (bx - ax), ay + lo * (by - ay))
        end = (ax + hi * (bx - ax), ay + hi * (by - ay))
        if runs and runs[-1][-1] == start:
            runs[-1].append(end)
        else:
            runs.append([start, end])
    return runs


def _muscle(outline: MuscleOutline, side: Side) -> list[str]:
    dash = ' stroke-dasharray="5 3"' if outline.deep else ""
    drawn = [f'<g class="muscle-outline" data-muscle="{outline.id}">']
    for shape in outline.shapes:
        points = [to_picture(d, y, side, outline.view) for d, y in shape]
        drawn.append(
            f'<polygon points="{_points(points)}" fill="{MUSCLE_LIGHT}" fill-opacity="0.85" '
            f'stroke="{MUSCLE}" stroke-width="{LINE:g}" stroke-linejoin="round"{dash}/>'
        )
    drawn.append("</g>")
    return drawn


def _trigger_points(muscle: Muscle, outline: MuscleOutline, side: Side) -> list[str]:
    names = {tp.id: tp.name for tp in muscle.trigger_points}
    return [
        f'<circle class="trigger-point" data-point="{point_id}" data-region="{key}" '
        f'cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{SPOT}" stroke="{SPOT_EDGE}" '
        f'stroke-width="1.4"><title>{escape(names[point_id])}</title></circle>'
        for point_id, key, (x, y) in trigger_point_places(muscle, outline, side)
    ]


def _no_press(
    places: list[NeverPress], view: View, side: Side, top: float, bottom: float
) -> list[str]:
    """Each place's marks on this view: a dashed red line along a nerve or the spine (cut at
    the frame), and a red ring with a slash on a point or a region's middle (one symbol, as
    in the legend)."""
    drawn = []
    for place in places:
        key = f"{side}:{place.id}"
        drawn.append(f'<g class="no-press" data-place="{place.id}" data-region="{key}">')
        drawn.append(f"<title>{escape(place.name)}: do not press</title>")
        for mark in (m for m in place.marks if m.view == view):
            midline = mark.region in MIDLINE_REGIONS
            points = [to_picture(d, y, side, view, midline) for d, y in mark_points(mark)]
            if mark.along:
                drawn += [_dashed(run) for run in clip_line(points, top, bottom)]
                continue
            ((x, y),) = points
            drawn.append(_ring(x, y))
        drawn.append("</g>")
    return drawn


def _dashed(points: list[Point]) -> str:
    """The do-not-press line: a dashed red line along a nerve, the spine or an artery."""
    return (
        f'<polyline class="no-press-line" points="{_points(points)}" fill="none" '
        f'stroke="{MARKED}" stroke-width="2" stroke-dasharray="3 4" stroke-linecap="round"/>'
    )


def _ring(x: float, y: float, r: float = 7.0) -> str:
    """The do-not-press symbol: a red ring with a slash."""
    k = r * 0.64
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}" fill="none" stroke="{MARKED}" '
        'stroke-width="2.2"/>'
        f'<line x1="{x - k:.1f}" y1="{y - k:.1f}" x2="{x + k:.1f}" y2="{y + k:.1f}" '
        f'stroke="{MARKED}" stroke-width="2.2"/>'
    )


def _labels(view: View, top: float) -> list[str]:
    """Which view, and which side is which (the person's left is on our left from behind),
    above the frame."""
    y = top - 6
    left_x, right_x = (6.0, VIEW_WIDTH - 6.0) if view == "back" else (VIEW_WIDTH - 6.0, 6.0)
    anchor = {6.0: "start", VIEW_WIDTH - 6.0: "end"}
    font = 'font-family="system-ui, sans-serif" font-size="11"'
    return [
        '<g class="labels">',
        f'<text x="{MIDLINE_X:g}" y="{y:.1f}" {font} font-weight="600" fill="{TEXT}" '
        f'text-anchor="middle">{"Back" if view == "back" else "Front"}</text>',
        f'<text x="{left_x:g}" y="{y:.1f}" {font} fill="{TEXT_MUTED}" '
        f'text-anchor="{anchor[left_x]}">Left</text>',
        f'<text x="{right_x:g}" y="{y:.1f}" {font} fill="{TEXT_MUTED}" '
        f'text-anchor="{anchor[right_x]}">Right</text>',
        "</g>",
    ]


def _legend(bottom: float, rings: bool, lines: bool) -> tuple[list[str], int]:
    """The legend below the frame, in the figure's own symbols, and how many rows it takes:
    the muscle and a trigger point; the ring with a slash when a place is drawn with one;
    the dashed line when a nerve, the spine or an artery is drawn along."""
    font = 'font-family="system-ui, sans-serif" font-size="10"'
    y = bottom + 16

    def item(symbol: str, x: float, row_y: float, shape: str, words: str) -> list[str]:
        return [
            f'<g class="legend-item" data-symbol="{symbol}">',
            shape,
            f'<text x="{x + 12:g}" y="{row_y + 3.5:.1f}" {font} fill="{TEXT}">{words}</text>',
            "</g>",
        ]

    items = ['<g class="legend">']
    items += item(
        "muscle",
        14,
        y,
        f'<rect x="7" y="{y - 5:.1f}" width="14" height="10" fill="{MUSCLE_LIGHT}" '
        f'stroke="{MUSCLE}" stroke-width="{LINE:g}"/>',
        "Muscle",
    )
    items += item(
        "trigger-point",
        96,
        y,
        f'<circle cx="96" cy="{y:.1f}" r="4.5" fill="{SPOT}" stroke="{SPOT_EDGE}" '
        'stroke-width="1.4"/>',
        "Trigger point",
    )
    rows = 1
    if rings:
        y += LEGEND_ROW
        rows += 1
        items += item("no-press", 14, y, _ring(14, y), "Do not press")
    if lines:
        y += LEGEND_ROW
        rows += 1
        items += item(
            "no-press-line", 14, y, _dashed([(6, y), (22, y)]), "Do not press along the line"
        )
    items.append("</g>")
    return items, rows
