"""Between checks, on the pages and the API: a red flag is answered again sign by sign (or
lifted by a doctor's visit) and blocks plans while it stands; a clinician's clearance is
recorded; the journal lists it all; signs on the map after a session are said at once."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from fastapi.testclient import TestClient

from sciatica_coach.content import KnowledgeBase

from .conftest import (
    WHERE,
    FakeClock,
    form_answers,
    plan,
    play,
    screen,
    started_session,
)


def flags_now(client: TestClient) -> list[dict[str, Any]]:
    response = client.get("/api/screenings/flags")
    assert response.status_code == 200
    found: list[dict[str, Any]] = response.json()["flags"]
    return found


def test_a_standing_flag_is_restated_at_the_top_of_the_check_with_its_own_answers(
    client: TestClient, clock: FakeClock, kb: KnowledgeBase
) -> None:
    screen(client, saddle_numbness="not_sure", fever=True)
    clock.advance(minutes=30)
    page = unescape(client.get("/screen").text)
    block = page.split('id="flags"', 1)[1].split("</section>", 1)[0]
    assert page.index('id="flags"') < page.index('id="screen-form"')
    words = kb.screening.flags
    assert words.stands in block
    assert 'At 09:00 you said "not sure" to: Is there new numbness' in block
    assert 'At 09:00 you said "yes" to: Do you have a temperature' in block
    for question_id in ("saddle_numbness", "fever"):
        forms = re.findall(
            rf'<form method="post" action="/screen/flags/{question_id}">(.*?)</form>', block
        )
        assert len(forms) == 3
        assert all('name="csrf_token"' in f for f in forms)
        said = {re.search(r'name="answer" value="(\w+)"', f)[1] for f in forms}  # type: ignore[index]
        assert said == {"wrong_answer", "still_have", "not_sure"}
    visits = re.findall(r'action="/screen/doctor-visit"[^>]*>(.*?)</form>', block)
    assert [re.search(r'name="sign" value="(\w+)"', v)[1] for v in visits] == [  # type: ignore[index]
        "saddle_numbness",
        "fever",
    ]
    for label in (words.wrong_answer, words.still_have, words.still_not_sure, words.seen_doctor):
        assert label in block


def test_still_not_sure_keeps_the_flag_and_says_so(
    client: TestClient, clock: FakeClock, kb: KnowledgeBase
) -> None:
    screen(client, saddle_numbness="not_sure")
    clock.advance(minutes=5)
    sent = client.post(
        "/screen/flags/saddle_numbness", data={"answer": "not_sure"}, follow_redirects=False
    )
    assert sent.status_code == 303 and sent.headers["location"] == "/screen?reviewed=kept#flags"
    page = client.get(sent.headers["location"]).text
    assert kb.screening.flags.kept in page
    assert [f["question_id"] for f in flags_now(client)] == ["saddle_numbness"]


def test_the_wrong_answer_lifts_that_sign_and_the_next_result_restates_it_first(
    client: TestClient, clock: FakeClock, kb: KnowledgeBase
) -> None:
    screen(client, saddle_numbness="not_sure")
    clock.advance(minutes=5)
    sent = client.post(
        "/screen/flags/saddle_numbness", data={"answer": "wrong_answer"}, follow_redirects=False
    )
    assert sent.headers["location"] == "/screen?reviewed=lifted#flags"
    page = client.get(sent.headers["location"]).text
    assert kb.screening.flags.lifted in page
    assert 'id="flags"' not in page
    assert flags_now(client) == []
    done = client.post("/screen", data=form_answers(), follow_redirects=False)
    result = unescape(client.get(done.headers["location"]).text)
    main = result.split("<main", 1)[1]
    assert 'data-level="ok"' in main
    top = main.split('id="corrected"', 1)[1].split("</section>", 1)[0]
    assert main.index('id="corrected"') < main.index('id="screening-result"')
    assert 'At 09:00 you said "not sure" to: Is there new numbness' in top
    assert kb.screening.flags.lifted in top
    assert kb.emergency_signs[0].text in top  # with the emergency signs
    api = client.get("/api/screenings/current").json()["screening"]
    assert [f["question_id"] for f in api["corrected"]] == ["saddle_numbness"]


def test_a_doctors_visit_lifts_the_sign_it_was_about(client: TestClient, clock: FakeClock) -> None:
    screen(client, saddle_numbness=True, fever="not_sure")
    clock.advance(hours=3)
    sent = client.post(
        "/screen/doctor-visit", data={"sign": "saddle_numbness"}, follow_redirects=False
    )
    assert sent.headers["location"] == "/screen?reviewed=doctor#flags"
    assert [f["question_id"] for f in flags_now(client)] == ["fever"]
    assert "a doctor has seen you" in client.get(sent.headers["location"]).text
    assert client.post("/screen/doctor-visit", data={"sign": "saddle_numbness"}).status_code == 404
    assert client.post("/screen/doctor-visit", data={}).status_code == 422


def test_answering_a_sign_that_does_not_stand_or_with_junk_is_refused(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client, fever=True)
    assert (
        client.post("/screen/flags/saddle_numbness", data={"answer": "not_sure"}).status_code == 404
    )
    assert client.post("/screen/flags/fever", data={"answer": "maybe"}).status_code == 422
    assert client.post("/screen/flags/fever", data={}).status_code == 422
    assert [f["question_id"] for f in flags_now(client)] == ["fever"]


def test_the_flag_api(client: TestClient, clock: FakeClock, kb: KnowledgeBase) -> None:
    checked = screen(client, calf_swelling="not_sure")
    clock.advance(minutes=10)
    (flag,) = flags_now(client)
    assert flag["question_id"] == "calf_swelling" and flag["answer"] == "not_sure"
    assert flag["level"] == "urgent" and flag["screening_id"] == checked["id"]
    assert flag["restated"].startswith('At 09:00 you said "not sure" to: Is one leg')
    assert flag["until"].startswith("2026-03-03T09:00")
    path = "/api/screenings/flags/calf_swelling/review"
    kept = client.post(path, json={"answer": "still_have"})
    assert kept.status_code == 200
    assert kept.json()["lifted"] is False and kept.json()["message"] == kb.screening.flags.kept
    assert len(kept.json()["flags"]) == 1
    for junk in ({"answer": "maybe"}, {}, {"answer": True}, {"answer": "still_have", "x": 1}):
        assert client.post(path, json=junk).status_code == 422, junk
    assert (
        client.post("/api/screenings/flags/nope/review", json={"answer": "still_have"}).status_code
        == 404
    )
    lifted = client.post(path, json={"answer": "wrong_answer"}).json()
    assert lifted["lifted"] is True and lifted["flags"] == []
    assert client.post(path, json={"answer": "wrong_answer"}).status_code == 404


def test_the_doctor_visit_api(client: TestClient, clock: FakeClock) -> None:
    screen(client, both_legs=True)
    url = "/api/screenings/doctor-visits"
    assert client.post(url, json={"sign": "fever"}).status_code == 404
    for junk in ({}, {"sign": 3}, {"sign": "x" * 81}, {"sign": "both_legs", "more": 1}):
        assert client.post(url, json=junk).status_code == 422, junk
    visit = client.post(url, json={"sign": "both_legs"})
    assert visit.status_code == 201
    assert visit.json() == {"flags": [], "signs": []}


def test_while_a_flag_stands_the_plan_and_session_pages_say_so(
    client: TestClient, clock: FakeClock, kb: KnowledgeBase
) -> None:
    screen(client)
    plan_id = plan(client)["id"]
    clock.advance(minutes=2)
    screen(client, fever=True)
    clock.advance(hours=2)
    screen(client)  # all clear now, and the flag still stands
    blocked = client.get("/plan")
    assert blocked.status_code == 403
    banner = unescape(blocked.text).split('id="flag-banner"', 1)[1].split("</div>", 1)[0]
    assert "A sign you told us about stands for 24 hours" in banner
    assert 'At 09:02 you said "yes" to: Do you have a temperature' in banner
    assert 'href="/screen#flags"' in banner
    index = client.get("/session").text
    assert 'id="flag-banner"' in index and 'action="/session"' not in index
    started = client.post("/session", data={"plan": str(plan_id)})
    assert started.status_code == 403 and 'id="flag-banner"' in started.text
    api = client.post("/api/plans", json={"where": WHERE, "minutes": 10})
    assert api.status_code == 403 and api.json()["detail"]["code"] == "red_flag_stands"
    clock.advance(hours=kb.screening.flags.stands_hours)
    screen(client)
    assert client.get("/plan").status_code == 200
    assert 'id="flag-banner"' not in client.get("/session").text


def test_the_clearance_page_offers_only_clearable_reasons(
    client: TestClient, kb: KnowledgeBase
) -> None:
    page = client.get("/screen/clearance").text
    offered = re.findall(r'name="reason" value="([^"]+)"', page)
    assert offered == [c.id for c in kb.screening.clearances.reasons]
    assert kb.screening.clearances.question in page and kb.screening.clearances.help in page
    assert 'type="date" id="input-checked_on" name="checked_on" max="2026-03-02"' in page
    api = client.get("/api/screenings/clearances").json()
    assert [c["id"] for c in api] == offered
    assert api[0]["label"] == kb.screening.question_by_id["cancer_history"].question


def test_a_clearance_with_problems_comes_back_with_them_beside_the_fields(
    client: TestClient,
) -> None:
    sent = {"reason": "fever", "checked_on": "2026-03-09", "who": "Dr Rao"}
    response = client.post("/screen/clearance", data=sent)
    assert response.status_code == 422
    assert 'id="reason-error"' in response.text and 'id="checked_on-error"' in response.text
    assert "later than today" in response.text
    assert 'value="2026-03-09"' in response.text and 'value="Dr Rao"' in response.text
    assert "Internal" not in response.text


def test_a_clearance_turns_a_stable_reason_into_a_caution(
    client: TestClient, clock: FakeClock, kb: KnowledgeBase
) -> None:
    flagged = client.post("/screen", data=form_answers(cancer_history=True), follow_redirects=False)
    result = client.get(flagged.headers["location"]).text
    assert 'data-level="see_professional"' in result
    offer = result.split('id="clearance"', 1)[1].split("</section>", 1)[0]
    assert '<input type="hidden" name="reason" value="cancer_history">' in offer
    saved = client.post(
        "/screen/clearance",
        data={"reason": "cancer_history", "checked_on": "2026-02-20", "who": "Dr Rao"},
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"] == "/screen?reviewed=cleared"
    assert "Your clinician's check is saved" in client.get(saved.headers["location"]).text
    clock.advance(minutes=5)
    again = screen(client, cancer_history=True)
    assert again["level"] == "caution" and again["session_allowed"] is True
    (reason,) = [r for r in again["reasons"] if r["question_id"] == "cancer_history"]
    assert reason["message"].startswith("A clinician checked this on 20 Feb 2026 (Dr Rao)")


def test_no_clearance_is_offered_for_signs_it_cannot_clear(client: TestClient) -> None:
    for extra in ({"cancer_history": "not_sure"}, {"fever": True}, {"numbness": True}):
        page = client.post("/screen", data=form_answers(**extra)).text
        assert 'id="clearance-form"' not in page, extra


def test_the_clearance_api(client: TestClient) -> None:
    url = "/api/screenings/clearances"
    saved = client.post(url, json={"reason": "inflammatory_pattern", "checked_on": "2026-02-01"})
    assert saved.status_code == 201
    assert saved.json() | {"id": 0} == {
        "id": 0,
        "reason": "inflammatory_pattern",
        "checked_on": "2026-02-01",
        "who": None,
    }
    for body, field in (
        ({"reason": "saddle_numbness", "checked_on": "2026-02-01"}, "reason"),
        ({"reason": "pregnant", "checked_on": "last week"}, "checked_on"),
        ({"reason": "pregnant", "checked_on": "2026-02-01", "who": "x" * 101}, "who"),
    ):
        refused = client.post(url, json=body)
        assert refused.status_code == 422, body
        assert [d["loc"] for d in refused.json()["detail"]] == [["body", field]]
    for junk in ({}, {"reason": 3, "checked_on": "2026-02-01"}, {"reason": "pregnant"}):
        assert client.post(url, json=junk).status_code == 422


def test_the_history_api(client: TestClient, clock: FakeClock, kb: KnowledgeBase) -> None:
    first = client.get("/api/screenings/history").json()
    assert first["history"] is None and first["due"] is True
    assert "cancer_history" in first["questions"] and "numbness" not in first["questions"]
    screen(client, osteoporosis=True)
    kept = client.get("/api/screenings/history").json()
    assert kept["due"] is False and kept["history"]["answers"]["osteoporosis"] is True
    assert kept["history"]["pain_began"] == "2026-01-26"
    clock.advance(days=kb.screening.health_history.confirm_every_days)
    assert client.get("/api/screenings/history").json()["due"] is True


def test_logged_signs_are_reasons_like_the_others(client: TestClient, clock: FakeClock) -> None:
    screen(client)
    clock.advance(minutes=5)
    mapped = client.post(
        "/api/journal/pain-maps",
        json={"where": ["left:foot_sole"], "feels": ["numbness"], "intensity": 5},
    )
    assert mapped.status_code == 201, mapped.text
    current = client.get("/api/screenings/current").json()
    assert current["code"] == "new_signs" and "numbness" in current["message"]
    assert "numbness" in client.get("/screen").text.split('id="needs-again"', 1)[1][:400]
    clock.advance(minutes=1)
    done = client.post("/screen", data=form_answers(), follow_redirects=False)
    result = client.get(done.headers["location"]).text
    why = result.split("<h3>Why</h3>", 1)[1].split("</section>", 1)[0]
    assert 'data-reason="journal:numbness"' in why
    assert "You logged numbness at 09:05" in why
    # a sign logged stands until a doctor has seen the person about it
    (sign,) = client.get("/api/screenings/flags").json()["signs"]
    assert sign["id"] == "journal:numbness" and "You logged numbness" in sign["text"]
    block = client.get("/screen").text.split('id="flags"', 1)[1].split("</section>", 1)[0]
    assert 'name="sign" value="journal:numbness"' in block
    visit = client.post("/api/screenings/doctor-visits", json={"sign": "journal:numbness"})
    assert visit.status_code == 201 and visit.json()["signs"] == []


def test_the_journal_lists_the_safety_log_newest_first(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client, fever="not_sure")
    clock.advance(minutes=10)
    client.post("/api/screenings/flags/fever/review", json={"answer": "still_have"})
    clock.advance(minutes=10)
    client.post("/api/screenings/doctor-visits", json={"sign": "fever"})
    page = unescape(client.get("/journal").text)
    log = page.split('id="safety-log"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r'<li data-kind="(\w+)">', log)
    assert items == ["doctor_seen", "flag_review", "flag"]
    assert 'Answered "not sure" to: Do you have a temperature' in log
    assert "said they still have it" in log


def test_signs_on_the_map_after_a_session_are_said_at_once(
    client: TestClient, kb: KnowledgeBase
) -> None:
    client.post("/api/journal/pain-maps", json={"where": WHERE[:1], "intensity": 5})
    screen(client)
    plan_id = plan(client, map_id=1)["id"]
    start = client.post("/session", data={"plan": str(plan_id), "map": "1"}, follow_redirects=False)
    session_id = int(start.headers["location"].rsplit("/", 1)[1])
    client.post(f"/api/sessions/{session_id}/events", json={"type": "start"})
    play(client, session_id, [])
    done = client.post(
        f"/session/{session_id}/finish",
        data={"action": "save", "pain_after": "4", "where": [WHERE[0], "right:thigh_posterior"]},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == f"/session/{session_id}#after-warning"
    page = client.get(f"/session/{session_id}").text
    warning = page.split('id="after-warning"', 1)[1].split("</div>", 1)[0]
    assert kb.screening.logged_signs.after_session in warning
    assert re.search(r'<div class="alert alert-danger" role="alert" id="after-warning"', page)
    api = client.get(f"/api/sessions/{session_id}").json()
    assert api["after_warning"] == kb.screening.logged_signs.after_session


def test_the_api_says_it_when_the_after_map_is_saved(client: TestClient, kb: KnowledgeBase) -> None:
    screen(client)
    session_id = started_session(client, plan(client)["id"])
    play(client, session_id, [])
    finished = client.post(
        f"/api/sessions/{session_id}/finish",
        json={"pain_after": 3, "where": ["left:foot_sole"], "feels": ["numbness"]},
    )
    assert finished.status_code == 200, finished.text
    assert finished.json()["after_warning"] == kb.screening.logged_signs.after_session


def test_a_calm_after_map_goes_on_to_the_journal(client: TestClient) -> None:
    client.post("/api/journal/pain-maps", json={"where": WHERE, "intensity": 5})
    screen(client)
    session_id = started_session(client, plan(client, map_id=1)["id"])
    play(client, session_id, [])
    done = client.post(
        f"/session/{session_id}/finish",
        data={"action": "save", "pain_after": "2", "where": WHERE[:1]},
        follow_redirects=False,
    )
    assert done.headers["location"] == f"/journal#session-{session_id}"
    assert client.get(f"/api/sessions/{session_id}").json()["after_warning"] is None


def test_the_home_page_says_a_flag_stands_and_offers_no_session(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client, bladder_change="not_sure")
    clock.advance(hours=3)
    page = unescape(client.get("/").text)
    banner = page.split('id="flag-banner"', 1)[1].split("</div>", 1)[0]
    assert 'you said "not sure" to: Since your back or leg pain began, has peeing' in banner
    assert "No session while self-massage is paused" in page
    clock.advance(hours=22)
    assert 'id="flag-banner"' not in client.get("/").text
