"""Journals of a year and of ten years of daily use, for the benchmarks of journal reads.

One day is made the way the app makes it: a safety check, a body map, a plan and a whole
guided session played through the service layer (so the session's record carries its plan,
about 8 kB of JSON, as real ones do), the map marked again after, a pain score. That day is
then copied to every day of the years asked for, in bulk, with a PEG score each week. Ids
and times follow each other as they would have. Only 127.0.0.1 and temporary files are used.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from tests.coach.journal_days import play_to_the_end
from tests.domain.screening_cases import all_clear

from sciatica_coach.coach import plans, safety, sessions
from sciatica_coach.coach.maps import read_places, save_map
from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.domain.session import Start
from sciatica_coach.storage import Journal, open_database
from sciatica_coach.storage.tables import (
    PainMapRow,
    PainRow,
    PegRow,
    PlanRow,
    ScreeningRow,
    SessionRow,
)

END = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
"""The last day of every benchmark journal (the servers' clock is real; the journal's last
day being in the past changes nothing the benchmarks read)."""
WHERE = ["left:buttock_center", "left:thigh_posterior", "left:hip_lateral"]


def one_real_day(kb: KnowledgeBase, url: str, start: datetime) -> dict[str, list[dict[str, Any]]]:
    """Play one day through the service layer; return its rows, as the tables hold them."""
    journal = Journal(open_database(url))
    now = start
    safety.take_check(kb, journal, now, {**all_clear(), "pain_now": 5})
    places = read_places(kb, WHERE)
    map_id = save_map(journal, now, places, ("ache",), 5, "before")
    saved = plans.make_plan(kb, journal, now, plans.PlanRequest(map_id=map_id, minutes=15))
    live = sessions.open_session(kb, journal, now, saved.id, map_id)
    live = sessions.act(kb, journal, now, live.id, Start(pain_before=5), live.version)
    live, now = play_to_the_end(kb, journal, now, live, "good")
    sessions.finish(journal, now, live.id, 3, (places[:1], ("ache",)))
    journal.add_pain(now, 3, worst=6, average=4, note="after the evening session")
    rows: dict[str, list[dict[str, Any]]] = {}
    with journal.engine.connect() as connection:
        for row in (ScreeningRow, PainMapRow, PlanRow, SessionRow, PainRow):
            columns = row.__table__.columns
            rows[row.__tablename__] = [
                dict(r._mapping) for r in connection.execute(select(*columns))
            ]
    journal.engine.dispose()
    return rows


def build(url: str, years: int, template: dict[str, list[dict[str, Any]]]) -> Journal:
    """A journal at ``url`` with ``years`` of days like ``template``, the last one at END."""
    engine = open_database(url)
    days = years * 365
    first = END - timedelta(days=days)
    shifted: dict[str, list[dict[str, Any]]] = {name: [] for name in template}
    next_id = {name: 1 for name in template}
    for day in range(days):
        shift = first + timedelta(days=day) - END
        new_ids: dict[str, dict[int, int]] = {}
        for name, rows in template.items():
            new_ids[name] = {}
            for row in rows:
                copy = {**row, "id": next_id[name]}
                new_ids[name][row["id"]] = next_id[name]
                next_id[name] += 1
                for column in ("taken_at", "recorded_at", "created_at", "started_at",
                               "ended_at", "updated_at"):  # fmt: skip
                    if copy.get(column) is not None:
                        copy[column] = copy[column] + shift
                if "day" in copy and copy.get("recorded_at") is not None:
                    copy["day"] = copy["recorded_at"].date()
                shifted[name].append(copy)
        for session in shifted["sessions"][-len(template["sessions"]) :]:
            for column, table in (("plan_id", "plans"), ("before_map_id", "pain_maps"),
                                  ("after_map_id", "pain_maps")):  # fmt: skip
                if session.get(column) is not None:
                    session[column] = new_ids[table][session[column]]
    peg = [
        {"recorded_at": first + timedelta(days=day), "pain": 5, "enjoyment": 4, "activity": 4}
        for day in range(0, days, 7)
    ]
    tables = {ScreeningRow: "screenings", PainMapRow: "pain_maps", PlanRow: "plans",
              SessionRow: "sessions", PainRow: "pain_entries"}  # fmt: skip
    with engine.begin() as connection:
        for row_type, name in tables.items():
            connection.execute(insert(row_type), shifted[name])
        connection.execute(insert(PegRow), peg)
    return Journal(engine)


def journals(folder: Path, years: tuple[int, ...] = (1, 10)) -> dict[int, str]:
    """SQLite journals of each length in ``folder``, by years: their database URLs."""
    kb = default_knowledge_base()
    template = one_real_day(kb, f"sqlite+pysqlite:///{folder / 'day.sqlite3'}", END)
    urls = {}
    for length in years:
        url = f"sqlite+pysqlite:///{folder / f'journal-{length}y.sqlite3'}"
        build(url, length, template).engine.dispose()
        urls[length] = url
    return urls


def record_size(url: str) -> int:
    """Bytes of JSON in the newest session's record (about 8 kB for a real one)."""
    journal = Journal(open_database(url))
    newest = journal.newest_sessions(1)[0]
    journal.engine.dispose()
    return len(json.dumps(newest.record))
