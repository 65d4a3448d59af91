"""One list of emergency signs everywhere, an emergency never dressed as a success, and a
call button for the emergency number of the person's country (clinical review I11, web
review minor 3 and 4).

Until a country is chosen in settings, the button says "Call your emergency number" and goes
to the choice; after, it dials that country's number (``tel:999``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sciatica_coach.coach import accounts
from sciatica_coach.content import KnowledgeBase
from sciatica_coach.web import create_app
from tests.exports.pdf_text import read_pdf

from .conftest import FakeClock, form_answers, local_client, plan, play, screen, started_session

CALL = re.compile(r'<a class="button button-call" href="([^"]*)"[^>]*>([^<]*)</a>')


def main_of(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def footer_of(html: str) -> str:
    return html.split('<footer class="site">', 1)[1]


def calls(html: str) -> list[tuple[str, str]]:
    """Every call button on the page: (where it goes, what it says)."""
    return CALL.findall(html)


def choose(client: TestClient, country: str | None) -> None:
    response = client.put("/api/settings", json={"country": country})
    assert response.status_code == 200, response.text


# --- one list, shown everywhere -------------------------------------------------------------


def test_every_page_ends_with_the_disclaimer_and_the_one_list(
    client: TestClient, kb: KnowledgeBase
) -> None:
    net = kb.screening.safety_net
    for path in ("/", "/learn", "/plan", "/settings", "/no-such-page", "/offline"):
        footer = footer_of(client.get(path).text)
        assert f"<strong>{net.disclaimer}</strong>" in footer, path
        assert f"<summary>{net.title}</summary>" in footer, path
        for sign in kb.emergency_signs:
            assert sign.text in footer, (path, sign.id)
        assert not calls(footer), "the footer is the same for everyone: no one's number in it"
    offline = main_of(client.get("/offline").text)
    assert all(sign.text in offline for sign in kb.emergency_signs)


def test_learn_shows_the_one_list_with_its_sources(client: TestClient, kb: KnowledgeBase) -> None:
    for path in ("/learn/safety", "/learn/topics/when_to_stop"):
        main = main_of(client.get(path).text)
        for sign in kb.emergency_signs:
            assert sign.text in main, (path, sign.id)
            for source in sign.sources:
                assert f'id="source-{source}"' in main, (path, source)
    # the topic says the signs once: in the list, not again in a paragraph of its own
    topic = main_of(client.get("/learn/topics/when_to_stop").text)
    assert topic.count("around your bottom") == 1


def test_the_welcome_page_shows_the_one_list_and_the_call_button(
    client: TestClient, kb: KnowledgeBase
) -> None:
    main = main_of(client.get("/").text)
    assert all(sign.text in main for sign in kb.emergency_signs)
    assert calls(main) == [("/settings#country", "Call your emergency number")]


def test_the_safety_net_on_a_result_shows_the_one_list(
    client: TestClient, kb: KnowledgeBase
) -> None:
    main = main_of(client.post("/screen", data=form_answers(pain_now=9)).text)
    net = main.split('class="safety-net"', 1)[1]
    for sign in kb.emergency_signs:
        assert sign.text in net, sign.id
    assert calls(net) == [("/settings#country", "Call your emergency number")]


def test_the_printed_routine_shows_the_one_list(client: TestClient, kb: KnowledgeBase) -> None:
    screen(client)
    made = plan(client)
    response = client.get(f"/plan/{made['id']}/routine.pdf")
    assert response.status_code == 200
    text = read_pdf(response.content).text
    for sign in kb.emergency_signs:
        assert " ".join(sign.text.split()) in text, sign.id


# --- an emergency is an alarm, with a call button ---------------------------------------------


def test_an_emergency_result_is_an_alarm_that_calls_your_emergency_number(
    client: TestClient,
) -> None:
    checked = screen(client, saddle_numbness=True)
    assert checked["level"] == "emergency"
    main = main_of(client.get(f"/screen/{checked['id']}").text)
    result = (
        main.split('id="screening-result"', 1)[0].rsplit("<section", 1)[1]
        + main.split('id="screening-result"', 1)[1].split("</section>", 1)[0]
    )
    assert "alert-danger" in result and 'role="alert"' in result and "notice" not in result
    # before a country is chosen: the words, and the way to the choice, never a guessed number
    assert ("/settings#country", "Call your emergency number") in calls(result)
    assert "tel:" not in main
    choose(client, "GB")
    main = main_of(client.get(f"/screen/{checked['id']}").text)
    assert ("tel:999", "Call 999") in calls(main)
    assert "The emergency number for your country, United Kingdom" in main
    choose(client, "Australia")
    assert ("tel:000", "Call 000") in calls(client.get(f"/screen/{checked['id']}").text)


def test_an_emergency_answered_on_the_form_has_the_call_button_at_once(
    client: TestClient,
) -> None:
    choose(client, "us")
    main = main_of(client.post("/screen", data={"saddle_numbness": "yes"}).text)
    assert 'data-level="emergency"' in main
    assert calls(main)[0] == ("tel:911", "Call 911")


def test_the_check_tab_never_shows_an_emergency_as_a_success(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client, saddle_numbness=True)
    clock.advance(minutes=10)
    main = main_of(client.get("/screen").text)
    current = main.split('id="current-check"', 1)[1].split("</div>", 1)[0]
    opening = main.split('id="current-check"', 1)[0].rsplit("<div", 1)[1]
    assert "alert-danger" in opening and "notice" not in opening and "alert-ok" not in opening
    assert 'role="alert"' in current.split(">", 1)[0]
    assert "Emergency: get help now" in current
    assert ("/settings#country", "Call your emergency number") in calls(current)
    flags = main.split('id="flags"', 1)[1].split("</section>", 1)[0]
    assert calls(flags), "the standing flag has its own call button"
    choose(client, "NZ")
    main = main_of(client.get("/screen").text)
    assert calls(main.split('id="current-check"', 1)[1])[0] == ("tel:111", "Call 111")


def test_an_urgent_check_on_the_check_tab_is_an_alarm_without_a_call_button(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client, fever=True)
    clock.advance(minutes=10)
    main = main_of(client.get("/screen").text)
    opening = main.split('id="current-check"', 1)[0].rsplit("<div", 1)[1]
    current = main.split('id="current-check"', 1)[1].split("</div>", 1)[0]
    assert "alert-danger" in opening
    assert 'role="alert"' in current.split(">", 1)[0]
    assert not calls(current)


def test_home_and_the_session_tab_offer_the_call_while_an_emergency_stands(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client)  # a returning person
    clock.advance(minutes=5)
    screen(client, bladder_change="not_sure")
    choose(client, "CA")
    home = main_of(client.get("/").text)
    assert ("tel:911", "Call 911") in calls(home)
    assert 'id="home-emergency"' in home and 'role="alert"' in home
    session_tab = main_of(client.get("/session").text)
    assert ("tel:911", "Call 911") in calls(session_tab.split('id="flag-banner"', 1)[1])


def test_the_call_button_is_big_enough_to_tap() -> None:
    from pathlib import Path

    import sciatica_coach.web as web

    css = (Path(web.__file__).parent / "static" / "app.css").read_text(encoding="utf-8")
    rule = css.split(".button-call {", 1)[1].split("}", 1)[0]
    height = re.search(r"min-height:\s*(\d+)px", rule)
    assert height is not None and int(height.group(1)) >= 48
    assert "var(--danger)" in rule  # red, like the alarm it belongs to


# --- the settings page and API --------------------------------------------------------------


def test_the_settings_page_chooses_and_forgets_the_country(client: TestClient) -> None:
    page = main_of(client.get("/settings").text)
    assert '<option value="" selected>Not chosen</option>' in page
    assert '<option value="GB">United Kingdom (999)</option>' in page
    saved = client.post("/settings", data={"country": "GB"}, follow_redirects=False)
    assert saved.status_code == 303
    assert saved.headers["location"] == "/settings?saved=country#country"
    page = main_of(client.get("/settings?saved=country").text)
    assert '<option value="GB" selected>' in page
    assert "The emergency call button now calls 999" in page
    assert ("tel:999", "Call 999") in calls(page)
    assert "gov.uk" in page  # the number's official source
    assert client.get("/api/settings").json()["country"] == "GB"
    client.post("/settings", data={"country": ""})
    assert client.get("/api/settings").json()["country"] is None
    refused = client.post("/settings", data={"country": "Narnia"})
    assert refused.status_code == 422
    assert 'id="country-error"' in refused.text


def test_the_settings_api(client: TestClient) -> None:
    shown = client.get("/api/settings").json()
    assert shown["country"] is None and shown["emergency_number"] is None
    assert shown["call"] == {
        "label": "Call your emergency number",
        "href": "/settings#country",
        "number": None,
    }
    assert {"country": "IN", "name": "India", "number": "112"}.items() <= next(
        c for c in shown["countries"] if c["country"] == "IN"
    ).items()
    chosen = client.put("/api/settings", json={"country": "united kingdom"}).json()
    assert chosen["country"] == "GB" and chosen["call"]["href"] == "tel:999"
    refused = client.put("/api/settings", json={"country": "Narnia"})
    assert refused.status_code == 422
    assert "Choose a country" in refused.text
    assert client.put("/api/settings", json={"country": None}).json()["country"] is None


@pytest.fixture
def accounts_app(database_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=64))
    return create_app(database_url, clock=clock, accounts=True)


def signed_up(app: FastAPI, name: str) -> Iterator[TestClient]:
    with local_client(app) as client:
        password = "correct horse battery"
        response = client.post(
            "/signup",
            data={"name": name, "password": password, "again": password},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        client.headers["X-CSRF-Token"] = client.get("/api/token").json()["token"]
        yield client


def test_with_accounts_each_person_has_their_own_country(accounts_app: FastAPI) -> None:
    for ann in signed_up(accounts_app, "ann"):
        for bob in signed_up(accounts_app, "bob"):
            choose(ann, "GB")
            choose(bob, "US")
            assert ann.get("/api/settings").json()["country"] == "GB"
            assert bob.get("/api/settings").json()["country"] == "US"
            checked = screen(bob, saddle_numbness=True)
            assert ("tel:911", "Call 911") in calls(bob.get(f"/screen/{checked['id']}").text)
    with local_client(accounts_app) as nobody:
        assert nobody.get("/settings", follow_redirects=False).status_code == 303


# --- the session stop names the spot plainly (I12) --------------------------------------------


def test_a_stop_for_bad_pain_names_the_spot_without_the_steps_title(client: TestClient) -> None:
    screen(client)
    made = plan(client, where=[], muscles=[{"muscle_id": "piriformis", "side": "left"}])
    session_id = started_session(client, made["id"])
    final = play(client, session_id, ["bad"])
    assert final["bad_pain"] is True
    spot = [line for line in final["what_to_do"] if line.startswith("Spot: ")]
    assert spot == ["Spot: Piriformis, inner point (left)"]
    page = client.get(f"/session/{session_id}").text
    assert "Spot: Piriformis, inner point (left)" in page
    assert "Spot: Hold" not in page and "Spot: Find" not in page
