"""The describe lexicon for a knowledge base, built once and kept."""

from __future__ import annotations

import threading

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.describe import Lexicon, build_lexicon

from .journal_signs import red_flag_questions

_built: dict[int, tuple[KnowledgeBase, Lexicon]] = {}
_lock = threading.Lock()


def lexicon(kb: KnowledgeBase) -> Lexicon:
    """The lexicon of ``kb``'s describe content (built on first use, then cached per kb)."""
    kept = _built.get(id(kb))
    if kept is not None and kept[0] is kb:
        return kept[1]
    with _lock:
        kept = _built.get(id(kb))
        if kept is not None and kept[0] is kb:
            return kept[1]
        # the red flags a past tense makes "not sure", never an aside: the same ones the
        # journal's text counts (screening.yaml logged_signs.text)
        serious = sorted(red_flag_questions(kb))
        built = build_lexicon(kb.describe, {r.id: r.sided for r in kb.regions.values()}, serious)
        if len(_built) >= 8:
            _built.clear()
        _built[id(kb)] = (kb, built)
        return built
