"""The describe lexicon for a knowledge base, built once and kept."""

from __future__ import annotations

import threading

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.describe import Lexicon, build_lexicon

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
        built = build_lexicon(kb.describe, {r.id: r.sided for r in kb.regions.values()})
        if len(_built) >= 8:
            _built.clear()
        _built[id(kb)] = (kb, built)
        return built
