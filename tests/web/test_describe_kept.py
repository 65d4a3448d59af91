"""The map page keeps what the person wrote in "Describe it in your own words" with the map
they save, as a note in the journal (issue 28: the describe box is free text the journal keeps,
read for warning signs like any other note); the check page keeps only the answers."""

from __future__ import annotations

import re
from datetime import datetime
from html import unescape
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from .conftest import LOCAL_URL, FakeClock, form_answers, screen

NUMB = "my foot is going numb since this morning"


def kept(client: TestClient) -> list[dict[str, Any]]:
    """The notes in the journal, from the export (the journal page lists no notes)."""
    tables = client.get("/api/journal/export").json()["tables"]
    notes: list[dict[str, Any]] = tables["notes"]
    return notes


def save(client: TestClient, **form: object) -> Any:
    data = {"where": ["left:heel"], "feels": ["ache"], "intensity": "4"} | form
    return client.post("/map", data=data, follow_redirects=False)


def test_the_box_says_its_words_are_kept_with_the_map(client: TestClient) -> None:
    help_text = client.get("/map").text.split('id="describe-help"', 1)[1].split("</p>", 1)[0]
    assert "What you write here is kept with the map in your journal as a note." in help_text
    check = client.get("/screen").text.split('id="describe-help"', 1)[1].split("</p>", 1)[0]
    assert "only your answers are kept, not these words" in check


def test_saving_the_map_keeps_the_words_as_a_note_at_the_same_moment(
    client: TestClient,
) -> None:
    read = client.post("/map/describe", data={"describe": NUMB, "where": ["left:heel"]})
    assert f">{NUMB}</textarea>" in read.text  # the form carries the words on
    assert kept(client) == []  # reading keeps nothing
    saved = save(client, describe=f"{NUMB}\r\n")
    assert saved.status_code == 303
    (note,) = kept(client)
    assert note["text"] == NUMB
    (entry,) = client.get("/api/journal/pain-maps").json()
    moment = datetime.fromisoformat(entry["recorded_at"].replace("Z", "+00:00"))
    assert datetime.fromisoformat(note["recorded_at"]) == moment


def test_words_with_no_warning_sign_go_on_to_the_plan(client: TestClient) -> None:
    screen(client)
    saved = save(client, describe="a dull ache in my left heel")
    assert saved.headers["location"].startswith("/plan?map=")
    assert [n["text"] for n in kept(client)] == ["a dull ache in my left heel"]


def test_no_words_keep_no_note(client: TestClient) -> None:
    assert save(client).status_code == 303
    assert save(client, describe="  \n ").status_code == 303
    assert len(client.get("/api/journal/pain-maps").json()) == 2
    assert kept(client) == []


def test_too_many_words_are_refused_beside_the_box_and_nothing_is_saved(
    client: TestClient,
) -> None:
    response = save(client, describe="a" * 2001, where=["left:heel", "right:heel"])
    assert response.status_code == 422
    box = response.text.split('id="field-describe"', 1)[1].split("</div>", 1)[0]
    assert 'id="describe-error"' in box and "2000 characters" in box
    assert "a" * 2001 in box  # the words stay in the box
    assert set(re.findall(r'name="where" value="([a-z_:]+)" checked', response.text)) == {
        "left:heel",
        "right:heel",
    }
    assert client.get("/api/journal/pain-maps").json() == [] and kept(client) == []


def test_a_map_that_cannot_be_saved_keeps_the_words_in_the_box(client: TestClient) -> None:
    response = save(client, describe=NUMB, where=[])
    assert response.status_code == 422
    assert f">{NUMB}</textarea>" in response.text and kept(client) == []


def test_the_map_keeps_words_only_with_the_token_like_every_form(app: FastAPI) -> None:
    visitor = TestClient(app, base_url=LOCAL_URL)
    form = {"where": ["left:heel"], "feels": ["ache"], "intensity": "4", "describe": NUMB}
    assert visitor.post("/map", data=form, follow_redirects=False).status_code == 403
    [token] = re.findall(r'name="csrf_token" value="([^"]+)"', visitor.get("/map").text)[:1]
    sent = visitor.post("/map", data={**form, "csrf_token": token}, follow_redirects=False)
    assert sent.status_code == 303
    notes = visitor.get("/api/journal/export").json()["tables"]["notes"]
    assert [n["text"] for n in notes] == [NUMB]


def test_kept_words_that_may_be_a_warning_sign_ask_for_the_check_again(
    client: TestClient, clock: FakeClock
) -> None:
    screen(client)
    clock.advance(minutes=5)
    saved = save(client, describe=NUMB)
    assert saved.status_code == 303 and saved.headers["location"] == "/screen"
    clock.advance(minutes=1)
    page = unescape(client.get("/screen").text)
    again = page.split('id="needs-again"', 1)[1].split("</div>", 1)[0]
    assert "numb" in again


def test_the_check_keeps_its_answers_not_the_words(client: TestClient) -> None:
    sent = client.post("/screen", data={**form_answers(), "describe": NUMB}, follow_redirects=False)
    assert sent.status_code == 303, sent.text[:500]
    assert kept(client) == []
