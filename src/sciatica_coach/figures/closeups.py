"""A close-up of one muscle: the lower body on the body map's shapes, the muscle's outline
and its trigger points where the content places them.

It reuses the body map's outline, region shapes and spot placing (:mod:`.body_shapes`) and the
shared colours (:mod:`.palette`), so a trigger point sits at the same place as on the map.
Colours are SVG attributes, not a stylesheet, so the picture looks the same inline in a page
or on its own. Pure string building, no I/O.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.models import Muscle, Side
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
LEGEND = 34.0
SCALE = 1.6
"""The close-up is drawn at this size of the body map's units."""
LANDMARKS = ("sacrum", "iliac_crest")
"""Bones drawn faintly on a back view so one can find one's way: the flat bone at the base of
the spine and the rim of the hip bone."""


def muscle_closeup_svg(kb: KnowledgeBase, muscle_id: str, side: str | None = None) -> str:
    """The close-up of a muscle on ``side`` (default: left) as standalone SVG text.

    Raises ``UnknownIdError`` for an unknown muscle, ``ValueError`` for a side that is
    neither left nor right."""
    muscle = kb.muscles[muscle_id]
    shown: Side = "right" if side == "right" else "left"
    if side not in (None, "left", "right"):
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")
    return render_closeup(muscle, kb.muscle_outlines[muscle_id], shown)


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


def no_press_places(muscle: Muscle, outline: MuscleOutline) -> list[tuple[str, str, View, Point]]:
    """Every place never to press on the close-up: its name, region (empty for a point), view
    and ``(d, y)`` middle. The muscle's own spots come first, then the outline's."""
    places: list[tuple[str, str, View, Point]] = []
    for spot in muscle.do_not_press:
        view, shape = SHAPES[spot.region]
        places.append((spot.name, spot.region, view, centroid(shape)))
    for mark in outline.no_press:
        if mark.region is not None:
            view, shape = SHAPES[mark.region]
            places.append((mark.name, mark.region, view, centroid(shape)))
        else:
            assert mark.at is not None
            places.append((mark.name, "", outline.view, mark.at))
    return places


def crop(outline: MuscleOutline, muscle: Muscle) -> tuple[float, float]:
    """The top and height of the part of the body shown: the muscle, its trigger points and
    its no-press spots, with room around them."""
    ys = [y for shape in outline.shapes for _, y in shape]
    for tp in muscle.trigger_points:
        if tp.id not in outline.drawn:
            ys.append(spot_place(tp.region, tp.drawn_at.across, tp.drawn_at.down)[1])
    ys += [y for _, y in outline.drawn.values()]
    ys += [y for spot in muscle.do_not_press for _, y in SHAPES[spot.region][1]]
    ys += [y + side for *_, (_, y) in no_press_places(muscle, outline) for side in (-8, 8)]
    ys += [y for mark in outline.no_press for _, y in mark.along]
    top, bottom = min(ys) - PADDING, max(ys) + PADDING
    if bottom - top < MIN_HEIGHT:
        middle = (top + bottom) / 2
        top, bottom = middle - MIN_HEIGHT / 2, middle + MIN_HEIGHT / 2
    return top, bottom - top


def closeup_description(muscle: Muscle, outline: MuscleOutline, side: Side) -> str:
    """The close-up in words, for people who cannot see it (its ``<desc>`` and ``alt``)."""
    where = ", ".join(tp.name.lower() for tp in muscle.trigger_points)
    seen_from = "back" if outline.view == "back" else "front"
    deep = " (it lies deep, under other muscles)" if outline.deep else ""
    desc = (
        f"The {side} side of the lower body seen from the {seen_from}, with the outline of "
        f"the {muscle.name}{deep} and a yellow dot for each trigger point: {where}."
    )
    marks = no_press_places(muscle, outline)
    if marks:
        places = ", ".join(name[0].lower() + name[1:] for name, _, _, _ in marks)
        desc += f" A red ring marks where not to press: {places}."
    return desc


def closeup_text(kb: KnowledgeBase, muscle_id: str, side: str | None = None) -> str:
    """What :func:`muscle_closeup_svg` shows, in words (for an ``<img>``'s ``alt``)."""
    shown: Side = "right" if side == "right" else "left"
    return closeup_description(kb.muscles[muscle_id], kb.muscle_outlines[muscle_id], shown)


def render_closeup(muscle: Muscle, outline: MuscleOutline, side: Side) -> str:
    view = outline.view
    top, height = crop(outline, muscle)
    total = height + LEGEND
    title = f"{muscle.name} ({side} side), close-up"
    desc = closeup_description(muscle, outline, side)
    label = f"{title}: {desc}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {top:.1f} {VIEW_WIDTH:g} '
        f'{total:.1f}" width="{VIEW_WIDTH * SCALE:g}" height="{total * SCALE:.0f}" role="img" '
        f'class="muscle-closeup" data-muscle="{muscle.id}" data-side="{side}" '
        f'data-view="{view}" aria-label={quoteattr(label)}>',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(desc)}</desc>",
        *_body(view, side),
        *_muscle(outline, side),
        *_no_press(muscle, outline, side),
        *_trigger_points(muscle, outline, side),
        *_labels(view, top, height),
        *_legend(top + height, bool(no_press_places(muscle, outline))),
        "</svg>",
    ]
    return "\n".join(parts)


def _points(points: list[Point]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _body(view: View, side: Side) -> list[str]:
    left = [to_picture(d, y, "left", view) for d, y in OUTLINE_LEFT]
    right = [to_picture(d, y, "right", view) for d, y in reversed(OUTLINE_LEFT)]
    drawn = [
        f'<polygon points="{_points(left + right)}" fill="{SKIN}" stroke="{OUTLINE}" '
        f'stroke-width="{LINE:g}" stroke-linejoin="round"/>'
    ]
    if view == "back":
        (x0, y0), (x1, y1) = (to_picture(d, y, "left", view, midline=True) for d, y in SPINE)
        drawn.append(
            f'<line x1="{x0:g}" y1="{y0:g}" x2="{x1:g}" y2="{y1:g}" stroke="{SPINE_COLOR}" '
            'stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
        for region in LANDMARKS:
            shape_view, shape = SHAPES[region]
            for shape_side in ("left", "right") if region != "sacrum" else ("left",):
                points = [
                    to_picture(d, y, shape_side, shape_view, midline=region == "sacrum")
                    for d, y in shape
                ]
                drawn.append(
                    f'<polygon class="landmark" data-region="{region}" points="{_points(points)}"'
                    f' fill="{REGION}" stroke="{REGION_EDGE}" stroke-width="0.8"/>'
                )
    return drawn


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


def _no_press(muscle: Muscle, outline: MuscleOutline, side: Side) -> list[str]:
    drawn = []
    for mark in outline.no_press:
        if mark.along:
            points = [to_picture(d, y, side, outline.view) for d, y in mark.along]
            drawn.append(
                f'<polyline class="no-press-line" points="{_points(points)}" fill="none" '
                f'stroke="{MARKED}" stroke-width="2" stroke-dasharray="3 4" '
                'stroke-linecap="round"/>'
            )
    for name, region, view, (d, y) in no_press_places(muscle, outline):
        x, y = to_picture(d, y, side, view)
        key = f"{side}:{region}" if region else f"{side}:point"
        drawn.append(
            f'<g class="no-press" data-region="{key}">'
            f"<title>{escape(name)}: do not press</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="none" stroke="{MARKED}" '
            'stroke-width="2.2"/>'
            f'<line x1="{x - 4.5:.1f}" y1="{y - 4.5:.1f}" x2="{x + 4.5:.1f}" y2="{y + 4.5:.1f}" '
            f'stroke="{MARKED}" stroke-width="2.2"/></g>'
        )
    return drawn


def _labels(view: View, top: float, height: float) -> list[str]:
    """Which view, and which side is which (the person's left is on our left from behind)."""
    y = top + 14
    left_x, right_x = (24.0, VIEW_WIDTH - 24.0) if view == "back" else (VIEW_WIDTH - 24.0, 24.0)
    font = 'font-family="system-ui, sans-serif" font-size="11"'
    return [
        f'<text x="{MIDLINE_X:g}" y="{y:.1f}" {font} font-weight="600" fill="{TEXT}" '
        f'text-anchor="middle">{"Back" if view == "back" else "Front"}</text>',
        f'<text x="{left_x:g}" y="{y:.1f}" {font} fill="{TEXT_MUTED}" '
        'text-anchor="middle">Left</text>',
        f'<text x="{right_x:g}" y="{y:.1f}" {font} fill="{TEXT_MUTED}" '
        'text-anchor="middle">Right</text>',
    ]


def _legend(bottom: float, no_press: bool) -> list[str]:
    y = bottom + 14
    font = 'font-family="system-ui, sans-serif" font-size="10"'
    items = [
        f'<rect x="8" y="{y - 8:.1f}" width="14" height="10" fill="{MUSCLE_LIGHT}" '
        f'stroke="{MUSCLE}" stroke-width="{LINE:g}"/>',
        f'<text x="26" y="{y:.1f}" {font} fill="{TEXT}">Muscle</text>',
        f'<circle cx="80" cy="{y - 3:.1f}" r="4.5" fill="{SPOT}" stroke="{SPOT_EDGE}" '
        'stroke-width="1.4"/>',
        f'<text x="89" y="{y:.1f}" {font} fill="{TEXT}">Trigger point</text>',
    ]
    if no_press:
        items += [
            f'<circle cx="80" cy="{y + 12:.1f}" r="5" fill="none" stroke="{MARKED}" '
            'stroke-width="2"/>',
            f'<text x="89" y="{y + 15:.1f}" {font} fill="{TEXT}">Do not press</text>',
        ]
    return items
