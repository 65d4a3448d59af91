"""Accounts: users, their log-ins, failed log-ins, and an owner on every journal row.

Creates ``users`` with the local user (id 1, ``local``, no password: the person at this
computer, who owns every journal made before accounts), ``logins`` (a signed-in browser by the
hash of its token) and ``login_failures`` (for the log-in rate limit), and adds ``user_id``
(default 1, indexed, deleted with its user) to each journal table. Frozen like 0001: it names
its tables and columns itself and imports nothing from the app.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0003_accounts"
down_revision: str | None = "0002_durable_sessions"
branch_labels: str | None = None
depends_on: str | None = None

JOURNAL_TABLES = (
    "screenings",
    "pain_maps",
    "plans",
    "sessions",
    "pain_entries",
    "peg_entries",
    "notes",
)
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    users = op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.bulk_insert(
        users, [{"id": 1, "name": "local", "password_hash": None, "created_at": datetime.now(UTC)}]
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SELECT setval(pg_get_serial_sequence('users', 'id'), 1, true)")
    op.create_table(
        "logins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("expires_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_logins_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_logins"),
        sa.UniqueConstraint("token_hash", name="uq_logins_token_hash"),
    )
    op.create_index("ix_logins_user_id", "logins", ["user_id"])
    op.create_index("ix_logins_expires_at", "logins", ["expires_at"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_failures"),
    )
    op.create_index("ix_login_failures_key", "login_failures", ["key"])
    op.create_index("ix_login_failures_at", "login_failures", ["at"])
    for table in JOURNAL_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("user_id", sa.Integer(), server_default="1", nullable=False))
            batch.create_foreign_key(
                f"fk_{table}_user_id_users", "users", ["user_id"], ["id"], ondelete="CASCADE"
            )
            batch.create_index(f"ix_{table}_user_id", ["user_id"])


def downgrade() -> None:
    for table in JOURNAL_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_user_id")
            batch.drop_constraint(f"fk_{table}_user_id_users", type_="foreignkey")
            batch.drop_column("user_id")
    op.drop_table("login_failures")
    op.drop_table("logins")
    op.drop_table("users")
