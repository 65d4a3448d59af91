"""The design system in ``app.css``: colour, type and spacing come from tokens in ``:root``,
and every pair of colours used for text meets WCAG AA contrast (4.5:1; 3:1 for the focus
ring against the page)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sciatica_coach.web

CSS = (Path(sciatica_coach.web.__file__).parent / "static" / "app.css").read_text(encoding="utf-8")
ROOT, _, RULES = CSS.partition(":root {")[2].partition("}")
TOKENS = dict(re.findall(r"--([a-z0-9-]+):\s*([^;]+);", ROOT))

TEXT_PAIRS = [
    ("ink", "paper"),
    ("muted", "paper"),
    ("muted", "soft"),  # the footer
    ("link", "paper"),
    ("link", "soft"),
    ("on-accent", "accent"),  # header, tab bar, primary buttons
    ("accent", "paper"),  # buttons, the session cue
    ("danger", "paper"),
    ("danger", "danger-bg"),
    ("on-accent", "danger"),  # "It hurts — stop"
    ("warn", "warn-bg"),
    ("ink", "warn-bg"),
    ("ok", "ok-bg"),
    ("ok", "paper"),
    ("ink", "danger-bg"),
    ("ink", "ok-bg"),
]


def luminance(colour: str) -> float:
    value = colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_check_itself() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_text_colours_meet_aa(text: str, background: str) -> None:
    ratio = contrast(TOKENS[text], TOKENS[background])
    assert ratio >= 4.5, f"--{text} on --{background}: {ratio:.2f}:1"


def test_the_focus_ring_stands_out_from_the_page() -> None:
    assert contrast(TOKENS["focus"], TOKENS["paper"]) >= 3.0


def test_rules_use_the_colour_tokens_only() -> None:
    literal = re.findall(r"#[0-9a-fA-F]{3,6}\b|rgba?\(", RULES)
    assert literal == [], "colours belong in :root as tokens"


def test_font_sizes_come_from_the_type_scale() -> None:
    sizes = re.findall(r"font-size:\s*([^;}]+)", RULES)
    # relative sizes (kbd at .85em, the phone's root size) and the SVG timer's own units
    allowed = {".85em", "106%", "30px"}
    odd = [s.strip() for s in sizes if not s.startswith("var(--text-") and s.strip() not in allowed]
    assert odd == []
    used = {name for name in re.findall(r"var\(--text-([a-z0-9]+)\)", RULES)}
    assert used <= {k.removeprefix("text-") for k in TOKENS if k.startswith("text-")}


def test_every_token_used_is_defined() -> None:
    used = set(re.findall(r"var\(--([a-z0-9-]+)\)", RULES))
    assert used <= set(TOKENS), used - set(TOKENS)
