"""The person's weekly goals (sessions and PEG scores a week), one row each time a goal is set.

Frozen like the migrations before it: it names its table, columns and constraints itself.
The limits (14 sessions, 7 PEG scores) are the dose limit of two sessions a day over a week
and one score a day; the service layer checks the same before anything is written.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005_weekly_goals"
down_revision: str | None = "0004_reading_indexes"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), server_default="1", nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sessions_per_week", sa.Integer(), nullable=False),
        sa.Column("pegs_per_week", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "sessions_per_week >= 0 AND sessions_per_week <= 14",
            name="ck_goals_sessions_per_week",
        ),
        sa.CheckConstraint(
            "pegs_per_week >= 0 AND pegs_per_week <= 7", name="ck_goals_pegs_per_week"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_goals_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_goals"),
    )
    op.create_index("ix_goals_user_id", "goals", ["user_id"])
    op.create_index("ix_goals_user_id_set_at", "goals", ["user_id", "set_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_goals_user_id_set_at", table_name="goals")
    op.drop_index("ix_goals_user_id", table_name="goals")
    op.drop_table("goals")
