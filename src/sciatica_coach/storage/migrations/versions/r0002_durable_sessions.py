"""Durable sessions: a session's whole state lives in the journal while it runs.

Adds to ``sessions``: ``state`` (the session machine's state, JSON), ``version`` (bumped on
every change, for optimistic concurrency), ``updated_at``, and the body maps it was planned
from and marked after (``before_map_id``, ``after_map_id``), plus an index on ``status``.

Data: sessions saved before this revision keep ``state`` empty (they were saved whole, when
they ended), get ``updated_at`` = their end (or start), and are paired with their body maps the
way the journal page used to pair them, by time: the last "before" map in the three hours
before the session started (and after the previous session ended), the first "after" map in
the three hours after it ended (and before the next one started). Frozen like 0001: it names
its tables and columns itself and imports nothing from the app.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0002_durable_sessions"
down_revision: str | None = "0001_initial"
branch_labels: str | None = None
depends_on: str | None = None

PAIRING_WINDOW = timedelta(hours=3)

sessions = sa.table(
    "sessions",
    sa.column("id", sa.Integer),
    sa.column("started_at", sa.DateTime(timezone=True)),
    sa.column("ended_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("before_map_id", sa.Integer),
    sa.column("after_map_id", sa.Integer),
)
pain_maps = sa.table(
    "pain_maps",
    sa.column("id", sa.Integer),
    sa.column("recorded_at", sa.DateTime(timezone=True)),
    sa.column("regions", sa.JSON),
)


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("state", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("before_map_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("after_map_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_sessions_before_map_id_pain_maps", "pain_maps", ["before_map_id"], ["id"]
        )
        batch.create_foreign_key(
            "fk_sessions_after_map_id_pain_maps", "pain_maps", ["after_map_id"], ["id"]
        )
        batch.create_check_constraint("ck_sessions_version", "version >= 0")
        batch.create_index("ix_sessions_status", ["status"])
    _pair_old_sessions_with_their_maps()


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_index("ix_sessions_status")
        batch.drop_constraint("ck_sessions_version", type_="check")
        batch.drop_constraint("fk_sessions_after_map_id_pain_maps", type_="foreignkey")
        batch.drop_constraint("fk_sessions_before_map_id_pain_maps", type_="foreignkey")
        batch.drop_column("after_map_id")
        batch.drop_column("before_map_id")
        batch.drop_column("updated_at")
        batch.drop_column("version")
        batch.drop_column("state")


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _moment(regions: Any) -> str:
    """``before``/``after``/``other``, as the journal page read a map's marks."""
    entries = regions if isinstance(regions, list) else []
    moments = {r.get("moment") for r in entries if isinstance(r, dict)}
    if not entries or moments == {"after"}:
        return "after"
    return "before" if "before" in moments or None in moments else "other"


def _pair_old_sessions_with_their_maps() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(sessions.c.id, sessions.c.started_at, sessions.c.ended_at).order_by(
            sessions.c.started_at, sessions.c.id
        )
    ).all()
    maps = [
        (m.id, _aware(m.recorded_at), _moment(m.regions))
        for m in bind.execute(
            sa.select(pain_maps.c.id, pain_maps.c.recorded_at, pain_maps.c.regions).order_by(
                pain_maps.c.recorded_at, pain_maps.c.id
            )
        )
    ]
    for index, row in enumerate(rows):
        started, ended = _aware(row.started_at), _aware(row.ended_at or row.started_at)
        assert started is not None and ended is not None
        previous_end = _aware(rows[index - 1].ended_at) if index > 0 else None
        next_start = _aware(rows[index + 1].started_at) if index + 1 < len(rows) else None
        floor = max(m for m in (previous_end, started - PAIRING_WINDOW) if m is not None)
        ceiling = min(m for m in (next_start, ended + PAIRING_WINDOW) if m is not None)
        before = [i for i, t, kind in maps if kind == "before" and t and floor <= t <= started]
        after = [i for i, t, kind in maps if kind == "after" and t and ended <= t < ceiling]
        bind.execute(
            sa.update(sessions)
            .where(sessions.c.id == row.id)
            .values(
                updated_at=ended,
                before_map_id=before[-1] if before else None,
                after_map_id=after[0] if after else None,
            )
        )
