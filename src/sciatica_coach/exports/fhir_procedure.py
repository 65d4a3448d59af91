"""A guided session as a FHIR ``Procedure``: what was done, where, with what, and how it ended.

The procedure is self-massage of muscle trigger points, performed by the person on themselves.
No SNOMED CT code for it was checked against a source, so it is named in words alone. The
places pressed (the holds' body-map regions) are its ``bodySite``; the muscles worked, with
their holds and seconds, are its note; the tools are its ``usedCode``. A stopped session says
why in ``statusReason``; the pain before and after is in ``outcome`` (and in the two pain
Observations that are ``partOf`` it).
"""

from __future__ import annotations

from typing import Any, Protocol

from sciatica_coach.coach.clinical_export import SessionEntry
from sciatica_coach.content import Catalog, KnowledgeBase
from sciatica_coach.domain.session import BAD_PAIN, LEFT_UNFINISHED, STOPPED_BY_USER
from sciatica_coach.domain.session_record import SessionRecord

from .fhir_parts import JSON, Shared, resource

WHAT = "Guided self-massage of muscle trigger points (Sciatica Coach), done by the person"
STATUS = {"finished": "completed", "stopped": "stopped", "in_progress": "in-progress"}
WHY_STOPPED = {
    BAD_PAIN: "Stopped for bad pain: burning, electric, tingling, numb or shooting.",
    STOPPED_BY_USER: "Stopped by the person.",
    LEFT_UNFINISHED: "Left unfinished: no one came back to it for 2 hours.",
}
PRESSED = ("skipped", "stopped")
"""A hold skipped or stopped part-way still pressed the spot (as the dose rules count it)."""


class Parts(Protocol):
    """What a procedure shares with the rest of the bundle."""

    kb: KnowledgeBase
    subject: Shared

    def part(self, kind: str, data: JSON) -> Shared: ...
    def site(self, key: str) -> Shared: ...
    def note(self, text: str) -> list[Shared] | None: ...


def procedure(parts: Parts, procedure_id: str, session: SessionEntry) -> JSON:
    entry, record = session.entry, session.record
    worked = _worked(parts.kb, record) if record is not None else _Worked()
    period = {"start": entry.started_at.isoformat(timespec="seconds")}
    if entry.ended_at is not None:
        period["end"] = entry.ended_at.isoformat(timespec="seconds")
    pain = [
        f"Pain {label}: {value}/10."
        for label, value in (("before", entry.pain_before), ("after", entry.pain_after))
        if value is not None
    ]
    reason = WHY_STOPPED.get(entry.stop_reason or "") if entry.status == "stopped" else None
    return resource(
        "Procedure",
        id=procedure_id,
        status=STATUS.get(entry.status, "unknown"),
        statusReason=parts.part("CodeableConcept", {"text": reason}) if reason else None,
        code=parts.part("CodeableConcept", {"text": WHAT}),
        subject=parts.subject,
        performer=[parts.part("ProcedurePerformer", {"actor": parts.subject.json})],
        performedPeriod=period,
        bodySite=[parts.site(key) for key in worked.places] or None,
        usedCode=[parts.part("CodeableConcept", {"text": tool}) for tool in worked.tools] or None,
        outcome=parts.part("CodeableConcept", {"text": " ".join(pain)}) if pain else None,
        note=parts.note(worked.note()) if worked.muscles else None,
    )


class _Worked:
    """What the holds of a session worked on, in the order of the plan."""

    def __init__(self) -> None:
        self.places: list[str] = []
        self.tools: list[str] = []
        self.muscles: dict[str, list[float]] = {}
        """Each muscle (with its side) in words, and the seconds of each of its holds."""

    def note(self) -> str:
        said = [
            f"{muscle}: {len(holds)} hold{'s' if len(holds) != 1 else ''}, "
            f"{round(sum(holds))} seconds"
            for muscle, holds in self.muscles.items()
        ]
        return "Muscles worked: " + "; ".join(said) + "."


def _worked(kb: KnowledgeBase, record: SessionRecord) -> _Worked:
    worked = _Worked()
    steps = {step.id: step for step in record.plan.steps}
    for outcome in record.outcomes:
        step = steps[outcome.step_id]
        pressed = outcome.result == "done" or (outcome.result in PRESSED and outcome.seconds > 0)
        if step.kind != "hold" or not pressed:
            continue
        if step.region and step.region not in worked.places:
            worked.places.append(step.region)
        tool = _name(kb.tools, step.tool_id)
        if tool and tool not in worked.tools:
            worked.tools.append(tool)
        name = _name(kb.muscles, step.muscle_id) or "a muscle"
        if step.side:
            name += f" ({step.side})"
        worked.muscles.setdefault(name, []).append(outcome.seconds)
    return worked


def _name(catalog: Catalog[Any], item_id: str | None) -> str | None:
    """An item's name, or its id if the content no longer has it."""
    if item_id is None:
        return None
    return str(catalog[item_id].name) if item_id in catalog else item_id
