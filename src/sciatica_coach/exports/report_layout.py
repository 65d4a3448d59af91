"""How much room the parts of the clinician's summary take: the layouts
:func:`.report_pdf.report_pdf` tries in turn until the summary keeps to two pages."""

from __future__ import annotations

from dataclasses import dataclass

from .pdf_kit import SMALL_SIZE


@dataclass(frozen=True)
class Layout:
    """How much room the parts take. The summary is laid out with the first of
    :data:`LAYOUTS` that keeps it to two pages; a full journal needs the compact one."""

    chart_high: float = 48.0
    chart_low: float = 36.0
    """The chart is drawn shorter, down to this, to stay on the page it starts on."""
    map_width: float = 40.0
    muscle_rows: int = 8
    table_size: float = 8.2
    flag_size: float = 7.8
    """The table of safety flags."""
    source_size: float = SMALL_SIZE
    text_size: float = 8.6
    """The lines about the change over the weeks and about the body maps."""
    tight: bool = False
    """Less space around headings and in tables."""


LAYOUTS = (
    Layout(),
    Layout(
        chart_high=34.0,
        chart_low=26.0,
        map_width=34.0,
        muscle_rows=4,
        table_size=7.4,
        flag_size=7.2,
        source_size=SMALL_SIZE - 0.8,
        text_size=8.0,
        tight=True,
    ),
    Layout(
        chart_high=28.0,
        chart_low=24.0,
        map_width=30.0,
        muscle_rows=3,
        table_size=7.0,
        flag_size=7.0,
        source_size=SMALL_SIZE - 1.2,
        text_size=7.6,
        tight=True,
    ),
)
