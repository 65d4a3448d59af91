"""The journal export (``sciatica-coach import`` reads it back) written as it is read.

The document is what ``json.dumps(export, indent=2)`` gives for the whole journal, made a
batch of rows at a time (:func:`sciatica_coach.coach.transfer.export_batches`), so a journal
of any length is written in the memory of one batch. Each row is encoded by orjson, in C,
and indented to its place; text is UTF-8 as it is (no ``\\u`` escapes), as the web download
always had it. The header comes first, then each table in turn:

    {
      "format": "sciatica-coach-journal",
      "version": 4,
      "tables": {
        "screenings": [
          {
            "id": 1,
            ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

Progress = Callable[[str, int], None]
"""Told after each batch: the table, and how many of its rows are written so far."""
ROW_INDENT = b"      "
"""A row's place in the document: inside the top object, ``tables`` and its table's list."""


def json_chunks(
    header: dict[str, Any],
    batches: Iterable[tuple[str, list[dict[str, Any]]]],
    progress: Progress | None = None,
) -> Iterator[bytes]:
    """The export document in pieces (one per batch), ending with a newline."""
    fields = [
        b"\n  " + orjson.dumps(key) + b": " + orjson.dumps(value) for key, value in header.items()
    ]
    yield b"{" + b",".join([*fields, b'\n  "tables": {'])
    table: str | None = None
    written = 0
    for name, rows in batches:
        if name != table:
            if table is not None:
                yield _closed(written) + b","
            yield b"\n    " + orjson.dumps(name) + b": ["
            table, written = name, 0
        if rows:
            lead = b"\n" if written == 0 else b",\n"
            yield lead + b",\n".join(_row(row) for row in rows)
            written += len(rows)
        if progress is not None:
            progress(name, written)
    yield (b"}\n}\n" if table is None else _closed(written) + b"\n  }\n}\n")


def _row(row: dict[str, Any]) -> bytes:
    return ROW_INDENT + orjson.dumps(row, option=orjson.OPT_INDENT_2).replace(
        b"\n", b"\n" + ROW_INDENT
    )


def _closed(written: int) -> bytes:
    """The end of a table's list: ``]`` straight after ``[`` when it is empty."""
    return b"\n    ]" if written else b"]"
