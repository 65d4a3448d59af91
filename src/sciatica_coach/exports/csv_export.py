"""The journal as CSV: one section per table, so a spreadsheet or a clinic system can read it.

Each section starts with a ``# table`` line, then a header row and one row per entry. JSON
fields (answers, body maps, session records) are kept as JSON text in their cell, so nothing
is lost; ``sciatica-coach export --format json`` is the form ``import`` reads back.

A note such as ``=HYPERLINK(...)`` must reach the clinician's spreadsheet as text, not as a
formula: cells that a spreadsheet would read as one get a leading ``'`` (OWASP's advice on
CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any


def journal_csv(export: dict[str, Any]) -> str:
    """CSV text for :meth:`Journal.export_all` output."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; quotes a lone \r too
    writer.writerow([f"# {export.get('format', 'journal')} version {export.get('version', '?')}"])
    for name, rows in export["tables"].items():
        writer.writerow([])
        writer.writerow([f"# {name}"])
        if not rows:
            continue
        columns = list(rows[0])
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool | int | float):
        return str(value)  # a number stays a number, even a negative one
    return safe_cell(str(value))


def safe_cell(text: str) -> str:
    """``text`` as a spreadsheet will show it, never run it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
