"""The web app: a thin FastAPI adapter over the service layer, like the CLI.

Pages (``pages/``) are server-rendered Jinja2 templates with a little vanilla JavaScript; the JSON
API (``api/``) does everything the pages do; ``views/`` builds what both show. Neither holds
rules of its own: every use case is a call into :mod:`sciatica_coach.coach`.
"""

from .app import create_app

__all__ = ["create_app"]
