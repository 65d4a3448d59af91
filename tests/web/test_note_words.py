"""A pain-log note whose words may be a warning sign, on the pages and the API: home and the
check say which words in which entry ended the check, and the flags list them with the
question they speak to, until a doctor's visit about them."""

from __future__ import annotations

from html import unescape

from fastapi.testclient import TestClient

from sciatica_coach.content import KnowledgeBase

from .conftest import FakeClock, screen

WORDS = "journal:red_flag_words:saddle_numbness"
NOTE = "can't feel the toilet paper when I wipe"


def test_home_and_the_check_say_which_words_in_which_entry(
    client: TestClient, clock: FakeClock, kb: KnowledgeBase
) -> None:
    screen(client)
    clock.advance(minutes=5)
    logged = client.post("/api/journal/pain", json={"now": 4, "note": NOTE})
    assert logged.status_code == 201, logged.text
    clock.advance(minutes=1)
    home = unescape(client.get("/").text)
    listed = home.split('id="status-logged"', 1)[1].split("</ul>", 1)[0]
    assert "toilet paper" in listed and "in the note on a pain log" in listed
    page = unescape(client.get("/screen").text)
    again = page.split('id="needs-again"', 1)[1].split("</div>", 1)[0]
    assert "toilet paper" in again and "in the note on a pain log" in again
    block = page.split('id="flags"', 1)[1].split("</section>", 1)[0]
    assert 'id="sign-red_flag_words-saddle_numbness"' in block
    assert kb.screening.question_by_id["saddle_numbness"].question in block
    assert f'name="sign" value="{WORDS}"' in block
    assert 'id="flags-call"' in block  # the words speak to an emergency question
    signs = client.get("/api/screenings/flags").json()["signs"]
    (sign,) = [s for s in signs if s["id"] == WORDS]
    assert sign["question"] == "saddle_numbness" and sign["kind"] == "pain_log"
    assert sign["question_level"] == "emergency"
    assert "toilet paper" in sign["words"]
    status = client.get("/api/status").json()
    assert any("toilet paper" in said for said in status["pause"]["logged"])
    visit = client.post("/api/screenings/doctor-visits", json={"sign": WORDS})
    assert visit.status_code == 201, visit.text
    assert WORDS not in {s["id"] for s in visit.json()["signs"]}
