"""Links to body-map pictures, drawn by :mod:`sciatica_coach.figures.body_pictures` (the same
drawing as ``sciatica-coach map``).

A person's marks are health data, so a link never spells them out (addresses end up in
histories, logs and caches): a saved map is drawn by its id, and a picture for a map not yet
saved shows only the muscle's pattern, the marks being on screen in the picker beside it.
"""

from __future__ import annotations

from urllib.parse import quote_plus, urlencode

PICTURE_PATH = "/api/figures/body-map.svg"


def pattern_picture_url(muscle_id: str, side: str) -> str:
    """The body map with one muscle's pain pattern: the same for everyone, so cacheable."""
    return f"{PICTURE_PATH}?muscle={quote_plus(muscle_id)}&side={quote_plus(side)}"


def map_picture_url(map_id: int, muscle_id: str | None = None, side: str | None = None) -> str:
    """A saved map's marks (and a muscle's pattern over them), by the map's id."""
    query = urlencode({"muscle": muscle_id, "side": side or "left"}) if muscle_id else ""
    return f"/api/journal/pain-maps/{map_id}/picture.svg" + (f"?{query}" if query else "")
