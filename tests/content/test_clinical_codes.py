"""The codes the FHIR export gives a clinic's system: each checked and cited in content, each
naming a real region, and a broken one refused at load with the file and the region named."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from sciatica_coach.content import ContentError, KnowledgeBase, load_knowledge_base

FILE = "clinical_codes.yaml"


def edit_codes(directory: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = directory / FILE
    document = yaml.safe_load(path.read_text())
    change(document)
    path.write_text(yaml.safe_dump(document, sort_keys=False))


def site(document: dict[str, Any], region: str) -> dict[str, Any]:
    return next(s for s in document["body_sites"] if s["id"] == region)


def test_the_pain_score_is_loinc_72514_3(kb: KnowledgeBase) -> None:
    code = kb.codes.pain_score
    assert (code.system, code.code) == ("http://loinc.org", "72514-3")
    assert code.sources == ["loinc_72514_3"]


def test_body_sites_are_coded_per_region_and_side(kb: KnowledgeBase) -> None:
    codes = kb.codes
    assert codes.body_site("buttock_center", "left") == codes.body_site("buttock_upper", "right")
    assert getattr(codes.body_site("buttock_center", "left"), "code", None) == "46862004"
    assert getattr(codes.body_site("thigh_posterior", "right"), "code", None) == "11207009"
    assert getattr(codes.body_site("thigh_anterior", "left"), "code", None) == "61396006"
    assert codes.carries_side("thigh_lateral") and not codes.carries_side("buttock_center")
    assert not codes.carries_side("iliac_crest")  # no code: the export's BodyStructure says it
    assert getattr(codes.body_site("lumbar", "left"), "code", None) == "1017210004"
    assert getattr(codes.body_site("lumbar", "right"), "code", None) == "1017211000"
    assert getattr(codes.body_site("sacrum", "midline"), "code", None) == "54735007"
    assert getattr(codes.body_site("groin", "left"), "code", None) == "85119005"
    assert getattr(codes.body_site("groin", "right"), "code", None) == "37117007"
    assert codes.body_site("iliac_crest", "left") is None  # no code was checked: words only
    assert codes.body_site("lumbar", "") is None  # a sided region given no side


def test_every_code_names_a_region_and_cites_a_source(kb: KnowledgeBase) -> None:
    for entry in kb.codes.body_sites:
        assert entry.id in kb.regions
        assert all(source in kb.sources for source in entry.sources)
    assert all(source in kb.sources for source in kb.codes.laterality.sources)


def test_left_and_right_are_the_snomed_qualifiers(kb: KnowledgeBase) -> None:
    laterality = kb.codes.laterality
    assert (laterality.left.code, laterality.left.display) == ("7771000", "Left")
    assert (laterality.right.code, laterality.right.display) == ("24028007", "Right")
    assert laterality.of("midline") is None


def test_the_qualifiers_need_a_source(content_copy: Path) -> None:
    edit_codes(content_copy, lambda d: d["laterality"].update(sources=["a_blog"]))
    with pytest.raises(ContentError, match=r"code 'laterality': sources names unknown source"):
        load_knowledge_base(content_copy)


def test_a_code_for_an_unknown_region_is_refused(content_copy: Path) -> None:
    edit_codes(content_copy, lambda d: site(d, "heel").update(id="hele"))
    with pytest.raises(ContentError, match=r"clinical_codes\.yaml: body site 'hele': id"):
        load_knowledge_base(content_copy)


def test_codes_per_side_on_the_midline_are_refused(content_copy: Path) -> None:
    def per_side(document: dict[str, Any]) -> None:
        entry = site(document, "sacrum")
        code = entry.pop("snomed")
        entry.update(left=code, right=code)

    edit_codes(content_copy, per_side)
    with pytest.raises(ContentError, match=r"body site 'sacrum': a midline region"):
        load_knowledge_base(content_copy)


@pytest.mark.parametrize("code", ["4686200", "46862014", "12", "46862004x"])
def test_a_code_that_is_not_a_snomed_concept_id_is_refused(content_copy: Path, code: str) -> None:
    edit_codes(content_copy, lambda d: site(d, "heel")["snomed"].update(code=code))
    with pytest.raises(ContentError, match=r"clinical_codes\.yaml: body_sites\.'heel'\.snomed"):
        load_knowledge_base(content_copy)


def test_a_code_needs_a_source(content_copy: Path) -> None:
    edit_codes(content_copy, lambda d: site(d, "heel").update(sources=["a_blog"]))
    with pytest.raises(ContentError, match=r"body site 'heel': sources names unknown source"):
        load_knowledge_base(content_copy)


@pytest.mark.parametrize(
    ("code", "ok"), [("46862004", True), ("46862005", False), ("344001", True), ("68367000", True)]
)
def test_a_snomed_id_with_a_wrong_digit_fails_its_check_digit(code: str, ok: bool) -> None:
    from sciatica_coach.content.code_models import verhoeff_ok

    assert verhoeff_ok(code) is ok


@pytest.mark.parametrize(
    ("code", "ok"), [("72514-3", True), ("72514-4", False), ("2345-7", True), ("8480-6", True)]
)
def test_a_loinc_code_with_a_wrong_digit_fails_its_check_digit(code: str, ok: bool) -> None:
    from sciatica_coach.content.code_models import loinc_ok

    assert loinc_ok(code) is ok
