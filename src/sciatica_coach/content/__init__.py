"""The knowledge base: YAML data files validated by pydantic models on load."""

from .catalog import Catalog, UnknownIdError
from .loader import ContentError, KnowledgeBase, default_knowledge_base, load_knowledge_base

__all__ = [
    "Catalog",
    "ContentError",
    "KnowledgeBase",
    "UnknownIdError",
    "default_knowledge_base",
    "load_knowledge_base",
]
