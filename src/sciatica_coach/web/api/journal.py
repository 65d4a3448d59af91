"""``/api/journal/*``: log pain and PEG, read sessions and maps, see progress, export it all."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response, StreamingResponse

from sciatica_coach.coach import journal_log, pages, progress
from sciatica_coach.coach.clinical_export import NAME_LIMIT
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.coach.maps import read_feels, read_places, save_map
from sciatica_coach.coach.transfer import export_batches, export_header
from sciatica_coach.exports.csv_tables import csv_chunks
from sciatica_coach.exports.fhir_bundle import FHIR_MEDIA_TYPE, fhir_chunks
from sciatica_coach.exports.journal_json import json_chunks

from ..context import Coach, CoachDep
from ..views.journal import map_views, pain_views, peg_views, progress_view, session_views
from ..views.models import ErrorOut
from ..views.models_session import (
    MapOut,
    PainEntryOut,
    PainIn,
    PainMapIn,
    PegEntryOut,
    PegIn,
    ProgressOut,
    SavedOut,
    StoredSessionOut,
)
from .paging import LINKED, PageQuery

router = APIRouter(prefix="/api/journal", tags=["journal"])


@router.post("/pain", response_model=SavedOut, status_code=201)
def log_pain(body: PainIn, coach: CoachDep) -> SavedOut:
    """Log pain now (0-10), and if you like the worst and average today and a note."""
    entry_id = journal_log.log_pain(
        coach.kb, coach.journal, coach.now(), body.now, body.worst, body.average, note=body.note
    )
    return SavedOut(id=entry_id)


@router.post("/peg", response_model=SavedOut, status_code=201)
def log_peg(body: PegIn, coach: CoachDep) -> SavedOut:
    """Log the weekly PEG score: pain, enjoyment of life, general activity (each 0-10)."""
    entry_id = journal_log.log_peg(
        coach.journal, coach.now(), body.pain, body.enjoyment, body.activity
    )
    return SavedOut(id=entry_id)


@router.post("/pain-maps", response_model=SavedOut, status_code=201)
def log_pain_map(body: PainMapIn, coach: CoachDep) -> SavedOut:
    """Save a body map (``before`` a session, ``after`` it, or ``other``)."""
    keys = read_places(coach.kb, body.where)
    feels = read_feels(body.feels)
    entry_id = save_map(coach.journal, coach.now(), keys, feels, body.intensity, body.moment)
    return SavedOut(id=entry_id)


@router.get("/pain", response_model=list[PainEntryOut], responses=LINKED)
def pain_entries(coach: CoachDep, asked: PageQuery) -> list[PainEntryOut]:
    """Pain entries, newest first, a page at a time."""
    return pain_views(asked.read(coach.journal.newest_pain_entries))


@router.get("/peg", response_model=list[PegEntryOut], responses=LINKED)
def peg_entries(coach: CoachDep, asked: PageQuery) -> list[PegEntryOut]:
    """PEG entries, newest first, a page at a time."""
    return peg_views(asked.read(coach.journal.newest_peg_entries))


@router.get("/pain-maps", response_model=list[MapOut], responses=LINKED)
def pain_maps(coach: CoachDep, asked: PageQuery) -> list[MapOut]:
    """Body maps, newest first, a page at a time."""
    return map_views(coach.kb, asked.read(coach.journal.newest_pain_maps))


@router.get("/sessions", response_model=list[StoredSessionOut], responses=LINKED)
def sessions(coach: CoachDep, asked: PageQuery) -> list[StoredSessionOut]:
    """Sessions, newest first, a page at a time, with the body maps before and after each."""
    found = pages.sessions_page(coach.journal, asked.limit, asked.before)
    asked.link(found.sessions.next_before)
    return session_views(coach.kb, found.sessions.entries, found.maps)


@router.get("/progress", response_model=ProgressOut)
def progress_report(coach: CoachDep, weeks: int = Query(8, ge=1, le=52)) -> ProgressOut:
    """Weekly pain and PEG, the effect of sessions, and what the next safety check adds."""
    report = progress.progress(coach.kb, coach.journal, coach.now(), weeks)
    return progress_view(coach.kb, report)


VALIDATION_ERROR = "#/components/schemas/HTTPValidationError"
EXPORTS = {
    "json": ("application/json", "json"),
    "csv": ("application/zip", "zip"),
    "fhir": (FHIR_MEDIA_TYPE, "fhir.json"),
}


@router.get(
    "/export",
    response_class=Response,
    responses={
        200: {"content": {media.partition(";")[0]: {} for media, _ in EXPORTS.values()}},
        422: {
            "description": "An unknown format, or a name that is not plain text",
            # the same body as FastAPI's own 422 (web/errors.py), so its schema
            "content": {"application/json": {"schema": {"$ref": VALIDATION_ERROR}}},
        },
        501: {"description": "format=fhir without the fhir extra installed", "model": ErrorOut},
    },
)
def export(
    coach: CoachDep,
    format: Literal["json", "csv", "fhir"] = "json",
    name: str | None = Query(
        None, max_length=NAME_LIMIT, description="For format=fhir: the name to put on it."
    ),
) -> Response:
    """Everything in the journal. JSON is the form ``sciatica-coach import`` reads back; CSV is
    a ZIP of flat tables (pain, PEG, sessions one row per step, safety checks one column per
    question, body maps one row per place, notes) with a README.txt describing every column;
    FHIR is an R4 Bundle (type collection) for a clinic's system, under a pseudonym unless a
    ``name`` is given."""
    if name is not None and format != "fhir":
        raise Invalid.one(("name",), "A name goes on the FHIR export only.", source="query")
    now = coach.now()
    chunks = _export_chunks(coach, format, name, now)
    # Anything wrong before the first byte (the journal cannot be read) is an error answer,
    # not a download cut short: the first piece is made before the answer starts.
    first = next(chunks, b"")
    media, extension = EXPORTS[format]
    filename = f"sciatica-coach-journal-{now.date().isoformat()}.{extension}"
    return StreamingResponse(
        itertools.chain([first], chunks),  # the rest is made in a thread, as it is sent
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _export_chunks(coach: Coach, format: str, name: str | None, now: datetime) -> Iterator[bytes]:
    """The export in pieces as the journal is read."""
    if format == "json":
        batches = export_batches(coach.journal)
        first = next(batches)  # the first read happens here, before the answer starts
        return json_chunks(export_header(), itertools.chain([first], batches))
    if format == "csv":
        return csv_chunks(coach.kb, coach.journal, now)
    return fhir_chunks(coach.kb, coach.journal, coach.user, now, name)
