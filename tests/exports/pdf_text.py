"""Read a PDF back the way a clinician's software would: its pages and their text (pypdf)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader


@dataclass(frozen=True)
class Read:
    pages: int
    text: str
    """All pages' text, whitespace made single spaces (lines wrap wherever the page is full)."""
    images: int
    """Bitmaps in the document: the charts and drawings are vectors, so none."""


def read_pdf(data: bytes) -> Read:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    images = sum(len(page.images) for page in reader.pages)
    return Read(len(reader.pages), " ".join(text.split()), images)
