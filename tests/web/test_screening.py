"""The safety check: page and API, with the CLI's rules (emergency first, nothing unanswered),
the daily questions asked afresh every time and the health history kept between checks."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from sciatica_coach.coach import safety_records
from sciatica_coach.content import KnowledgeBase

from .conftest import (
    FakeClock,
    answers,
    form_answers,
    plan,
    play,
    screen,
    started_session,
)


def main_of(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def checked_radios(html: str) -> set[str]:
    return set(re.findall(r'name="([a-z_]+)" value="[a-z_]+" checked', html))


def test_the_form_asks_every_question_emergency_first(
    client: TestClient, kb: KnowledgeBase
) -> None:
    page = client.get("/screen").text
    daily = [q for q in kb.screening.questions if q.part == "daily" and not q.from_journal]
    history = [q for q in kb.screening.questions if q.part == "history"]
    positions = [page.index(f'id="field-{q.id}"') for q in daily]
    assert positions == sorted(positions)
    emergency = [q for q in daily if q.rule.level == "emergency"]
    assert max(page.index(f'id="field-{q.id}"') for q in emergency) < min(
        page.index(f'id="field-{q.id}"') for q in daily if q.rule.level != "emergency"
    )
    assert 'id="field-sessions_today"' not in page  # the journal knows it
    assert 'id="field-weeks_with_pain"' not in page  # worked out from the day it began
    assert 'id="alert-saddle_numbness"' in page  # shown at once by the script on "yes"
    # the first time, the health history is asked too, with the day the pain began
    assert all(f'id="field-{q.id}"' in page for q in history)
    assert re.search(r'type="date" id="input-pain_began" name="pain_began" max="2026-03-02"', page)


def test_the_headings_name_the_topic_never_the_consequence(client: TestClient) -> None:
    headings = re.findall(
        r'<h2 class="group-heading"[^>]*>([^<]+)</h2>', client.get("/screen").text
    )
    assert len(headings) == 6
    said = " ".join(headings).lower()
    for giveaway in ("right away", "today", "doctor", "get checked", "emergency", "help"):
        if giveaway == "today":
            assert headings.count("Your pain today") == 1
            continue
        assert giveaway not in said, giveaway


def test_the_groups_follow_the_topics_with_every_emergency_sign_in_the_first(
    client: TestClient, kb: KnowledgeBase
) -> None:
    page = client.get("/screen").text
    sections = re.findall(
        r'<section aria-labelledby="group-(\w+)" class="check-group" data-topic="(\w+)" '
        r'data-level="(\w+)">\s*<h2[^>]*>([^<]+)</h2>(.*?)</section>',
        page,
        re.S,
    )
    assert [(t, title) for _, t, _, title, _ in sections] == [
        (t.id, t.title) for t in kb.screening.topics
    ]
    for _, topic, level, _, body in sections:
        fields = re.findall(r'id="field-([a-z_0-9]+)"', body)
        questions = [kb.screening.question_by_id[f] for f in fields]
        assert {q.topic for q in questions} == {topic}
        # the script asks the emergency group one by one: its level says which one it is
        assert (level == "emergency") == any(q.rule.level == "emergency" for q in questions)
    emergency = [q.id for q in kb.screening.questions if q.rule.level == "emergency"]
    assert set(re.findall(r'id="field-([a-z_0-9]+)"', sections[0][4])) == set(emergency)


def test_each_areas_question_has_its_own_no(client: TestClient, kb: KnowledgeBase) -> None:
    page = client.get("/screen").text
    areas = [q for q in kb.screening.questions if q.kind == "regions"]
    assert {q.id for q in areas} == {"skin_problem_areas", "recent_strain", "device_areas"}
    labels = {q.no_label for q in areas}
    assert len(labels) == len(areas)  # no "No, my skin is fine" under a question on devices
    for q in areas:
        field = page.split(f'id="field-{q.id}"', 1)[1].split("</fieldset>", 1)[0]
        assert re.search(
            rf'name="{q.id}__any" value="no"[^>]*> {re.escape(q.no_label or "")}<', field
        )
    assert "my skin" not in (kb.screening.question_by_id["device_areas"].no_label or "")


def test_a_history_kept_before_new_questions_were_added_is_shown_again(
    client: TestClient, kb: KnowledgeBase, clock: FakeClock
) -> None:
    screen(client)
    clock.advance(hours=2)
    journal = client.app.state.coach.store  # type: ignore[attr-defined]
    kept = safety_records.read(journal, clock()).history
    assert kept is not None
    old = {k: v for k, v in kept.answers.items() if k != "age_65_or_over"}
    journal.add_safety_record(
        clock(), safety_records.HISTORY, {"answers": old, "pain_began": "2026-01-26"}
    )
    page = client.get("/screen").text
    assert 'id="field-age_65_or_over"' in page and 'name="history_shown"' in page
    # the daily answers alone are not enough: the page asks the history, the new one included
    sent = client.post("/screen", data=form_answers(history=False))
    assert sent.status_code == 422
    assert 'id="field-age_65_or_over"' in sent.text and 'name="history_shown"' in sent.text


def test_a_returning_person_is_asked_every_daily_question_afresh(
    client: TestClient, clock: FakeClock, kb: KnowledgeBase
) -> None:
    screen(client, numbness=False, fever=False, anticoagulants=True)
    clock.advance(days=1)
    page = client.get("/screen").text
    daily = {q.id for q in kb.screening.questions if q.part == "daily"}
    assert not checked_radios(page) & daily, "a daily answer was filled in from yesterday"
    assert re.search(r'name="pain_now"[^>]*value=""', page)
    # the history is kept: one line says so, with a way to change it, and it is not asked
    summary = re.search(r'id="history-summary">(.*?)</p>', page)
    assert summary and "Your health history, confirmed on Mon 02 Mar 2026" in summary[1]
    assert 'href="/screen?history=change#history"' in summary[1]
    assert 'id="field-anticoagulants"' not in page and "history_shown" not in page
    # the daily answers alone make the check, with the kept history
    sent = client.post("/screen", data=form_answers(history=False), follow_redirects=False)
    assert sent.status_code == 303
    result = client.get(sent.headers["location"]).text
    assert "Go ahead, with care" in result and "Light pressure only" in result


def test_pain_given_in_the_last_hour_is_the_one_answer_filled_in(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client)
    clock.advance(hours=2)
    assert client.post("/api/journal/pain", json={"now": 4}).status_code == 201
    page = client.get("/screen").text
    assert re.search(r'name="pain_now"[^>]*value="4"', page)
    assert "Filled in from your pain log at" in page
    assert not checked_radios(page)


def test_the_history_comes_back_filled_in_when_due_to_be_confirmed(
    client: TestClient, clock: FakeClock, kb: KnowledgeBase
) -> None:
    screen(client, osteoporosis=True)
    clock.advance(days=kb.screening.health_history.confirm_every_days, minutes=1)
    page = client.get("/screen").text
    assert 'name="history_shown" value="yes"' in page
    assert 'name="osteoporosis" value="yes" checked' in page
    assert 'name="cancer_history" value="no" checked' in page
    assert re.search(r'name="pain_began"[^>]*value="2026-01-26"', page)  # 5 weeks before
    assert "Your answers from Mon 02 Mar 2026 are filled in." in page
    daily = {q.id for q in kb.screening.questions if q.part == "daily"}
    assert not checked_radios(page) & daily
    # sent without it (an old page), the history is asked for, filled in, and nothing saved
    again = client.post("/screen", data=form_answers(history=False))
    assert again.status_code == 422
    assert "Please look over your health history and confirm it." in again.text
    assert 'name="osteoporosis" value="yes" checked' in again.text
    assert len(client.get("/api/journal/export").json()["tables"]["screenings"]) == 1


def test_changing_the_history_between_times_keeps_the_new_answers(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client)
    clock.advance(days=2)
    page = client.get("/screen?history=change").text
    assert 'name="history_shown" value="yes"' in page
    assert 'name="anticoagulants" value="no" checked' in page
    form = form_answers(anticoagulants=True)
    form["pain_began"] = "2026-02-20"
    assert client.post("/screen", data=form, follow_redirects=False).status_code == 303
    kept = client.get("/api/screenings/history").json()
    assert kept["history"]["answers"]["anticoagulants"] is True
    assert kept["history"]["pain_began"] == "2026-02-20"
    assert kept["due"] is False


def test_history_answers_sent_without_being_shown_are_not_taken(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client)
    clock.advance(days=1)
    form = form_answers(history=False) | {"anticoagulants": "yes", "pain_began": "2026-03-01"}
    assert client.post("/screen", data=form, follow_redirects=False).status_code == 303
    kept = client.get("/api/screenings/history").json()["history"]
    assert kept["answers"]["anticoagulants"] is False
    assert kept["confirmed_at"].startswith("2026-03-02T09:00")


@pytest.mark.parametrize("began", ["2026-03-09", "yesterday"])
def test_a_bad_day_for_the_pain_is_named_beside_its_field(client: TestClient, began: str) -> None:
    form = form_answers() | {"pain_began": began}
    response = client.post("/screen", data=form)
    assert response.status_code == 422
    assert 'id="pain_began-error"' in response.text
    if began == "yesterday":  # not a date: a date field cannot show it (HTML; review D9)
        assert 'value=""' in response.text and "You entered “yesterday”." in response.text
    else:
        assert f'value="{began}"' in response.text
    assert 'href="#field-weeks_with_pain"' not in response.text  # not asked: no such field


def test_an_emergency_yes_decides_at_once_with_no_way_on(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client)
    clock.advance(days=1)
    response = client.post("/screen", data={"saddle_numbness": "yes"})
    assert response.status_code == 200
    main = main_of(response.text)
    assert "Emergency: get help now" in main
    assert "result-full" in main
    assert 'role="alert"' in main
    assert "/map" not in main and "/plan" not in main


def test_an_emergency_yes_decides_at_once_even_on_the_first_check(client: TestClient) -> None:
    response = client.post("/screen", data={"saddle_numbness": "yes"})
    assert response.status_code == 200
    assert "Emergency: get help now" in response.text


def test_an_urgent_result_is_full_width_too(client: TestClient) -> None:
    response = client.post("/screen", data=form_answers(fever=True))
    main = main_of(response.text)
    assert "See a doctor today" in main
    assert "result-full" in main
    assert 'href="/map"' not in main


def test_a_blocking_result_that_is_not_urgent_has_no_way_on_either(client: TestClient) -> None:
    response = client.post("/screen", data=form_answers(pain_now=9))
    main = main_of(response.text)
    assert "Skip massage today" in main
    assert 'href="/map"' not in main


def test_an_allowing_result_shows_its_limits_and_the_next_step(client: TestClient) -> None:
    response = client.post("/screen", data=form_answers(anticoagulants=True))
    assert response.status_code == 200
    assert "Go ahead, with care" in response.text
    assert "Light pressure only" in response.text
    main = main_of(response.text)
    assert main.index('href="/map"') < main.index('class="safety-net"')  # not below the list


def test_unanswered_questions_are_asked_again_keeping_the_answers(client: TestClient) -> None:
    form = form_answers()
    del form["pain_now"], form["flare"]
    response = client.post("/screen", data=form)
    assert response.status_code == 422
    assert 'id="field-pain_now"' in response.text
    assert response.text.count("Please answer this question.") >= 2
    assert re.search(r'name="pain_began"[^>]*value="2026-01-26"', response.text)
    assert 'name="saddle_numbness" value="no" checked' in response.text


def test_a_bad_number_is_named_on_its_question(client: TestClient) -> None:
    response = client.post("/screen", data=form_answers(pain_now="eleven"))
    assert response.status_code == 422
    assert "Give a whole number from 0 to 10. You entered “eleven”." in response.text
    assert 'value="eleven"' not in response.text  # not a number (HTML; review D9)


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


def test_a_recent_check_that_rules_a_session_out_is_not_shown_in_green(
    client: TestClient,
) -> None:
    flagged = screen(client, numbness=True)
    page = client.get("/screen").text
    box = re.search(
        r'<div class="alert alert-(\w+)" id="current-check"[^>]*>(.*?)</div>', page, re.S
    )
    assert box and box[1] == "warning"
    assert f'href="/screen/{flagged["id"]}"' in box[2]


def test_the_api_screens_and_saves(client: TestClient) -> None:
    data = screen(client, osteoporosis=True)
    assert data["level"] == "caution"
    assert data["session_allowed"] is True
    assert {r["id"] for r in data["restrictions"]} == {"no_massage_gun", "no_hard_ball_near_bone"}
    assert data["reasons"][0]["sources"][0]["title"]
    current = client.get("/api/screenings/current").json()
    assert current["screening"]["id"] == data["id"]


def test_the_api_takes_the_day_the_pain_began(client: TestClient) -> None:
    given = {k: v for k, v in answers().items() if k != "weeks_with_pain"}
    response = client.post(
        "/api/screenings", json={"answers": given | {"pain_began": "2026-01-01"}}
    )
    assert response.status_code == 201, response.text
    assert response.json()["answers"]["weeks_with_pain"] == 8
    assert response.json()["level"] == "caution"  # 6 weeks or more
    future = client.post("/api/screenings", json={"answers": given | {"pain_began": "2027-01-01"}})
    assert future.status_code == 422
    said = {tuple(p["loc"]): p["msg"] for p in future.json()["detail"]}
    assert "later than today" in said[("body", "answers", "pain_began")]


def test_the_api_names_each_missing_or_bad_answer(client: TestClient) -> None:
    missing = client.post("/api/screenings", json={"answers": {"saddle_numbness": False}})
    assert missing.status_code == 422
    locs = [d["loc"] for d in missing.json()["detail"]]
    assert ["body", "answers", "cancer_history"] in locs  # the history is due
    assert ["body", "answers", "pain_began"] in locs
    bad = client.post("/api/screenings", json={"answers": answers(pain_now=12, nope=True)})
    assert bad.status_code == 422
    messages = {tuple(d["loc"]): d["msg"] for d in bad.json()["detail"]}
    assert messages[("body", "answers", "pain_now")] == "Give a whole number from 0 to 10."
    assert "Unknown question 'nope'" in messages[("body", "answers", "nope")]
    wrong_type = client.post("/api/screenings", json={"answers": "yes"})
    assert wrong_type.status_code == 422


def test_an_emergency_wins_in_the_api_whatever_is_missing(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client)
    clock.advance(days=1)
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
    assert client.get("/screen/nothing").status_code == 422


def test_every_yes_no_question_offers_not_sure(client: TestClient, kb: KnowledgeBase) -> None:
    page = client.get("/screen").text
    for question in kb.screening.questions:
        if question.kind == "yes_no":
            assert f'name="{question.id}" value="not_sure"' in page, question.id


def test_not_sure_on_a_red_flag_is_an_emergency_and_says_why(client: TestClient) -> None:
    response = client.post("/screen", data=form_answers(bladder_change="not_sure"))
    main = main_of(response.text)
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
    client: TestClient, kb: KnowledgeBase, clock: FakeClock
) -> None:
    net = kb.screening.safety_net
    for extra in ({}, {"osteoporosis": True}, {"pain_now": 9}, {"numbness": True}, {"fever": True}):
        clock.advance(days=2)  # past any flag the last one raised
        response = client.post("/screen", data=form_answers(**extra))
        main = main_of(response.text)
        assert net.title in main, extra
        after = main.split('class="safety-net"', 1)[1]
        assert "<h2" not in after.split("</aside>", 1)[1], "nothing but links may follow it"
        # beside the emergency signs, the signs that mean a doctor today
        assert net.today_title in after and net.today_signs[0] in after
        data = screen(client, **extra)
        assert data["safety_net"]["action"] == net.action
        assert data["safety_net"]["today_signs"] == net.today_signs
    emergency = client.post("/screen", data=form_answers(saddle_numbness=True)).text
    assert 'class="safety-net"' not in main_of(emergency)


def test_results_that_allow_a_session_or_say_not_today_say_when_to_see_a_gp(
    client: TestClient, kb: KnowledgeBase, clock: FakeClock
) -> None:
    see_gp = kb.screening.safety_net.see_gp
    for extra, said in (
        ({}, True),
        ({"osteoporosis": True}, True),
        ({"pain_now": 9}, True),
        ({"numbness": True}, False),
        ({"fever": True}, False),
    ):
        clock.advance(days=2)
        page = client.post("/screen", data=form_answers(**extra)).text
        assert (see_gp in page) is said, extra
        assert (screen(client, **extra)["see_gp"] == see_gp) is said


def test_the_result_lists_the_answers_to_take_along(client: TestClient, kb: KnowledgeBase) -> None:
    page = client.post("/screen", data=form_answers(numbness=True, recent_strain=["left:heel"]))
    main = main_of(page.text)
    assert "Take this list of answers with you" in main
    answers_part = main.split('id="your-answers"', 1)[1]
    numbness = kb.screening.question_by_id["numbness"].question
    assert re.search(rf"<td>{re.escape(numbness)}</td><td>Yes</td>", answers_part)
    assert "<td>Heel (left)</td>" in answers_part
    assert "<td>5</td>" in answers_part  # the weeks of pain, worked out from the day it began
    assert "data-print" in answers_part


def test_the_journal_answers_how_many_sessions_were_done_today(client: TestClient) -> None:
    given = {k: v for k, v in answers().items() if k != "sessions_today"}
    response = client.post("/api/screenings", json={"answers": given})
    assert response.status_code == 201, response.text
    assert response.json()["answers"]["sessions_today"] == 0


def test_re_answering_cannot_quietly_lift_a_red_flag(client: TestClient, kb: KnowledgeBase) -> None:
    first = client.post("/screen", data=form_answers(saddle_numbness=True), follow_redirects=False)
    assert first.status_code == 303
    again = client.post("/screen", data=form_answers(), follow_redirects=False)
    assert again.status_code == 303  # saved, and still that emergency
    result = client.get(again.headers["location"]).text
    assert 'data-level="emergency"' in result
    assert 'data-reason="flag:saddle_numbness"' in result
    assert "answered_by_mistake" not in result and "answered by mistake" not in result
    api = client.post("/api/screenings", json={"answers": answers()})
    assert api.status_code == 201
    assert api.json()["level"] == "emergency"
    assert [f["question_id"] for f in api.json()["flags"]] == ["saddle_numbness"]
    assert kb.screening.flags.wrong_answer in result  # the way out is sign by sign
