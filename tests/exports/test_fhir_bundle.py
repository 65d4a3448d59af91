"""The FHIR export, read back with ``fhir.resources`` (R4B, wire-compatible with R4 for these
resources): a valid collection Bundle whose every resource validates, pain coded LOINC
72514-3, places coded SNOMED CT as content says, the PEG as a QuestionnaireResponse to its
Questionnaire, sessions as Procedures, red flags as Flags with their answers, what followed
and the clearances as Observations, and ids that stay the same from one export to the next."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from sciatica_coach.coach.accounts import User
from sciatica_coach.coach.clinical_export import fhir_records
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.exports.fhir_bundle import PEG_URL, journal_bundle

from ..coach.fakes import FakeJournal
from ..coach.journal_days import NOW, two_weeks
from .safety_days import CLEARED, DOCTOR, FLAGGED, LAPSED, STANDING, STILL, WRONG, safety_days

LOINC_PAIN = ("http://loinc.org", "72514-3")
SNOMED = "http://snomed.info/sct"
ANN = User(id=7, name="ann", password_hash=None, created_at=NOW)


@pytest.fixture(scope="module")
def journal(kb: KnowledgeBase) -> FakeJournal:
    journal = two_weeks(kb)
    journal.add_pain(
        NOW - timedelta(hours=2),
        5,
        worst=7,
        regions=[{"key": "left:calf_posterior", "intensity": 5, "kind": "burning"}],
        note="after the stairs",
    )
    journal.add_pain_map(
        NOW - timedelta(hours=1),
        [
            {"key": "right:iliac_crest", "intensity": 3, "kind": "ache", "moment": "other"},
            {"key": "right:lumbar", "intensity": 4, "kind": None, "feels": [], "moment": "other"},
        ],
    )
    return journal


@pytest.fixture(scope="module")
def exported(kb: KnowledgeBase, journal: FakeJournal) -> bytes:
    return journal_bundle(fhir_records(kb, journal, None, NOW))


@pytest.fixture(scope="module")
def bundle(exported: bytes) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(exported)
    return parsed


def of_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def said(resource: dict[str, Any]) -> str:
    """The text of a resource's note, or "" if it has none."""
    return str(resource.get("note", [{"text": ""}])[0]["text"])


def pain_observations(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for o in of_type(bundle, "Observation") if "bodySite" not in o]


def test_fhir_resources_reads_the_bundle_back_and_every_resource_validates(
    exported: bytes, bundle: dict[str, Any]
) -> None:
    reads_back(exported, bundle)


def reads_back(exported: bytes, bundle: dict[str, Any]) -> None:
    parsed = Bundle.model_validate_json(exported)
    assert parsed.type == "collection" and parsed.timestamp is not None
    assert len(parsed.entry or []) == len(bundle["entry"])
    for entry in bundle["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"


def test_every_reference_points_into_the_bundle(bundle: dict[str, Any]) -> None:
    references_resolve(bundle)


def references_resolve(bundle: dict[str, Any]) -> None:
    urls = {e["fullUrl"] for e in bundle["entry"]}
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("reference"), str):
                found.append(value["reference"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(bundle["entry"])
    assert found and set(found) <= urls
    assert all(r["questionnaire"] in urls for r in of_type(bundle, "QuestionnaireResponse"))


def test_the_patient_is_a_pseudonym_unless_named(
    kb: KnowledgeBase, journal: FakeJournal, bundle: dict[str, Any]
) -> None:
    (patient,) = of_type(bundle, "Patient")
    assert "name" not in patient
    assert patient["identifier"] == [
        {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{patient['id']}"}
    ]
    named = json.loads(journal_bundle(fhir_records(kb, journal, None, NOW, "  Ann   Smith ")))
    (patient,) = of_type(named, "Patient")
    assert patient["name"] == [{"text": "Ann Smith"}]
    with pytest.raises(Invalid, match="plain text"):
        fhir_records(kb, journal, None, NOW, "Ann\x1b[2J")


def test_pain_scores_are_loinc_72514_3_observations(
    bundle: dict[str, Any], journal: FakeJournal
) -> None:
    observations = of_type(bundle, "Observation")
    assert all("valueInteger" in o for o in observations)  # no red flags: pain scores alone
    for observation in observations:
        coding = observation["code"]["coding"][0]
        assert (coding["system"], coding["code"]) == LOINC_PAIN
        assert coding["display"] == "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
        assert observation["status"] == "final"
        assert observation["category"][0]["coding"][0]["code"] == "survey"
        assert datetime.fromisoformat(observation["effectiveDateTime"]).utcoffset() is not None
        assert 0 <= observation["valueInteger"] <= 10
    logged = {e.recorded_at: e.now for e in journal.pain_entries()}
    from_log = [o for o in pain_observations(bundle) if "Just" not in said(o)]
    given = {datetime.fromisoformat(o["effectiveDateTime"]): o["valueInteger"] for o in from_log}
    assert logged.items() <= given.items()
    last = next(o for o in from_log if o["valueInteger"] == 5 and "stairs" in said(o))
    assert last["note"][0]["text"] == (
        "Worst today: 7/10. Where: Calf (left). Note: after the stairs"
    )


def test_the_pain_of_each_safety_check_is_an_observation_too(
    bundle: dict[str, Any], journal: FakeJournal
) -> None:
    checks = [o for o in pain_observations(bundle) if "safety check" in said(o)]
    assert [o["valueInteger"] for o in checks] == [
        s.answers["pain_now"] for s in journal.screenings()
    ]


def test_body_map_places_are_coded_where_content_has_a_code(
    kb: KnowledgeBase, bundle: dict[str, Any]
) -> None:
    sites = {
        o["bodySite"]["text"]: o["bodySite"]
        for o in of_type(bundle, "Observation")
        if "bodySite" in o
    }
    buttock = sites["Middle of the buttock (left)"]
    assert buttock["coding"] == [{"system": SNOMED, "code": "46862004", "display": "Buttock"}]
    assert sites["Back of the thigh (left)"]["coding"] == [
        {"system": SNOMED, "code": "61396006", "display": "Structure of left thigh"}
    ]  # a concept for the left thigh: the code carries the side
    assert sites["Lower back (right)"]["coding"][0]["code"] == "1017211000"
    assert "coding" not in sites["Top of the hip bone (right)"]  # no checked code: words only
    coded = {c["code"] for site in sites.values() for c in site.get("coding", [])}
    known = {
        code.code
        for site in kb.codes.body_sites
        for code in (site.snomed, site.left, site.right)
        if code is not None
    }
    assert coded <= known


def test_a_map_marked_for_a_session_is_part_of_its_procedure(
    bundle: dict[str, Any], journal: FakeJournal
) -> None:
    procedures = {f"urn:uuid:{p['id']}" for p in of_type(bundle, "Procedure")}
    mapped = [o for o in of_type(bundle, "Observation") if "bodySite" in o]
    before = [o for o in mapped if said(o).startswith("Marked on the body map before")]
    assert before and all(o["partOf"][0]["reference"] in procedures for o in before)
    assert "Feels like: ache." in said(before[0])
    alone = [o for o in mapped if said(o) == "Marked on the body map."]
    assert len(alone) == 2 and not any("partOf" in o for o in alone)


def test_the_peg_is_a_questionnaire_response_to_the_peg_questionnaire(
    kb: KnowledgeBase, bundle: dict[str, Any], journal: FakeJournal
) -> None:
    (questionnaire,) = of_type(bundle, "Questionnaire")
    assert questionnaire["url"] == PEG_URL and questionnaire["status"] == "active"
    assert [i["linkId"] for i in questionnaire["item"]] == ["pain", "enjoyment", "activity"]
    assert [i["text"] for i in questionnaire["item"]] == [i.question for i in kb.peg.items]
    assert all(i["type"] == "integer" and i["required"] for i in questionnaire["item"])
    assert "Krebs EE" in questionnaire["description"]
    responses = of_type(bundle, "QuestionnaireResponse")
    answers = [tuple(item["answer"][0]["valueInteger"] for item in r["item"]) for r in responses]
    assert answers == [(e.pain, e.enjoyment, e.activity) for e in journal.peg_entries()]
    assert all(r["status"] == "completed" and r["questionnaire"] == PEG_URL for r in responses)


def test_sessions_are_procedures_completed_or_stopped(
    bundle: dict[str, Any], journal: FakeJournal
) -> None:
    procedures = of_type(bundle, "Procedure")
    assert len(procedures) == len(journal.sessions())
    assert [p["status"] for p in procedures] == ["completed"] * 5 + ["stopped"] * 2
    (patient,) = of_type(bundle, "Patient")
    for procedure in procedures:
        assert procedure["performer"] == [{"actor": {"reference": f"urn:uuid:{patient['id']}"}}]
        assert "self-massage" in procedure["code"]["text"]
        period = procedure["performedPeriod"]
        assert datetime.fromisoformat(period["start"]) <= datetime.fromisoformat(period["end"])
        assert procedure["bodySite"][0]["coding"][0]["code"] == "46862004"
        assert said(procedure).startswith("Muscles worked: Piriformis (left): ")
        assert procedure["usedCode"] == [{"text": "Tennis ball"}]
    stopped = procedures[-1]
    assert stopped["statusReason"]["text"].startswith("Stopped for bad pain")
    assert stopped["outcome"]["text"] == "Pain before: 4/10."
    assert procedures[0]["outcome"]["text"] == "Pain before: 6/10. Pain after: 4/10."


def test_the_pain_before_and_after_a_session_are_part_of_it(bundle: dict[str, Any]) -> None:
    (first, *_) = of_type(bundle, "Procedure")
    own = [o for o in of_type(bundle, "Observation") if o.get("partOf") == [
        {"reference": f"urn:uuid:{first['id']}"}
    ] and "bodySite" not in o]  # fmt: skip
    assert [(said(o), o["valueInteger"]) for o in own] == [
        ("Just before the session.", 6),
        ("Just after the session.", 4),
    ]


def test_exporting_again_gives_the_same_ids_and_another_person_other_ids(
    kb: KnowledgeBase, journal: FakeJournal, bundle: dict[str, Any]
) -> None:
    again = json.loads(journal_bundle(fhir_records(kb, journal, None, NOW + timedelta(days=1))))
    assert [e["fullUrl"] for e in again["entry"]] == [e["fullUrl"] for e in bundle["entry"]]
    assert again["timestamp"] != bundle["timestamp"]
    other = json.loads(journal_bundle(fhir_records(kb, journal, ANN, NOW)))
    shared = {e["fullUrl"] for e in other["entry"]} & {e["fullUrl"] for e in bundle["entry"]}
    assert shared == {PEG_URL}  # the questionnaire is the same for everyone


def test_a_session_never_started_is_left_out(kb: KnowledgeBase, journal: FakeJournal) -> None:
    copy = FakeJournal()
    first = journal.sessions()[0]
    copy.sessions_[first.id] = replace(first, status="ready")
    data = json.loads(journal_bundle(fhir_records(kb, copy, None, NOW)))
    assert of_type(data, "Procedure") == []


def test_an_empty_journal_gives_the_patient_and_the_questionnaire(kb: KnowledgeBase) -> None:
    data = journal_bundle(fhir_records(kb, FakeJournal(), None, datetime(2026, 1, 1, tzinfo=UTC)))
    parsed = Bundle.model_validate_json(data)
    kinds = [type(e.resource).__name__ for e in parsed.entry or []]
    assert kinds == ["Patient", "Questionnaire"]


def patient_id(kb: KnowledgeBase, journal: FakeJournal) -> str:
    data = json.loads(journal_bundle(fhir_records(kb, journal, None, NOW)))
    return str(of_type(data, "Patient")[0]["id"])


def test_two_people_each_on_their_own_computer_are_two_patients(kb: KnowledgeBase) -> None:
    """Everyone's own journal is account 1: the pseudonym also takes the first entry's time,
    so two people's bundles never merge into one patient in a clinic's system."""
    one, two = FakeJournal(), FakeJournal()
    one.add_pain(NOW - timedelta(days=3), 5)
    two.add_pain(NOW - timedelta(days=3, microseconds=1), 5)
    first = patient_id(kb, one)
    assert first != patient_id(kb, two)
    one.add_peg(NOW, 5, 5, 5)  # a later entry changes nothing
    assert patient_id(kb, one) == first


# --- the safety log: Flags and Observations ---------------------------------------------------


@pytest.fixture(scope="module")
def safety_export(kb: KnowledgeBase) -> bytes:
    return journal_bundle(fhir_records(kb, safety_days(kb), None, NOW))


@pytest.fixture(scope="module")
def safety_bundle(safety_export: bytes) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(safety_export)
    return parsed


def by_id(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["fullUrl"]: e["resource"] for e in bundle["entry"]}


def at(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def test_every_safety_resource_validates_and_every_reference_resolves(
    safety_export: bytes, safety_bundle: dict[str, Any]
) -> None:
    parsed = Bundle.model_validate_json(safety_export)
    kinds = [type(e.resource).__name__ for e in parsed.entry or []]
    assert kinds.count("Flag") == 4
    reads_back(safety_export, safety_bundle)
    references_resolve(safety_bundle)


def test_each_red_flag_is_a_flag_with_its_status_and_period(
    kb: KnowledgeBase, safety_bundle: dict[str, Any]
) -> None:
    flags = {f["code"]["text"]: f for f in of_type(safety_bundle, "Flag")}
    question = kb.screening.question_by_id
    (patient,) = of_type(safety_bundle, "Patient")
    shown = {
        qid: (
            flags[question[qid].question]["status"],
            flags[question[qid].question]["period"],
        )
        for qid in ("saddle_numbness", "fever", "calf_swelling", "bladder_change")
    }
    assert shown == {
        "saddle_numbness": ("entered-in-error", {"start": at(FLAGGED), "end": at(WRONG)}),
        "fever": ("inactive", {"start": at(FLAGGED), "end": at(DOCTOR)}),
        "calf_swelling": ("inactive", {"start": at(LAPSED), "end": at(LAPSED + timedelta(1))}),
        "bladder_change": ("active", {"start": at(STANDING)}),
    }
    for flag in flags.values():
        assert flag["category"][0]["coding"][0]["code"] == "clinical"
        assert flag["category"][1]["text"] in ("Red flag: emergency", "Red flag: urgent")
        assert flag["subject"] == flag["author"] == {"reference": f"urn:uuid:{patient['id']}"}


def test_each_flag_points_to_the_answer_given(
    kb: KnowledgeBase, safety_bundle: dict[str, Any]
) -> None:
    resources = by_id(safety_bundle)
    given = {}
    for flag in of_type(safety_bundle, "Flag"):
        (detail,) = flag["extension"]
        assert detail["url"] == "http://hl7.org/fhir/StructureDefinition/flag-detail"
        answer = resources[detail["valueReference"]["reference"]]
        assert answer["resourceType"] == "Observation"
        assert answer["code"]["text"] == flag["code"]["text"]
        assert answer["effectiveDateTime"] == flag["period"]["start"]
        given[answer["code"]["text"]] = (answer["valueString"], said(answer))
    numb = given[kb.screening.question_by_id["saddle_numbness"].question]
    assert numb[0] == "not sure"
    assert "level emergency" in numb[1] and "said it was the wrong answer" in numb[1]
    assert given[kb.screening.question_by_id["fever"].question][0] == "yes"


def test_answering_again_and_the_doctors_visit_are_observations_of_the_answers(
    safety_bundle: dict[str, Any],
) -> None:
    resources = by_id(safety_bundle)
    observations = of_type(safety_bundle, "Observation")
    again = [o for o in observations if o["code"]["text"].startswith("Red-flag sign answered")]
    assert [(o["effectiveDateTime"], o["valueString"]) for o in again] == [
        (at(WRONG), "I pressed the wrong answer"),
        (at(STILL), "I still have it"),
    ]
    assert "This lifted the flag." in said(again[0]) and "The flag stays." in said(again[1])
    for review in again:
        (source,) = review["derivedFrom"]
        assert resources[source["reference"]]["effectiveDateTime"] == at(FLAGGED)
    (visit,) = [o for o in observations if o["code"]["text"].startswith("Seen by a doctor")]
    assert (visit["effectiveDateTime"], visit["valueBoolean"]) == (at(DOCTOR), True)
    (lifted,) = visit["derivedFrom"]
    assert resources[lifted["reference"]]["valueString"] == "yes"  # the fever


def test_a_clearance_is_an_observation_dated_the_day_of_the_check(
    safety_bundle: dict[str, Any],
) -> None:
    (cleared,) = [
        o for o in of_type(safety_bundle, "Observation") if o["code"]["text"].startswith("Checked")
    ]
    assert cleared["code"]["text"].endswith("self-care is fine: Have you ever had cancer?")
    assert (cleared["effectiveDateTime"], cleared["issued"]) == ("2026-11-20", at(CLEARED))
    assert "by Dr Lee" in said(cleared) and "until 2027-05-22" in said(cleared)
    assert "No massage gun" in said(cleared)


def test_the_safety_resources_keep_their_ids_from_one_export_to_the_next(
    kb: KnowledgeBase, safety_bundle: dict[str, Any]
) -> None:
    later = NOW + timedelta(days=2)
    again = json.loads(journal_bundle(fhir_records(kb, safety_days(kb), None, later)))
    assert [e["fullUrl"] for e in again["entry"]] == [e["fullUrl"] for e in safety_bundle["entry"]]
    statuses = {f["code"]["text"]: f["status"] for f in of_type(again, "Flag")}
    assert "active" not in statuses.values()  # two days on, the last flag has stood its day
