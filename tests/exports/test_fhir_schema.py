"""The FHIR export against the official FHIR R4 JSON schema (``fhir.schema.json``, run with
``jsonschema``'s draft 6 validator), as well as the ``fhir.resources`` models the other tests
use: two independent readings of the same bundle. And the bundle says which FHIR it is."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import timedelta
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from jsonschema import Draft6Validator
from pydantic import ValidationError

from sciatica_coach.coach.clinical_export import fhir_records
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.exports.fhir_bundle import BUNDLE_PROFILE, journal_bundle

from ..coach.journal_days import NOW, two_weeks
from .fhir_schema import (
    SCHEMA_SHA256,
    bundle_errors,
    r4_schema,
    schema_bytes,
    whole_bundle_errors,
)
from .safety_days import safety_days


@pytest.fixture(scope="module")
def bundle(kb: KnowledgeBase) -> dict[str, Any]:
    """Pain, maps on both sides and the midline, sessions, PEG: every kind but the safety log."""
    journal = two_weeks(kb)
    journal.add_pain_map(
        NOW - timedelta(hours=1),
        [
            {"key": key, "intensity": 3, "kind": "ache", "feels": ["ache"], "moment": "other"}
            for key in ("right:buttock_center", "right:iliac_crest", "left:heel", "sacrum")
        ],
    )
    data: dict[str, Any] = json.loads(journal_bundle(fhir_records(kb, journal, None, NOW)))
    return data


def kinds(bundle: dict[str, Any]) -> set[str]:
    return {e["resource"]["resourceType"] for e in bundle["entry"]}


def test_the_vendored_schema_is_the_official_r4_one() -> None:
    assert hashlib.sha256(schema_bytes()).hexdigest() == SCHEMA_SHA256
    schema = r4_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-06/schema#"
    assert schema["id"] == "http://hl7.org/fhir/json-schema/4.0"
    Draft6Validator.check_schema(schema)  # a valid draft 6 schema, so the checks mean something


def test_the_bundle_passes_the_official_r4_schema_as_a_whole(bundle: dict[str, Any]) -> None:
    """As the review ran it (ajv, jsonschema): the bundle against the schema's root."""
    assert {"Patient", "Observation", "Procedure", "BodyStructure", "QuestionnaireResponse"} <= (
        kinds(bundle)
    )
    assert whole_bundle_errors(bundle) == []
    assert bundle_errors(bundle) == []  # the quicker check gives the same verdict


def test_the_safety_log_passes_the_official_r4_schema(kb: KnowledgeBase) -> None:
    data = json.loads(journal_bundle(fhir_records(kb, safety_days(kb), None, NOW)))
    assert {"Flag", "Observation"} <= kinds(data)
    assert bundle_errors(data) == []


def test_the_bundle_states_its_fhir_version(bundle: dict[str, Any]) -> None:
    assert bundle["meta"] == {"profile": ["http://hl7.org/fhir/StructureDefinition/Bundle|4.0.1"]}
    assert BUNDLE_PROFILE.endswith("|4.0.1")


def broken(bundle: dict[str, Any], kind: str, change: Any) -> dict[str, Any]:
    """A copy of ``bundle`` with ``change`` made to its first ``kind`` resource."""
    copied = copy.deepcopy(bundle)
    change(next(e["resource"] for e in copied["entry"] if e["resource"]["resourceType"] == kind))
    return copied


@pytest.mark.parametrize(
    ("kind", "change", "said"),
    [
        ("BodyStructure", lambda r: r.pop("patient"), "'patient' is a required property"),
        ("BodyStructure", lambda r: r.update(locationQualifier={"text": "Left"}), "is not of type"),
        ("Observation", lambda r: r.update(valueInteger="5"), "'5' is not of type 'number'"),
        ("Procedure", lambda r: r.update(performedWhen="yesterday"), "Additional properties"),
        ("Observation", lambda r: r.update(status="done"), "'done' is not one of"),
    ],
)
def test_the_schema_check_finds_what_is_wrong(
    bundle: dict[str, Any], kind: str, change: Any, said: str
) -> None:
    """The check is not empty: each of these mistakes is found, where it is."""
    (error,) = bundle_errors(broken(bundle, kind, change))
    assert error.startswith("entry/") and f"({kind})" in error and said in error, error


def test_what_the_schema_lets_through_fhir_resources_refuses(bundle: dict[str, Any]) -> None:
    """The schema's object types say no ``"type": "object"``, so a list where one CodeableConcept
    belongs passes it; the models catch it. Hence both checks, on every bundle."""
    wrong = broken(bundle, "Observation", lambda r: r.update(bodySite=[r["code"]]))
    assert bundle_errors(wrong) == []
    observation = next(r for r in (e["resource"] for e in wrong["entry"]) if "bodySite" in r)
    with pytest.raises(ValidationError):
        get_fhir_model_class("Observation").model_validate(observation)
