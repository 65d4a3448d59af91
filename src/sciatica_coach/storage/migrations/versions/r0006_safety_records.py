"""What the person tells the app about their safety between checks, one row each time.

The health history they confirm, a red flag answered again, a doctor's visit since a flag and
a clinician's clearance: kept as a history (never overwritten), so a clinician can see every
flag and what became of it. Frozen like the migrations before it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006_safety_records"
down_revision: str | None = "0005_weekly_goals"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "safety_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), server_default="1", nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_safety_records_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_safety_records"),
    )
    op.create_index("ix_safety_records_user_id", "safety_records", ["user_id"])
    op.create_index(
        "ix_safety_records_user_id_recorded_at",
        "safety_records",
        ["user_id", "recorded_at", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_safety_records_user_id_recorded_at", table_name="safety_records")
    op.drop_index("ix_safety_records_user_id", table_name="safety_records")
    op.drop_table("safety_records")
