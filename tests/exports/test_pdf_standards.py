"""Both PDFs, the clinician's summary and the routine to print, checked with tools other than
the one that made them (standards review D5, D6): qpdf finds no error, pdffonts shows every
font embedded (DejaVu Sans; no built-in Helvetica), the structure tree a screen reader
follows is there (pikepdf: headings, paragraphs, lists, tables with heading cells, figures
with alt text, every mark on a page tagged or an artifact), and the words on the body maps
are at least 8 pt (pdftotext's word boxes)."""

from __future__ import annotations

import pytest

from sciatica_coach.coach.report import clinician_summary
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.exports.pdf_kit import LABEL_SIZE, Document
from sciatica_coach.exports.program_pdf import program_pdf
from sciatica_coach.exports.report_pdf import report_pdf
from tests.coach.conftest import T0
from tests.coach.journal_days import NOW, two_weeks

from .busy_journal import busy_journal
from .pdf_checks import fonts, page_texts, qpdf_check, structure_text, tagged, words
from .routine_plan import sample_plan

FONT_BOX = 1.164
"""How tall poppler's box of a word in DejaVu Sans is, per point of font size (its ascent
0.928 plus descent 0.236 of an em)."""


@pytest.fixture(scope="module")
def summary(kb: KnowledgeBase) -> bytes:
    return report_pdf(kb, clinician_summary(kb, two_weeks(kb), NOW, 2, True, "Zoë"))


@pytest.fixture(scope="module")
def busy_summary(kb: KnowledgeBase) -> bytes:
    """Twelve full weeks: the tightest layout, the weekly table moved before the chart."""
    return report_pdf(kb, clinician_summary(kb, busy_journal(kb, 12, 30), NOW, 12, True))


@pytest.fixture(scope="module")
def routine(kb: KnowledgeBase) -> bytes:
    return program_pdf(kb, sample_plan(kb), T0)


@pytest.fixture(scope="module", params=["summary", "busy_summary", "routine"])
def pdf(request: pytest.FixtureRequest) -> bytes:
    data: bytes = request.getfixturevalue(request.param)
    return data


def test_qpdf_finds_no_error(pdf: bytes) -> None:
    checked = qpdf_check(pdf)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No syntax or stream encoding errors found" in checked.stdout


def test_every_font_is_embedded_and_none_is_a_built_in_one(pdf: bytes) -> None:
    found = fonts(pdf)
    assert found and all(font.embedded for font in found), found
    assert all("DejaVuSans" in font.name for font in found), found
    assert not any("Helvetica" in font.name or font.type == "Type 1" for font in found)


def test_it_is_tagged_with_its_language_and_title(pdf: bytes) -> None:
    info = tagged(pdf)
    assert info.marked and info.lang == "en" and info.display_title
    assert info.title.startswith(("Summary for a clinician", "Your self-massage routine"))
    assert info.roles["StructTreeRoot"] == 1 and info.roles["Document"] == 1


def test_headings_paragraphs_lists_and_figures_with_alt_text(pdf: bytes) -> None:
    info = tagged(pdf)
    assert info.headings[0] == "H1" and info.headings.count("H1") == 1
    assert info.headings.count("H2") >= 4
    assert info.roles["P"] > 5
    assert info.roles["L"] and info.roles["LI"] == info.roles["LBody"] == info.roles["Lbl"]
    assert info.figures and all(len(alt) > 20 for alt in info.figures), info.figures


@pytest.mark.parametrize(
    ("which", "tables", "headings"),
    [("summary", 2, 6 + 4), ("busy_summary", 3, 3 + 6 + 4)],  # flags, weeks, muscles
)
def test_the_summarys_tables_have_heading_and_data_cells_in_rows(
    request: pytest.FixtureRequest, which: str, tables: int, headings: int
) -> None:
    info = tagged(request.getfixturevalue(which))
    assert info.roles["Table"] == tables
    assert {parent for parent, _ in info.table_cells} == {"TR"}
    assert {"TH", "TD"} <= {cell for _, cell in info.table_cells}
    # a table split over two pages repeats its heading row as an artifact, not a new row
    assert info.roles["TH"] == headings


def test_the_chart_and_the_maps_say_what_they_show(summary: bytes) -> None:
    chart, before = tagged(summary).figures
    assert chart.startswith(
        "Chart of daily pain and the weekly PEG score, 18 Nov 2026 to 1 Dec 2026, on a 0 to 10 "
        "scale: 12 days with a pain score, 2 PEG scores, 7 days with a session."
    )
    assert "Daily pain was 6.0 on 18 Nov 2026 and" in chart  # the first day and the last
    assert "marks a clinically important improvement on the first scored week" in chart
    assert chart.endswith('The weekly means are in the table "Week by week".')
    assert "week 1" not in chart and "below" not in chart
    assert before.startswith("Body map, before the session: a back view and a front view")
    assert "Middle of the buttock (left), Back of the thigh (left)" in before


def test_every_mark_on_every_page_is_content_or_an_artifact(pdf: bytes) -> None:
    info = tagged(pdf)
    assert info.unmarked == []
    assert info.orphan_mcids == []


def test_the_body_map_labels_are_at_least_8_pt(pdf: bytes) -> None:
    found = words(pdf)
    after = [*found[1:], None]
    labels = [  # "Back of the thigh" is a place, not a label
        w
        for w, following in zip(found, after, strict=True)
        if w.text in ("Left", "Right")
        or (w.text in ("Back", "Front") and (following is None or following.text != "of"))
    ]
    assert len(labels) >= 6
    assert min(w.height for w in labels) / FONT_BOX >= LABEL_SIZE - 0.01


def test_poppler_reads_the_headings_in_order_and_words_apart_at_line_breaks(
    summary: bytes,
) -> None:
    """Another reader than pikepdf, as a screen reader would go: the headings by their text,
    and a paragraph wrapped over lines keeps a space where it wrapped."""
    read = structure_text(summary)
    headings = [(role, text) for role, text in read if role in ("H1", "H2", "H3")]
    assert headings == [
        ("H1", "Summary for a clinician"),
        ("H2", "Latest safety check"),
        ("H3", "Concerns raised by the journal"),
        ("H2", "Safety flags and what followed"),
        ("H2", "Pain and PEG over time"),
        ("H3", "Week by week"),
        ("H2", "Body map: before and after the most recent session"),
        ("H2", "Self-massage sessions"),
        ("H2", "The person's notes"),
        ("H2", "Sources"),
    ]
    about = next(text for role, text in read if text.startswith("Entered by the person"))
    assert "may contribute to (safety checks" in about and "It does not diagnose" in about
    assert ("TH", "Pain before → after a session") in read and ("TD", "18 Nov 2026") in read


def test_a_table_split_over_two_pages_repeats_its_heading_row_as_an_artifact() -> None:
    doc = Document("A long table", "footer")
    doc.add_page()
    doc.set_y(doc.h - 60)
    rows = [[f"Week {n}", str(n)] for n in range(1, 31)]
    doc.grid(["Week", "Sessions"], rows, [40, 30], ["LEFT", "RIGHT"])
    data = bytes(doc.output())
    info = tagged(data)
    assert len(page_texts(data)) == 2 and page_texts(data)[1].startswith("Week Sessions")
    assert info.roles["TR"] == 31 and info.roles["TH"] == 2 and info.roles["TD"] == 60
    assert info.unmarked == [] and info.orphan_mcids == []


def test_the_routines_drawings_are_read_after_their_heading(routine: bytes) -> None:
    """A step's drawing sits beside its words, but a screen reader hears the step's heading
    first and then the drawing, never step 3's drawing at the end of step 2; the muscle cards
    too."""
    read = structure_text(routine)
    figures = [i for i, (role, _) in enumerate(read) if role == "Figure"]
    assert len(figures) >= 4
    for i in figures:
        assert read[i - 1][0] == "H3", read[i - 1]


def test_the_charts_words_agree_in_number_and_its_line_is_rounded_down(
    kb: KnowledgeBase,
) -> None:
    from dataclasses import replace

    from sciatica_coach.exports.pdf_chart import better_words
    from sciatica_coach.exports.report_trend_pdf import _chart_words

    full = clinician_summary(kb, two_weeks(kb), NOW, 2)
    one = replace(full, pain=full.pain[:1], peg=full.peg[:1], session_days=full.session_days[:1])
    words = _chart_words(one)
    assert "1 day with a pain score, 1 PEG score, 1 day with a session." in words
    assert "Daily pain was 6.0 on 18 Nov 2026. A dashed line" in words
    assert better_words(4.48) == "4.4" and better_words(4.2) == "4.2" and better_words(4.0) == "4.0"


def test_the_routines_drawings_are_described_as_the_web_describes_them(
    kb: KnowledgeBase, routine: bytes
) -> None:
    from sciatica_coach.figures.poses import pose_text

    figures = tagged(routine).figures
    assert pose_text(kb, "piriformis_release", "left", "tennis_ball") in figures
    assert not any(f.startswith("Drawing of the position") for f in figures)


def test_a_muscles_map_names_its_colours_and_the_places_they_cover(
    kb: KnowledgeBase, routine: bytes
) -> None:
    from sciatica_coach.exports.program_pdf import map_alt
    from sciatica_coach.figures.palette import MUSCLE, MUSCLE_LIGHT, SPOT

    said = map_alt(kb, "piriformis", "left")
    assert said in tagged(routine).figures
    assert said.startswith("Body map of the piriformis, left side, back and front views.")
    muscle = kb.muscles["piriformis"]
    for region in [*muscle.referral.essential, *muscle.referral.spillover]:
        assert kb.regions[region].label.lower() in said.lower()
    trigger_points = said.split("Yellow dots: its trigger points (")[1].split(")")[0]
    assert kb.regions[muscle.trigger_points[0].region].label.lower() in trigger_points
    assert "Dark purple: where it usually sends pain (" in said
    assert "Light purple: where it sometimes spreads (" in said
    # the colours named are the colours drawn: yellow dots, a darker and a lighter purple
    assert (SPOT, MUSCLE, MUSCLE_LIGHT) == ("#ffd23f", "#7b3fb0", "#d7b8ef")


@pytest.mark.parametrize("which", ["summary", "busy_summary"])
def test_the_charts_key_ends_inside_the_right_margin(
    request: pytest.FixtureRequest, which: str
) -> None:
    from sciatica_coach.exports.pdf_kit import PAGE_MARGIN

    found = words(request.getfixturevalue(which))
    key = next(i for i, w in enumerate(found) if w.text == "Self-massage")
    assert found[key + 1].text == "session"
    assert found[key + 1].right <= (210 - PAGE_MARGIN) * 72 / 25.4
