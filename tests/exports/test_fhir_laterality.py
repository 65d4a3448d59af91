"""Left and right survive the FHIR export in codes, not only in words (standards review D7).

A place whose SNOMED CT code is a concept for that side ("Structure of left thigh") carries
the side in the code. Every other place on one side points, through the core extension
``http://hl7.org/fhir/StructureDefinition/bodySite``, to a ``BodyStructure`` whose ``location``
is the region's concept and whose ``locationQualifier`` is SNOMED CT Left (7771000) or Right
(24028007); its plain ``bodySite`` CodeableConcept stays as it was. Both sides marked are two
places, so two structures, each with one qualifier."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from sciatica_coach.coach.clinical_export import fhir_records
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.exports.fhir_bundle import BODY_SITE, journal_bundle

from ..coach.fakes import FakeJournal
from ..coach.journal_days import NOW, two_weeks

SNOMED = "http://snomed.info/sct"
LEFT = {"system": SNOMED, "code": "7771000", "display": "Left"}
RIGHT = {"system": SNOMED, "code": "24028007", "display": "Right"}
BUTTOCK = {"system": SNOMED, "code": "46862004", "display": "Buttock"}


def marked(key: str, intensity: int = 4) -> dict[str, Any]:
    return {"key": key, "intensity": intensity, "kind": "ache", "feels": [], "moment": "other"}


@pytest.fixture(scope="module")
def bundle(kb: KnowledgeBase) -> dict[str, Any]:
    journal = two_weeks(kb)  # sessions on the left buttock, maps of the left buttock and thigh
    journal.add_pain_map(
        NOW - timedelta(hours=1),
        [
            marked("right:buttock_center"),  # both buttocks now
            marked("right:thigh_posterior"),
            marked("right:iliac_crest"),  # no checked code at all
            marked("left:calf_posterior"),
            marked("midline:sacrum"),
            marked("left:buttock_upper"),  # where the sessions pressed
        ],
    )
    data: dict[str, Any] = json.loads(journal_bundle(fhir_records(kb, journal, None, NOW)))
    return data


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def body_sites(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    """Every ``bodySite`` of every Observation and Procedure."""
    found = [o["bodySite"] for o in resources(bundle, "Observation") if "bodySite" in o]
    for procedure in resources(bundle, "Procedure"):
        found += procedure.get("bodySite", [])
    return found


def site(bundle: dict[str, Any], text: str) -> dict[str, Any]:
    return next(s for s in body_sites(bundle) if s["text"] == text)


def structure_of(bundle: dict[str, Any], body_site: dict[str, Any]) -> dict[str, Any] | None:
    """The BodyStructure a ``bodySite`` points to, or None if it points to none."""
    urls = [x["valueReference"]["reference"] for x in body_site.get("extension", [])
            if x["url"] == BODY_SITE]  # fmt: skip
    if not urls:
        return None
    (url,) = urls
    (entry,) = [e for e in bundle["entry"] if e["fullUrl"] == url]
    assert entry["resource"]["resourceType"] == "BodyStructure"
    found: dict[str, Any] = entry["resource"]
    return found


def test_a_code_for_the_region_alone_gets_a_body_structure_with_the_side(
    bundle: dict[str, Any],
) -> None:
    left = site(bundle, "Middle of the buttock (left)")
    assert left["coding"] == [BUTTOCK]  # the plain CodeableConcept stays as it was
    structure = structure_of(bundle, left)
    assert structure is not None
    assert structure["location"] == {"coding": [BUTTOCK], "text": "Middle of the buttock"}
    assert structure["locationQualifier"] == [{"coding": [LEFT], "text": "Left"}]
    assert structure["description"] == "Middle of the buttock (left)"
    (patient,) = resources(bundle, "Patient")
    assert structure["patient"] == {"reference": f"urn:uuid:{patient['id']}"}


def test_both_sides_are_two_structures_each_with_one_side(bundle: dict[str, Any]) -> None:
    left = structure_of(bundle, site(bundle, "Middle of the buttock (left)"))
    right = structure_of(bundle, site(bundle, "Middle of the buttock (right)"))
    assert left is not None and right is not None and left["id"] != right["id"]
    assert right["locationQualifier"] == [{"coding": [RIGHT], "text": "Right"}]
    assert left["location"]["coding"] == right["location"]["coding"] == [BUTTOCK]


def test_a_concept_for_one_side_carries_the_side_itself(bundle: dict[str, Any]) -> None:
    for side, code in (("left", "61396006"), ("right", "11207009")):
        thigh = site(bundle, f"Back of the thigh ({side})")
        assert thigh["coding"] == [
            {"system": SNOMED, "code": code, "display": f"Structure of {side} thigh"}
        ]
        assert structure_of(bundle, thigh) is None


def test_a_place_with_no_code_still_gets_its_side_in_a_body_structure(
    bundle: dict[str, Any],
) -> None:
    crest = site(bundle, "Top of the hip bone (right)")
    assert "coding" not in crest
    structure = structure_of(bundle, crest)
    assert structure is not None
    assert structure["location"] == {"text": "Top of the hip bone"}
    assert structure["locationQualifier"][0]["coding"] == [RIGHT]


def test_the_midline_has_no_side_and_no_structure(bundle: dict[str, Any]) -> None:
    sacrum = site(bundle, "Base of the spine")
    assert structure_of(bundle, sacrum) is None
    assert sacrum["coding"][0]["code"] == "54735007"


def test_no_coded_place_on_one_side_loses_its_side(bundle: dict[str, Any]) -> None:
    """D7 counted 118 of 118 sided places whose codes said no side; here none may."""
    sided = [s for s in body_sites(bundle) if s["text"].endswith(("(left)", "(right)"))]
    assert len(sided) >= 10
    for body_site in sided:
        side = body_site["text"].rsplit("(", 1)[1].rstrip(")")
        structure = structure_of(bundle, body_site)
        if structure is None:
            (coding,) = body_site["coding"]
            assert side in coding["display"].lower()  # "Structure of left thigh"
        else:
            (qualifier,) = structure["locationQualifier"]
            assert qualifier["coding"] == [LEFT if side == "left" else RIGHT]
            assert structure["location"].get("coding") == body_site.get("coding")


def test_a_place_has_one_structure_shared_by_every_resource_that_names_it(
    bundle: dict[str, Any],
) -> None:
    structures = resources(bundle, "BodyStructure")
    described = [s["description"] for s in structures]
    assert len(described) == len(set(described))  # one per place and side
    (procedure, *_) = resources(bundle, "Procedure")
    pressed = procedure["bodySite"][0]
    assert pressed["text"] == "Upper buttock (left)"
    mapped = next(o["bodySite"] for o in resources(bundle, "Observation")
                  if o.get("bodySite", {}).get("text") == "Upper buttock (left)")  # fmt: skip
    assert pressed == mapped and structure_of(bundle, pressed) is not None
    pointed = {
        x["valueReference"]["reference"] for s in body_sites(bundle) for x in s.get("extension", [])
    }
    assert pointed == {f"urn:uuid:{s['id']}" for s in structures}  # none left over


def test_structures_keep_their_ids_from_one_export_to_the_next(
    kb: KnowledgeBase, bundle: dict[str, Any]
) -> None:
    journal = FakeJournal()
    journal.add_pain_map(NOW, [marked("left:buttock_center")])
    first = resources(
        json.loads(journal_bundle(fhir_records(kb, journal, None, NOW))), "BodyStructure"
    )
    again = resources(
        json.loads(journal_bundle(fhir_records(kb, journal, None, NOW + timedelta(days=1)))),
        "BodyStructure",
    )
    assert [s["id"] for s in first] == [s["id"] for s in again] and len(first) == 1


def test_sided_codes_in_content_name_their_side(kb: KnowledgeBase) -> None:
    """A left code swapped with a right one would put the pain on the wrong leg."""
    codes = kb.codes
    assert (codes.laterality.left.code, codes.laterality.right.code) == ("7771000", "24028007")
    for body_site in codes.body_sites:
        if body_site.lateral:
            assert body_site.left is not None and body_site.right is not None
            assert "left" in body_site.left.display.lower(), body_site.id
            assert "right" in body_site.right.display.lower(), body_site.id
            assert body_site.left.code != body_site.right.code
