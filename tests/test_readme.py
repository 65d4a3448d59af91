"""The README stays true to the product: every public screening id is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from sciatica_coach.content import KnowledgeBase

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_safety_question_is_in_the_readme(kb: KnowledgeBase) -> None:
    missing = [q.id for q in kb.screening.questions if f"`{q.id}`" not in README]
    assert not missing, f"document these questions in the README: {missing}"


@pytest.mark.parametrize("restriction", ["no_massage_gun", "no_hard_ball", "light_pressure_only"])
def test_the_restrictions_are_in_the_readme(restriction: str) -> None:
    assert f"`{restriction}`" in README


def test_the_quick_start_is_exactly_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick.strip().splitlines()]
    assert commands == ["make run", "make test"]


def test_the_install_section_comes_first_and_names_every_extra() -> None:
    from sciatica_coach.extras import EXTRAS

    assert README.index("## Install") < README.index("## Quick start")  # the first section
    install = README.split("## Install", 1)[1].split("\n## ", 1)[0]
    assert "pipx install ." in install
    assert "pipx install sciatica-coach" in install  # from the package index, later
    missing = [extra for extra in [*EXTRAS, "all"] if f"| `{extra}` |" not in install]
    assert not missing, f"document these extras in the README's Install section: {missing}"
    assert "Windows" in install and "MIT" in install
