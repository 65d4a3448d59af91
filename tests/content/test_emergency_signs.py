"""One list of emergency signs, in one wording, with its sources (clinical review I11); and
the emergency numbers by country, each from an official page."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.content.emergency_models import EmergencyNumbers
from sciatica_coach.content.loader import CONTENT_DIR
from sciatica_coach.content.models import WarningSign
from sciatica_coach.domain.screening import safety_net

from .prose import all_prose

THE_LIST = "warning_signs.yaml"

SIGN_WORDS = {
    "saddle": r"genitals|inner thighs|around (your|the) bottom",
    "bladder_bowel": r"\bpee|bladder|\bpoo|bowel",
    "sex": r"\bsex\b|erection",
    "both_legs": r"both legs",
    "weakness_worse": r"weak\w* [^.]*(getting|gets) worse",
    "belly_artery": r"throbbing belly|aneurysm",
    "breath_chest": r"short(ness)? of breath|chest pain",
    "big_accident": r"big accident|car crash|fall from a height",
}
"""Words that name each emergency sign, to find the list said again in other words."""
RESTATED = 4
"""A text naming this many emergency signs or more copies the list. Naming one to three in
context is fine: a question asks about one, a warning after a session names those its map
shows."""


def test_there_is_one_list_of_emergency_signs_with_sources(kb: KnowledgeBase) -> None:
    (emergency,) = [w for w in kb.warning_signs.values() if w.kind == "emergency"]
    assert kb.emergency_signs == emergency.signs
    assert len(kb.emergency_signs) >= 8
    for sign in kb.emergency_signs:
        assert sign.sources and all(s in kb.sources for s in sign.sources), sign.id
    assert not [w.id for w in kb.warning_signs.values() if w.kind != "emergency" and w.signs]


def test_the_list_names_every_sign_the_review_asked_for(kb: KnowledgeBase) -> None:
    """I11: Learn lacked genital or sex changes, foot drop, a clot or breathlessness, and
    major trauma; now there is one list, so Learn has them all."""
    text = " ".join(s.text for s in kb.emergency_signs).lower()
    for words in (
        "genitals",
        "sex",
        "weakness in a leg or foot",
        "shortness of breath",
        "accident",
    ):
        assert words in text


def test_no_content_file_writes_the_signs_out_again(kb: KnowledgeBase) -> None:
    files = {path.name: path.read_text(encoding="utf-8") for path in CONTENT_DIR.glob("*.yaml")}
    for sign in kb.emergency_signs:
        found = {name: text.count(sign.text) for name, text in files.items() if sign.text in text}
        assert found == {THE_LIST: 1}, (sign.id, found)
    screening = yaml.safe_load(files["screening.yaml"])
    assert "signs" not in screening["safety_net"]  # the safety net shows the one list


def test_no_text_restates_the_list_in_other_words(kb: KnowledgeBase) -> None:
    own = {f"warning_signs:emergency_signs.signs[{i}].text" for i in range(len(kb.emergency_signs))}
    copies = []
    for where, text in all_prose(kb):
        named = [sign for sign, words in SIGN_WORDS.items() if re.search(words, text.lower())]
        if where not in own and len(named) >= RESTATED:
            copies.append(f"{where}: {named}: {text}")
    assert not copies, "say 'the emergency signs' and show the one list instead:\n" + "\n".join(
        copies
    )


def test_the_words_finder_would_notice_a_copy(kb: KnowledgeBase) -> None:
    copied = " ".join(s.text for s in kb.emergency_signs).lower()
    named = [sign for sign, words in SIGN_WORDS.items() if re.search(words, copied)]
    assert len(named) == len(SIGN_WORDS)


def test_the_safety_net_and_the_when_to_stop_topic_show_the_list(kb: KnowledgeBase) -> None:
    assert safety_net(kb).signs == tuple(s.text for s in kb.emergency_signs)
    topic = kb.topics["when_to_stop"]
    assert topic.emergency_signs
    assert not any("bottom or genitals" in text for text in (*topic.body, *topic.key_points))


def test_only_the_emergency_sign_lists_signs() -> None:
    base = {
        "id": "x",
        "name": "A sign",
        "description": "Some words here.",
        "what_to_do": "Do this now.",
        "sources": ["guide"],
    }
    listed = [{"id": "a", "text": "A sign to act on.", "sources": ["guide"]}]
    with pytest.raises(ValidationError, match="only it, lists its signs"):
        WarningSign.model_validate({**base, "kind": "emergency"})
    with pytest.raises(ValidationError, match="only it, lists its signs"):
        WarningSign.model_validate({**base, "kind": "stop_now", "signs": listed})
    with pytest.raises(ValidationError, match="used twice"):
        WarningSign.model_validate({**base, "kind": "emergency", "signs": listed * 2})


# --- the emergency numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "number"),
    [("GB", "999"), ("US", "911"), ("CA", "911"), ("AU", "000"), ("NZ", "111"), ("IN", "112")],
)
def test_the_numbers_of_the_named_countries(kb: KnowledgeBase, country: str, number: str) -> None:
    found = {n.country: n.number for n in kb.emergency_numbers.numbers}
    assert found[country] == number


EU_MEMBERS = {
    *("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"),
    *("IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"),
}


def test_every_eu_member_has_112_from_the_european_commission(kb: KnowledgeBase) -> None:
    numbers = {n.country: n for n in kb.emergency_numbers.numbers}
    assert set(numbers) >= EU_MEMBERS
    for country in EU_MEMBERS:
        assert numbers[country].number == "112"
        source = kb.emergency_numbers.source_of(numbers[country])
        assert source.authors == "European Commission" and source.url


def test_every_number_names_an_official_page(kb: KnowledgeBase) -> None:
    official = (".gov", ".gov.uk", ".gc.ca", ".govt.nz", ".gov.in", ".gov.au", "europa.eu")
    for number in kb.emergency_numbers.numbers:
        source = kb.emergency_numbers.source_of(number)
        host = (source.url or "").split("/")[2]
        assert source.url and source.url.startswith("https://"), number.country
        assert any(host.endswith(end) or end in host for end in official), (number.country, host)


def numbers_file() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(
        (CONTENT_DIR / "emergency_numbers.yaml").read_text(encoding="utf-8")
    )
    return loaded


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: d["numbers"].append(dict(d["numbers"][0])), "listed twice"),
        (lambda d: d["numbers"][0].update(source="nowhere"), "not listed under sources"),
        (lambda d: d["numbers"][0].update(number="99a"), "String should match"),
        (lambda d: d["numbers"][0].update(country="gb"), "String should match"),
        (lambda d: d["numbers"].reverse(), "order of their names"),
        (lambda d: d["sources"][0].pop("url"), "url"),
    ],
)
def test_a_wrong_numbers_file_is_refused(change: Any, said: str) -> None:
    data = numbers_file()
    change(data)
    with pytest.raises(ValidationError, match=said):
        EmergencyNumbers.model_validate(data)
