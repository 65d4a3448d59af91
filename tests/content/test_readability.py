"""Patient-facing text reads at school grade 8 or below, and is not copied from the guide."""

from __future__ import annotations

import pytest

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.loader import CONTENT_DIR

from .prose import GUIDE, MAX_GRADE, MODEL_BY_FILE, copied_run, grade, guide_shingles, iter_prose

CATALOGS = {
    "regions.yaml": "regions",
    "muscles.yaml": "muscles",
    "techniques.yaml": "techniques",
    "tools.yaml": "tools",
    "exercises.yaml": "exercises",
    "habits.yaml": "habits",
    "warning_signs.yaml": "warning_signs",
    "professionals.yaml": "professionals",
    "topics.yaml": "topics",
    "faq.yaml": "faq",
    "match_notes.yaml": "match_notes",
    "poses.yaml": "poses",
    "muscle_outlines.yaml": "muscle_outlines",
    "never_press.yaml": "never_press",
}


# Files that hold one object rather than a list: file -> KnowledgeBase attribute.
DOCUMENTS = {
    "screening.yaml": "screening",
    "routine.yaml": "routine",
    "peg.yaml": "peg",
    "clinical_codes.yaml": "codes",
    "emergency_numbers.yaml": "emergency_numbers",
    "describe.yaml": "describe",
}


def test_it_checks_every_content_file() -> None:
    on_disk = {p.name for p in CONTENT_DIR.glob("*.yaml")}
    assert on_disk - {"sources.yaml"} <= set(CATALOGS) | set(DOCUMENTS), (
        "add new content files to CATALOGS or DOCUMENTS"
    )
    assert set(CATALOGS) <= set(MODEL_BY_FILE)


@pytest.mark.parametrize("file", list(CATALOGS))
def test_it_reads_at_grade_8_or_below(kb: KnowledgeBase, file: str) -> None:
    too_hard = [
        f"{where} (grade {score:.1f}): {text}"
        for item in getattr(kb, CATALOGS[file]).values()
        for where, text in iter_prose(item, f"{file}:{item.id}")
        if (score := grade(text)) > MAX_GRADE
    ]
    assert not too_hard, "these fields read above grade 8:\n" + "\n".join(too_hard)


@pytest.mark.parametrize("file", list(DOCUMENTS))
def test_each_document_reads_at_grade_8_or_below(kb: KnowledgeBase, file: str) -> None:
    too_hard = [
        f"{where} (grade {score:.1f}): {text}"
        for where, text in iter_prose(getattr(kb, DOCUMENTS[file]), file)
        if (score := grade(text)) > MAX_GRADE
    ]
    assert not too_hard, "these fields read above grade 8:\n" + "\n".join(too_hard)


def test_it_finds_prose_fields_inside_nested_models(kb: KnowledgeBase) -> None:
    fields = [where for where, _ in iter_prose(kb.muscles["piriformis"], "m")]
    assert "m.summary" in fields
    assert "m.referral.description" in fields
    assert "m.trigger_points[0].where" in fields
    assert "m.landmarks[0]" in fields
    assert "m.name" not in fields


def test_it_flags_a_hard_sentence() -> None:
    dense = (
        "Myofascial nociceptive sensitization perpetuates interdependent neuromuscular "
        "dysfunction throughout the lumbopelvic musculature."
    )
    assert grade(dense) > MAX_GRADE


@pytest.mark.skipif(not GUIDE.exists(), reason="the reference guide is not beside this checkout")
@pytest.mark.parametrize("file", list(CATALOGS))
def test_it_does_not_copy_the_guide_word_for_word(kb: KnowledgeBase, file: str) -> None:
    shingles = guide_shingles()
    assert shingles, "the guide was found but no text was read from it"
    copied = [
        f"{where}: '{run}'"
        for item in getattr(kb, CATALOGS[file]).values()
        for where, text in iter_prose(item, f"{file}:{item.id}")
        if (run := copied_run(text, shingles))
    ]
    assert not copied, "these fields repeat 9+ words of the guide:\n" + "\n".join(copied)


@pytest.mark.skipif(not GUIDE.exists(), reason="the reference guide is not beside this checkout")
@pytest.mark.parametrize("file", list(DOCUMENTS))
def test_no_document_copies_the_guide_word_for_word(kb: KnowledgeBase, file: str) -> None:
    shingles = guide_shingles()
    copied = [
        f"{where}: '{run}'"
        for where, text in iter_prose(getattr(kb, DOCUMENTS[file]), file)
        if (run := copied_run(text, shingles))
    ]
    assert not copied, "these fields repeat 9+ words of the guide:\n" + "\n".join(copied)
