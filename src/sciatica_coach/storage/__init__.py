"""Storage: the person's journal (screenings, pain, plans, sessions) in SQLite or PostgreSQL.

An adapter layer: it may import ``domain`` and ``content``, never the reverse. Callers get plain
frozen dataclasses (:mod:`.entries`), never ORM objects, so nothing outside this package needs
SQLAlchemy or can hold a live database row by accident.
"""

from sciatica_coach.storage.database import StorageError, database_url, open_database
from sciatica_coach.storage.journal import Journal

__all__ = ["Journal", "StorageError", "database_url", "open_database"]
