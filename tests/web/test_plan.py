"""Plans: only on an allowing safety check from the last hour; restrictions visibly applied."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from .conftest import WHERE, FakeClock, plan, screen


def _map(client: TestClient) -> int:
    client.post("/map", data={"where": WHERE, "intensity": "5"})
    return int(client.get("/api/journal/pain-maps").json()[0]["id"])


def test_no_plan_without_a_safety_check(client: TestClient) -> None:
    page = client.get("/plan")
    assert page.status_code == 409
    assert 'href="/screen"' in page.text
    api = client.post("/api/plans", json={"where": WHERE})
    assert api.status_code == 409
    assert api.json()["detail"]["code"] == "screening_needed"


def test_no_plan_after_a_red_flag(client: TestClient) -> None:
    screen(client)
    client.post("/api/screenings", json={"answers": {"bladder_change": True}})
    page = client.get("/plan")
    assert page.status_code == 403
    assert 'id="flag-banner"' in page.text and "stands for 24 hours" in page.text
    assert "Make my plan" not in page.text
    api = client.post("/api/plans", json={"where": WHERE})
    assert api.status_code == 403
    assert api.json()["detail"]["code"] == "red_flag_stands"
    assert api.json()["detail"]["level"] == "emergency"
    posted = client.post("/plan", data={"minutes": "15"})
    assert posted.status_code == 403


def test_a_check_older_than_an_hour_is_not_enough(client: TestClient, clock: FakeClock) -> None:
    screen(client)
    clock.advance(minutes=59)
    assert client.post("/api/plans", json={"where": WHERE}).status_code == 201
    clock.advance(minutes=2)
    assert client.post("/api/plans", json={"where": WHERE}).status_code == 409


def test_plan_and_session_pages_name_the_check_they_use(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client)
    taken = clock.now.astimezone().strftime("%H:%M")
    clock.advance(minutes=20)
    assert f"Using your safety check from {taken}" in client.get("/plan").text
    plan(client, where=WHERE)
    assert f"Using your safety check from {taken}" in client.get("/session").text
    clock.advance(minutes=45)
    page = client.get("/session").text
    assert "Using your safety check" not in page
    assert "We ask you to take it first" in " ".join(page.split())


def test_the_plan_page_flow_with_limits_applied(client: TestClient) -> None:
    screen(client, anticoagulants=True)
    map_id = _map(client)
    form = client.get(f"/plan?map={map_id}")
    assert form.status_code == 200
    assert "Limits from your safety check" in form.text
    assert "Middle of the buttock (left)" in form.text
    response = client.post(
        "/plan",
        data={"map": str(map_id), "minutes": "15", "experience": "new", "tools": ["lacrosse_ball"]},
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    assert "Limits applied" in page
    assert "Light pressure only" in page
    assert "Lacrosse ball" not in page.split('id="plan-targets"')[1].split("</ul>")[0]
    assert "Start the guided session" in page
    assert f'name="map" value="{map_id}"' in page


def test_bad_plan_input_is_shown_on_its_field_with_what_was_entered(client: TestClient) -> None:
    screen(client)
    map_id = _map(client)
    words = client.post("/plan", data={"map": str(map_id), "minutes": "lots"})
    assert words.status_code == 422
    assert "&#39;lots&#39; is not a whole number" in words.text  # said beside the field
    assert 'value="lots"' not in words.text  # a number field cannot hold it (HTML; review D9)
    assert re.search(r'<input type="number" id="minutes"[^>]* value="">', words.text)
    short = client.post(
        "/plan", data={"map": str(map_id), "minutes": "3", "tools": ["tennis_ball"]}
    )
    assert short.status_code == 422
    assert "Choose between 5 and 60 minutes." in short.text
    assert 'value="tennis_ball" checked' in short.text


def test_muscles_can_be_chosen_without_a_map(client: TestClient) -> None:
    screen(client)
    response = client.post(
        "/plan", data={"minutes": "10", "muscles": ["piriformis:right"]}, follow_redirects=False
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    assert "you chose it" in page
    assert "3 sets of 30 seconds, right side, timed for you" in page  # the piriformis stretch
    # each position drawn once where it starts: the technique at its first spot, each exercise
    # drawn with the tool the plan chose
    assert page.count('src="/learn/pictures/pose/piriformis_release.svg?side=right&amp;tool=') == 1
    assert 'src="/learn/pictures/pose/piriformis_stretch.svg?side=right"' in page


def test_each_technique_step_is_drawn_with_the_tool_the_plan_chose(client: TestClient) -> None:
    screen(client)
    data = plan(client, tools=["thumb_fingers"])
    holds = [step for step in data["steps"] if step["kind"] in ("find_spot", "hold")]
    assert holds
    for step in holds:
        assert "tool=thumb_fingers" in step["picture"], step["picture"]
        svg = client.get(step["picture"]).text
        assert 'data-prop="press"' in svg and 'data-prop="ball"' not in svg
        assert "ball" not in step["picture_alt"]


def test_nothing_to_plan_for_is_explained(client: TestClient) -> None:
    screen(client)
    response = client.post("/plan", data={"minutes": "10"})
    assert response.status_code == 422
    assert "No muscle fits your map" in response.text


def test_the_plan_api(client: TestClient) -> None:
    screen(client, skin_problem_areas=["left:buttock_upper"])
    data = plan(client, tools=["tennis_ball"], experience="experienced", minutes=20)
    assert data["restrictions"][0]["where"] == "Upper buttock (left)"
    assert any("kept off" in d.lower() or "keep off" in d.lower() for d in data["dropped"])
    assert data["steps"][0]["kind"] == "safety"
    find = next(step for step in data["steps"] if step["kind"] == "find_spot")
    assert find["picture"].startswith("/learn/pictures/pose/") and find["picture_alt"]
    assert client.get(find["picture"]).headers["content-type"].startswith("image/svg+xml")
    warm_up = data["steps"][1]
    assert warm_up["picture"] is None
    assert warm_up["timed"] and (warm_up["sets"], warm_up["dose"]) == (1, "3 minutes")
    assert data["plan"]["steps"]
    assert client.get(f"/api/plans/{data['id']}").json()["id"] == data["id"]
    assert client.get("/api/plans").json()[0]["id"] == data["id"]


def test_the_plan_api_names_bad_fields(client: TestClient) -> None:
    screen(client)
    response = client.post(
        "/api/plans",
        json={"where": WHERE, "minutes": 500, "tools": ["spoon"], "experience": "new"},
    )
    assert response.status_code == 422
    locs = {tuple(d["loc"]) for d in response.json()["detail"]}
    assert locs == {("body", "minutes"), ("body", "tools")}
    muscles = client.post("/api/plans", json={"muscles": [{"muscle_id": "bicep", "side": "left"}]})
    assert muscles.json()["detail"][0]["loc"] == ["body", "muscles", 0, "muscle_id"]
    assert client.post("/api/plans", json={"map_id": 99}).status_code == 404
    assert client.get("/api/plans/99").status_code == 404
    assert client.get("/plan/99").status_code == 404


def test_a_map_that_contradicts_the_safety_check_gets_no_plan(client: TestClient) -> None:
    screen(client)
    both_legs = ["left:thigh_posterior", "right:thigh_posterior"]
    response = client.post("/api/plans", json={"where": both_legs, "minutes": 10})
    assert response.status_code == 403
    assert "You marked both legs" in response.text


def test_the_plan_form_starts_from_the_persons_defaults(client: TestClient) -> None:
    from sciatica_coach.coach import preferences

    preferences.set_default(client.app.state.coach.kb, "tools", "tennis_ball")  # type: ignore[attr-defined]
    preferences.set_default(client.app.state.coach.kb, "minutes", "25")  # type: ignore[attr-defined]
    screen(client)
    page = client.get("/plan").text
    assert 'value="tennis_ball" checked' in page
    assert 'name="minutes"' in page and 'value="25"' in page
