"""The words of the app's SVG pictures (Back, Front, Left, Right), read out of the SVG so a
PDF can draw them in its own embedded font at a size that can be read on paper, moved apart
where the larger letters would touch."""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass

SVG_TEXT = re.compile(r"<text\b([^>]*)>(.*?)</text>", re.S)
SVG_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
SVG_VIEW_BOX = re.compile(r'viewBox="([^"]+)"')
LABEL_GAP = 2.5
"""Millimetres kept between two labels on one line."""
LABEL_DROP = 1.2
"""Millimetres a label under a figure moves down, so that its larger letters clear the feet."""


@dataclass(frozen=True)
class SvgLabel:
    """A word an SVG picture writes: where (picture units, at its baseline) and how."""

    text: str
    x: float
    y: float
    anchor: str
    bold: bool
    muted: bool


def svg_view_box(svg: str) -> tuple[float, ...]:
    found = SVG_VIEW_BOX.search(svg)
    assert found is not None, "the app's pictures all have a viewBox"
    return tuple(float(v) for v in found.group(1).split())


def svg_labels(svg: str) -> list[SvgLabel]:
    """The ``<text>`` of a picture (the app's own: the body map's classes, or attributes)."""
    labels = []
    for found in SVG_TEXT.finditer(svg):
        attrs = dict(SVG_ATTRIBUTE.findall(found.group(1)))
        css = attrs.get("class", "")
        centred = css in ("label", "side", "empty-view")
        bold = css == "label" or attrs.get("font-weight", "") in ("600", "700", "bold")
        labels.append(
            SvgLabel(
                html.unescape(re.sub(r"<[^>]+>", "", found.group(2))).strip(),
                float(attrs.get("x", 0)),
                float(attrs.get("y", 0)),
                "middle" if centred else attrs.get("text-anchor", "start"),
                bold,
                not bold,
            )
        )
    return labels


def spread(
    placed: list[tuple[SvgLabel, float, float]], low: float, high: float
) -> list[tuple[SvgLabel, float, float]]:
    """Labels on one line moved apart just enough to keep :data:`LABEL_GAP` between them:
    labels that would touch are set side by side, centred where they wanted to be (and
    again with their neighbours while any touch), kept inside low..high."""
    out: list[tuple[SvgLabel, float, float]] = []
    by_line = itertools.groupby(sorted(placed, key=lambda p: (p[0].y, p[1])), lambda p: p[0].y)
    for _y, row in by_line:
        groups = [[item] for item in row]
        while True:
            lefts = [_group_left(group) for group in groups]
            for k in range(len(groups) - 1):
                if lefts[k] + _group_width(groups[k]) + LABEL_GAP > lefts[k + 1]:
                    groups[k : k + 2] = [groups[k] + groups[k + 1]]
                    break
            else:
                break
        for group in groups:
            left = max(low, min(_group_left(group), high - _group_width(group)))
            for label, _wanted, width in group:
                out.append((label, left, width))
                left += width + LABEL_GAP
    return out


def _group_width(group: list[tuple[SvgLabel, float, float]]) -> float:
    return sum(width for _, _, width in group) + LABEL_GAP * (len(group) - 1)


def _group_left(group: list[tuple[SvgLabel, float, float]]) -> float:
    centre = sum(left + width / 2 for _, left, width in group) / len(group)
    return centre - _group_width(group) / 2
