"""The country each person chose in settings, for the emergency number a call button dials.

A column on ``users`` (one value a person, gone with the account), empty until chosen: the
app then says "your emergency number" and dials nothing. Frozen like the migrations before it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007_user_country"
down_revision: str | None = "0006_safety_records"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("users", sa.Column("country", sa.String(length=2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("country")
