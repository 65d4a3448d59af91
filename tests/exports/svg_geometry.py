"""Where things land in a matplotlib SVG, worked out from the file itself: the viewBox, the
box of every drawn path and marker (with its transforms and clip rectangle) and the size of
every piece of text (matplotlib draws text as glyph paths scaled by ``size / FONT_SCALE``).

Curves are boxed by their control points, which contain the curve, so "inside" is never
claimed for something that sticks out.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from matplotlib.textpath import TextToPath

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as SVG's matrix()
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def grown(self, by: float) -> Box:
        return Box(self.left - by, self.top - by, self.right + by, self.bottom + by)

    def inside(self, other: Box, slack: float = 0.01) -> bool:
        return (
            self.left >= other.left - slack
            and self.top >= other.top - slack
            and self.right <= other.right + slack
            and self.bottom <= other.bottom + slack
        )


@dataclass(frozen=True)
class Drawn:
    """One drawn path or marker: its box without stroke, its stroke width, its clip box."""

    what: str
    box: Box
    stroke: float
    clip: Box | None


@dataclass(frozen=True)
class Text:
    """One piece of text (matplotlib writes it in a comment before the glyphs)."""

    text: str
    size: float  # in viewBox units
    box: Box


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def _transform(text: str | None) -> Matrix:
    matrix = IDENTITY
    for name, args in re.findall(r"(\w+)\s*\(([^)]*)\)", text or ""):
        v = [float(x) for x in NUMBER.findall(args)]
        if name == "translate":
            step: Matrix = (1, 0, 0, 1, v[0], v[1] if len(v) > 1 else 0.0)
        elif name == "scale":
            step = (v[0], 0, 0, v[1] if len(v) > 1 else v[0], 0, 0)
        elif name == "rotate":
            r = math.radians(v[0])
            step = (math.cos(r), math.sin(r), -math.sin(r), math.cos(r), 0, 0)
        elif name == "matrix":
            step = (v[0], v[1], v[2], v[3], v[4], v[5])
        else:
            raise ValueError(f"transform {name} not handled")
        matrix = _multiply(matrix, step)
    return matrix


def _points(d: str) -> list[tuple[float, float]]:
    """The points of a path's data; matplotlib writes absolute M, L, Q, C and z only."""
    if re.search(r"[^MLQCzeE\d\s.,+-]", d):
        raise ValueError(f"path command not handled: {d[:40]}")
    numbers = [float(x) for x in NUMBER.findall(d)]
    return list(zip(numbers[0::2], numbers[1::2], strict=True))


def _box(points: list[tuple[float, float]], m: Matrix) -> Box | None:
    if not points:
        return None
    a, b, c, d, e, f = m
    xs = [a * x + c * y + e for x, y in points]
    ys = [b * x + d * y + f for x, y in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


def _stroke(element: ET.Element) -> float:
    style = dict(
        (k.strip(), v.strip())
        for k, v in (p.split(":", 1) for p in (element.get("style") or "").split(";") if ":" in p)
    )
    if style.get("stroke", "none") == "none":
        return 0.0
    return float(style.get("stroke-width", "1"))


def _union(boxes: list[Box]) -> Box:
    return Box(
        min(b.left for b in boxes),
        min(b.top for b in boxes),
        max(b.right for b in boxes),
        max(b.bottom for b in boxes),
    )


class Chart:
    """A matplotlib SVG, read."""

    def __init__(self, svg: str) -> None:
        self.root = ET.fromstring(svg, ET.XMLParser(target=ET.TreeBuilder(insert_comments=True)))
        x, y, w, h = (float(v) for v in self.root.get("viewBox", "").split())
        self.viewbox = Box(x, y, x + w, y + h)
        self.width = w
        self.ids = {e.get("id"): e for e in self.root.iter() if e.get("id")}
        self.clips: dict[str, Box] = {}
        for clip in self.root.iter(f"{SVG}clipPath"):
            rect = clip.find(f"{SVG}rect")
            assert rect is not None
            rx, ry = float(rect.get("x", 0)), float(rect.get("y", 0))
            rw, rh = float(rect.get("width", 0)), float(rect.get("height", 0))
            self.clips[clip.get("id", "")] = Box(rx, ry, rx + rw, ry + rh)
        self.drawn: list[Drawn] = []
        self.texts: list[Text] = []
        self._walk(self.root, IDENTITY, None, in_defs=False)

    def _clip(self, element: ET.Element, clip: Box | None) -> Box | None:
        found = re.match(r"url\(#(.+)\)", element.get("clip-path") or "")
        return self.clips[found.group(1)] if found else clip

    def _geometry(self, element: ET.Element, m: Matrix) -> Box | None:
        """The box of a path or a use (and what it points to), under ``m``."""
        m = _multiply(m, _transform(element.get("transform")))
        if element.tag == f"{SVG}path":
            return _box(_points(element.get("d", "")), m)
        if element.tag == f"{SVG}use":
            target = self.ids[(element.get(XLINK) or "").lstrip("#")]
            m = _multiply(m, (1, 0, 0, 1, float(element.get("x", 0)), float(element.get("y", 0))))
            return self._geometry(target, m)
        if element.tag == f"{SVG}rect":
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            w, h = float(element.get("width", 0)), float(element.get("height", 0))
            return _box([(x, y), (x + w, y + h)], m)
        return None

    def _walk(self, element: ET.Element, m: Matrix, clip: Box | None, in_defs: bool) -> None:
        if element.tag in (f"{SVG}defs", f"{SVG}clipPath", f"{SVG}metadata", f"{SVG}style"):
            return
        clip = self._clip(element, clip)
        if element.tag in (f"{SVG}path", f"{SVG}use", f"{SVG}rect"):
            box = self._geometry(element, m)
            if box is not None:
                self.drawn.append(
                    Drawn(element.get("id") or element.tag, box, _stroke(element), clip)
                )
            return
        here = _multiply(m, _transform(element.get("transform")))
        children = list(element)
        for number, child in enumerate(children):
            if child.tag is ET.Comment and element.tag == f"{SVG}g":  # type: ignore[comparison-overlap]
                glyphs = children[number + 1] if number + 1 < len(children) else None
                if glyphs is not None and glyphs.tag == f"{SVG}g":
                    self._text(str(child.text).strip(), glyphs, here)
            if isinstance(child.tag, str):
                self._walk(child, here, clip, in_defs)

    def _text(self, text: str, glyphs: ET.Element, m: Matrix) -> None:
        """``<g transform="translate(x y) [rotate(r)] scale(s -s)">`` then the glyphs."""
        m = _multiply(m, _transform(glyphs.get("transform")))
        a, b, *_ = m
        size = math.hypot(a, b) * TextToPath.FONT_SCALE
        boxes = [
            box for use in glyphs.iter(f"{SVG}use") if (box := self._geometry(use, m)) is not None
        ]
        if boxes:
            self.texts.append(Text(text, size, _union(boxes)))

    def outside_the_viewbox(self) -> list[Drawn]:
        """Everything drawn (with half its stroke) that is not wholly inside the viewBox."""
        return [d for d in self.drawn if not d.box.grown(d.stroke / 2).inside(self.viewbox)]

    def cut_by_the_frame(self) -> list[Drawn]:
        """Everything clipped (the data, in the axes) whose shape is not wholly inside its clip:
        a marker half hidden at an edge of the plot."""
        return [d for d in self.drawn if d.clip is not None and not d.box.inside(d.clip)]

    def css_px(self, units: float, column: float) -> float:
        """``units`` of the viewBox in CSS px when the chart fills a ``column`` px wide."""
        return units * column / self.width
