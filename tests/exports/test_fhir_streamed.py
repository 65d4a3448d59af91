"""The FHIR bundle written as the journal is read: the very bytes of the bundle made from the
whole journal at once, in several pieces, telling how far it has got; a journal ten times
longer takes no more memory to write; and what makes it fast (a resource validated whole once
per shape, a step read once, an id made without a ``UUID`` object) changes nothing it says."""

from __future__ import annotations

import uuid
from datetime import timedelta

import orjson
import pytest
from pydantic import ValidationError

from sciatica_coach.coach.clinical_export import fhir_records, streamed_fhir_records
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.exports import fhir_bundle, fhir_parts
from sciatica_coach.exports.fhir_bundle import fhir_chunks, fhir_export, journal_bundle
from sciatica_coach.exports.fhir_parts import resource, uuid5

from ..coach.fakes import FakeJournal
from ..coach.journal_days import NOW, two_weeks
from ..storage.test_export_batches import peak_while_writing
from .safety_days import NOW as SAFETY_NOW
from .safety_days import safety_days


@pytest.fixture(scope="module")
def journal(kb: KnowledgeBase) -> FakeJournal:
    journal = two_weeks(kb)
    journal.add_pain(
        NOW - timedelta(hours=2),
        5,
        regions=[{"key": "left:calf_posterior", "intensity": 5, "kind": "ache"}],
        note="after the stairs",
    )
    return journal


@pytest.fixture
def few_entries_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries handed on 3 at a time, so the bundle is written in many pieces."""
    monkeypatch.setattr(fhir_bundle, "ENTRIES_AT_ONCE", 3)


def test_it_writes_the_bytes_of_the_bundle_made_whole(
    kb: KnowledgeBase, journal: FakeJournal, few_entries_at_once: None
) -> None:
    whole = journal_bundle(fhir_records(kb, journal, None, NOW, "Ann Smith"))
    chunks = list(fhir_chunks(kb, journal, None, NOW, "Ann Smith"))
    assert len(chunks) > 10  # written as it is made
    assert b"".join(chunks) == whole
    assert fhir_export(kb, journal, None, NOW, "Ann Smith") == whole
    # the pieces joined are what orjson makes of the whole structure: compact, one line
    assert whole == orjson.dumps(orjson.loads(whole)) + b"\n"


def test_the_safety_log_streams_the_same_too(kb: KnowledgeBase, few_entries_at_once: None) -> None:
    journal = safety_days(kb)
    whole = journal_bundle(fhir_records(kb, journal, None, SAFETY_NOW))
    assert b"".join(fhir_chunks(kb, journal, None, SAFETY_NOW)) == whole


def test_read_as_it_is_written_it_knows_what_the_whole_journal_says(
    kb: KnowledgeBase, journal: FakeJournal
) -> None:
    whole = fhir_records(kb, journal, None, NOW)
    with streamed_fhir_records(kb, journal, None, NOW) as streamed:
        assert streamed.person == whole.person
        assert streamed.check_pain == whole.check_pain
        assert streamed.map_sessions == whole.map_sessions and whole.map_sessions
        assert streamed.safety == whole.safety
        assert tuple(streamed.sessions) == whole.sessions
        assert tuple(streamed.pain_maps) == whole.pain_maps


def test_an_empty_journal_is_a_bundle_of_the_person_and_the_questionnaire(
    kb: KnowledgeBase,
) -> None:
    data = orjson.loads(fhir_export(kb, FakeJournal(), None, NOW))
    kinds = [entry["resource"]["resourceType"] for entry in data["entry"]]
    assert kinds == ["Patient", "Questionnaire"]


def test_a_name_that_is_not_plain_text_is_refused_before_anything_is_written(
    kb: KnowledgeBase, journal: FakeJournal
) -> None:
    chunks = fhir_chunks(kb, journal, None, NOW, "Ann\x1b[2J")
    with pytest.raises(Invalid):
        next(chunks)


def test_it_tells_how_far_it_has_got(
    kb: KnowledgeBase, journal: FakeJournal, few_entries_at_once: None
) -> None:
    told: list[tuple[str, int]] = []
    for _ in fhir_chunks(kb, journal, None, NOW, progress=lambda k, n: told.append((k, n))):
        pass
    pain = [count for kind, count in told if kind == "pain_entries"]
    assert pain == sorted(pain) and pain[-1] <= len(journal.pain_entries())
    kinds = list(dict.fromkeys(kind for kind, _ in told))
    assert kinds[0] == "pain_entries" and "sessions" in kinds


def test_a_longer_journal_takes_no_more_memory_to_write(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fhir_bundle, "ENTRIES_AT_ONCE", 20)
    monkeypatch.setattr(fhir_parts, "PARTS_KEPT", 20)
    journal = FakeJournal()

    def add_pain(count: int) -> None:
        start = len(journal.pain_entries())
        for index in range(start, start + count):
            journal.add_pain(NOW - timedelta(minutes=index), 4, note=f"{index} " + "y" * 1500)

    def text() -> int:
        return sum(len(entry.note or "") for entry in journal.pain_entries())

    add_pain(100)
    peak_while_writing(fhir_chunks(kb, journal, None, NOW))  # warm: the models are built
    small, small_text = peak_while_writing(fhir_chunks(kb, journal, None, NOW)), text()
    add_pain(900)
    large = peak_while_writing(fhir_chunks(kb, journal, None, NOW))
    assert large < 2 * small
    assert large - small < (text() - small_text) / 10  # 1.35 MB more notes: < 135 kB more


OBSERVATION = {
    "status": "final",
    "code": {"text": "Pain score"},
    "effectiveDateTime": "2026-12-01T09:00:00+00:00",
    "valueInteger": 4,
}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "not an id!"),
        ("effectiveDateTime", "2026-13-01T09:00:00+00:00"),
        ("effectiveDateTime", "2026-12-01T09:00:00"),  # a time needs its zone
        ("effectiveDateTime", "2026-12-01T09:00:00+00:00\n"),
        ("effectiveDateTime", ""),
        ("status", ""),
        ("valueInteger", "four"),
        ("valueInteger", 2**40),  # past FHIR's 32 bits
    ],
)
def test_a_resource_shaped_like_one_validated_before_is_still_refused_when_invalid(
    field: str, value: object
) -> None:
    resource("Observation", id="a-valid.id-1", **OBSERVATION)  # the shape, validated whole
    resource("Observation", id="another-id", **OBSERVATION)  # only its id checked
    with pytest.raises(ValidationError):
        resource("Observation", **{"id": "third-id", **OBSERVATION, field: value})


@pytest.mark.parametrize("name", ["session/12", "map/3/0", "ü/ß", "", "check/7/pain_now"])
def test_ids_are_the_uuid5_the_standard_library_makes(name: str) -> None:
    for namespace in (uuid.NAMESPACE_URL, uuid.uuid5(uuid.NAMESPACE_DNS, "example.org")):
        assert uuid5(namespace, name) == str(uuid.uuid5(namespace, name))
