"""Each sign-in is bound to the browser's CSRF secret (security review M-2).

Adds ``logins.csrf_hash``: the SHA-256 of the CSRF cookie the browser was given when it
signed in. A sign-in cookie that arrives beside another CSRF cookie (planted from another
port of the same host, cookie tossing) then opens nothing. Rows from before this migration
have no hash; the service layer refuses them, so everyone signs in once more. Frozen like
the migrations before it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0008_login_browser_binding"
down_revision: str | None = "0007_user_country"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("logins", sa.Column("csrf_hash", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("logins") as batch:
        batch.drop_column("csrf_hash")
