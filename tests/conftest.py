"""Shared fixtures: the real knowledge base, loaded once per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import settings

from sciatica_coach.content import KnowledgeBase, default_knowledge_base

# No timed assertions in tests: Hypothesis's per-example deadline fails a property on a busy
# machine (2 shared cores) for reasons that have nothing to do with the property.
settings.register_profile("no_deadline", deadline=None)
settings.load_profile("no_deadline")


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return default_knowledge_base()


@pytest.fixture(autouse=True)
def no_personal_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads the settings of whoever runs the tests (``~/.config/sciatica-coach``):
    without a home of its own, a test gets an empty one (tests that need theirs set it)."""
    import os

    if not os.environ.get("SCIATICA_COACH_HOME"):
        monkeypatch.setenv("SCIATICA_COACH_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(autouse=True)
def environment_kept() -> Iterator[None]:
    """Every test leaves the environment as it found it. ``serve`` sets variables for its
    worker processes (accounts, allowed hosts, the LAN authority); run in-process by a test,
    they would otherwise turn accounts on for every test after it."""
    import os

    saved = dict(os.environ)
    yield
    if os.environ != saved:
        os.environ.clear()
        os.environ.update(saved)
