"""The journal as a FHIR R4 ``Bundle`` (type ``collection``) a clinic's system can read.

What goes in, and as what:

* the person: a ``Patient`` with a pseudonymous identifier (a UUID made from their account),
  and a name only if they gave one;
* every pain score (logged, given in a safety check, or just before and after a session): an
  ``Observation`` coded LOINC 72514-3 (0-10 pain severity, reported), ``valueInteger``;
* every place marked on a body map: an ``Observation`` of the pain there, with its
  ``bodySite`` coded in SNOMED CT where ``clinical_codes.yaml`` has a checked code (and named
  in words, with the side, always). The side is kept in codes too: by a SNOMED CT concept for
  the structure on that side where content has one ("Structure of left thigh"), otherwise by a
  ``BodyStructure`` (``location`` the region's concept, ``locationQualifier`` Left 7771000 or
  Right 24028007) that the ``bodySite`` points to through the core extension
  ``http://hl7.org/fhir/StructureDefinition/bodySite``. One ``BodyStructure`` per place and
  side, shared by every resource that names it: both buttocks are two places, so two
  structures, never one with two qualifiers (a structure that is "left and right" would say
  neither which side hurt nor that both did);
* every weekly PEG score: a ``QuestionnaireResponse`` to the PEG ``Questionnaire`` (Krebs et al.
  2009), which the bundle carries once;
* every session: a ``Procedure`` (guided self-massage, performed by the person), completed or
  stopped, with the places pressed as ``bodySite`` and the muscles worked in its note;
* every red flag (a "yes" or "not sure" to an emergency or urgent question): a ``Flag``
  (active while it stands, entered-in-error when the person said they pressed the wrong
  answer, else inactive) and an ``Observation`` of the answer; each time the sign was answered
  again, each doctor's visit recorded and each clinician's clearance: an ``Observation``
  (:mod:`.fhir_safety`).

The bundle states its version: ``meta.profile`` names the core Bundle definition of FHIR R4,
``http://hl7.org/fhir/StructureDefinition/Bundle|4.0.1`` (a canonical URL may carry a
``|version``); the web download says ``fhirVersion=4.0`` in its media type, as the FHIR
specification's version parameter does. It is checked against the official R4 JSON schema in
the tests; the models that build it (``fhir.resources`` R4B, 4.3.0) have the same structure
for every resource used here.

Every ``fullUrl`` is a ``urn:uuid:`` made from the entry's id in the journal and the person's
key, so exporting again gives the same ids (a clinic's system updates rather than doubles).
Built as JSON and validated resource by resource with ``fhir.resources`` (:mod:`.fhir_parts`).

Written as the journal is read (:func:`fhir_chunks`), a batch of entries at a time, so ten
years take the memory of a batch: the bytes are those of ``orjson.dumps`` of the whole bundle.
What an entry needs from elsewhere in the journal is read first, and is small: whom the bundle
is about (from the first entry of each kind), each body map's session (for ``partOf``), the
pain scores given in the safety checks and the safety log. The ``BodyStructure`` of each
place comes last, once every place is known; ids are made from the journal's own, so they
and the references to them are the same whichever batch they fall in.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING

import orjson

from sciatica_coach.coach.clinical_export import FhirRecords, SessionEntry, streamed_fhir_records
from sciatica_coach.coach.ports import JournalPort, PainMap
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.code_models import SNOMED_CT
from sciatica_coach.domain.body_map import place_label

from .fhir_parts import JSON, Parts, Shared, resource, urn
from .fhir_procedure import procedure
from .fhir_safety import safety_resources

if TYPE_CHECKING:
    from sciatica_coach.coach.accounts import User

FHIR_VERSION = "4.0.1"
"""The FHIR release the bundle states (R4) and is checked against."""
BUNDLE_PROFILE = f"http://hl7.org/fhir/StructureDefinition/Bundle|{FHIR_VERSION}"
FHIR_MEDIA_TYPE = "application/fhir+json; fhirVersion=4.0"
"""The media type of the download, with FHIR's version parameter (major.minor)."""
BODY_SITE = "http://hl7.org/fhir/StructureDefinition/bodySite"
"""The core extension that points from a ``bodySite`` to a ``BodyStructure``."""
QUESTIONNAIRES = uuid.uuid5(uuid.NAMESPACE_URL, "urn:sciatica-coach:questionnaire")
PEG_URL = urn(QUESTIONNAIRES, "peg")
"""The PEG questionnaire's canonical URL, the same in every export."""
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
NUMBERS = [
    {"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": 0},
    {"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": 10},
]
ENTRIES_AT_ONCE = 200
"""Bundle entries encoded and handed on together."""
Progress = Callable[[str, int], None]
"""Told as the bundle is written: the kind of entry, and how many of it are written so far."""
MOMENTS = {
    "before": "Marked on the body map before a session.",
    "after": "Marked on the body map after a session.",
    "other": "Marked on the body map.",
}


def fhir_export(
    kb: KnowledgeBase,
    journal: JournalPort,
    user: User | None,
    now: datetime,
    name: str | None = None,
) -> bytes:
    """The whole journal of ``user`` (None: this computer's own) as a bundle, made whole."""
    return b"".join(fhir_chunks(kb, journal, user, now, name))


def fhir_chunks(
    kb: KnowledgeBase,
    journal: JournalPort,
    user: User | None,
    now: datetime,
    name: str | None = None,
    progress: Progress | None = None,
) -> Iterator[bytes]:
    """The bundle of :func:`fhir_export` in pieces, the journal read as they are made (what
    the terminal and the web download write): the same bytes, in the memory of a batch."""
    with streamed_fhir_records(kb, journal, user, now, name) as records:
        yield from bundle_chunks(records, progress)


def journal_bundle(records: FhirRecords) -> bytes:
    """The bundle as FHIR JSON (UTF-8)."""
    return b"".join(bundle_chunks(records))


def bundle_chunks(records: FhirRecords, progress: Progress | None = None) -> Iterator[bytes]:
    """The bundle in pieces of about :data:`ENTRIES_AT_ONCE` entries: the bytes of
    ``orjson.dumps(bundle)`` and a newline, the entries in the order the journal gives them
    (the ``BodyStructure`` of each place last, once every place is known). ``progress`` is
    told, after each piece, the kind of entry being written and how many of it so far."""
    maker = _Maker(records)
    bundle = resource(
        "Bundle",
        meta={"profile": [BUNDLE_PROFILE]},
        type="collection",
        timestamp=_when(records.exported_at),
    )
    head = orjson.dumps(bundle)
    yield head[:-1] + b',"entry":['
    sections: list[tuple[str, Iterable[Iterable[JSON]]]] = [
        ("your journal", [[maker.patient(), maker.peg_questionnaire()]]),
        ("pain_entries", ([made] for made in maker.pain())),
        ("safety_checks", ([made] for made in maker.check_pain())),
        ("pain_maps", maker.maps()),
        ("sessions", maker.sessions()),
        ("peg_entries", ([made] for made in maker.peg())),
        ("safety_records", maker.safety()),
        ("body_structures", _when_reached(maker.body_structures)),  # every place seen
    ]
    pieces: list[bytes] = []
    first = True
    for section, entries in sections:
        for read, made in enumerate(entries, 1):
            for entry in made:
                pieces.append(
                    orjson.dumps({"fullUrl": f"urn:uuid:{entry['id']}", "resource": entry})
                )
            if len(pieces) >= ENTRIES_AT_ONCE:
                yield (b"" if first else b",") + b",".join(pieces)
                first, pieces = False, []
                if progress is not None:
                    progress(section, read)
    yield (b"" if first or not pieces else b",") + b",".join(pieces) + b"]}\n"


class _Maker:
    """Makes the resources of one export; holds the parts they share, each validated once."""

    def __init__(self, records: FhirRecords) -> None:
        self.records = records
        self.kb = records.kb
        self.key = records.person.key
        self.patient_url = f"urn:uuid:{self.key}"
        self.part = Parts()
        self.subject = self.part("Reference", {"reference": self.patient_url})
        code = self.kb.codes.pain_score
        self.pain_code = self.part("CodeableConcept", {
            "coding": [{"system": code.system, "code": code.code, "display": code.display}],
            "text": "Pain score, 0-10",
        })  # fmt: skip
        self.survey = self.part("CodeableConcept", {
            "coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]
        })  # fmt: skip
        self._sites: dict[str, Shared] = {}
        self._structures: dict[str, str] = {}
        """Each place whose side is kept by a ``BodyStructure``, and that structure's id."""
        self.map_sessions = records.map_sessions

    def id_of(self, name: str) -> str:
        return urn(self.key, name).removeprefix("urn:uuid:")

    def ref(self, resource_id: str) -> Shared:
        return self.part("Reference", {"reference": f"urn:uuid:{resource_id}"})

    def note(self, text: str) -> list[Shared] | None:
        return [self.part("Annotation", {"text": text})] if text else None

    def site(self, key: str) -> Shared:
        """The ``bodySite`` of a place (``left:heel``): its SNOMED CT code where one was
        checked, always its name and side in words, and its side in codes: the code itself
        where it is a concept for that side, else a ``BodyStructure`` it points to."""
        found = self._sites.get(key)
        if found is None:
            side, _, region = key.rpartition(":")
            codes = self.kb.codes
            code = codes.body_site(region, side)
            data: JSON = {"text": place_label(self.kb.regions, key)}
            if codes.laterality.of(side) is not None and not codes.carries_side(region):
                structure = self._structures.setdefault(key, self.id_of(f"body-structure/{key}"))
                data["extension"] = [
                    {"url": BODY_SITE, "valueReference": {"reference": f"urn:uuid:{structure}"}}
                ]
            if code is not None:
                data["coding"] = [_coding(code.code, code.display)]
            found = self._sites[key] = self.part("CodeableConcept", data)
        return found

    def body_structures(self) -> list[JSON]:
        """A ``BodyStructure`` for each place named whose code does not carry its side: the
        region as ``location``, the side as ``locationQualifier`` (SNOMED CT Left or Right)."""
        made = []
        for key, structure_id in self._structures.items():
            side, _, region = key.rpartition(":")
            code = self.kb.codes.body_site(region, side)
            qualifier = self.kb.codes.laterality.of(side)
            if qualifier is None:  # never: only a place on one side gets a structure (site)
                continue
            location: JSON = {
                "text": self.kb.regions[region].label if region in self.kb.regions else region
            }
            if code is not None:
                location["coding"] = [_coding(code.code, code.display)]
            made.append(
                resource(
                    "BodyStructure",
                    id=structure_id,
                    location=location,
                    locationQualifier=[
                        {
                            "coding": [_coding(qualifier.code, qualifier.display)],
                            "text": qualifier.display,
                        }
                    ],
                    description=place_label(self.kb.regions, key),
                    patient=self.subject,
                )
            )
        return made

    def patient(self) -> JSON:
        name = self.records.person.name
        return resource(
            "Patient",
            id=str(self.key),
            identifier=[{"system": "urn:ietf:rfc:3986", "value": self.patient_url}],
            name=[{"text": name}] if name else None,
        )

    def pain_score(self, name: str, at: datetime, value: int, note: str, **more: object) -> JSON:
        return resource(
            "Observation",
            id=self.id_of(name),
            status="final",
            category=[self.survey],
            code=self.pain_code,
            subject=self.subject,
            performer=[self.subject],
            effectiveDateTime=_when(at),
            valueInteger=value,
            note=self.note(note),
            **more,
        )

    def pain(self) -> Iterator[JSON]:
        regions = self.kb.regions
        for entry in self.records.pain:
            said = []
            if entry.worst is not None:
                said.append(f"Worst today: {entry.worst}/10.")
            if entry.average is not None:
                said.append(f"Average today: {entry.average}/10.")
            places = [str(r.get("key")) for r in entry.regions or [] if r.get("key")]
            if places:
                said.append(f"Where: {'; '.join(place_label(regions, p) for p in places)}.")
            if entry.note:
                said.append(f"Note: {entry.note}")
            yield self.pain_score(f"pain/{entry.id}", entry.recorded_at, entry.now, " ".join(said))

    def check_pain(self) -> Iterator[JSON]:
        for answer in self.records.check_pain:  # 0-10 scores only (clinical_export)
            yield self.pain_score(
                f"check/{answer.id}/pain_now", answer.taken_at, answer.answer,
                "Pain right then, given in the safety check before a session.",
            )  # fmt: skip

    def maps(self) -> Iterator[list[JSON]]:
        for entry in self.records.pain_maps:
            yield list(self.places(entry))

    def places(self, entry: PainMap) -> Iterator[JSON]:
        session_id = self.map_sessions.get(entry.id)
        session = None if session_id is None else self.id_of(f"session/{session_id}")
        for index, region in enumerate(entry.regions):
            key = str(region.get("key", ""))
            feels = region.get("feels") or []
            note = MOMENTS.get(str(region.get("moment")), MOMENTS["before"])
            if feels:
                note += f" Feels like: {', '.join(str(f) for f in feels)}."
            yield self.pain_score(
                f"map/{entry.id}/{index}", entry.recorded_at, int(region["intensity"]),
                note, bodySite=self.site(key),
                partOf=[self.ref(session)] if session else None,
            )  # fmt: skip

    def sessions(self) -> Iterator[list[JSON]]:
        for session in self.records.sessions:
            yield list(self.session(session))

    def safety(self) -> Iterator[list[JSON]]:
        for made in safety_resources(self, self.records):
            yield [made]

    def session(self, session: SessionEntry) -> Iterator[JSON]:
        entry = session.entry
        procedure_id = self.id_of(f"session/{entry.id}")
        yield procedure(self, procedure_id, session)
        part_of = [self.ref(procedure_id)]
        if entry.pain_before is not None:
            yield self.pain_score(
                f"session/{entry.id}/pain_before", entry.started_at, entry.pain_before,
                "Just before the session.", partOf=part_of,
            )  # fmt: skip
        if entry.pain_after is not None:
            after = entry.ended_at or entry.updated_at or entry.started_at
            yield self.pain_score(
                f"session/{entry.id}/pain_after", after, entry.pain_after,
                "Just after the session.", partOf=part_of,
            )  # fmt: skip

    def peg_questionnaire(self) -> JSON:
        peg = self.kb.peg
        cited = "; ".join(self.records.kb.sources[s].citation for s in peg.sources)
        return resource(
            "Questionnaire",
            id=PEG_URL.removeprefix("urn:uuid:"),
            url=PEG_URL,
            name="PEG",
            title="PEG: pain, enjoyment of life and general activity",
            status="active",
            subjectType=["Patient"],
            description=f"{peg.intro} The PEG score is the mean of the three. Source: {cited}",
            item=[
                {
                    "linkId": item.id,
                    "text": item.question,
                    "type": "integer",
                    "required": True,
                    "extension": NUMBERS,
                    "item": [
                        {
                            "linkId": f"{item.id}-ends",
                            "type": "display",
                            "text": f"0 = {item.low}; 10 = {item.high}",
                        }
                    ],
                }
                for item in peg.items
            ],
        )

    def peg(self) -> Iterator[JSON]:
        questions: dict[str, str] = {item.id: item.question for item in self.kb.peg.items}
        return (
            resource(
                "QuestionnaireResponse",
                id=self.id_of(f"peg/{entry.id}"),
                questionnaire=PEG_URL,
                status="completed",
                subject=self.subject,
                authored=_when(entry.recorded_at),
                author=self.subject,
                source=self.subject,
                item=[
                    {"linkId": link, "text": questions[link], "answer": [{"valueInteger": v}]}
                    for link, v in (
                        ("pain", entry.pain),
                        ("enjoyment", entry.enjoyment),
                        ("activity", entry.activity),
                    )
                ],
            )
            for entry in self.records.peg
        )


def _when_reached(make: Callable[[], list[JSON]]) -> Iterator[list[JSON]]:
    """``make()``, made only when the bundle reaches it."""
    yield make()


def _coding(code: str, display: str) -> JSON:
    return {"system": SNOMED_CT, "code": code, "display": display}


def _when(moment: datetime) -> str:
    """A FHIR ``dateTime``: ISO 8601 with the offset, to the second."""
    return moment.isoformat(timespec="seconds")
