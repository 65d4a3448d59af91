"""The one error the knowledge base raises on load, importable without loading it."""

from __future__ import annotations


class ContentError(Exception):
    """The knowledge base on disk is invalid; the message names the file and the item."""
