"""The body map page, its live list of muscles, and the matching API."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import all_region_keys

from .conftest import WHERE, screen


def test_every_place_is_a_labelled_focusable_checkbox(
    client: TestClient, kb: KnowledgeBase
) -> None:
    page = client.get("/map").text
    for key in all_region_keys(kb.regions):
        shape = re.search(rf'<polygon [^>]*data-region="{key}"[^>]*>', page)
        assert shape, key
        assert 'tabindex="0"' in shape.group(0)
        assert 'role="checkbox"' in shape.group(0)
        assert 'aria-label="' in shape.group(0)
        assert f'name="where" value="{key}"' in page  # the same place in the list
    assert "your own left and right" in page
    assert 'role="group"' in page  # a drawing full of controls is not an image


def test_marks_in_the_address_are_shown_and_matched(client: TestClient) -> None:
    query = [("where", w) for w in WHERE] + [("feels", "ache")]
    page = client.get("/map", params=query).text
    assert 'aria-checked="true"' in page
    assert "1. Piriformis (left)" in page or "1. " in page
    assert page.count('class="match"') == 5
    assert "/api/figures/body-map.svg?muscle=" in page
    assert "where=" not in page.split("<main")[1].split("/map/matches")[0].replace("&amp;", "&")
    assert 'name="feels" value="ache" checked' in page


def test_the_live_list_is_an_html_fragment(client: TestClient) -> None:
    fragment = client.get("/map/matches", params=[("where", "left:buttock_center")]).text
    assert "<html" not in fragment
    assert 'class="match"' in fragment
    assert "not a diagnosis" in fragment
    empty = client.get("/map/matches").text
    assert "Mark where you feel the pain" in empty
    bad = client.get("/map/matches", params=[("where", "left:elbow")]).text
    assert "not a place on the body map" in bad


def test_nerve_like_feelings_add_a_note(client: TestClient) -> None:
    fragment = client.get(
        "/map/matches", params=[("where", "left:buttock_center"), ("feels", "burning")]
    ).text
    assert "nerve" in fragment.lower()


def test_saving_the_map_goes_on_to_the_plan(client: TestClient) -> None:
    response = client.post(
        "/map", data={"where": WHERE, "feels": ["ache"], "intensity": "6"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/plan?map=1"
    saved = client.get("/api/journal/pain-maps").json()
    assert saved[0]["where"] == WHERE
    assert saved[0]["moment"] == "before"


def test_a_map_saved_after_a_blocking_check_does_not_lead_to_a_plan(client: TestClient) -> None:
    screen(client, flare=True)
    response = client.post("/map", data={"where": WHERE, "intensity": "6"}, follow_redirects=False)
    assert response.headers["location"] == "/journal"
    assert "Skip massage today" in client.get("/map").text


def test_a_bad_map_comes_back_with_what_was_entered(client: TestClient) -> None:
    response = client.post("/map", data={"where": [], "intensity": "11", "feels": ["ache"]})
    assert response.status_code == 422
    assert "Mark at least one place" in response.text
    assert "not a whole number from 0 to 10" in response.text
    assert 'value="11"' in response.text
    assert 'name="feels" value="ache" checked' in response.text


def test_the_pain_now_from_the_check_fills_in_the_strength(client: TestClient) -> None:
    screen(client, pain_now=4)
    page = client.get("/map").text
    assert re.search(r'id="intensity"[^>]*value="4"', page)
    assert "Filled in from your safety check at" in page


def test_the_match_api(client: TestClient) -> None:
    response = client.post("/api/matches", json={"where": WHERE, "feels": ["tingling"]})
    assert response.status_code == 200
    data = response.json()
    assert data["matches"][0]["score"] >= data["matches"][-1]["score"]
    assert data["matches"][0]["picture_url"].startswith("/api/figures/body-map.svg")
    assert data["targets"]
    assert any(n["id"] == "not_a_diagnosis" for n in data["notes"])


def test_the_match_api_names_bad_fields(client: TestClient) -> None:
    empty = client.post("/api/matches", json={"where": []})
    assert empty.status_code == 422
    assert empty.json()["detail"][0]["loc"] == ["body", "where"]
    bad = client.post("/api/matches", json={"where": ["left:buttock_center", "knee"]})
    assert bad.json()["detail"][0]["loc"] == ["body", "where", 1]
    feels = client.post("/api/matches", json={"where": WHERE, "feels": ["itchy"]})
    assert "not a feeling we know" in feels.json()["detail"][0]["msg"]


def test_a_map_that_contradicts_the_check_says_so_while_it_is_marked(
    client: TestClient,
) -> None:
    screen(client)  # all clear: no numbness, not both legs
    both_legs = [("where", "left:thigh_posterior"), ("where", "right:thigh_posterior")]
    fragment = client.get("/map/matches", params=both_legs).text
    assert 'role="alert"' in fragment and "Take the safety check again" in fragment
    assert "You marked both legs" in fragment
    numb = client.get(
        "/map/matches", params=[("where", "left:buttock_center"), ("feels", "numbness")]
    ).text
    assert "You said part of it feels numb" in numb and 'href="/screen"' in numb
    plain = client.get("/map/matches", params=[("where", "left:buttock_center")]).text
    assert "Take the safety check again" not in plain
    saved = client.post(
        "/map",
        data={"where": ["left:buttock_center"], "feels": ["numbness"], "intensity": "5"},
        follow_redirects=False,
    )
    assert saved.headers["location"] == "/screen"  # the check again, not a plan form
