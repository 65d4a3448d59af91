"""Draw the body map as a standalone SVG: back and front views side by side.

One drawing serves the CLI's ``map`` command and the web app. Every region is a real shape
carrying its key (``data-region="left:buttock_center"``), an ``id`` and a ``<title>`` with its
plain label, so a browser can make it clickable and a test can read what is filled. Styling
sits in an embedded ``<style>``, so the file looks right on its own, with no network.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from sciatica_coach.content import Catalog
from sciatica_coach.content.models import Region
from sciatica_coach.domain.body_map import MIDLINE, RegionKey, all_region_keys

from .body_shapes import (
    HEAD_CENTER,
    HEAD_RADII,
    MIDLINE_X,
    OUTLINE_LEFT,
    SHAPES,
    SPINE,
    VIEW_HEIGHT,
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

MARGIN = 20.0
GAP = 40.0
TOP = 74.0
LEGEND_HEIGHT = 112.0
WIDTH = 2 * MARGIN + 2 * VIEW_WIDTH + GAP
HEIGHT = TOP + VIEW_HEIGHT + LEGEND_HEIGHT
VIEW_LEFT: dict[View, float] = {"back": MARGIN, "front": MARGIN + VIEW_WIDTH + GAP}
PRINT_BOX = (MARGIN - 4, TOP - 22, WIDTH - 2 * MARGIN + 8, VIEW_HEIGHT + 36)
"""What a printed picture shows (x, y, width, height): both figures with their labels."""
MARKED_FILL = "#f0a58f"
"""A marked place that is not part of a muscle's pattern."""
HIT_SIZE = 24.0
"""The smallest tap target, in picture units: on a phone one figure fills the screen's width
(about 2 CSS px a unit), so 24 units are about 48 px, more than a finger's 44."""

STYLE = f"""
.outline {{ fill: {SKIN}; stroke: {OUTLINE}; stroke-width: {LINE:g}; stroke-linejoin: round; }}
.spine {{ stroke: {SPINE_COLOR}; stroke-width: 1.5; stroke-dasharray: 4 3; fill: none; }}
.region {{ fill: {REGION}; stroke: {REGION_EDGE}; stroke-width: 0.8; stroke-linejoin: round; }}
.region.spillover {{ fill: {MUSCLE_LIGHT}; }}
.region.essential {{ fill: {MUSCLE}; }}
.region.marked {{ stroke: {MARKED}; stroke-width: 2.6; }}
.region.marked:not(.essential):not(.spillover) {{ fill: {MARKED_FILL}; }}
.interactive .region {{ cursor: pointer; }}
.region-hit {{ fill: transparent; stroke: none; pointer-events: all; cursor: pointer; }}
.interactive .region:hover, .interactive .region:focus {{ stroke: #1f5f8b; stroke-width: 2.4; }}
.spot {{ fill: {SPOT}; stroke: {SPOT_EDGE}; stroke-width: 1.4; }}
.heading {{ font: 600 16px system-ui, sans-serif; fill: {TEXT}; }}
.label {{ font: 600 14px system-ui, sans-serif; fill: {TEXT}; text-anchor: middle; }}
.side {{ font: 12px system-ui, sans-serif; fill: {TEXT_MUTED}; text-anchor: middle; }}
.legend {{ font: 16px system-ui, sans-serif; fill: {TEXT}; }}
.empty-view {{ font: 15px system-ui, sans-serif; fill: {TEXT_MUTED}; text-anchor: middle; }}
"""


@dataclass(frozen=True)
class Spot:
    """A trigger-point marker: drawn on a region, with a label shown on hover.

    ``at`` places it inside the region as ``(across, down)`` fractions of the region's box
    (0 across = the edge nearest the midline); without it, spots share the region's centre.
    """

    key: RegionKey
    label: str
    at: tuple[float, float] | None = None


def body_map_svg(
    regions: Catalog[Region],
    marked: Iterable[RegionKey] = (),
    essential: Iterable[RegionKey] = (),
    spillover: Iterable[RegionKey] = (),
    spots: Iterable[Spot] = (),
    title: str = "Where it hurts",
    interactive: bool = False,
    for_print: bool = False,
) -> str:
    """Return the SVG text of the body map with the given regions filled.

    ``marked`` are the places the person reported; ``essential`` and ``spillover`` are a
    muscle's referral pattern (essential drawn darker); ``spots`` are trigger points.
    With ``interactive``, regions are focusable checkboxes for the web page's script.
    With ``for_print``, the two figures alone (a printed page has its own heading and key:
    the picture is cropped to :data:`PRINT_BOX`), each region's colours written on it too,
    for renderers that read only one class per rule (a PDF library's SVG reader).
    """
    marked_set, essential_set, spillover_set = set(marked), set(essential), set(spillover)
    box = PRINT_BOX if for_print else (0.0, 0.0, WIDTH, HEIGHT)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{" ".join(f"{v:g}" for v in box)}" '
        f'width="{box[2]:g}" height="{box[3]:g}" role="{"group" if interactive else "img"}" '
        f'class="body-map{" interactive" if interactive else ""}" '
        f"aria-label={quoteattr(title)}>",
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        *([] if for_print else _heading(title)),
    ]
    for view in ("back", "front"):
        parts.extend(_view_frame(view))
    for key in all_region_keys(regions):
        classes = ["region"]
        for name, chosen in (
            ("marked", marked_set),
            ("essential", essential_set),
            ("spillover", spillover_set),
        ):
            if key in chosen:
                classes.append(name)
        parts.append(_region(key, regions[key.region], classes, interactive, for_print))
    if interactive:
        parts.extend(_hit_areas(all_region_keys(regions)))
    parts.extend(_spots(list(spots)))
    if not for_print and (essential_set or spillover_set):
        shown = marked_set | essential_set | spillover_set | {spot.key for spot in spots}
        parts.extend(_empty_views({SHAPES[key.region][0] for key in shown}))
    if not for_print:
        parts.extend(_legend(bool(essential_set or spillover_set), bool(spots)))
    parts.append("</svg>")
    return "\n".join(parts)


def _heading(title: str) -> list[str]:
    """The title, split after a colon onto a second line so long titles stay on the page."""
    first, colon, rest = title.partition(": ")
    lines = [first + colon.strip(), rest] if colon and len(title) > 44 else [title]
    return [
        f'<text class="heading" x="{MARGIN:g}" y="{22 + 20 * i}">{escape(line)}</text>'
        for i, line in enumerate(lines)
    ]


def _point(d: float, y: float, side: str, view: View) -> Point:
    return (VIEW_LEFT[view] + to_view_x(d, side, view), TOP + y)


def _polygon_points(points: list[Point]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _view_frame(view: View) -> list[str]:
    """Outline, head, spine line and the view's headings."""
    left_half = [_point(d, y, "left", view) for d, y in OUTLINE_LEFT]
    right_half = [_point(d, y, "right", view) for d, y in reversed(OUTLINE_LEFT)]
    head_x, head_y = _point(*HEAD_CENTER, "left", view)
    left = VIEW_LEFT[view]
    center = left + MIDLINE_X
    person_left_x = _point(36, 0, "left", view)[0]
    person_right_x = _point(36, 0, "right", view)[0]
    frame = [
        f'<g class="view" data-view="{view}">',
        f'<text class="label" x="{center:g}" y="{TOP - 6:g}">'
        f"{'Back' if view == 'back' else 'Front'}</text>",
        f'<polygon class="outline" points="{_polygon_points(left_half + right_half)}"/>',
        f'<ellipse class="outline" cx="{head_x:g}" cy="{head_y:g}" '
        f'rx="{HEAD_RADII[0]:g}" ry="{HEAD_RADII[1]:g}"/>',
    ]
    if view == "back":
        (x0, y0), (x1, y1) = (_point(d, y, "left", view) for d, y in SPINE)
        frame.append(f'<line class="spine" x1="{x0:g}" y1="{y0:g}" x2="{x1:g}" y2="{y1:g}"/>')
    bottom = TOP + VIEW_HEIGHT + 8
    frame += [
        f'<text class="side" x="{person_left_x:g}" y="{bottom:g}">Left</text>',
        f'<text class="side" x="{person_right_x:g}" y="{bottom:g}">Right</text>',
        "</g>",
    ]
    return frame


def _shape_points(key: RegionKey) -> list[Point]:
    try:
        view, shape = SHAPES[key.region]
    except KeyError:
        raise ValueError(f"the body map has no shape for region '{key.region}'") from None
    if key.side == MIDLINE:
        return [_point(-d, y, "left", view) for d, y in shape]
    return [_point(d, y, key.side, view) for d, y in shape]


def _hit_areas(keys: Iterable[RegionKey]) -> list[str]:
    """Invisible targets at least :data:`HIT_SIZE` square over the areas drawn smaller, so a
    finger can mark them; a tap on one counts for its area (``data-hit-for``). They lie over
    the drawing (a small area wins a tap near its middle from a large neighbour, which keeps
    plenty of room), the smallest on top, and the name of the area tapped is shown."""
    hits = []
    for key in keys:
        xs, ys = zip(*_shape_points(key), strict=True)
        drawn_width, drawn_height = max(xs) - min(xs), max(ys) - min(ys)
        if drawn_width >= HIT_SIZE and drawn_height >= HIT_SIZE:
            continue
        width, height = max(drawn_width, HIT_SIZE), max(drawn_height, HIT_SIZE)
        x, y = (min(xs) + max(xs) - width) / 2, (min(ys) + max(ys) - height) / 2
        hits.append((drawn_width * drawn_height, key, x, y, width, height))
    return [
        f'<rect class="region-hit" data-hit-for="{key}" data-view="{SHAPES[key.region][0]}" '
        f'x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" aria-hidden="true"/>'
        for _area, key, x, y, width, height in sorted(hits, key=lambda hit: -hit[0])
    ]


def region_colours(classes: list[str]) -> tuple[str, str, float]:
    """Fill, edge and edge width of a region with these classes, as :data:`STYLE` draws it."""
    fill = REGION
    if "essential" in classes:
        fill = MUSCLE
    elif "spillover" in classes:
        fill = MUSCLE_LIGHT
    elif "marked" in classes:
        fill = MARKED_FILL
    if "marked" in classes:
        return fill, MARKED, 2.6
    return fill, REGION_EDGE, 0.8


def _region(
    key: RegionKey, region: Region, classes: list[str], interactive: bool, inline: bool = False
) -> str:
    side = "" if key.side == MIDLINE else f"{key.side} "
    label = f"{region.label} ({side.strip()})" if side else region.label
    attributes = [
        f'id="region-{key.side}-{key.region}"',
        f'class="{" ".join(classes)}"',
        f'data-region="{key}"',
        f'data-view="{SHAPES[key.region][0]}"',
        f'points="{_polygon_points(_shape_points(key))}"',
    ]
    if inline:
        fill, edge, width = region_colours(classes)
        attributes.append(f'style="fill:{fill};stroke:{edge};stroke-width:{width:g}"')
    if interactive:
        checked = "true" if "marked" in classes else "false"
        attributes += [
            'tabindex="0"',
            'role="checkbox"',
            f'aria-checked="{checked}"',
            f"aria-label={quoteattr(label)}",
        ]
    return f"<polygon {' '.join(attributes)}><title>{escape(label)}</title></polygon>"


def spot_point(spot: Spot) -> Point:
    """Where a positioned spot sits on the picture (see :class:`Spot`)."""
    assert spot.at is not None
    view = SHAPES[spot.key.region][0]
    d, y = spot_place(spot.key.region, *spot.at)
    if spot.key.side == MIDLINE:
        return _point(-d, y, "left", view)
    return _point(d, y, spot.key.side, view)


def _spots(spots: list[Spot]) -> list[str]:
    """Trigger-point markers where the content places them; spots without a place share the
    region's centre, spread out so each stays visible."""
    per_region = Counter(spot.key for spot in spots if spot.at is None)
    seen: Counter[RegionKey] = Counter()
    drawn = []
    for spot in spots:
        if spot.at is not None:
            x, y = spot_point(spot)
        else:
            x, y = centroid(_shape_points(spot.key))
            count, index = per_region[spot.key], seen[spot.key]
            seen[spot.key] += 1
            x += (index - (count - 1) / 2) * 9
        drawn.append(
            f'<circle class="spot" cx="{x:.1f}" cy="{y:.1f}" r="5" data-region="{spot.key}">'
            f"<title>{escape(spot.label)}</title></circle>"
        )
    return drawn


def _empty_views(used: set[View]) -> list[str]:
    """A short note on a figure the muscle sends no pain to, so it does not look unfinished."""
    notes = []
    for view in ("back", "front"):
        if view in used:
            continue
        x, y = VIEW_LEFT[view] + MIDLINE_X, TOP + 160
        words = "the back" if view == "back" else "the front"
        notes.append(  # on a white card, so the words do not run over the outline
            f'<rect class="empty-view-card" x="{x - 64:g}" y="{y - 18:g}" width="128" '
            'height="64" rx="8" fill="#ffffff" fill-opacity="0.92"/>'
        )
        notes.append(
            f'<text class="empty-view" data-view="{view}" x="{x:g}" y="{y:g}">'
            f'<tspan x="{x:g}">Nothing from</tspan><tspan x="{x:g}" dy="18">this muscle</tspan>'
            f'<tspan x="{x:g}" dy="18">on {words}</tspan></text>'
        )
    return notes


def _legend(has_pattern: bool, has_spots: bool) -> list[str]:
    """A key to the colours, naming only what the picture uses (plus 'your pain'), one entry
    a row in a size a phone can read (the picture is drawn at about 0.7 CSS px a unit)."""
    entries = [("region marked", "Where you feel it")]
    if has_pattern:
        entries += [
            ("region essential", "Where this muscle usually sends pain"),
            ("region spillover", "Where it sometimes spreads"),
        ]
    y = TOP + VIEW_HEIGHT + 22
    items = ['<g class="legend-box">']
    x = MARGIN
    for css_class, text in entries:
        items.append(f'<rect class="{css_class}" x="{x:g}" y="{y:g}" width="18" height="14"/>')
        items.append(f'<text class="legend" x="{x + 26:g}" y="{y + 13:g}">{escape(text)}</text>')
        y += 22
    if has_spots:
        items.append(f'<circle class="spot" cx="{x + 9:g}" cy="{y + 7:g}" r="6"/>')
        items.append(f'<text class="legend" x="{x + 26:g}" y="{y + 13:g}">Trigger point</text>')
    items.append("</g>")
    return items
