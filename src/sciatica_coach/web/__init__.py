"""The web app: a thin FastAPI adapter over the same domain rules as the CLI.

Pages are server-rendered Jinja2 templates with a little vanilla JavaScript; the JSON API under
``/api/`` does everything the pages do. Neither holds safety rules of its own: screening,
matching, planning and the session state machine all come from :mod:`sciatica_coach.domain`.
"""

from .app import create_app

__all__ = ["create_app"]
