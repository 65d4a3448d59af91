"""How long a person's own words may be, wherever they come in: the API, a page, the terminal,
an imported export.

Why in the domain: the doors refuse a longer text at once and the journal refuses it on import
(security review L-3: an imported 50 MB note); one number, here, keeps them the same."""

from __future__ import annotations

NOTE_LIMIT = 2000
"""A note, alone or with a pain score, in characters: a longer one is refused, never cut."""
