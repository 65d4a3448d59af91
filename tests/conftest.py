"""Shared fixtures: the real knowledge base, loaded once per test session."""

from __future__ import annotations

import pytest

from sciatica_coach.content import KnowledgeBase, default_knowledge_base


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return default_knowledge_base()
