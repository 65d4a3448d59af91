"""The safety log as FHIR: each red flag a ``Flag``, and what the person answered and recorded
an ``Observation``, so a clinic's system shows the flags in its alert list and the answers in
the record.

* each red-flag answer (a "yes" or "not sure" to an emergency or urgent question of a safety
  check) is an ``Observation`` of the answer (``code.text`` the question, ``valueString`` yes
  or not sure), and a ``Flag`` (category ``clinical``, ``code.text`` the question, the patient
  its subject and author) that points to it with the core extension ``flag-detail``. The
  flag's ``period`` runs from the answer to when it stopped standing; its ``status`` is
  ``active`` while it stands at the export, ``entered-in-error`` when the person said they
  pressed the wrong answer, ``inactive`` when a doctor's visit lifted it or its hours ran out;
* each time the person answered such a sign again: an ``Observation`` (the answer they gave
  in ``valueString``) ``derivedFrom`` the answer it is about;
* each doctor's visit the person recorded: an ``Observation`` (``valueBoolean`` true)
  ``derivedFrom`` the answers whose flags it lifted;
* each clearance (a clinician checked this pain and said self-care is fine): an
  ``Observation`` dated the day of the check, saying who checked, the reason, the limits it
  keeps and until when it counts.

None of these has a checked code, so each is named in words (``code.text``), as a session is.
The ids are made from what each entry is (a check and its question, or a moment), so they
stay the same from one export to the next.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Protocol

from sciatica_coach.coach.clinical_export import FhirRecords, SafetyEntry
from sciatica_coach.coach.report import restriction_words
from sciatica_coach.coach.safety_log import SafetyEvent
from sciatica_coach.content import KnowledgeBase

from .fhir_parts import JSON, Shared, resource

FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"
FLAG_DETAIL = "http://hl7.org/fhir/StructureDefinition/flag-detail"
LEVEL_WORDS = {"emergency": "emergency care now", "urgent": "a doctor today"}
SEEN_DOCTOR = "Seen by a doctor about the red-flag signs raised before (as the person reports)"
CLEARED = "Checked by a doctor or physiotherapist, who said self-care is fine"


class Parts(Protocol):
    """What the safety resources share with the rest of the bundle."""

    kb: KnowledgeBase
    subject: Shared
    survey: Shared

    def part(self, kind: str, data: JSON) -> Shared: ...
    def ref(self, resource_id: str) -> Shared: ...
    def note(self, text: str) -> list[Shared] | None: ...
    def id_of(self, name: str) -> str: ...


def safety_resources(parts: Parts, records: FhirRecords) -> Iterator[JSON]:
    """The resources of the safety log, oldest first (a flag right after its answer)."""
    made = _Safety(parts, records)
    for entry in records.safety:
        yield from made.entry(entry)


def sentence(text: str) -> str:
    """``text`` ending in a full stop, unless it ends a question or a sentence already."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _stamp(moment: datetime) -> str:
    """A moment as an id's part: UTC, to the microsecond (entries keep their times)."""
    return moment.astimezone(UTC).isoformat()


def _when(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class _Safety:
    def __init__(self, parts: Parts, records: FhirRecords) -> None:
        self.parts = parts
        self.now = records.exported_at
        self.flags = [e for e in records.safety if e.event.kind == "flag"]
        self.clinical = parts.part("CodeableConcept", {
            "coding": [{"system": FLAG_CATEGORY, "code": "clinical", "display": "Clinical"}]
        })  # fmt: skip

    def answer_id(self, event: SafetyEvent) -> str:
        return self.parts.id_of(f"check/{event.screening_id}/{event.question_id}")

    def entry(self, entry: SafetyEntry) -> Iterator[JSON]:
        kind = entry.event.kind
        if kind == "flag":
            yield from self.flag(entry)
        elif kind == "flag_review":
            yield self.review(entry.event)
        elif kind == "doctor_seen":
            yield self.doctor_seen(entry.event)
        elif kind == "clearance":
            yield self.clearance(entry)

    def observation(self, name: str, event: SafetyEvent, code: str, **more: object) -> JSON:
        """A self-reported Observation of ``event``, named ``code`` in words."""
        parts = self.parts
        return resource(
            "Observation",
            id=parts.id_of(name),
            status="final",
            category=[parts.survey],
            code=parts.part("CodeableConcept", {"text": code}),
            subject=parts.subject,
            performer=[parts.subject],
            **{"effectiveDateTime": _when(event.at), **more},
        )

    def flag(self, entry: SafetyEntry) -> Iterator[JSON]:
        event, outcome = entry.event, entry.outcome
        parts = self.parts
        level = event.level or ""
        said = "not sure" if event.answer == "not_sure" else "yes"
        counted = " (which counts as yes)" if said == "not sure" else ""
        followed = ""
        status, period = "active", {"start": _when(event.at)}
        if outcome is not None:
            if outcome.lifted_by == "wrong_answer":
                status = "entered-in-error"
                followed = f" At {_when(outcome.until)} the person said it was the wrong answer."
            elif outcome.lifted_by == "doctor_seen":
                status = "inactive"
                followed = f" At {_when(outcome.until)} the person recorded a doctor's visit."
            elif not outcome.stands(self.now):
                status = "inactive"
                followed = f" It stood until {_when(outcome.until)}."
            if status != "active":
                period["end"] = _when(outcome.until)
        answer_id = self.answer_id(event)
        yield self.observation(
            f"check/{event.screening_id}/{event.question_id}",
            event,
            event.question or event.question_id or "",
            valueString=said,
            note=parts.note(
                f"A red flag: answered “{said}”{counted} in a safety check; level {level} "
                f"({LEVEL_WORDS.get(level, level)}).{followed}"
            ),
        )
        yield resource(
            "Flag",
            id=parts.id_of(f"flag/{event.screening_id}/{event.question_id}"),
            extension=[{"url": FLAG_DETAIL, "valueReference": parts.ref(answer_id)}],
            status=status,
            category=[self.clinical, parts.part("CodeableConcept", {"text": f"Red flag: {level}"})],
            code=parts.part("CodeableConcept", {"text": event.question or event.question_id}),
            subject=parts.subject,
            period=period,
            author=parts.subject,
        )

    def review(self, event: SafetyEvent) -> JSON:
        words = self.parts.kb.screening.flags
        said = {
            "wrong_answer": words.wrong_answer,
            "still_have": words.still_have,
            "not_sure": words.still_not_sure,
        }.get(event.answer or "", event.answer or "")
        about = [
            f
            for f in self.flags
            if f.event.screening_id == event.screening_id
            and f.event.question_id == event.question_id
        ]
        effect = "This lifted the flag." if event.answer == "wrong_answer" else "The flag stays."
        return self.observation(
            f"flag_review/{_stamp(event.at)}/{event.question_id}",
            event,
            f"Red-flag sign answered again: {event.question}",
            valueString=said,
            derivedFrom=[self.parts.ref(self.answer_id(f.event)) for f in about] or None,
            note=self.parts.note(f"{event.text} {effect}"),
        )

    def doctor_seen(self, event: SafetyEvent) -> JSON:
        lifted = [
            f
            for f in self.flags
            if f.outcome is not None
            and f.outcome.lifted_by == "doctor_seen"
            and f.outcome.until == event.at
        ]
        return self.observation(
            f"doctor_seen/{_stamp(event.at)}",
            event,
            SEEN_DOCTOR,
            valueBoolean=True,
            derivedFrom=[self.parts.ref(self.answer_id(f.event)) for f in lifted] or None,
            note=self.parts.note(sentence(event.text)),
        )

    def clearance(self, entry: SafetyEntry) -> JSON:
        event = entry.event
        kb = self.parts.kb
        who = f" by {event.who}" if event.who else ""
        limits = "; ".join(restriction_words(kb, r) for r in entry.restrictions)
        keeps = f", with its limits ({limits})," if limits else ""
        until = f" until {entry.counts_until.isoformat()}" if entry.counts_until else ""
        note = (
            f"Checked on {event.day}{who}, who said self-care is fine, about: {event.question} "
            f"As the person reports it. It counts as a caution{keeps}{until} or until the "
            f"symptoms change. Recorded {_when(event.at)}."
        )
        return self.observation(
            f"clearance/{_stamp(event.at)}/{event.question_id}",
            event,
            f"{CLEARED}: {event.question}",
            effectiveDateTime=event.day or _when(event.at),
            issued=_when(event.at),
            valueString="self-care is fine",
            note=self.parts.note(note),
        )
