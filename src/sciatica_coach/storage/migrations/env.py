"""Alembic's entry point: run the migrations on the connection :mod:`..database` hands over.

At run time :func:`sciatica_coach.storage.database.migrate` passes an open connection in
``config.attributes["connection"]``. Without one (a developer running Alembic by hand), it
opens :func:`~sciatica_coach.storage.database.database_url` itself.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from sciatica_coach.storage.database import create, database_url
from sciatica_coach.storage.tables import Base


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


given = context.config.attributes.get("connection")
if given is not None:
    run(given)
else:
    with create(database_url()).begin() as opened:
        run(opened)
