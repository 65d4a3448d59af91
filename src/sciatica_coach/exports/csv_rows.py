"""The tables of the CSV export: each file's columns, what they mean, and its rows.

A column and its description are written side by side, and README.txt is made from them, so
the README cannot fall behind the files. Rows are dicts by column name: a row that misses a
column fails loudly instead of shifting the cells after it.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sciatica_coach.coach.clinical_export import SessionEntry, TableRecords
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import MIDLINE

Value = str | int | float | bool | None
Row = dict[str, Value]


@dataclass(frozen=True)
class Column:
    name: str
    about: str


@dataclass(frozen=True)
class Table:
    file: str
    about: str
    fixed: tuple[Column, ...]
    build: Callable[[TableRecords, tuple[Column, ...]], Iterable[Row]]
    """The rows, given the records and the table's columns (:meth:`columns`)."""
    more: Callable[[TableRecords], tuple[Column, ...]] = lambda records: ()
    """Columns that depend on the content and the journal (one per safety-check question)."""
    cells: Callable[[TableRecords, tuple[Column, ...]], Iterable[list[Value]]] | None = None
    """The rows of :attr:`build` as they are written, each a list of its cells in column
    order, each cell already what :func:`~.csv_tables.cell` makes of it (the same bytes,
    proven in the tests); None: the writer converts :attr:`build`'s rows itself."""

    def columns(self, records: TableRecords) -> tuple[Column, ...]:
        return self.fixed + self.more(records)

    def rows(self, records: TableRecords, columns: tuple[Column, ...]) -> Iterable[Row]:
        """The rows under ``columns`` (what :meth:`columns` gave: worked out once, since the
        journal's columns take a pass over it)."""
        return self.build(records, columns)


def when(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with its offset, to the second."""
    return None if moment is None else moment.astimezone(UTC).isoformat(timespec="seconds")


def listed(items: Iterable[object]) -> str:
    return "; ".join(str(item) for item in items)


def _label(kb: KnowledgeBase, catalog: str, item_id: str | None) -> str | None:
    found: Any = getattr(kb, catalog)
    if item_id is None or item_id not in found:
        return None
    item = found[item_id]
    return str(getattr(item, "name", None) or getattr(item, "label", item_id))


def _place(kb: KnowledgeBase, key: str | None) -> tuple[str | None, str | None, str | None]:
    """``left:heel`` as (region id, region name, side); the side is empty on the midline."""
    if not key:
        return None, None, None
    side, _, region = key.rpartition(":")
    return region, _label(kb, "regions", region), None if side in ("", MIDLINE) else side


class _Names:
    """:func:`_label` and :func:`_place` for one export, each worked out once: ten years
    name the same few muscles, tools and places some 150,000 times."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._labels: dict[tuple[str, str | None], str | None] = {}
        self._places: dict[str | None, tuple[str | None, str | None, str | None]] = {}

    def label(self, catalog: str, item_id: str | None) -> str | None:
        key = (catalog, item_id)
        if key not in self._labels:
            self._labels[key] = _label(self.kb, catalog, item_id)
        return self._labels[key]

    def place(self, key: str | None) -> tuple[str | None, str | None, str | None]:
        if key not in self._places:
            self._places[key] = _place(self.kb, key)
        return self._places[key]


# --- pain.csv, peg.csv, notes.csv ------------------------------------------------------------

PAIN = (
    Column("entry_id", "The pain score's number in the journal."),
    Column("recorded_at", "When it was logged."),
    Column("day", "The calendar day it counts for, in the person's own time zone."),
    Column("pain_now", "Pain right then, 0 (none) to 10 (worst imaginable)."),
    Column("worst_today", "Worst pain that day, 0-10, if given."),
    Column("average_today", "Average pain that day, 0-10, if given."),
    Column("places", "How many places were marked with it (each is a row of maps.csv)."),
    Column("note", "The person's note, if any."),
)


def _pain_rows(records: TableRecords, _columns: tuple[Column, ...]) -> Iterator[Row]:
    for entry in records.pain:
        yield {
            "entry_id": entry.id,
            "recorded_at": when(entry.recorded_at),
            "day": entry.day.isoformat(),
            "pain_now": entry.now,
            "worst_today": entry.worst,
            "average_today": entry.average,
            "places": len(entry.regions or []),
            "note": entry.note,
        }


PEG = (
    Column("entry_id", "The PEG score's number in the journal."),
    Column("recorded_at", "When it was given."),
    Column("pain", "Average pain in the past week, 0-10 (PEG item 1, Krebs et al. 2009)."),
    Column("enjoyment", "How pain got in the way of enjoying life in the past week, 0-10."),
    Column("activity", "How pain got in the way of general activity in the past week, 0-10."),
    Column("peg_score", "The PEG score: the mean of the three, to two decimals."),
)


def _peg_rows(records: TableRecords, _columns: tuple[Column, ...]) -> Iterator[Row]:
    for entry in records.peg:
        yield {
            "entry_id": entry.id,
            "recorded_at": when(entry.recorded_at),
            "pain": entry.pain,
            "enjoyment": entry.enjoyment,
            "activity": entry.activity,
            "peg_score": round((entry.pain + entry.enjoyment + entry.activity) / 3, 2),
        }


NOTES = (
    Column("note_id", "The note's number in the journal."),
    Column("recorded_at", "When it was written."),
    Column("text", "The note, as written."),
)


def _note_rows(records: TableRecords, _columns: tuple[Column, ...]) -> Iterator[Row]:
    for note in records.notes:
        yield {"note_id": note.id, "recorded_at": when(note.recorded_at), "text": note.text}


# --- maps.csv --------------------------------------------------------------------------------

MAPS = (
    Column(
        "source",
        "body_map (a body map, before or after a session, or on its own) or "
        "pain_score (a place logged with a pain score in pain.csv).",
    ),
    Column("entry_id", "The body map's or pain score's number in the journal."),
    Column("recorded_at", "When it was marked."),
    Column("moment", "For a body map: before or after a session, or other."),
    Column("place", "The place as the app writes it: side:region (left:heel, midline:sacrum)."),
    Column("region_id", "The body-map region."),
    Column("region_name", "The region in words."),
    Column("side", "left or right (the person's own); empty for the midline."),
    Column("intensity", "How strong the pain was there, 0-10."),
    Column(
        "kind",
        "The first feeling given (ache, tight, sharp, burning, tingling, numbness, electric).",
    ),
    Column("feels", "Every feeling given for it."),
)


def _map_rows(records: TableRecords, _columns: tuple[Column, ...]) -> Iterator[Row]:
    # both come oldest first by (time, id): merged as they are read, never all held
    maps = (("body_map", m.id, m.recorded_at, m.regions) for m in records.pain_maps)
    pain = (("pain_score", p.id, p.recorded_at, p.regions or []) for p in records.pain)
    marked: Iterator[tuple[str, int, datetime, list[dict[str, Any]]]] = heapq.merge(
        maps, pain, key=lambda item: (item[2], item[0], item[1])
    )
    names = _Names(records.kb)
    for source, entry_id, at, regions in marked:
        for region in regions:
            key = str(region.get("key", ""))
            region_id, name, side = names.place(key)
            feels = region.get("feels")
            yield {
                "source": source,
                "entry_id": entry_id,
                "recorded_at": when(at),
                "moment": (region.get("moment") or "before") if source == "body_map" else None,
                "place": key,
                "region_id": region_id,
                "region_name": name,
                "side": side,
                "intensity": region.get("intensity"),
                "kind": region.get("kind"),
                "feels": listed(feels) if isinstance(feels, list) else None,
            }


def _map_cells(records: TableRecords, _columns: tuple[Column, ...]) -> Iterator[list[Value]]:
    """:func:`_map_rows` as the cells written (see :attr:`Table.cells`): what an entry says
    converted once for all its places, and each place (its key, region, name and side) once
    for the whole table."""
    from .csv_tables import cell

    maps = (("body_map", m.id, m.recorded_at, m.regions) for m in records.pain_maps)
    pain = (("pain_score", p.id, p.recorded_at, p.regions or []) for p in records.pain)
    marked: Iterator[tuple[str, int, datetime, list[dict[str, Any]]]] = heapq.merge(
        maps, pain, key=lambda item: (item[2], item[0], item[1])
    )
    names = _Names(records.kb)
    places: dict[str, list[Value]] = {}
    for source, entry_id, at, regions in marked:
        if not regions:
            continue
        head = [cell(source), cell(entry_id), cell(when(at))]
        body_map = source == "body_map"
        if len(places) > ANSWERS_KNOWN:
            places.clear()
        for region in regions:
            key = str(region.get("key", ""))
            place = places.get(key)
            if place is None:
                place = places[key] = [cell(key), *(cell(v) for v in names.place(key))]
            feels = region.get("feels")
            yield [
                *head,
                cell((region.get("moment") or "before") if body_map else None),
                *place,
                cell(region.get("intensity")),
                cell(region.get("kind")),
                cell(listed(feels) if isinstance(feels, list) else None),
            ]


# --- sessions.csv ----------------------------------------------------------------------------

SESSION = (
    Column("session_id", "The session's number in the journal (the same on each of its rows)."),
    Column("started_at", "When the session started."),
    Column("ended_at", "When it ended; empty if it has not."),
    Column("status", "finished, stopped, or in_progress."),
    Column(
        "stop_reason",
        "Why it stopped: bad_pain (the person reported burning, electric, "
        "tingling or shooting pain), stopped_by_user, or left_unfinished (no one came back "
        "for 2 hours).",
    ),
    Column("pain_before", "Pain just before the session, 0-10."),
    Column("pain_after", "Pain just after it, 0-10."),
    Column("session_seconds", "Active time of the whole session, in seconds."),
    Column("plan_id", "The plan it followed."),
    Column("map_before_id", "The body map marked before it (maps.csv)."),
    Column("map_after_id", "The body map marked after it (maps.csv)."),
    Column(
        "step_number",
        "The step's place in the plan, from 1. Only steps reached have a "
        "row; a session with none reached has one row with the step columns empty.",
    ),
    Column(
        "step_kind",
        "safety, warm_up, find_spot (finding the tender spot), hold (pressure "
        "on it), stretch, strengthen or habit.",
    ),
    Column("step_title", "The step as the session showed it."),
    Column("muscle_id", "The muscle worked on, for find_spot and hold steps."),
    Column("muscle_name", "The muscle in words."),
    Column("side", "The side of the body: left or right."),
    Column("spot", "Which of the muscle's trigger-point spots (1, 2, ...)."),
    Column("region_id", "The body-map region pressed."),
    Column("region_name", "That region in words."),
    Column("technique_id", "The technique used for the muscle."),
    Column("tool_id", "The tool: a ball, a foam roller, thumb or fingers, ..."),
    Column("tool_name", "The tool in words."),
    Column("pressure", "light, moderate or firm."),
    Column("planned_seconds", "How long the step was planned to take (for a hold: the hold)."),
    Column("seconds_done", "How long it took (for a hold: the time actually held)."),
    Column(
        "result",
        "done, skipped, stopped (the hold running when the session stopped), "
        "found, not_found, or skipped_not_found.",
    ),
    Column(
        "feeling",
        "The check-in after a hold: good (a dull, familiar ache that fades), "
        "no_change, or bad (burning, electric, tingling, numb or shooting).",
    ),
)
STEP_COLUMNS = [column.name for column in SESSION[11:]]


def _session_rows(records: TableRecords, _columns: tuple[Column, ...]) -> Iterator[Row]:
    names = _Names(records.kb)
    for session in records.sessions:
        yield from _rows_of(names, session)


def _rows_of(names: _Names, session: SessionEntry) -> Iterator[Row]:
    entry, record = session.entry, session.record
    base: Row = {
        "session_id": entry.id,
        "started_at": when(entry.started_at),
        "ended_at": when(entry.ended_at),
        "status": entry.status,
        "stop_reason": entry.stop_reason,
        "pain_before": entry.pain_before,
        "pain_after": entry.pain_after,
        "session_seconds": entry.duration_seconds,
        "plan_id": entry.plan_id,
        "map_before_id": entry.before_map_id,
        "map_after_id": entry.after_map_id,
    }
    if record is None or not record.outcomes:
        yield {**base, **dict.fromkeys(STEP_COLUMNS)}
        return
    steps = {step.id: (number, step) for number, step in enumerate(record.plan.steps, 1)}
    techniques = {(t.muscle_id, t.side): t.technique_id for t in record.plan.targets}
    for outcome in record.outcomes:
        number, step = steps[outcome.step_id]
        region_id, region_name, _side = names.place(step.region)
        yield {
            **base,
            "step_number": number,
            "step_kind": step.kind,
            "step_title": step.title,
            "muscle_id": step.muscle_id,
            "muscle_name": names.label("muscles", step.muscle_id),
            "side": step.side,
            "spot": step.spot,
            "region_id": region_id,
            "region_name": region_name,
            "technique_id": techniques.get((step.muscle_id or "", step.side or "")),
            "tool_id": step.tool_id,
            "tool_name": names.label("tools", step.tool_id),
            "pressure": step.pressure,
            "planned_seconds": step.seconds,
            "seconds_done": outcome.seconds,
            "result": outcome.result,
            "feeling": outcome.feeling,
        }


def _session_cells(records: TableRecords, _columns: tuple[Column, ...]) -> Iterator[list[Value]]:
    """:func:`_session_rows` as the cells written (see :attr:`Table.cells`): what a session
    says and what a step says are each converted once, not on every row. Ten years are some
    50,000 rows made of a few thousand sessions and a few dozen distinct steps (the plan's
    steps are shared: :func:`~sciatica_coach.domain.plan_model._step`)."""
    from .csv_tables import cell

    names = _Names(records.kb)
    # (id of a step, its number, its technique): the step's cells; the step is kept with
    # them, so its id is never reused while the entry lasts
    known: dict[tuple[int, int, str | None], tuple[object, list[Value]]] = {}
    outcomes: dict[tuple[float, str, str | None], list[Value]] = {}  # seconds, result, feeling
    empty: list[Value] = [""] * len(STEP_COLUMNS)
    for session in records.sessions:
        entry, record = session.entry, session.record
        base: list[Value] = [
            cell(value)
            for value in (
                entry.id,
                when(entry.started_at),
                when(entry.ended_at),
                entry.status,
                entry.stop_reason,
                entry.pain_before,
                entry.pain_after,
                entry.duration_seconds,
                entry.plan_id,
                entry.before_map_id,
                entry.after_map_id,
            )
        ]
        if record is None or not record.outcomes:
            yield base + empty
            continue
        steps = {step.id: (number, step) for number, step in enumerate(record.plan.steps, 1)}
        techniques = {(t.muscle_id, t.side): t.technique_id for t in record.plan.targets}
        if len(known) > STEPS_KNOWN:
            known.clear()
        if len(outcomes) > STEPS_KNOWN:
            outcomes.clear()
        for outcome in record.outcomes:
            number, step = steps[outcome.step_id]
            technique = techniques.get((step.muscle_id or "", step.side or ""))
            key = (id(step), number, technique)
            found = known.get(key)
            if found is None or found[0] is not step:
                found = known[key] = (step, _step_cells(names, number, step, technique))
            said = (outcome.seconds, outcome.result, outcome.feeling)
            done = outcomes.get(said)
            if done is None:
                done = outcomes[said] = [cell(value) for value in said]
            yield base + found[1] + done


STEPS_KNOWN = 4096
"""Steps whose cells :func:`_session_cells` keeps at most (then it starts again)."""


def _step_cells(names: _Names, number: int, step: Any, technique: str | None) -> list[Value]:
    """The cells of a step's row from ``step_number`` to ``planned_seconds``."""
    from .csv_tables import cell

    region_id, region_name, _side = names.place(step.region)
    return [
        cell(value)
        for value in (
            number,
            step.kind,
            step.title,
            step.muscle_id,
            names.label("muscles", step.muscle_id),
            step.side,
            step.spot,
            region_id,
            region_name,
            technique,
            step.tool_id,
            names.label("tools", step.tool_id),
            step.pressure,
            step.seconds,
        )
    ]


# --- screenings.csv --------------------------------------------------------------------------

CHECK = (
    Column("check_id", "The safety check's number in the journal."),
    Column("taken_at", "When it was taken."),
    Column(
        "result_level",
        "What it found, most serious first: emergency, urgent, "
        "see_professional, not_today, caution or ok.",
    ),
    Column("session_allowed", "Whether it allowed a self-massage session (only at caution or ok)."),
    Column(
        "flagged_questions",
        "The questions whose answers raised the level and, written history:ID, a concern the "
        "journal raised (history:bad_pain_stops: sessions stopped for bad pain).",
    ),
    Column("restrictions", "The limits it set for the session (no_massage_gun, ...)."),
)
UNSURE = "not_sure"


def _question_columns(records: TableRecords) -> tuple[Column, ...]:
    asked = records.kb.screening.questions
    columns = [Column(q.id, f"{q.question} ({_kind_words(q.kind)})") for q in asked]
    known = {q.id for q in asked}
    older = sorted({key for s in records.screenings for key in s.answers} - known)
    columns += [Column(key, "A question an earlier version of the check asked.") for key in older]
    return tuple(columns)


def _kind_words(kind: str) -> str:
    return {
        "yes_no": "yes, no or not sure",
        "scale": "0-10",
        "count": "a number",
        "regions": "places on the body map, as in maps.csv",
    }[kind]


def _check_rows(records: TableRecords, columns: tuple[Column, ...]) -> Iterator[Row]:
    questions = [column.name for column in columns[len(CHECK) :]]
    for check in records.screenings:
        result = check.result if isinstance(check.result, dict) else {}
        reasons = result.get("reasons") or []
        row: Row = {
            "check_id": check.id,
            "taken_at": when(check.taken_at),
            "result_level": check.level,
            "session_allowed": result.get("session_allowed"),
            "flagged_questions": listed(
                r.get("question_id", "") for r in reasons if isinstance(r, dict)
            ),
            "restrictions": listed(result.get("restrictions") or []),
        }
        for question in questions:
            row[question] = _answer(check.answers.get(question))
        yield row


ANSWERS_KNOWN = 10_000
"""Answers whose cells :func:`_check_cells` keeps at most (then it starts again)."""


def _check_cells(records: TableRecords, columns: tuple[Column, ...]) -> Iterator[list[Value]]:
    """:func:`_check_rows` as the cells written (see :attr:`Table.cells`): each answer (a
    yes, a no, a score) converted once, not in every check; ten years are some 3,650 checks
    of 50 questions that give a few dozen answers."""
    from .csv_tables import cell

    questions = [column.name for column in columns[len(CHECK) :]]
    known: dict[tuple[type, object], Value] = {}
    for check in records.screenings:
        result = check.result if isinstance(check.result, dict) else {}
        reasons = result.get("reasons") or []
        row: list[Value] = [
            cell(value)
            for value in (
                check.id,
                when(check.taken_at),
                check.level,
                result.get("session_allowed"),
                listed(r.get("question_id", "") for r in reasons if isinstance(r, dict)),
                listed(result.get("restrictions") or []),
            )
        ]
        answer = check.answers.get
        if len(known) > ANSWERS_KNOWN:
            known.clear()
        for question in questions:
            value = answer(question)
            kind = value.__class__
            if kind is str or kind is int or kind is bool or kind is float or value is None:
                found = known.get((kind, value))
                if found is None:
                    found = known[kind, value] = cell(_answer(value))
            else:
                found = cell(_answer(value))
            row.append(found)
        yield row


def _answer(value: object) -> Value:
    if value == UNSURE:
        return "not sure"
    if isinstance(value, list | tuple):
        return listed(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


# --- safety_log.csv --------------------------------------------------------------------------

SAFETY = (
    Column(
        "recorded_at",
        "When: for a red flag, when the safety check was taken; else when the person recorded it.",
    ),
    Column(
        "kind",
        "flag (a yes or not sure to an emergency or urgent question of a safety check), "
        "flag_review (the person answered that sign again), doctor_seen (the person recorded "
        "that a doctor has seen them since) or clearance (a doctor or physiotherapist checked "
        "this pain and said self-care is fine).",
    ),
    Column(
        "check_id",
        "For a flag: the safety check it was answered in (screenings.csv); for a "
        "flag_review: the check of the flag answered again.",
    ),
    Column(
        "question_id",
        "The question of a flag or flag_review (a column of screenings.csv); for a "
        "doctor_seen, the signs the doctor saw the person about (questions, or journal:SIGN "
        "for a sign logged in the journal, journal:red_flag_words:QUESTION for words in it "
        "that may be a warning sign); for a clearance, the reason cleared.",
    ),
    Column("question", "That question, or the reason, in words."),
    Column(
        "level",
        "emergency or urgent (a flag, and the flag a flag_review is about); caution "
        "for a clearance (the reason counts as a caution while it lasts).",
    ),
    Column(
        "answer",
        "For a flag: yes or not sure (which counts as yes). For a flag_review: wrong_answer "
        "(the person said they pressed the wrong answer: this lifts the flag), still_have "
        "or not_sure (both keep it).",
    ),
    Column(
        "ends_at",
        "For a flag: when it stopped standing, or will: when it was lifted (lifted_by), "
        "else 24 hours after the check. While a flag stands no session can start.",
    ),
    Column(
        "lifted_by",
        "For a flag: wrong_answer or doctor_seen when one of those lifted it (the row of "
        "that kind at ends_at); empty when it stood its 24 hours.",
    ),
    Column("checked_on", "For a clearance: the date of the clinician's check."),
    Column("who", "For a clearance: who checked, if the person said."),
    Column(
        "counts_until",
        "For a clearance: the last day it counts (6 months after the check), unless the "
        "symptoms change first.",
    ),
    Column("restrictions", "For a clearance: the limits it keeps while it counts."),
    Column("text", "The entry in words."),
)


def _safety_rows(records: TableRecords, _columns: tuple[Column, ...]) -> Iterator[Row]:
    for entry in records.safety:
        event, outcome = entry.event, entry.outcome
        answer = event.answer
        if event.kind == "flag" and answer == UNSURE:
            answer = "not sure"
        yield {
            "recorded_at": when(event.at),
            "kind": event.kind,
            "check_id": event.screening_id,
            "question_id": listed(entry.signs)
            if event.kind == "doctor_seen"
            else event.question_id,
            "question": event.question,
            "level": event.level,
            "answer": answer,
            "ends_at": when(outcome.until) if outcome else None,
            "lifted_by": outcome.lifted_by if outcome else None,
            "checked_on": event.day,
            "who": event.who,
            "counts_until": entry.counts_until.isoformat() if entry.counts_until else None,
            "restrictions": listed(entry.restrictions) or None,
            "text": event.text,
        }


TABLES = (
    Table("pain.csv", "one row per pain score the person logged.", PAIN, _pain_rows),
    Table(
        "peg.csv",
        "one row per weekly PEG score (pain, enjoyment of life, general "
        "activity; Krebs et al. 2009).",
        PEG,
        _peg_rows,
    ),
    Table(
        "sessions.csv",
        "one row per step of each guided self-massage session that the "
        "session reached; the rows with step_kind hold are the holds.",
        SESSION,
        _session_rows,
        cells=_session_cells,
    ),
    Table(
        "screenings.csv",
        "one row per safety check, with one column per question after the first six.",
        CHECK,
        _check_rows,
        _question_columns,
        cells=_check_cells,
    ),
    Table(
        "maps.csv",
        "one row per place marked on a body map or logged with a pain score.",
        MAPS,
        _map_rows,
        cells=_map_cells,
    ),
    Table("notes.csv", "one row per note the person wrote.", NOTES, _note_rows),
    Table(
        "safety_log.csv",
        "one row per red flag (a yes or not sure to an emergency or urgent question), each "
        "time the person answered such a sign again, each doctor's visit they recorded "
        "since, and each clearance by a clinician, oldest first.",
        SAFETY,
        _safety_rows,
    ),
)
