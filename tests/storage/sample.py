"""One entry of every kind, with awkward values: other timezones, tuples, unicode, NULLs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sciatica_coach.storage import Journal

T0 = datetime(2024, 3, 10, 22, 45, 12, 345678, tzinfo=timezone(timedelta(hours=-5)))

RECORD: dict[str, Any] = {
    "status": "stopped",
    "stop_reason": "bad_pain",
    "holds_done": [["piriformis", "left", 2], ["gluteus_medius", "right", 1]],
    "outcomes": [{"step_id": "s1", "result": "done", "feeling": None, "seconds": 30.5}],
    "pain_before": 4,
}
PLAN: dict[str, Any] = {"steps": [{"id": "s1", "instructions": ("Sit", "Breathe")}], "minutes": 10}


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def fill(journal: Journal) -> dict[str, int]:
    """Add one of each entry (and a second pain entry); returns their ids by table."""
    plan_id = journal.add_plan(at(1), PLAN)
    return {
        "screenings": journal.add_screening(
            at(0), "caution", {"numbness": True, "areas": ["left:calf"]}, {"level": "caution"}
        ),
        "plans": plan_id,
        "pain_maps": journal.add_pain_map(
            at(2), [{"key": "left:heel", "intensity": 6, "kind": "burning"}]
        ),
        "sessions": journal.add_session(
            started_at=at(3),
            ended_at=at(13).astimezone(UTC),
            status="stopped",
            stop_reason="bad_pain",
            pain_before=4,
            pain_after=None,
            duration_seconds=600.25,
            record=RECORD,
            plan_id=plan_id,
        ),
        "pain_entries": journal.add_pain(
            at(4),
            3,
            worst=7,
            average=5,
            regions=[{"key": "right:calf", "intensity": 2}],
            note="Stiff after the drive — 2h 🚗",
        ),
        "peg_entries": journal.add_peg(at(5), 5, 4, 6),
        "notes": journal.add_note(at(6), "Tried the tennis ball; ça va."),
        "goals": journal.add_goal(at(7), 4, 1),
        "safety_records": journal.add_safety_record(
            at(8), "flag_review", {"question_id": "fever", "answer": "wrong_answer"}
        ),
    }
