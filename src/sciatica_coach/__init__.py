"""Sciatica Coach: a self-care aid for sciatica-like pain from muscle trigger points.

Layers, inner to outer: ``content`` (the knowledge base as validated data), ``domain`` (pure
rules: screening, matching, planning, sessions, progress), and the adapters (``cli``; later
the web app, storage and exports). Dependencies point inward only.
"""

__version__ = "0.1.0"
