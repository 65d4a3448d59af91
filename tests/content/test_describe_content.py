"""describe.yaml: validated on load, every id checked against the rest of the content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from sciatica_coach.content import ContentError, KnowledgeBase, load_knowledge_base
from sciatica_coach.domain.describe.text import words
from sciatica_coach.domain.matching import FEELINGS


def change(directory: Path, how: Callable[[dict[str, Any]], None]) -> None:
    path = directory / "describe.yaml"
    data = yaml.safe_load(path.read_text())
    how(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_it_loads_the_describe_words(kb: KnowledgeBase) -> None:
    assert kb.describe.questions
    assert {f.feeling for f in kb.describe.feelings} == set(FEELINGS)


def test_every_clinical_phrase_group_names_a_source(kb: KnowledgeBase) -> None:
    for q in kb.describe.questions:
        assert q.sources and all(s in kb.sources for s in q.sources)


def test_every_red_flag_question_has_words(kb: KnowledgeBase) -> None:
    red = {
        q.id
        for q in kb.screening.questions
        if q.kind == "yes_no" and q.rule.level in ("emergency", "urgent")
    }
    assert red <= {q.question for q in kb.describe.questions}


def test_no_phrase_is_empty_once_read(kb: KnowledgeBase) -> None:
    content = kb.describe
    for q in content.questions:
        for phrase in q.present + q.not_sure + q.denied + q.mentions:
            assert words(phrase), phrase


@pytest.mark.parametrize(
    ("how", "message"),
    [
        (lambda d: d["places"][0]["regions"].append("elbow"), "unknown region 'elbow'"),
        (lambda d: d["questions"][0].update(question="hay_fever"), "'hay_fever' is not a yes/no"),
        (lambda d: d["questions"][0].update(question="pain_now"), "'pain_now' is not a yes/no"),
        (lambda d: d["questions"][0].update(sources=["wikipedia"]), "unknown source 'wikipedia'"),
        (lambda d: d["questions"][4]["becomes"][0].update(question="both"), "'both' is not a"),
        (lambda d: d["numbers"][0].update(question="age_99"), "'age_99' is not a yes/no"),
        (lambda d: d["paths"][0].append("wing"), "unknown region 'wing'"),
        (lambda d: d["feelings"][0].update(feeling="itchy"), "Input should be 'ache'"),
        (lambda d: d["context"][0].update(category="MAYBE"), "context.'0'.category"),
        (
            lambda d: d["context"].append(
                {"literal": "no", "category": "NEGATED_EXISTENCE", "direction": "TERMINATE"}
            ),
            "direction",
        ),
        (lambda d: d["sides"].pop("both"), "sides.both: Field required"),
        (lambda d: d["questions"].append(dict(d["questions"][0])), "defined twice"),
        (lambda d: d["places"][0]["words"].append("Lower Back!"), "places.'0'.words"),
        (
            lambda d: d["questions"][0]["near"][0]["words"].append("@no_such_class"),
            "no word class 'no_such_class'",
        ),
        (lambda d: d["classes"].update({"Bad Name": ["numb"]}), "classes"),
    ],
)
def test_it_rejects_bad_describe_content(
    content_copy: Path, how: Callable[[dict[str, Any]], None], message: str
) -> None:
    change(content_copy, how)
    with pytest.raises(ContentError, match=r"describe\.yaml") as raised:
        load_knowledge_base(content_copy)
    assert message in str(raised.value)


def test_every_listed_spelling_fixes_to_a_word_the_lexicon_reads(kb: KnowledgeBase) -> None:
    from sciatica_coach.coach.describe_lexicon import lexicon

    lex = lexicon(kb)
    for wrong, right in kb.describe.spellings.items():
        assert lex.correct(words(wrong)[0]) == words(right)[0]
        assert words(right)[0] in lex.known, right


COLLAPSES_OK = {
    "fever", "shakes", "temperature", "slipped", "fall", "landed", "spread", "spreading",
    "replaced", "remission", "immunosuppressants", "biologics", "steroids",
}  # fmt: skip


def test_no_question_phrase_collapses_to_a_vague_word(kb: KnowledgeBase) -> None:
    """Fillers ("my", "on", "the") are skipped when matching, so "my cancer" would read as
    any "cancer": a phrase that loses all but one word must keep a specific one."""
    fillers = {w for f in kb.describe.fillers for w in words(f)}
    vague = []
    for q in kb.describe.questions:
        for phrase in q.present + q.not_sure + q.denied + q.mentions:
            kept = [w for w in words(phrase) if w not in fillers]
            if len(words(phrase)) > 1 and len(kept) == 1 and kept[0] not in COLLAPSES_OK:
                vague.append(f"{q.question}: {phrase!r} reads as {kept[0]!r}")
    assert not vague, vague


def test_every_word_class_is_used_and_reads_as_words(kb: KnowledgeBase) -> None:
    content = kb.describe
    used = {
        term[1:]
        for q in content.questions
        for pair in q.near
        for term in pair.words + pair.near
        if term.startswith("@")
    }
    assert used == set(content.classes)
    for name, phrases in content.classes.items():
        assert all(words(p) for p in phrases), name


def test_a_class_reference_reads_as_its_phrases(kb: KnowledgeBase) -> None:
    content = kb.describe
    assert content.terms(["@saddle", "wipe"]) == [*content.classes["saddle"], "wipe"]


CLASS_COLLAPSES_OK = {
    "bits", "paper", "loo", "toilet", "flow", "spurts", "urge", "knocked", "shakes", "size",
    "gents", "ladies", "pad", "swimming", "night", "bed", "bedtime", "wakes", "remission",
}  # fmt: skip


def test_no_class_phrase_collapses_to_a_vague_word(kb: KnowledgeBase) -> None:
    """As for question phrases: "with it" would read as any "with", "in my sleep" as any
    "sleep"."""
    fillers = {w for f in kb.describe.fillers for w in words(f)}
    vague = []
    for name, phrases in kb.describe.classes.items():
        for phrase in phrases:
            kept = [w for w in words(phrase) if w not in fillers]
            if len(words(phrase)) > 1 and len(kept) == 1 and kept[0] not in CLASS_COLLAPSES_OK:
                vague.append(f"{name}: {phrase!r} reads as {kept[0]!r}")
    assert not vague, vague
