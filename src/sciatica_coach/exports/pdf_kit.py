"""What the printable documents share: an A4 page with the app's type, colours, heading,
footer and disclaimer, and the few building blocks they are made of (fpdf2, pure Python).

Type: DejaVu Sans, which covers every character the content uses (curly quotes, dashes,
arrows, accented names). The package ships it (``exports/fonts``, with its licence), so every
font in every document is embedded on any computer, with or without matplotlib (an extra) or
Debian's ``fonts-dejavu-core``. Only if those files were taken out would a document fall back
to the PDF's built-in Helvetica, not embedded, with the text reduced to Latin-1 (``→``
becomes ``->``), so a document can still be made. Pictures are the app's own SVG drawings
(:mod:`sciatica_coach.figures`), drawn as vectors, their words drawn in DejaVu at 8 pt
(:mod:`.pdf_labels`). Every block is tagged
(:mod:`.pdf_tags`): a heading, a paragraph, a list, a table, a figure with its alt text.
"""

from __future__ import annotations

import copy
import functools
import importlib.util
import io
import itertools
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, XPos, YPos
from fpdf.fonts import FontFace

from sciatica_coach.content import KnowledgeBase

from .citations import authors_short as authors_short
from .citations import source_line as source_line
from .pdf_labels import LABEL_DROP, SVG_TEXT, SvgLabel, spread, svg_labels, svg_view_box
from .pdf_tags import TaggedPDF

logging.getLogger("fpdf.svg").setLevel(logging.ERROR)  # <title>, <desc>: not drawn, as meant


FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
PACKAGED_FONTS = Path(__file__).parent / "fonts"
SYSTEM_FONTS = Path("/usr/share/fonts/truetype/dejavu")
"""Debian's ``fonts-dejavu-core``."""

# Colours: the web app's tokens (web/static/app.css) and the pictures' palette.
INK = (29, 29, 29)
MUTED = (79, 79, 79)
RULE = (207, 198, 189)
SOFT = (246, 243, 239)
STRIPE = (251, 249, 247)
ACCENT = (91, 42, 134)
DANGER = (140, 29, 24)
DANGER_BG = (253, 236, 234)
WARN = (107, 65, 0)
WARN_BG = (255, 244, 224)
WARN_EDGE = (179, 107, 0)
OK = (28, 94, 47)
OK_BG = (232, 245, 234)

PAGE_MARGIN = 15.0
BOTTOM_MARGIN = 17.0
TEXT_SIZE = 9.0
SMALL_SIZE = 7.6
LINE_HEIGHT = 4.3
"""Millimetres per line of body text."""
LABEL_SIZE = 8.0
"""The words on a picture (Back, Front, Left, Right), in points: readable on paper."""

LATIN_1 = str.maketrans(
    {
        "\N{LEFT SINGLE QUOTATION MARK}": "'",
        "\N{RIGHT SINGLE QUOTATION MARK}": "'",
        "\N{LEFT DOUBLE QUOTATION MARK}": '"',
        "\N{RIGHT DOUBLE QUOTATION MARK}": '"',
        "\N{EN DASH}": "-",
        "\N{EM DASH}": "-",
        "\N{RIGHTWARDS ARROW}": "->",
        "\N{HORIZONTAL ELLIPSIS}": "...",
        "\N{LESS-THAN OR EQUAL TO}": "<=",
        "\N{GREATER-THAN OR EQUAL TO}": ">=",
        "\N{MIDDLE DOT}": "-",
        "\N{BULLET}": "-",
        "\N{MULTIPLICATION SIGN}": "x",
        "\N{NO-BREAK SPACE}": " ",
    }
)


def font_folder() -> Path | None:
    """Where DejaVu Sans is: the package's copy, else Debian's, else matplotlib's, else None."""
    folders = [PACKAGED_FONTS, SYSTEM_FONTS]
    found = importlib.util.find_spec("matplotlib")  # its folder only; importing it is slow
    if found is not None and found.submodule_search_locations:
        folders.append(Path(next(iter(found.submodule_search_locations))) / "mpl-data/fonts/ttf")
    for folder in folders:
        if all((folder / name).is_file() for name in FONT_FILES.values()):
            return folder
    return None


@functools.cache
def _parsed_fonts(folder: Path) -> dict[str, Any]:
    """DejaVu Sans as fpdf2 reads it (about 0.3 s for the two files), read once."""
    reader = FPDF()
    for style, name in FONT_FILES.items():
        reader.add_font(FAMILY, style, str(folder / name))
    return dict(reader.fonts)


def _fresh_font(parsed: Any) -> Any:
    """A copy of a parsed font for one document: fpdf2's copy shares the font file's
    tables, which writing the PDF cuts down to the glyphs used, so they are opened anew
    (lazily: a few milliseconds)."""
    font = copy.deepcopy(parsed)
    font.ttfont = TTFont(parsed.ttffile, recalcTimestamp=False, lazy=True)
    return font


HEIGHTS_KEPT = 4096
_HEIGHTS: dict[tuple[str, bool, str, float, float, bool], float] = {}
"""Paragraph heights measured, by font, text, width, size and weight."""
KEEP_ROOM = 30.0
"""Millimetres above the page's foot below which a list item that must stay whole is
measured first (none of the documents' is taller)."""


class TooLong(Exception):
    """The document needs more pages than it may have."""


@dataclass(frozen=True)
class Line:
    """A line of a :meth:`Document.box`: a paragraph, or a bullet."""

    text: str
    bold: bool = False
    bullet: bool = False
    size: float = TEXT_SIZE
    color: tuple[int, int, int] = INK
    after: float = 1.0


class Document(TaggedPDF):
    """An A4 page with the app's look: a footer with the disclaimer and the page number,
    tagged (:mod:`.pdf_tags`): headings, paragraphs, lists, tables and figures."""

    def __init__(
        self,
        title: str,
        footer: str,
        fonts: Path | None = None,
        tight: bool = False,
        most_pages: int | None = None,
    ) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.tight = tight
        """Less space around headings and in tables, to keep a document to its pages."""
        self.most_pages = most_pages
        """A page more raises :class:`TooLong` (a layout being tried gives up early)."""
        self.doc_title = title
        self.footer_text = footer
        self.set_title(title)
        self.set_author("Sciatica Coach")
        self.set_creator("Sciatica Coach")
        self.set_lang("en")
        self.set_margins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        self.set_auto_page_break(True, BOTTOM_MARGIN)
        self.alias_nb_pages()
        folder = fonts if fonts is not None else font_folder()
        self.unicode = folder is not None
        if folder is not None:
            for key, font in _parsed_fonts(folder).items():
                self.fonts[key] = _fresh_font(font)
            self.family = FAMILY
        else:
            self.family = "helvetica"
        self.set_text_color(*INK)
        self.use(TEXT_SIZE)

    def add_page(self, *args: Any, **kwargs: Any) -> None:
        if self.most_pages is not None and self.page >= self.most_pages:
            raise TooLong(self.most_pages)
        super().add_page(*args, **kwargs)

    # --- text -------------------------------------------------------------------------------

    def clean(self, text: str) -> str:
        """Text the font can show: as it is with DejaVu, reduced to Latin-1 without it."""
        if self.unicode:
            return text
        return text.translate(LATIN_1).encode("latin-1", "replace").decode("latin-1")

    def use(self, size: float = TEXT_SIZE, bold: bool = False) -> None:
        self.set_font(self.family, "B" if bold else "", size)

    @property
    def width(self) -> float:
        """The width between the margins."""
        return float(self.w - self.l_margin - self.r_margin)

    @property
    def room(self) -> float:
        """Millimetres left on this page above the bottom margin."""
        return float(self.h - self.b_margin - self.get_y())

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` mm fit on this one."""
        if self.room < height:
            self.add_page()

    def text_height(
        self, text: str, width: float, size: float = TEXT_SIZE, bold: bool = False
    ) -> float:
        """How tall ``text`` would be as a paragraph ``width`` wide (measured once: a
        document tried in several layouts measures the same paragraphs again)."""
        key = (self.family, self.unicode, text, round(width, 3), size, bold)
        found = _HEIGHTS.get(key)
        if found is None:
            self.use(size, bold)
            found = float(
                self.multi_cell(
                    width,
                    LINE_HEIGHT * size / TEXT_SIZE,
                    self.clean(text),
                    dry_run=True,
                    output=MethodReturnValue.HEIGHT,
                )
            )
            if len(_HEIGHTS) >= HEIGHTS_KEPT:
                _HEIGHTS.clear()
            _HEIGHTS[key] = found
        return found

    def para(
        self,
        text: str,
        size: float = TEXT_SIZE,
        bold: bool = False,
        color: tuple[int, int, int] = INK,
        width: float | None = None,
        x: float | None = None,
        after: float = 1.2,
        role: str = "P",
    ) -> None:
        """A paragraph at ``x`` (the left margin), wrapped to ``width`` (the page)."""
        self.use(size, bold)
        self.set_text_color(*color)
        if x is not None:
            self.set_x(x)
        with self.marked(role):
            self.multi_cell(
                width or self.width,
                LINE_HEIGHT * size / TEXT_SIZE,
                self.clean(text),
                align=Align.L,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
        self.set_text_color(*INK)
        self.ln(after)

    def runs(
        self, parts: Sequence[tuple[str, bool]], size: float = TEXT_SIZE, role: str = "P"
    ) -> None:
        """One paragraph of runs, each bold or not (``write`` wraps them together); a bold
        run alone is a small heading with ``role`` H3."""
        height = LINE_HEIGHT * size / TEXT_SIZE
        with self.marked(role):
            for text, bold in parts:
                self.use(size, bold)
                self.write(height, self.clean(text))
        self.ln(height + 1.2)
        self.use(size)

    def bullets(
        self,
        items: Iterable[str],
        size: float = TEXT_SIZE,
        color: tuple[int, int, int] = INK,
        width: float | None = None,
        x: float | None = None,
        mark: str = "•",
        keep: bool = False,
    ) -> None:
        """A list; with ``keep``, no item is split between two pages."""
        left = self.l_margin if x is None else x
        wide = width or (self.w - self.r_margin - left)
        line = LINE_HEIGHT * size / TEXT_SIZE
        with self.group("L"):
            for item in items:
                if keep and self.room < KEEP_ROOM:  # near the foot: measured, kept whole
                    self.need(self.text_height(item, wide - 4, size) + 0.6)
                self.use(size)
                self.set_text_color(*color)
                self.set_x(left)
                with self.group("LI"):
                    with self.marked("Lbl"):
                        self.cell(4, line, self.clean(mark))
                    with self.marked("LBody"):
                        self.multi_cell(
                            wide - 4,
                            line,
                            self.clean(item),
                            align=Align.L,
                            new_x=XPos.LMARGIN,
                            new_y=YPos.NEXT,
                        )
                self.ln(0.6)
        self.set_text_color(*INK)

    def heading(self, text: str, keep: float = 24.0, size: float = 11.5) -> None:
        """A section heading (H2) with a rule under it, on a new page unless ``keep`` mm (the
        heading and the start of what follows) fit here."""
        self.need(keep)
        self.ln(0.8 if self.tight else 1.5)
        self.use(size, bold=True)
        self.set_text_color(*ACCENT)
        with self.marked("H2"):
            self.cell(
                0, 5 if self.tight else 6, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        self.set_draw_color(*RULE)
        self.set_line_width(0.3)
        with self.artifact():
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.4 if self.tight else 2)
        self.set_text_color(*INK)
        self.use()

    def title_block(self, title: str, lines: Sequence[str]) -> None:
        """The document's title (H1) in the accent colour, then a line or two about it."""
        self.set_fill_color(*ACCENT)
        with self.artifact():
            self.rect(0, 0, self.w, 3.5, style="F")
        self.set_y(PAGE_MARGIN - 3)
        self.use(9, bold=True)
        self.set_text_color(*ACCENT)
        with self.marked("P"):
            self.cell(0, 5, "Sciatica Coach", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.use(17, bold=True)
        self.set_text_color(*INK)
        with self.marked("H1"):
            self.multi_cell(0, 8, self.clean(title), align=Align.L, new_x=XPos.LMARGIN)
        self.ln(0.5)
        for line in lines:
            self.para(line, size=9.5, color=MUTED, after=0.2)
        self.ln(2)

    def box(
        self,
        lines: Sequence[Line],
        fill: tuple[int, int, int],
        edge: tuple[int, int, int],
        padding: float = 2.6,
    ) -> None:
        """Lines of text on a tinted background with a coloured bar on its left, kept on one
        page (measured first, so the background can go under the text)."""
        left = self.l_margin
        inner = self.width - 2 * padding - 1.5
        height = 2 * padding + sum(self._line_height(line, inner) for line in lines)
        self.need(height)
        top = self.get_y()
        with self.artifact():
            self.set_fill_color(*fill)
            self.rect(left, top, self.width, height, style="F")
            self.set_fill_color(*edge)
            self.rect(left, top, 1.5, height, style="F")
        self.set_y(top + padding)
        x = left + padding + 1.5
        for bullet, run in itertools.groupby(lines, key=lambda line: line.bullet):
            if bullet:
                for size, same in itertools.groupby(run, key=lambda line: (line.size, line.color)):
                    self.bullets([line.text for line in same], size[0], size[1], inner, x)
                continue
            for line in run:
                self.para(line.text, line.size, line.bold, line.color, inner, x, after=line.after)
        self.set_xy(left, top + height + 2.5)

    def _line_height(self, line: Line, width: float) -> float:
        if line.bullet:
            return self.text_height(line.text, width - 4, line.size) + 0.6
        return self.text_height(line.text, width, line.size, line.bold) + line.after

    def grid(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        align: Sequence[str],
        size: float = 8.2,
        bold_last: bool = False,
    ) -> None:
        """A small table: a tinted heading row, thin rules between rows (``widths`` in mm)."""
        self.use(size)
        total = sum(widths)
        self.set_fill_color(*STRIPE)  # fpdf2 fills striped rows with the current colour
        with self.tagged_table(
            col_widths=tuple(widths),
            width=total,
            align=Align.L,
            text_align=tuple(align),
            line_height=LINE_HEIGHT * size / TEXT_SIZE,
            borders_layout="HORIZONTAL_LINES",
            headings_style=FontFace(emphasis="BOLD", fill_color=SOFT, size_pt=size),
            cell_fill_color=STRIPE,
            cell_fill_mode="EVEN_ROWS",
            padding=(0.3 if self.tight else 0.5, 1.2),
            first_row_as_headings=True,
        ) as table:
            self.set_draw_color(*RULE)
            self.set_line_width(0.15)
            table.row([self.clean(h) for h in headings])
            for index, row in enumerate(rows):
                last = bold_last and index == len(rows) - 1
                style = FontFace(emphasis="BOLD", size_pt=size) if last else None
                table.row([self.clean(cell) for cell in row], style=style)
        self.ln(2)

    # --- pictures ---------------------------------------------------------------------------

    def svg(self, svg: str, x: float, y: float, w: float, alt: str) -> float:
        """Draw an SVG picture ``w`` mm wide with its top-left corner at (x, y), a figure
        described by ``alt``; its height. Its words are drawn in the document's own font at
        :data:`LABEL_SIZE` (an SVG's text would be in a built-in font, and tiny at print
        size)."""
        labels = svg_labels(svg)
        drawing = SVG_TEXT.sub("", svg)
        with self.marked("Figure", alt=alt):
            info: Any = self.image(io.BytesIO(drawing.encode("utf-8")), x=x, y=y, w=w)
            self._labels(labels, x, y, w, svg_view_box(svg))
        return float(info.rendered_height)

    def _labels(
        self, labels: Sequence[SvgLabel], x: float, y: float, w: float, box: Sequence[float]
    ) -> None:
        scale = w / box[2]
        placed: list[tuple[SvgLabel, float, float]] = []  # (label, left, width) in mm
        for label in labels:
            self.use(LABEL_SIZE, label.bold)
            width = self.get_string_width(self.clean(label.text))
            at = x + (label.x - box[0]) * scale
            left = at - width / 2 if label.anchor == "middle" else at
            placed.append((label, left - width if label.anchor == "end" else left, width))
        placed = spread(placed, x, x + w)
        for label, left, _width in placed:
            self.use(LABEL_SIZE, label.bold)
            self.set_text_color(*(MUTED if label.muted else INK))
            low = label.y > box[1] + box[3] / 2  # under the figure: grown downwards, off it
            baseline = y + (label.y - box[1]) * scale + (LABEL_DROP if low else 0)
            self.text(left, baseline, self.clean(label.text))
        self.set_text_color(*INK)
        self.use()

    # --- the page's frame -------------------------------------------------------------------

    def footer(self) -> None:
        self.set_y(-BOTTOM_MARGIN + 4)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1)
        self.use(SMALL_SIZE - 0.6)
        self.set_text_color(*MUTED)
        number = f"Page {self.page_no()} of {{nb}}"
        width = self.get_string_width(number) + 2
        self.multi_cell(
            self.width - width - 4,
            3.2,
            self.clean(self.footer_text),
            align=Align.L,
            new_x=XPos.RIGHT,
            new_y=YPos.TOP,
        )
        self.set_x(self.w - self.r_margin - width)
        self.cell(width, 3.2, number, align=Align.R)
        self.set_text_color(*INK)


def disclaimer(kb: KnowledgeBase) -> str:
    """The app's disclaimer: not a diagnosis, and where the emergency signs are listed and
    what to do if one appears (the list itself is said once, in ``warning_signs.yaml``)."""
    net = kb.screening.safety_net
    return f"{net.disclaimer} {net.emergency_pointer}"


DASH = "\N{EN DASH}"
"""What a table shows for a value there is none of."""


def number(value: float | None, empty: str = DASH) -> str:
    """A score with one decimal, or a dash for none."""
    return empty if value is None else f"{value:.1f}"
