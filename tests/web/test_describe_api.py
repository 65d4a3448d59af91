"""``POST /api/describe``: the description exactly as the service gives it; 422 in the app's own
shape for text that cannot be read (empty, nothing to read, over the limit, not a string,
missing); the body cap, the Host and the CSRF rules as every other write; and never a 500,
whatever is sent."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sciatica_coach.coach.describe import DESCRIBE_LIMIT, describe_text
from sciatica_coach.content import KnowledgeBase

from .conftest import LOCAL_URL

LEG = "burning down the outside of my left leg to the ankle"
WIPE = "my bum cheek hurts and it feels numb when I wipe"


def test_it_answers_the_description_exactly(client: TestClient, kb: KnowledgeBase) -> None:
    for text in (LEG, WIPE, "Pain in my left calf, no fever. My mum had cancer."):
        response = client.post("/api/describe", json={"text": text})
        assert response.status_code == 200, response.text
        assert response.json() == describe_text(kb, text).to_json()


def test_a_flag_comes_with_its_answer_and_words(client: TestClient) -> None:
    data = client.post("/api/describe", json={"text": WIPE}).json()
    flags = {f["question"]: f for f in data["flags"]}
    assert flags["saddle_numbness"]["answer"] == "yes"
    assert "wipe" in flags["saddle_numbness"]["evidence"].lower()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Write a few words about your pain"),
        (" \n\t ", "Write a few words about your pain"),
        ("1234 !!! ???", "Nothing in that could be read"),
        ("qwzx plorf vrrk", "Nothing in that could be read"),
        ("b" * (DESCRIBE_LIMIT + 1), f"at most {DESCRIBE_LIMIT} characters"),
    ],
)
def test_text_that_cannot_be_read_is_a_422_saying_what_to_write(
    client: TestClient, text: str, says: str
) -> None:
    response = client.post("/api/describe", json={"text": text})
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body", "text"]
    assert problem["msg"].startswith(says) or says in problem["msg"]
    assert problem["type"] == "value_error"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": None},
        {"text": 42},
        {"text": True},
        {"text": ["burning", "left leg"]},
        {"text": {"text": "burning"}},
        {"text": LEG, "extra": 1},
        [LEG],
        LEG,
        None,
    ],
)
def test_a_body_not_as_the_schema_says_is_a_422(client: TestClient, body: Any) -> None:
    response = client.post("/api/describe", json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "body"


JUNK = [
    b"{",
    b"\xff\xfe\x00",
    b'{"text": "\\ud800 burning in my left calf"}',  # half a character
    b'{"text": "\\u0000\\u001b[2J left calf burning"}',
    json.dumps({"text": "[" * 1500 + "left calf" + "]" * 480}).encode(),
    b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",  # deep JSON
    json.dumps({"text": "\U0001f9b5\U0001f525 left leg 🔥 " * 80}).encode(),  # emoji
    json.dumps({"text": "Brûlure à la jambe gauche, ÜBEL, ﬁre, left calf"}).encode(),
    json.dumps({"text": "\u202eleft calf burning\u202c"}).encode(),
    json.dumps({"text": "a" * 900_000}).encode(),
    json.dumps({"text": " " * 900_000}).encode(),
    json.dumps({"text": ("left " * 400)[:DESCRIBE_LIMIT]}).encode(),
    json.dumps({"text": ("no not maybe if " * 200)[:DESCRIBE_LIMIT]}).encode(),
]


@pytest.mark.parametrize("body", JUNK, ids=range(len(JUNK)))
def test_junk_never_gets_a_500(client: TestClient, body: bytes) -> None:
    response = client.post(
        "/api/describe", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code in (200, 400, 413, 422), response.text[:300]
    response.json()  # always a JSON body
    if response.status_code == 200:
        json.dumps(response.json(), ensure_ascii=False).encode("utf-8")


def test_a_body_over_the_cap_is_a_413(client: TestClient) -> None:
    body = json.dumps({"text": "left calf " * 120_000}).encode()
    response = client.post(
        "/api/describe", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["detail"]["code"] == "too_large"


def test_it_needs_the_csrf_token_and_our_own_host(app: FastAPI) -> None:
    no_token = TestClient(app, base_url=LOCAL_URL)
    refused = no_token.post("/api/describe", json={"text": LEG})
    assert refused.status_code == 403
    elsewhere = TestClient(app, base_url="http://elsewhere.example")
    assert elsewhere.post("/api/describe", json={"text": LEG}).status_code == 400


def test_from_another_site_it_is_refused(client: TestClient) -> None:
    response = client.post(
        "/api/describe", json={"text": LEG}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403


def test_nothing_is_kept(client: TestClient) -> None:
    client.post("/api/describe", json={"text": WIPE})
    assert client.get("/api/screenings/current").json()["code"] == "none"


def test_the_document_names_its_answers(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    operation = doc["paths"]["/api/describe"]["post"]
    assert {"200", "403", "413", "422"} <= set(operation["responses"])
    schema = doc["components"]["schemas"]["DescriptionOut"]
    assert set(schema["required"]) == {
        "places", "feels", "flags", "denied", "words", "which_side", "not_current"
    }  # fmt: skip
