"""Describe the pain in your own words: text → places, feelings, flags, denials, asides.

A small, faithful ConText (Chapman et al. 2007; Harkema et al. 2009) over the app's own
words, with its trigger rules in content (``describe.yaml``) and a fuzzy matcher (rapidfuzz)
for typos. See :func:`describe`.
"""

from __future__ import annotations

from .engine import describe
from .lexicon import Lexicon, build_lexicon
from .result import Aside, Denial, Description, Flag

__all__ = ["Aside", "Denial", "Description", "Flag", "Lexicon", "build_lexicon", "describe"]
