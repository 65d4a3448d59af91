"""The home page and the Learn pages, and the content API behind them."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from sciatica_coach.content import KnowledgeBase


def test_home_says_what_it_is_and_is_not_and_the_way_through(client: TestClient) -> None:
    page = client.get("/").text
    assert "does not diagnose" in page
    assert "Get emergency care now" in page
    for step in ("/screen", "/map", "/plan", "/journal"):
        assert f'href="{step}"' in page


def test_every_learn_page_shows_its_sources(client: TestClient, kb: KnowledgeBase) -> None:
    pages = [f"/learn/topics/{t}" for t in kb.topics]
    pages += [f"/learn/muscles/{m}" for m in kb.muscles]
    pages += [f"/learn/tools/{t}" for t in kb.tools]
    pages += [f"/learn/exercises/{e}" for e in kb.exercises]
    pages += ["/learn/faq", "/learn/safety"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Source" in response.text, url


def test_the_learn_index_and_sources_list_everything(client: TestClient, kb: KnowledgeBase) -> None:
    index = client.get("/learn").text
    for topic in kb.topics.values():
        assert topic.title.replace("'", "&#39;") in index
    sources = client.get("/learn/sources").text
    for source in kb.sources.values():
        assert f'id="source-{source.id}"' in sources


def test_a_muscle_page_has_a_picture_of_its_pattern(client: TestClient) -> None:
    page = client.get("/learn/muscles/piriformis").text
    assert "/api/figures/body-map.svg?muscle=piriformis" in page
    assert "trigger points" in page


@pytest.mark.parametrize("kind", ["topics", "muscles", "tools", "exercises"])
def test_an_unknown_id_gets_404_with_suggestions(client: TestClient, kind: str) -> None:
    response = client.get(f"/learn/{kind}/nonsense")
    assert response.status_code == 404
    assert "Valid" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "topics",
        "muscles",
        "tools",
        "exercises",
        "faq",
        "habits",
        "warning-signs",
        "professionals",
        "sources",
        "screening-questions",
        "places",
    ],
)
def test_the_content_api_lists(client: TestClient, path: str) -> None:
    response = client.get(f"/api/content/{path}")
    assert response.status_code == 200
    assert response.json()


def test_the_content_api_details(client: TestClient) -> None:
    muscle = client.get("/api/content/muscles/piriformis").json()
    assert muscle["muscle"]["id"] == "piriformis"
    assert muscle["sources"]
    assert client.get("/api/content/tools/tennis_ball").json()["used_in"]
    assert client.get("/api/content/topics/trigger_points").json()["id"] == "trigger_points"
    assert client.get("/api/content/exercises/glute_bridge").json()["kind"] == "strengthening"
    stretches = client.get("/api/content/exercises", params={"kind": "stretch"}).json()
    assert {e["kind"] for e in stretches} == {"stretch"}


def test_the_content_api_names_the_closest_ids(client: TestClient) -> None:
    response = client.get("/api/content/muscles/pirifomis")
    assert response.status_code == 404
    assert "piriformis" in response.json()["detail"]


def test_places_use_the_persons_own_left_and_right(client: TestClient) -> None:
    places = {p["key"]: p for p in client.get("/api/content/places").json()}
    assert places["left:buttock_center"]["label"] == "Middle of the buttock (left)"
    assert places["midline:sacrum"]["side"] == "midline"


def test_the_body_map_picture(client: TestClient) -> None:
    response = client.get(
        "/api/figures/body-map.svg", params={"muscle": "gluteus_minimus", "side": "left"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert 'class="spot"' in response.text
    assert not re.search(r'class="region marked[^"]*"[^>]*data-region=', response.text)
    assert "max-age" in response.headers["cache-control"]  # the same for everyone


def test_a_saved_maps_picture_is_drawn_by_its_id(client: TestClient) -> None:
    saved = client.post("/api/journal/pain-maps", json={"where": ["left:heel"], "intensity": 3})
    url = f"/api/journal/pain-maps/{saved.json()['id']}/picture.svg"
    response = client.get(url, params={"muscle": "gluteus_minimus"})
    assert response.status_code == 200
    assert re.search(r'class="region marked[^"]*"[^>]*data-region="left:heel"', response.text)
    assert 'class="spot"' in response.text
    assert response.headers["cache-control"] == "no-store"
    assert client.get("/api/journal/pain-maps/99/picture.svg").status_code == 404


def test_the_body_map_picture_refuses_bad_input(client: TestClient) -> None:
    bad_muscle = client.get("/api/figures/body-map.svg", params={"muscle": "pirif"})
    assert bad_muscle.status_code == 422
    assert "piriformis" in bad_muscle.json()["detail"][0]["msg"]
    bad_side = client.get("/api/figures/body-map.svg", params={"side": "up"})
    assert bad_side.status_code == 422


def test_the_safety_page_puts_the_emergency_signs_first(client: TestClient) -> None:
    page = client.get("/learn/safety").text
    assert page.index("Get emergency care now") < page.index("Stop self-massage at once")
    signs = client.get("/api/content/warning-signs").json()
    assert signs[0]["kind"] == "emergency"


def test_a_muscle_page_shows_its_closeup_and_each_tools_position(
    client: TestClient, kb: KnowledgeBase
) -> None:
    for muscle in kb.muscles.values():
        page = client.get(f"/learn/muscles/{muscle.id}").text
        assert f'src="/learn/pictures/muscle/{muscle.id}.svg?side=left"' in page
        technique = kb.techniques[muscle.technique]
        for tool_id in technique.tools:
            shown = f'src="/learn/pictures/pose/{technique.id}.svg?side=left&amp;tool={tool_id}"'
            assert (shown in page) == (kb.tools[tool_id].kind not in ("heat", "topical"))
    # the picture and the words name the same position for each tool
    page = client.get("/learn/muscles/quadratus_lumborum").text
    assert "<strong>Tennis ball:</strong> Stand with your back to a wall" in page
    assert "<strong>Thumb or fingers:</strong> Lie on your side" in page
    page = client.get("/learn/muscles/piriformis").text
    assert 'alt="A person stands with their back to a wall, feet a step away' in page


def test_an_exercise_page_shows_its_position_for_the_side_its_text_is_for(
    client: TestClient, kb: KnowledgeBase
) -> None:
    for exercise in kb.exercises.values():
        page = client.get(f"/learn/exercises/{exercise.id}").text
        wanted = f"/learn/pictures/pose/{exercise.id}.svg" + (
            "?side=right" if exercise.sided else ""
        )
        assert f'src="{wanted}"' in page, exercise.id
    clamshell = client.get("/learn/exercises/clamshell").text
    assert "The top knee, the right one, lifts." in clamshell  # the alt text


def test_the_pictures_are_svg_for_everyone_and_may_be_cached(client: TestClient) -> None:
    for url in (
        "/learn/pictures/pose/clamshell.svg?side=left",
        "/learn/pictures/pose/bird_dog.svg",
        "/learn/pictures/muscle/iliopsoas.svg?side=right",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert "max-age" in response.headers["cache-control"]
        assert "<script" not in response.text and 'role="img"' in response.text
    mirrored = client.get("/learn/pictures/pose/clamshell.svg", params={"side": "right"}).text
    assert 'data-side="right"' in mirrored


def test_the_pictures_refuse_unknown_ids_and_sides(client: TestClient) -> None:
    assert client.get("/learn/pictures/pose/cartwheel.svg").status_code == 404
    assert client.get("/learn/pictures/muscle/biceps.svg").status_code == 404
    assert client.get("/learn/pictures/pose/clamshell.svg?side=up").status_code == 422


def test_a_techniques_picture_shows_the_tool_asked_for(client: TestClient) -> None:
    hands = client.get("/learn/pictures/pose/gluteal_release.svg?side=right&tool=thumb_fingers")
    assert hands.status_code == 200 and 'data-tool="thumb_fingers"' in hands.text
    assert 'data-prop="press"' in hands.text and 'data-prop="ball"' not in hands.text
    gun = client.get("/learn/pictures/pose/gluteal_release.svg?tool=massage_gun").text
    assert 'data-prop="gun"' in gun


def test_a_tool_the_picture_cannot_show_is_a_clear_not_found(client: TestClient) -> None:
    for url, words in (
        ("/learn/pictures/pose/gluteal_release.svg?tool=crowbar", "Unknown tool"),
        ("/learn/pictures/pose/piriformis_release.svg?tool=massage_gun", "not done with"),
        ("/learn/pictures/pose/clamshell.svg?tool=tennis_ball", "not done with a tool"),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert words in response.text, url
    assert client.get("/learn/pictures/pose/cartwheel.svg?tool=tennis_ball").status_code == 404
    too_long = client.get("/learn/pictures/pose/gluteal_release.svg", params={"tool": "x" * 61})
    assert too_long.status_code == 422
