"""The dose limit has one number: the routine's sessions a day. The check's question for a
person without a journal stops at the same count, and a refused start says it in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sciatica_coach.content import ContentError, KnowledgeBase, load_knowledge_base

from .conftest import edit


def test_the_check_stops_at_the_routine_s_limit(content_copy: Path) -> None:
    def third(questions: Any) -> None:
        found = next(q for q in questions["questions"] if q["id"] == "sessions_today")
        found["rule"]["threshold"] = 3

    edit(content_copy, "screening.yaml", third)
    with pytest.raises(ContentError, match=r"sessions_today.*limits\.sessions_per_day \(2\)"):
        load_knowledge_base(content_copy)


def test_a_refusal_names_the_limit_and_its_sources(kb: KnowledgeBase) -> None:
    limits = kb.routine.limits
    when, why = limits.refused_words("08:10 tomorrow")
    assert when == "You can start another session from 08:10 tomorrow."
    assert why.startswith("Do at most 2 sessions in any 24 hours")
    assert "guide" in limits.sources  # "1-2 times daily is generally safe"


def test_a_refusal_without_its_time_is_refused(content_copy: Path) -> None:
    def no_time(document: Any) -> None:
        document["limits"]["next_session"] = "Wait."

    edit(content_copy, "routine.yaml", no_time)
    with pytest.raises(ContentError, match="next_session must use exactly"):
        load_knowledge_base(content_copy)
