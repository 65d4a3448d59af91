"""The colours and line weight every picture shares: the body map, the muscle close-ups and
the position drawings, so they read as one family (a test holds them to it)."""

from __future__ import annotations

LINE = 1.6
"""The weight of a body's outline."""

OUTLINE = "#6b5b53"
SKIN = "#fbf4ee"
SKIN_FAR = "#e9dace"
"""The side of the body farther from us, in a position drawing."""
REGION = "#f1e3d8"
REGION_EDGE = "#bba393"
SPINE = "#b3a196"
MUSCLE = "#7b3fb0"
"""Where a muscle usually sends pain on the map; the muscle itself, or the part worked."""
MUSCLE_LIGHT = "#d7b8ef"
MARKED = "#c0392b"
"""The person's own marks on the map; a place never to press on a close-up."""
SPOT = "#ffd23f"
SPOT_EDGE = "#222222"
"""A trigger point, or where a ball or the fingertips press."""
TEXT = "#2b2b2b"
TEXT_MUTED = "#5a5a5a"
PROP = "#8c7b70"
PROP_FILL = "#e4d8cf"
FLOOR_FILL = "#f3ece6"
ROLLER = "#9cc3d5"
STRAP = "#3f6f8f"
