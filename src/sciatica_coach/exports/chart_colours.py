"""The progress chart's colours, shared by the screen's chart (:mod:`.chart`, matplotlib) and
the PDF's (:mod:`.pdf_chart`), so a person sees the same chart in both."""

from __future__ import annotations

RGB = tuple[int, int, int]

PAIN: RGB = (176, 58, 46)
PEG: RGB = (46, 64, 83)
BETTER: RGB = (30, 132, 73)
"""The dashed line at the score that would count as clearly better."""
SESSION: RGB = (125, 60, 152)


def hex_colour(rgb: RGB) -> str:
    """``(176, 58, 46)`` as matplotlib takes it: ``"#b03a2e"``."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)
