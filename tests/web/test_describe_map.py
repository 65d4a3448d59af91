"""The "Describe it in your own words" box on the map page (issue 28): the words mark the
map and tick the feelings, each with the words that gave it, nothing saved; a place named
without a side asks which side; the check's questions the words speak to are offered, and a
red flag shows the emergency signs at once. Bad text loses nothing. The engine's own reading
is tested in tests/domain; here a hand-written reading stands in where a case needs one."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sciatica_coach.domain.describe import Aside, Denial, Description, Flag
from sciatica_coach.web.views import describe as words

from .conftest import LOCAL_URL


def main_of(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def checked(html: str, name: str) -> set[str]:
    return set(re.findall(rf'name="{name}" value="([a-z_:]+)" checked', html))


def read_as(monkeypatch: pytest.MonkeyPatch, found: Description) -> None:
    """The box reads any text as ``found`` (a fake of the service, for one case)."""
    fake: Callable[[object, str], Description] = lambda _kb, _text: found  # noqa: E731
    monkeypatch.setattr(words, "read", fake)


def reading(**parts: object) -> Description:
    empty: dict[str, object] = {
        "places": (),
        "place_words": {},
        "feels": (),
        "feel_words": {},
        "flags": (),
        "denied": (),
        "asides": (),
        "which_side": (),
    }
    return Description(**{**empty, **parts})  # type: ignore[arg-type]


BURNING = "burning down the outside of my left leg to the ankle"


def test_the_box_is_on_the_map_with_a_label_and_its_own_button(client: TestClient) -> None:
    page = main_of(client.get("/map").text)
    assert '<label for="describe">Describe it in your own words</label>' in page
    assert re.search(r'<textarea id="describe" name="describe"[^>]*aria-describedby=', page)
    assert (
        'formaction="/map/describe#describe-reading"' in page and ">Read my words</button>" in page
    )
    # Enter in a field still saves the map: the first submit button of the form is Continue
    first = re.search(r"<form [^>]*id=\"map-form\".*?(<button [^>]*>[^<]*</button>)", page, re.S)
    assert first and "formaction" not in first.group(1) and "Continue" in first.group(1)


def test_words_mark_the_map_and_tick_the_feelings_with_their_words_and_save_nothing(
    client: TestClient,
) -> None:
    response = client.post("/map/describe", data={"describe": BURNING})
    assert response.status_code == 200
    page = main_of(response.text)
    assert "left:thigh_lateral" in checked(page, "where")
    assert "burning" in checked(page, "feels")
    assert 'aria-checked="true"' in page  # marked on the drawing too
    shown = page.split('id="describe-reading"', 1)[1]
    assert re.search(r'data-place="left:thigh_lateral">[^<]*you wrote “[^”]+”', shown)
    assert re.search(r'data-feel="burning">[^<]*you wrote “[^”]*burn[^”]*”', shown)
    assert 'aria-live="polite"' in page.split('id="describe-reading"')[0][-200:] + shown[:200]
    assert BURNING in page  # the text stays in the box
    assert client.get("/api/journal/pain-maps").json() == []  # nothing saved
    assert 'class="match"' in page  # and the muscles that may be involved, at once


def test_words_add_to_what_was_marked_and_keep_the_pain_score(client: TestClient) -> None:
    form = {"describe": BURNING, "where": ["right:buttock_center"], "intensity": "7"}
    page = client.post("/map/describe", data=form).text
    assert {"right:buttock_center", "left:thigh_lateral"} <= checked(page, "where")
    assert re.search(r'id="intensity"[^>]*value="7"', page)


def test_a_map_read_from_words_is_saved_as_any_other(client: TestClient) -> None:
    page = client.post("/map/describe", data={"describe": BURNING}).text
    where = sorted(checked(page, "where"))
    saved = client.post(
        "/map",
        data={"where": where, "feels": ["burning"], "intensity": "5"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert sorted(client.get("/api/journal/pain-maps").json()[0]["where"]) == where


def test_a_place_named_without_a_side_asks_which_side(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(monkeypatch, reading(which_side=("lumbar",), feels=("ache",)))
    page = main_of(client.post("/map/describe", data={"describe": "my lower back aches"}).text)
    asked = page.split('id="which-side-lumbar"', 1)[1].split("</fieldset>", 1)[0]
    assert "Which side is your lower back? (Your own left and right.)" in asked
    for side in ("left", "right", "both"):
        assert (
            f'formaction="/map/describe#describe-reading" name="side" value="{side}:lumbar"'
            in asked
        )
    assert not {"left:lumbar", "right:lumbar"} & checked(page, "where")  # not guessed

    both = {"describe": "my lower back aches", "side": "both:lumbar", "where": ["left:heel"]}
    again = main_of(client.post("/map/describe", data=both).text)
    assert {"left:lumbar", "right:lumbar", "left:heel"} <= checked(again, "where")
    assert 'id="which-side-lumbar"' not in again  # answered

    one = {"describe": "my lower back aches", "side": "right:lumbar"}
    right = main_of(client.post("/map/describe", data=one).text)
    assert "right:lumbar" in checked(right, "where") and "left:lumbar" not in checked(
        right, "where"
    )


def test_a_side_button_does_not_put_back_what_the_person_unmarked(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(
        monkeypatch,
        reading(
            places=("left:heel",), place_words={"left:heel": "left heel"}, which_side=("lumbar",)
        ),
    )
    # the heel the words gave was taken off the map before the side was chosen
    page = client.post("/map/describe", data={"describe": "x", "side": "left:lumbar"}).text
    assert checked(main_of(page), "where") == {"left:lumbar"}


@pytest.mark.parametrize("side", ["left:elbow", "up:lumbar", "left:sacrum", "", "both"])
def test_a_side_that_is_no_place_changes_nothing(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, side: str
) -> None:
    read_as(monkeypatch, reading(which_side=("lumbar",)))
    response = client.post("/map/describe", data={"describe": "x", "side": side})
    assert response.status_code == 200
    assert checked(main_of(response.text), "where") == set()


def test_check_questions_in_the_words_are_offered_with_the_check_filled_in(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(
        monkeypatch,
        reading(
            feels=("numbness",),
            feel_words={"numbness": "numb"},
            flags=(Flag("numbness", "not_sure", "not sure if my foot is numb"),),
            denied=(Denial("fever", "no fever"),),
            asides=(Aside("family", "my mum had cancer"),),
        ),
    )
    page = main_of(client.post("/map/describe", data={"describe": "x"}).text)
    offered = page.split('id="reading-check"', 1)[1].split("</div>", 1)[0]
    assert "Do you have numbness in your leg or foot? (Not sure)" in offered
    assert "“not sure if my foot is numb”" in offered
    assert 'formaction="/screen/describe#describe-reading"' in offered
    assert "You wrote “no fever”" in page and "please answer it" in page
    assert "Not read as your own pain now: “my mum had cancer”" in page
    assert 'id="reading-red"' not in page  # not a red flag: no emergency signs
    assert 'id="reading-no-place"' not in page


def test_a_red_flag_in_the_words_shows_the_emergency_signs_first(client: TestClient) -> None:
    said = "my bum cheek hurts and it feels numb when I wipe"
    page = main_of(client.post("/map/describe", data={"describe": said}).text)
    red = page.split('id="reading-red"', 1)[1].split("</section>", 1)[0]
    assert page.index('id="reading-red"') < page.index('id="reading-h"')
    assert "Get emergency care now if you have" in red
    assert "around your bottom" in red  # the question, and the app's one list of signs
    assert 'id="reading-call"' in red  # the call button
    assert "numb when i wipe" in red.lower()
    assert 'data-question="saddle_numbness"' in page


@pytest.mark.parametrize(
    ("said", "message"),
    [
        ("", "Write a few words"),
        ("   \n  ", "Write a few words"),
        ("12345 !!! ???", "Nothing in that"),
        ("a" * 2001, "2000 characters"),
    ],
)
def test_words_that_cannot_be_read_say_so_beside_the_box_and_lose_nothing(
    client: TestClient, said: str, message: str
) -> None:
    form = {"describe": said, "where": ["left:heel"], "feels": ["ache"], "intensity": "6"}
    response = client.post("/map/describe", data=form)
    assert response.status_code == 422
    page = main_of(response.text)
    box = page.split('id="field-describe"', 1)[1].split("</div>", 1)[0]
    assert 'id="describe-error"' in box and message.lower() in box.lower()
    assert 'aria-describedby="describe-help describe-error" aria-invalid="true"' in box
    assert checked(page, "where") == {"left:heel"}
    assert checked(page, "feels") == {"ache"}
    assert re.search(r'id="intensity"[^>]*value="6"', page)
    assert 'href="#field-describe"' in page  # in the summary at the top, too
    if said.strip():
        assert said[:50] in page  # what was typed stays in the box


def test_the_box_needs_the_token_like_every_form(app: FastAPI) -> None:
    visitor = TestClient(app, base_url=LOCAL_URL)
    for page, path in (("/map", "/map/describe"), ("/screen", "/screen/describe")):
        refused = visitor.post(path, data={"describe": BURNING})
        assert refused.status_code == 403, path
        [token] = re.findall(r'name="csrf_token" value="([^"]+)"', visitor.get(page).text)[:1]
        sent = visitor.post(path, data={"csrf_token": token, "describe": BURNING})
        assert sent.status_code == 200, path


def red_section(page: str) -> str:
    return page.split('id="reading-red"', 1)[1].split("</section>", 1)[0]


EMERGENCY_NOW = (
    "If this is new since your pain began, or you are not sure, call your emergency number "
    "or go to the emergency department now. Do not drive yourself."
)


def test_an_emergency_sign_in_the_words_puts_the_call_button_first(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(
        monkeypatch,
        reading(
            flags=(
                Flag("saddle_numbness", "yes", "numb when I wipe"),
                Flag("fever", "yes", "a fever"),
            )
        ),
    )
    page = main_of(client.post("/map/describe", data={"describe": "x"}).text)
    red = red_section(page)
    assert 'data-level="emergency"' in page and 'class="alert alert-danger"' in page
    assert "may describe an emergency sign" in red
    assert EMERGENCY_NOW in red
    assert red.index(EMERGENCY_NOW) < red.index('id="reading-call"') < red.index("numb when I wipe")
    assert "Get emergency care now if you have" in red and "around your bottom" in red
    assert 'id="reading-red-check"' not in red  # the call comes first; the check is below
    assert 'id="reading-to-check"' in page


def test_an_urgent_sign_says_a_doctor_today_sends_to_the_check_and_lists_the_signs(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(monkeypatch, reading(flags=(Flag("fever", "not_sure", "maybe a temperature"),)))
    page = main_of(client.post("/map/describe", data={"describe": "x"}).text)
    red = red_section(page)
    assert 'data-level="urgent"' in page and 'class="alert alert-warning"' in page
    assert "needs a doctor today" in red and "may need to check you today" in red
    assert "emergency sign" not in red.split("</h2>", 1)[0]
    assert 'id="reading-call"' not in page and EMERGENCY_NOW not in red
    assert 'formaction="/screen/describe#describe-reading"' in red  # take the check
    assert red.index('id="reading-red-check"') < red.index('id="reading-signs-h"')
    assert "When to get emergency care" in red and "around your bottom" in red
    assert "call your emergency number or go to the emergency department now" in red
    assert 'id="reading-to-check"' not in page  # one button to the check, not two


@pytest.mark.parametrize(
    "said", ["I had breast cancer 5 years ago", "I had bowel cancer, I am not sure it is gone"]
)
def test_a_past_cancer_alone_asks_for_the_check_without_alarm(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, said: str
) -> None:
    read_as(monkeypatch, reading(flags=(Flag("cancer_history", "yes", said),)))
    page = main_of(client.post("/map/describe", data={"describe": said}).text)
    red = red_section(page)
    assert 'data-level="see_professional"' in page and 'class="notice"' in page
    heading = red.split("</h2>", 1)[0]
    assert "Take the safety check with these answers" in heading
    for alarm in ("needs help now", "emergency", "today"):
        assert alarm not in heading
    assert 'id="reading-call"' not in page and "alert-danger" not in page
    assert EMERGENCY_NOW not in page and "Get emergency care now if you have" not in red
    assert said in red
    assert 'formaction="/screen/describe#describe-reading"' in red
    assert 'href="/learn/safety#emergency-h"' in red  # where the emergency signs are


def test_a_past_cancer_with_night_pain_in_the_same_words_needs_a_doctor_today(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(
        monkeypatch,
        reading(
            flags=(
                Flag("cancer_history", "yes", "I had breast cancer"),
                Flag("night_pain_constant", "yes", "it keeps me up all night"),
            )
        ),
    )
    page = main_of(client.post("/map/describe", data={"describe": "x"}).text)
    red = red_section(page)
    assert 'data-level="urgent"' in page and "needs a doctor today" in red
    assert "See a doctor today and tell them about your cancer history" in red


def test_the_check_page_says_the_answers_are_below_rather_than_a_button(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(monkeypatch, reading(flags=(Flag("cancer_history", "yes", "had cancer in 2019"),)))
    page = main_of(client.post("/screen/describe", data={"describe": "x"}).text)
    red = red_section(page)
    assert "Check these answers in the safety check below" in red
    assert "answered from your words" in red and "formaction" not in red
    assert 'id="reading-call"' not in page
