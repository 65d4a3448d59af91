"""The "Describe it in your own words" box in the daily check (issue 28): each question the
words speak to comes back answered with the words' answer ("yes" or "not sure") and the
words beside it, for the person to confirm or change; a question the words deny is left
unanswered; nothing is saved, and the answers sent go through the check as any others. Bad
text loses nothing."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from sciatica_coach.domain.describe import Denial, Flag

from .conftest import form_answers, screen
from .test_describe_map import main_of, read_as, reading


def answered(html: str) -> dict[str, str]:
    return dict(re.findall(r'name="([a-z_]+)" value="([a-z_]+)" checked', html))


def words_beside(html: str, question: str) -> str:
    field = html.split(f'id="field-{question}"', 1)[1].split("</fieldset>", 1)[0]
    found = re.search(rf'<p class="from-words[^"]*" id="{question}-words">(.*?)</p>', field)
    return found.group(1) if found else ""


WIPE = "my bum cheek hurts and it feels numb when I wipe"


def test_the_box_is_in_the_check_with_a_label_and_its_own_button(client: TestClient) -> None:
    page = main_of(client.get("/screen").text)
    assert '<label for="describe">Describe it in your own words</label>' in page
    assert 'formaction="/screen/describe#describe-reading"' in page
    form = page.split('id="screen-form"', 1)[1]
    first = re.search(r"<button [^>]*>[^<]*</button>", form)
    assert first and "formaction" not in first.group(0)  # Enter still sends the check


def test_a_red_flag_in_the_words_is_answered_for_the_person_to_confirm(
    client: TestClient,
) -> None:
    response = client.post("/screen/describe", data={"describe": WIPE})
    assert response.status_code == 200
    page = main_of(response.text)
    assert answered(page).get("saddle_numbness") == "yes"
    beside = words_beside(page, "saddle_numbness")
    assert "You wrote: “" in beside and "wipe" in beside.lower()
    assert 'aria-describedby="saddle_numbness-words"' in page
    assert 'id="reading-red"' in page and 'id="reading-call"' in page
    assert WIPE in page
    assert client.get("/api/screenings/current").json()["screening"] is None  # nothing saved


def test_a_denial_never_answers_a_question(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(
        monkeypatch,
        reading(
            flags=(Flag("numbness", "not_sure", "not sure if my foot is numb"),),
            denied=(Denial("fever", "no fever"), Denial("bladder_change", "bladder is normal")),
        ),
    )
    page = main_of(client.post("/screen/describe", data={"describe": "x"}).text)
    given = answered(page)
    assert given.get("numbness") == "not_sure"
    assert "fever" not in given and "bladder_change" not in given
    assert words_beside(page, "fever") == "You wrote “no fever”: please still answer."
    assert "please still answer" in words_beside(page, "bladder_change")


def test_the_words_only_ever_raise_an_answer_given(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(
        monkeypatch,
        reading(
            flags=(
                Flag("fever", "yes", "a fever of 38.5"),
                Flag("numbness", "not_sure", "maybe numb"),
                Flag("weakness_new", "not_sure", "foot feels weak?"),
            ),
        ),
    )
    form = {"describe": "x", "fever": "no", "numbness": "yes", "weakness_new": "no"}
    page = main_of(client.post("/screen/describe", data=form).text)
    given = answered(page)
    assert given["fever"] == "yes"  # a "no" the words contradict: the words win
    assert given["numbness"] == "yes"  # a "not sure" never lowers a "yes"
    assert given["weakness_new"] == "not_sure"  # doubt counts toward concern


def test_answers_sent_after_the_words_go_through_the_check_as_any_others(
    client: TestClient,
) -> None:
    page = main_of(client.post("/screen/describe", data={"describe": WIPE}).text)
    pre = answered(page)
    assert pre["saddle_numbness"] == "yes"
    form = {**form_answers(), **pre}  # the rest answered "no", as a person would
    sent = client.post("/screen", data=form, follow_redirects=False)
    assert sent.status_code == 303
    result = client.get("/api/screenings/current").json()["screening"]
    same = screen(client, saddle_numbness=True)
    assert result["level"] == same["level"] == "emergency"


def test_a_history_question_in_the_words_shows_the_history_answered(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.post("/screen", data=form_answers())  # the history is kept: not shown next time
    assert 'id="group-history"' not in client.get("/screen").text
    read_as(
        monkeypatch,
        reading(flags=(Flag("cancer_history", "yes", "I had bowel cancer 4 years ago"),)),
    )
    page = main_of(client.post("/screen/describe", data={"describe": "x"}).text)
    assert 'id="group-history"' in page
    assert 'name="history_shown" value="yes"' in page
    assert answered(page)["cancer_history"] == "yes"
    assert "bowel cancer" in words_beside(page, "cancer_history")


def test_the_map_sends_its_words_to_the_check(client: TestClient) -> None:
    map_form = {"describe": WIPE, "where": ["left:buttock_center"], "intensity": "4"}
    page = main_of(client.post("/screen/describe", data=map_form).text)
    assert answered(page).get("saddle_numbness") == "yes"
    assert WIPE in page


@pytest.mark.parametrize("said", ["", "  ", "12345 !!! ???", "a" * 2001])
def test_words_that_cannot_be_read_keep_every_answer_given(client: TestClient, said: str) -> None:
    form = {"describe": said, "fever": "no", "numbness": "not_sure", "pain_now": "6"}
    response = client.post("/screen/describe", data=form)
    assert response.status_code == 422
    page = main_of(response.text)
    assert 'id="describe-error"' in page.split('id="field-describe"', 1)[1].split("</div>", 1)[0]
    given = answered(page)
    assert given["fever"] == "no" and given["numbness"] == "not_sure"
    assert re.search(r'name="pain_now"[^>]*value="6"', page)
    assert client.get("/api/screenings/current").json()["screening"] is None
