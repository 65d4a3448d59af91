"""What the printable documents share: the font that covers the text, and its fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.exports import pdf_kit


def test_dejavu_is_found_on_the_system_or_in_matplotlib() -> None:
    folder = pdf_kit.font_folder()
    assert folder is not None  # matplotlib, a dependency, ships it whatever the system has
    assert all((folder / name).is_file() for name in pdf_kit.FONT_FILES.values())


def test_without_debians_fonts_matplotlibs_copy_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pdf_kit, "SYSTEM_FONTS", tmp_path / "none")
    folder = pdf_kit.font_folder()
    assert folder is not None and "matplotlib" in str(folder)


def test_the_builtin_font_gets_latin_1_text() -> None:
    doc = pdf_kit.Document("t", "f", fonts=None)
    doc.unicode = False
    typed = "\N{LEFT DOUBLE QUOTATION MARK}Zoë\N{RIGHT DOUBLE QUOTATION MARK} \N{EN DASH} 5 → 3"
    assert doc.clean(typed + " ≤ 4…") == '"Zoë" - 5 -> 3 <= 4...'
    assert doc.clean("漢") == "?"


def test_a_source_in_short(kb: KnowledgeBase) -> None:
    assert pdf_kit.source_line(kb.sources["farrar_2001"]).startswith("Farrar JT et al. Clinical")
    assert pdf_kit.number(None) == "\N{EN DASH}" and pdf_kit.number(3.456) == "3.5"
