"""``sciatica-coach match`` and ``map`` as a person and a script would use them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import Cli

SVG = "{http://www.w3.org/2000/svg}"


def test_it_ranks_muscles_as_json(cli: Cli) -> None:
    data = cli.json(
        "match",
        "--where",
        "left:buttock_center,left:sacroiliac,left:hip_lateral",
        "--feels",
        "ache",
    )
    first = data["matches"][0]
    assert (first["muscle"], first["side"], first["score"]) == ("piriformis", "left", 1.0)
    assert set(first["covered"]) == {"left:buttock_center", "left:sacroiliac", "left:hip_lateral"}
    assert first["uncovered"] == []
    scores = [m["score"] for m in data["matches"]]
    assert all(0 <= s <= 1 for s in scores)
    assert [n["id"] for n in data["notes"]] == ["not_a_diagnosis"]


def test_it_explains_each_match_in_text(cli: Cli) -> None:
    result = cli("match", "--where", "right:thigh_posterior,right:knee_posterior")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "1. Hamstrings (right)" in out
    assert "Where to find the spots" in out
    assert "sciatica-coach muscle hamstrings" in out


def test_it_notes_nerve_like_feelings(cli: Cli) -> None:
    data = cli.json("match", "--where", "left:calf_posterior,left:foot_sole", "--feels", "burning")
    assert {"nerve_signs", "below_knee"} <= {n["id"] for n in data["notes"]}


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("left:elbow", "sciatica-coach regions"),
        ("up:buttock_center", "say which side"),
        ("", "mark at least one place"),
    ],
)
def test_it_rejects_bad_regions_with_exit_code_2(cli: Cli, where: str, message: str) -> None:
    result = cli("match", "--where", where)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


def test_it_rejects_an_unknown_feeling(cli: Cli) -> None:
    result = cli("match", "--where", "left:heel", "--feels", "itchy")
    assert result.exit_code == 2
    assert "tingling" in result.stderr


def regions_by_class(path: Path, css_class: str) -> set[str]:
    root = ET.parse(path).getroot()
    return {
        el.attrib["data-region"]
        for el in root.iter()
        if "data-region" in el.attrib and css_class in el.attrib.get("class", "").split()
    }


def test_it_draws_the_marked_regions(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "pain.svg"
    result = cli("map", "--where", "left:buttock_center,sacrum", "--out", str(out))
    assert result.exit_code == 0
    assert regions_by_class(out, "marked") == {"left:buttock_center", "midline:sacrum"}


def test_it_draws_a_muscles_pattern_and_trigger_points(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "piriformis.svg"
    result = cli(
        "map", "--where", "right:buttock_center", "--muscle", "piriformis", "--out", str(out)
    )
    assert result.exit_code == 0
    assert regions_by_class(out, "essential") == {
        "right:sacroiliac",
        "right:buttock_center",
        "right:hip_lateral",
    }
    assert regions_by_class(out, "spillover") == {"right:buttock_lower", "right:thigh_posterior"}
    root = ET.parse(out).getroot()
    spots = [el for el in root.iter() if "spot" in el.attrib.get("class", "").split()]
    assert spots


def test_it_draws_a_chosen_side(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "soleus.svg"
    assert cli("map", "--muscle", "soleus", "--side", "right", "--out", str(out)).exit_code == 0
    assert regions_by_class(out, "essential") == {"right:heel", "right:calf_posterior"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--muscle", "pirifomis"], "Did you mean: piriformis"),
        (["--muscle", "soleus", "--side", "middle"], "--side must be left or right"),
    ],
)
def test_it_rejects_bad_map_options(
    cli: Cli, tmp_path: Path, args: list[str], message: str
) -> None:
    result = cli("map", *args, "--out", str(tmp_path / "x.svg"))
    assert result.exit_code == 2
    assert message in result.stderr


def test_it_reports_an_unwritable_output(cli: Cli, tmp_path: Path) -> None:
    result = cli("map", "--where", "left:heel", "--out", str(tmp_path / "no" / "such" / "x.svg"))
    assert result.exit_code == 2
    assert "could not write" in result.stderr


def test_match_json_is_valid_json(cli: Cli) -> None:
    result = cli("match", "--where", "sacrum", "--json")
    assert json.loads(result.stdout)["matches"]


def test_map_writes_png_svg_or_standard_output(cli: Cli, tmp_path: Path) -> None:
    from PIL import Image

    png = tmp_path / "map.png"
    assert cli("map", "--where", "left:heel", "--out", str(png)).exit_code == 0
    with Image.open(png) as image:
        assert image.format == "PNG" and image.width > 500
    assert oct(png.stat().st_mode & 0o777) == "0o600"
    shown = cli("map", "--where", "left:heel", "--out", "-")
    assert shown.exit_code == 0 and shown.stdout.startswith("<svg")
    assert not (Path.cwd() / "-").exists()
    refused = cli("map", "--where", "left:heel", "--out", str(tmp_path / "map.jpg"))
    assert refused.exit_code == 2 and ".svg or .png" in refused.stderr
