"""What the printable documents share: the font that covers the text, and its fallback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.exports import pdf_kit


def test_dejavu_is_found_on_the_system_or_in_matplotlib() -> None:
    folder = pdf_kit.font_folder()
    assert folder is not None  # matplotlib, a dependency, ships it whatever the system has
    assert all((folder / name).is_file() for name in pdf_kit.FONT_FILES.values())


def test_without_its_own_or_debians_fonts_matplotlibs_copy_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pdf_kit, "PACKAGED_FONTS", tmp_path / "none")
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


@pytest.mark.parametrize(
    ("authors", "short"),
    [
        ("Farrar JT, Young JP Jr, LaMoreaux L, Werth JL, Poole RM", "Farrar JT et al."),
        ("Dionne N, Adefolarin A, Kunzelman D, et al.", "Dionne N et al."),
        ("Donnelly JM, Fernández-de-las-Peñas C, Finnegan M", "Donnelly JM et al."),
        ("Davies C, Davies A", "Davies C, Davies A."),
        ("Batavia M", "Batavia M."),
        # an organisation is one author, whatever commas its name has (review D13)
        ("NHS (National Health Service, England)", "NHS (National Health Service, England)."),
        ("Ministry of Home Affairs, Government of India", None),
        ("National 911 Program, U.S. Department of Transportation", None),
        ("Health and Safety Executive (UK)", "Health and Safety Executive (UK)."),
    ],
)  # fmt: skip
def test_authors_in_short_people_by_name_organisations_whole(
    authors: str, short: str | None
) -> None:
    assert pdf_kit.authors_short(authors) == (short or authors + ".")


def test_every_source_has_its_authors_whole_or_as_first_et_al(kb: KnowledgeBase) -> None:
    for source in kb.sources.values():
        line = pdf_kit.source_line(source)
        assert line.count("(") == line.count(")"), line
        if source.authors and "et al." in line:
            assert line.startswith(source.authors.split(",")[0] + " et al. ")


def test_a_source_with_no_author_or_date_says_so(kb: KnowledgeBase) -> None:
    """The reference guide (/work/shared/reference) is a text with no author, date, publisher
    or address: the line says what it is rather than giving the title alone."""
    assert pdf_kit.source_line(kb.sources["guide"]) == (
        "How to Massage Sciatica Trigger Points Safely (a self-help guide; no author or date "
        "given)."
    )


def test_no_source_says_a_thing_twice(kb: KnowledgeBase) -> None:
    """NICE's guideline was "...management (NG59) (2016). NICE guideline NG59, ..."."""
    nice = pdf_kit.source_line(kb.sources["nice_ng59"])
    assert nice.count("NG59") == 1
    assert nice.endswith(
        "assessment and management (2016). NICE guideline NG59, last updated 2020."
    )
    for source in kb.sources.values():
        if source.published_in:
            words = set(re.findall(r"\b[A-Z]{2,}\d+\b", source.title))
            assert not words & set(re.findall(r"\b[A-Z]{2,}\d+\b", source.published_in)), source.id


def test_the_type_is_the_package_s_own_copy_so_it_is_there_without_any_extra() -> None:
    assert pdf_kit.font_folder() == pdf_kit.PACKAGED_FONTS
    assert (pdf_kit.PACKAGED_FONTS / "LICENSE").read_text(encoding="utf-8").count("Bitstream")
