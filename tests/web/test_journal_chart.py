"""The journal's progress chart fits its column (issue 25): the page's figure and picture,
the CSS that makes the image fill the column, and the served SVGs' geometry (everything
inside the viewBox, no point cut at an edge, text at least 11 CSS px in its column)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import sciatica_coach.web
from tests.exports.svg_geometry import Chart

from .conftest import FakeClock, plan, play, screen, started_session

CSS = (Path(sciatica_coach.web.__file__).parent / "static" / "app.css").read_text(encoding="utf-8")
COLUMN = {"narrow": 358.0, "wide": 685.0}
"""CSS px: the column on a 390 px phone, and the narrowest that shows the wide chart."""


def rule(selector: str) -> dict[str, str]:
    """The declarations of the top-level rule for exactly ``selector``."""
    found = re.search(rf"(?m)^{re.escape(selector)}\s*\{{([^}}]*)\}}", CSS)
    assert found, selector
    return {
        name.strip(): value.strip()
        for name, value in (d.split(":", 1) for d in found.group(1).split(";") if ":" in d)
    }


def some_weeks(client: TestClient, clock: FakeClock) -> None:
    """Three weeks: pain every day (0 on the last), a PEG a week, a session on the last day
    from 9 down to 2."""
    for day in range(21):
        now = 0 if day == 20 else 7 - day // 4
        assert client.post("/api/journal/pain", json={"now": now}).status_code == 201
        if day % 7 == 0:
            peg = {"pain": 7, "enjoyment": 6, "activity": 5 - day // 7}
            assert client.post("/api/journal/peg", json=peg).status_code == 201
        if day < 20:
            clock.advance(days=1)
    screen(client)
    session_id = started_session(client, plan(client)["id"], pain_before=9)
    play(client, session_id, ["good"] * 6)
    finished = client.post(f"/api/sessions/{session_id}/finish", json={"pain_after": 2})
    assert finished.status_code == 200, finished.text


def test_the_chart_image_fills_its_column() -> None:
    assert rule(".chart img")["width"] == "100%"
    assert rule(".chart img")["height"] == "auto"
    assert rule(".chart img")["display"] == "block"
    assert rule(".chart")["margin"].split()[1] == "0"  # not a figure's 40px at each side


def test_the_page_offers_each_chart_at_its_own_shape(client: TestClient, clock: FakeClock) -> None:
    some_weeks(client, clock)
    page = client.get("/journal").text
    figure = page.split('<figure class="chart">')[1].split("</figure>")[0]
    source = re.search(
        r'<source media="\(max-width: 720px\)" srcset="([^"]+)" width="(\d+)" height="(\d+)"',
        figure,
    )
    image = re.search(r'<img src="([^"]+)" width="(\d+)" height="(\d+)"', figure)
    assert source and image
    for size, (url, width, height) in (("narrow", source.groups()), ("wide", image.groups())):
        svg = client.get(url.replace("&amp;", "&"))
        assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
        chart = Chart(svg.text)
        box = chart.viewbox
        # the width and height the page gives are the viewBox's shape: no jump when it loads
        assert int(width) / int(height) == pytest.approx(box.right / box.bottom, rel=0.01)
        assert ("size=narrow" in url) == (size == "narrow")


@pytest.mark.parametrize("size", ["narrow", "wide"])
def test_the_served_chart_fits(client: TestClient, clock: FakeClock, size: str) -> None:
    some_weeks(client, clock)
    svg = client.get("/journal/chart.svg", params={"size": size})
    chart = Chart(svg.text)
    assert "Pain before and after a session" in {t.text for t in chart.texts}
    assert chart.outside_the_viewbox() == []
    assert chart.cut_by_the_frame() == []
    sizes = {t.text: chart.css_px(t.size, COLUMN[size]) for t in chart.texts}
    assert min(sizes.values()) >= 11, sorted(sizes.items(), key=lambda kv: kv[1])[:3]
