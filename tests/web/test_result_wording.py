"""A result says each thing once (clinical review I12): a piece of advice is listed under
Advice, not also in its reason's box; no box inside a result carries another level's title."""

from __future__ import annotations

from fastapi.testclient import TestClient

from sciatica_coach.content import KnowledgeBase

from .conftest import form_answers


def main_of(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def test_each_piece_of_advice_is_said_once(client: TestClient, kb: KnowledgeBase) -> None:
    response = client.post("/screen", data=form_answers(pain_now=9, anticoagulants=True))
    main = main_of(response.text)
    advice = kb.screening.question_by_id["pain_now"].rule.advice
    assert advice and main.count(advice) == 1
    assert main.index("<h2>Advice</h2>") < main.index(advice)


def test_no_level_title_but_the_results_own_is_shown(client: TestClient, kb: KnowledgeBase) -> None:
    main = main_of(client.post("/screen", data=form_answers(pain_now=9, anticoagulants=True)).text)
    titles = {level.id: level.title for level in kb.screening.levels}
    assert titles["not_today"] in main
    for level, title in titles.items():
        if level != "not_today":
            assert title not in main, title
