"""Files the pages hand over to keep (the printable PDFs): saved, not shown in the tab, and
never kept by a cache on the way, since they carry health data."""

from __future__ import annotations

from fastapi.responses import Response


def pdf_download(data: bytes, filename: str) -> Response:
    """``data`` as a PDF download named ``sciatica-coach-{filename}``."""
    return Response(
        data,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="sciatica-coach-{filename}"',
            "Cache-Control": "no-store",
        },
    )
