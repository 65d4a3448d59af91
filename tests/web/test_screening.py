"""The safety check: page and API, with the CLI's rules (emergency first, nothing unanswered)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from sciatica_coach.content import KnowledgeBase

from .conftest import FakeClock, answers, form_answers, plan, play, screen, started_session


def test_the_form_asks_every_question_emergency_first(
    client: TestClient, kb: KnowledgeBase
) -> None:
    page = client.get("/screen").text
    asked = [q for q in kb.screening.questions if not q.from_journal]
    positions = [page.index(f'id="field-{q.id}"') for q in asked]
    assert positions == sorted(positions)
    assert 'id="field-sessions_today"' not in page  # the journal knows it
    assert page.index("Signs that need help right away") < page.index("About today")
    assert 'id="alert-saddle_numbness"' in page  # shown at once by the script on "yes"


def test_an_emergency_yes_decides_at_once_with_no_way_on(client: TestClient) -> None:
    response = client.post("/screen", data={"saddle_numbness": "yes"})
    assert response.status_code == 200
    main = response.text.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Emergency: get help now" in main
    assert "result-full" in main
    assert 'role="alert"' in main
    assert "/map" not in main and "/plan" not in main


def test_an_urgent_result_is_full_width_too(client: TestClient) -> None:
    response = client.post("/screen", data=form_answers(fever=True))
    main = response.text.split("<main", 1)[1]
    assert "See a doctor today" in main
    assert "result-full" in main
    assert 'href="/map"' not in main.split("</main>")[0]


def test_a_blocking_result_that_is_not_urgent_has_no_way_on_either(client: TestClient) -> None:
    response = client.post("/screen", data=form_answers(pain_now=9))
    main = response.text.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Skip massage today" in main
    assert 'href="/map"' not in main


def test_an_allowing_result_shows_its_limits_and_the_next_step(client: TestClient) -> None:
    response = client.post("/screen", data=form_answers(anticoagulants=True))
    assert response.status_code == 200
    assert "Go ahead, with care" in response.text
    assert "Light pressure only" in response.text
    assert 'href="/map"' in response.text


def test_unanswered_questions_are_asked_again_keeping_the_answers(client: TestClient) -> None:
    form = form_answers()
    del form["pain_now"], form["flare"]
    form["weeks_with_pain"] = "3"
    response = client.post("/screen", data=form)
    assert response.status_code == 422
    assert 'id="field-pain_now"' in response.text
    assert response.text.count("Please answer this question.") >= 2
    assert re.search(r'name="weeks_with_pain"[^>]*value="3"', response.text)
    assert 'name="saddle_numbness" value="no" checked' in response.text


def test_a_bad_number_is_named_on_its_question(client: TestClient) -> None:
    response = client.post("/screen", data=form_answers(pain_now="eleven"))
    assert response.status_code == 422
    assert "Give a whole number from 0 to 10." in response.text
    assert 'value="eleven"' in response.text


def test_skin_problems_need_the_areas(client: TestClient) -> None:
    form = form_answers()
    form["skin_problem_areas__any"] = "yes"
    form["skin_problem_areas"] = []
    response = client.post("/screen", data=form)
    assert response.status_code == 422
    assert "Pick the areas, or answer No." in response.text
    form["skin_problem_areas"] = ["left:heel"]
    response = client.post("/screen", data=form)
    assert "Stay off some areas" in response.text
    assert "Heel (left)" in response.text


def test_the_page_notes_a_recent_check(client: TestClient, clock: FakeClock) -> None:
    screen(client)
    assert "You did a safety check" in client.get("/screen").text
    clock.advance(minutes=61)
    assert "You did a safety check" not in client.get("/screen").text


def test_the_api_screens_and_saves(client: TestClient) -> None:
    data = screen(client, osteoporosis=True)
    assert data["level"] == "caution"
    assert data["session_allowed"] is True
    assert {r["id"] for r in data["restrictions"]} == {"no_massage_gun", "no_hard_ball_near_bone"}
    assert data["reasons"][0]["sources"][0]["title"]
    current = client.get("/api/screenings/current").json()
    assert current["screening"]["id"] == data["id"]


def test_the_api_names_each_missing_or_bad_answer(client: TestClient) -> None:
    missing = client.post("/api/screenings", json={"answers": {"saddle_numbness": False}})
    assert missing.status_code == 422
    locs = [d["loc"] for d in missing.json()["detail"]]
    assert ["body", "answers", "bladder_change"] in locs
    bad = client.post("/api/screenings", json={"answers": answers(pain_now=12, nope=True)})
    assert bad.status_code == 422
    messages = {tuple(d["loc"]): d["msg"] for d in bad.json()["detail"]}
    assert messages[("body", "answers", "pain_now")] == "Give a whole number from 0 to 10."
    assert "Unknown question 'nope'" in messages[("body", "answers", "nope")]
    wrong_type = client.post("/api/screenings", json={"answers": "yes"})
    assert wrong_type.status_code == 422


def test_an_emergency_wins_in_the_api_whatever_is_missing(client: TestClient) -> None:
    response = client.post("/api/screenings", json={"answers": {"both_legs": True}})
    assert response.status_code == 201
    assert response.json()["level"] == "emergency"
    assert response.json()["session_allowed"] is False


def test_no_recent_check_is_reported(client: TestClient) -> None:
    current = client.get("/api/screenings/current").json()
    assert current["screening"] is None
    assert current["code"] == "none"
    assert "safety check first" in current["message"]


def test_two_bad_pain_stops_make_the_next_check_advise_a_professional(
    client: TestClient, clock: FakeClock
) -> None:
    for _ in range(2):
        clock.advance(minutes=5)  # a new check after a bad-pain stop is needed, and taken
        screen(client)
        plan_id = plan(client)["id"]
        session_id = started_session(client, plan_id)
        assert play(client, session_id, ["bad"])["bad_pain"] is True
    data = screen(client)
    assert any(r["question_id"] == "history:bad_pain_stops" for r in data["reasons"])
    assert data["advice"]


def test_a_check_taken_before_a_bad_pain_stop_no_longer_counts(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client)
    clock.advance(minutes=1)
    session_id = started_session(client, plan(client)["id"])
    assert play(client, session_id, ["bad"])["bad_pain"] is True
    clock.advance(minutes=1)
    response = client.post("/api/plans", json={"where": ["left:buttock_center"], "minutes": 10})
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail["code"] == "rescreen_after_bad_pain"  # the real reason, not "an hour"
    assert "stopped for bad pain" in detail["message"]
    assert client.get("/api/screenings/current").json()["code"] == "after_bad_pain"
    assert "stopped for bad pain" in client.get("/screen").text


def test_the_result_page_can_be_reloaded_without_saving_twice(client: TestClient) -> None:
    sent = client.post("/screen", data=form_answers(), follow_redirects=False)
    assert sent.status_code == 303
    where = sent.headers["location"]
    assert where.startswith("/screen/")
    for _ in range(2):
        page = client.get(where)
        assert page.status_code == 200 and "Go ahead" in page.text
    assert len(client.get("/api/journal/export").json()["tables"]["screenings"]) == 1


def test_every_yes_no_question_offers_not_sure(client: TestClient, kb: KnowledgeBase) -> None:
    page = client.get("/screen").text
    for question in kb.screening.questions:
        if question.kind == "yes_no":
            assert f'name="{question.id}" value="not_sure"' in page, question.id


def test_not_sure_on_a_red_flag_is_an_emergency_and_says_why(client: TestClient) -> None:
    response = client.post("/screen", data=form_answers(bladder_change="not_sure"))
    main = response.text.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Emergency: get help now" in main
    assert "You were not sure" in main
    assert "not sure counts as yes" in main
    assert "Do not wait for a GP appointment" in main


def test_not_sure_comes_back_checked_when_the_form_is_shown_again(client: TestClient) -> None:
    form = form_answers(osteoporosis="not_sure")
    del form["fever"]  # could make it more serious, so it must be answered
    response = client.post("/screen", data=form)
    assert response.status_code == 422
    assert 'name="osteoporosis" value="not_sure" checked' in response.text


def test_the_api_takes_not_sure_and_lists_it(client: TestClient) -> None:
    data = screen(client, pregnant="not_sure")
    assert data["level"] == "see_professional"
    assert data["unsure"] == ["pregnant"]
    assert data["reasons"][0]["unsure"] is True
    assert data["how_soon"].startswith("Within a week")


def test_the_api_refuses_other_words_for_yes_and_no(client: TestClient) -> None:
    response = client.post("/api/screenings", json={"answers": answers(fever="maybe")})
    assert response.status_code == 422


def test_every_result_but_an_emergency_ends_with_the_safety_net(
    client: TestClient, kb: KnowledgeBase
) -> None:
    for extra in ({}, {"osteoporosis": True}, {"pain_now": 9}, {"numbness": True}, {"fever": True}):
        response = client.post("/screen", data=form_answers(**extra))
        main = response.text.split("<main", 1)[1].split("</main>", 1)[0]
        assert kb.screening.safety_net.title in main, extra
        after = main.split('class="safety-net"', 1)[1]
        assert "<h2" not in after.split("</aside>", 1)[1], "nothing but links may follow it"
        data = screen(client, **extra)
        assert data["safety_net"]["action"] == kb.screening.safety_net.action
    emergency = client.post("/screen", data={"saddle_numbness": "yes"}).text
    assert 'class="safety-net"' not in emergency.split("<main", 1)[1].split("</main>")[0]


def test_the_journal_answers_how_many_sessions_were_done_today(client: TestClient) -> None:
    given = {k: v for k, v in answers().items() if k != "sessions_today"}
    response = client.post("/api/screenings", json={"answers": given})
    assert response.status_code == 201, response.text
    assert response.json()["answers"]["sessions_today"] == 0


def test_re_answering_cannot_quietly_lift_a_red_flag(client: TestClient) -> None:
    first = client.post("/screen", data=form_answers(saddle_numbness=True), follow_redirects=False)
    assert first.status_code == 303
    again = client.post("/screen", data=form_answers())
    assert again.status_code == 409
    assert 'id="red-flag-stands"' in again.text and "I answered by mistake" in again.text
    api = client.post("/api/screenings", json={"answers": answers()})
    assert api.status_code == 409 and api.json()["detail"]["code"] == "red_flag_stands"
    confirmed = client.post(
        "/screen",
        data={**form_answers(), "answered_by_mistake": "yes"},
        follow_redirects=False,
    )
    assert confirmed.status_code == 303
    assert client.get("/api/screenings/current").json()["screening"]["level"] == "ok"
