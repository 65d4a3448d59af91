"""Defaults for plans: checked when set, checked again when read, kept privately."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sciatica_coach.coach import preferences
from sciatica_coach.coach.errors import Invalid
from sciatica_coach.content import KnowledgeBase


@pytest.fixture(autouse=True)
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SCIATICA_COACH_HOME", str(tmp_path))
    return tmp_path


def test_nothing_set_gives_the_built_in_defaults(kb: KnowledgeBase) -> None:
    assert preferences.plan_defaults(kb) == preferences.PlanDefaults((), 15, "new")


def test_defaults_are_read_forgivingly_and_kept_privately(
    kb: KnowledgeBase, own_home: Path
) -> None:
    assert preferences.set_default(kb, "tools", "Tennis-Ball, foam roller") == (
        "tennis_ball", "foam_roller",
    )  # fmt: skip
    preferences.set_default(kb, "minutes", " 25 ")
    preferences.set_default(kb, "experience", "Experienced")
    assert preferences.plan_defaults(kb) == preferences.PlanDefaults(
        ("tennis_ball", "foam_roller"), 25, "experienced"
    )
    kept = own_home / "config.json"
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    preferences.unset_default("minutes")
    assert preferences.plan_defaults(kb).minutes == 15


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("minutes", "500", "between"),
        ("minutes", "ten", "between"),
        ("experience", "expert", "new, experienced"),
        ("tools", "hammer", "Unknown tool"),
        ("colour", "red", "tools, minutes, experience"),
    ],
)
def test_a_value_that_will_not_do_is_refused(
    kb: KnowledgeBase, key: str, value: str, said: str
) -> None:
    with pytest.raises(Invalid) as refused:
        preferences.set_default(kb, key, value)
    assert said in refused.value.problems[0][1]


def test_a_default_that_no_longer_fits_is_left_out(kb: KnowledgeBase, own_home: Path) -> None:
    (own_home / "config.json").write_text(
        json.dumps({"tools": ["a_tool_since_removed"], "minutes": 20}), encoding="utf-8"
    )
    assert preferences.plan_defaults(kb) == preferences.PlanDefaults((), 20, "new")


def test_the_country_is_chosen_by_code_or_name_and_gives_its_number(kb: KnowledgeBase) -> None:
    from tests.coach.fakes import FakeJournal

    journal = FakeJournal()
    assert preferences.emergency_number(kb, journal) is None
    chosen = preferences.set_country(kb, journal, "  new   ZEALAND ")
    assert (chosen.country, chosen.number) == ("NZ", "111")
    assert preferences.emergency_number(kb, journal) == chosen
    assert preferences.set_country(kb, journal, "gb").number == "999"
    with pytest.raises(Invalid) as refused:
        preferences.set_country(kb, journal, "Atlantis")
    assert "US (United States)" in refused.value.problems[0][1]
    assert journal.country() == "GB"  # a refused choice changes nothing
    preferences.unset_country(journal)
    assert preferences.emergency_number(kb, journal) is None
    journal.set_country("ZZ")  # a country the content no longer lists: no number, no guess
    assert preferences.emergency_number(kb, journal) is None
