"""Indexes the journal's queries use: ``(user_id, time, id)`` on every journal table.

Every reader asks for one user's rows in time order (a year of pain, the newest twenty
sessions, the latest safety check), so each table gets one index that serves the filter and
the order together, and the indexes on the time alone (never asked for without a user) go.
``sessions`` gets ``(user_id, status, started_at)`` for the sessions still running, in
place of ``status`` alone. Frozen like 0001: it names its tables and columns itself.
"""

from __future__ import annotations

from alembic import op

revision: str = "0004_reading_indexes"
down_revision: str | None = "0003_accounts"
branch_labels: str | None = None
depends_on: str | None = None

TIMES = {
    "screenings": "taken_at",
    "pain_maps": "recorded_at",
    "plans": "created_at",
    "sessions": "started_at",
    "pain_entries": "recorded_at",
    "peg_entries": "recorded_at",
    "notes": "recorded_at",
}


def upgrade() -> None:
    for table, time in TIMES.items():
        op.create_index(f"ix_{table}_user_id_{time}", table, ["user_id", time, "id"])
        op.drop_index(f"ix_{table}_{time}", table_name=table)
    op.create_index("ix_sessions_user_id_status", "sessions", ["user_id", "status", "started_at"])
    op.drop_index("ix_sessions_status", table_name="sessions")


def downgrade() -> None:
    op.create_index("ix_sessions_status", "sessions", ["status"])
    op.drop_index("ix_sessions_user_id_status", table_name="sessions")
    for table, time in TIMES.items():
        op.create_index(f"ix_{table}_{time}", table, [time])
        op.drop_index(f"ix_{table}_user_id_{time}", table_name=table)
