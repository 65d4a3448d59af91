"""The time zone each person chose (or their browser gave at sign-up), for "today".

A column on ``users`` (one value a person, gone with the account), empty until known: the app
then uses the computer's own zone, as before. The rolling limit on sessions is counted on UTC
instants and never reads it; only words like "today" and "this week" follow it. Frozen like
the migrations before it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009_user_time_zone"
down_revision: str | None = "0008_login_browser_binding"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("users", sa.Column("time_zone", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("time_zone")
