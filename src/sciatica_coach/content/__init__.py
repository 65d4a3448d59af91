"""The knowledge base: YAML data files validated by pydantic models on load.

The names below are imported on first use (PEP 562), so a program can import
:mod:`sciatica_coach.content.errors` without paying for pydantic and the models."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalog import Catalog, UnknownIdError
    from .errors import ContentError
    from .loader import KnowledgeBase, default_knowledge_base, load_knowledge_base

__all__ = [
    "Catalog",
    "ContentError",
    "KnowledgeBase",
    "UnknownIdError",
    "default_knowledge_base",
    "load_knowledge_base",
]

_HOMES = {
    "Catalog": "catalog",
    "UnknownIdError": "catalog",
    "ContentError": "errors",
    "KnowledgeBase": "loader",
    "default_knowledge_base": "loader",
    "load_knowledge_base": "loader",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
