"""The loader rejects broken content with a message naming the file and the item."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sciatica_coach.content import ContentError, KnowledgeBase, load_knowledge_base
from sciatica_coach.content.loader import CONTENT_DIR

from .conftest import Entries, edit


def entry(entries: Entries, item_id: str) -> dict[str, Any]:
    return next(e for e in entries if e["id"] == item_id)


def test_it_loads_the_packaged_content(kb: KnowledgeBase) -> None:
    assert len(kb.muscles) == 10
    assert {"tennis_ball", "lacrosse_ball", "peanut_ball", "foam_roller"} <= set(kb.tools)


def test_it_loads_an_unchanged_copy(content_copy: Path) -> None:
    assert load_knowledge_base(content_copy).muscles.keys() == load_knowledge_base().muscles.keys()


def test_it_rejects_an_unknown_field(content_copy: Path) -> None:
    edit(content_copy, "tools.yaml", lambda e: entry(e, "tennis_ball").update(colour="yellow"))
    with pytest.raises(ContentError, match=r"tools\.yaml: tool 'tennis_ball': colour: Extra"):
        load_knowledge_base(content_copy)


def test_it_rejects_a_missing_field(content_copy: Path) -> None:
    edit(content_copy, "muscles.yaml", lambda e: entry(e, "piriformis").pop("cautions"))
    with pytest.raises(ContentError, match=r"muscles\.yaml: muscle 'piriformis': cautions"):
        load_knowledge_base(content_copy)


def test_it_rejects_a_technique_naming_an_unknown_tool(content_copy: Path) -> None:
    edit(
        content_copy,
        "techniques.yaml",
        lambda e: entry(e, "piriformis_release")["tools"].append("rolling_pin"),
    )
    with pytest.raises(ContentError) as caught:
        load_knowledge_base(content_copy)
    message = str(caught.value)
    assert "techniques.yaml" in message
    assert "piriformis_release" in message
    assert "rolling_pin" in message


def test_it_rejects_a_technique_naming_an_unknown_muscle(content_copy: Path) -> None:
    edit(content_copy, "techniques.yaml", lambda e: entry(e, "ql_release")["muscles"].append("ql"))
    with pytest.raises(ContentError, match=r"techniques\.yaml: technique 'ql_release'.*'ql'"):
        load_knowledge_base(content_copy)


def test_it_rejects_an_unknown_region_in_a_referral_pattern(content_copy: Path) -> None:
    edit(
        content_copy,
        "muscles.yaml",
        lambda e: entry(e, "soleus")["referral"]["essential"].append("big_toe"),
    )
    with pytest.raises(ContentError, match=r"muscles\.yaml: muscle 'soleus'.*'big_toe'"):
        load_knowledge_base(content_copy)


def test_it_rejects_an_unknown_source(content_copy: Path) -> None:
    edit(content_copy, "faq.yaml", lambda e: e[0]["sources"].append("my_blog"))
    with pytest.raises(ContentError, match=r"faq\.yaml: FAQ entry '\w+': sources.*'my_blog'"):
        load_knowledge_base(content_copy)


def test_it_rejects_content_without_a_source(content_copy: Path) -> None:
    edit(content_copy, "exercises.yaml", lambda e: entry(e, "glute_bridge").update(sources=[]))
    with pytest.raises(ContentError, match=r"exercises\.yaml: exercise 'glute_bridge': sources"):
        load_knowledge_base(content_copy)


def test_it_rejects_a_duplicate_id(content_copy: Path) -> None:
    edit(content_copy, "habits.yaml", lambda e: e.append(dict(e[0])))
    with pytest.raises(ContentError, match=r"habits\.yaml: habit '\w+' is defined twice"):
        load_knowledge_base(content_copy)


def test_it_rejects_a_stretch_listed_as_strengthening(content_copy: Path) -> None:
    edit(
        content_copy,
        "muscles.yaml",
        lambda e: entry(e, "hamstrings").update(strengthening=["hamstring_stretch"]),
    )
    with pytest.raises(ContentError, match=r"'hamstrings'.*'hamstring_stretch'.*stretch"):
        load_knowledge_base(content_copy)


def test_it_rejects_a_hold_range_that_is_upside_down(content_copy: Path) -> None:
    edit(
        content_copy,
        "techniques.yaml",
        lambda e: entry(e, "hamstring_release").update(hold_seconds={"min": 60, "max": 20}),
    )
    with pytest.raises(ContentError, match=r"'hamstring_release'.*hold min 60 s"):
        load_knowledge_base(content_copy)


def test_it_rejects_a_missing_file(content_copy: Path) -> None:
    (content_copy / "topics.yaml").unlink()
    with pytest.raises(ContentError, match=r"topics\.yaml: file is missing"):
        load_knowledge_base(content_copy)


def test_it_rejects_a_file_that_is_not_yaml(content_copy: Path) -> None:
    (content_copy / "faq.yaml").write_text("- id: [unclosed\n")
    with pytest.raises(ContentError, match=r"faq\.yaml: not valid YAML"):
        load_knowledge_base(content_copy)


def test_it_rejects_a_technique_that_does_not_list_its_muscle(content_copy: Path) -> None:
    edit(
        content_copy,
        "techniques.yaml",
        lambda e: entry(e, "soleus_release").update(muscles=["hamstrings"]),
    )
    with pytest.raises(ContentError, match=r"muscle 'soleus'.*does not list it"):
        load_knowledge_base(content_copy)


def test_the_fast_yaml_reader_reads_every_file_as_the_pure_python_one() -> None:
    """libyaml's loader (used where PyYAML has it) gives exactly the documents the pure-Python
    safe loader gives, for every content file."""

    from sciatica_coach.content.loader import SafeLoader, parse_yaml

    files = sorted(CONTENT_DIR.glob("*.yaml"))
    assert len(files) >= 15
    for path in files:
        assert parse_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8")), path.name
    assert SafeLoader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def test_no_pressure_is_set_only_by_the_never_press_list(content_copy: Path) -> None:
    edit(content_copy, "regions.yaml", lambda e: entry(e, "heel").update(no_pressure=True))
    with pytest.raises(ContentError, match=r"regions\.yaml: no_pressure is set from never_press"):
        load_knowledge_base(content_copy)


def test_it_rejects_a_muscle_naming_an_unknown_never_press_place(content_copy: Path) -> None:
    edit(content_copy, "muscles.yaml", lambda e: entry(e, "soleus")["never_press"].append("ear"))
    with pytest.raises(ContentError, match=r"muscle 'soleus': never_press.*'ear'"):
        load_knowledge_base(content_copy)


def test_it_rejects_a_position_for_a_tool_the_technique_does_not_use(
    content_copy: Path,
) -> None:
    edit(
        content_copy,
        "techniques.yaml",
        lambda e: entry(e, "ql_release")["positions"].update(massage_gun="Stand."),
    )
    with pytest.raises(ContentError, match=r"'ql_release': positions for tools.*massage_gun"):
        load_knowledge_base(content_copy)


def test_it_rejects_an_exercise_left_out_by_an_unknown_restriction(content_copy: Path) -> None:
    edit(
        content_copy,
        "exercises.yaml",
        lambda e: entry(e, "knees_to_chest")["left_out_with"].append("no_fun"),
    )
    with pytest.raises(ContentError, match=r"'knees_to_chest': left_out_with.*no_fun"):
        load_knowledge_base(content_copy)


def test_a_drawing_presses_only_where_its_muscles_have_a_trigger_point(
    content_copy: Path,
) -> None:
    def move(entries: list[dict[str, object]]) -> None:
        props = entry(entries, "soleus_release")["props"]
        next(p for p in props if p.get("presses"))["presses"] = "groin"

    edit(content_copy, "poses.yaml", move)
    with pytest.raises(ContentError, match=r"pose 'soleus_release'.*presses 'groin'"):
        load_knowledge_base(content_copy)
