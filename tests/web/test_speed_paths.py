"""The faster ways the web answers give the same answers as the plain ones.

The content API sends bytes made once per app (``api/content.py``); here each answer is
compared with FastAPI's own encoding of the same knowledge-base objects, as the endpoints
gave before, and asked twice (the second answer comes from the kept bytes). The routers are
tried in an order chosen for speed, which is safe only because no two routes overlap. A
match's picture address is spelt without ``urlencode``, and the same."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter
from fastapi.encoders import jsonable_encoder
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import all_region_keys
from sciatica_coach.domain.library import (
    exercises_for,
    muscle_guide,
    techniques_using,
    warning_signs_in_order,
)
from sciatica_coach.web.app import ROUTERS
from sciatica_coach.web.views.pictures import PICTURE_PATH, pattern_picture_url
from sciatica_coach.web.views.screening import place_label


def expected_content(kb: KnowledgeBase) -> dict[str, Any]:
    """Every content address with what it answered when FastAPI encoded the objects itself."""
    answers: dict[str, Any] = {
        "topics": kb.topics.all(),
        "muscles": kb.muscles.all(),
        "tools": kb.tools.all(),
        "exercises": exercises_for(kb, None),
        "exercises?kind=stretch": exercises_for(kb, "stretch"),
        "exercises?kind=strengthening": exercises_for(kb, "strengthening"),
        "faq": kb.faq.all(),
        "habits": kb.habits.all(),
        "warning-signs": warning_signs_in_order(kb),
        "professionals": kb.professionals.all(),
        "sources": kb.sources.all(),
        "screening-questions": kb.screening.questions,
        "places": [
            {
                "key": str(k),
                "side": k.side,
                "region": k.region,
                "label": place_label(kb, str(k)),
                "view": kb.regions[k.region].view,
            }
            for k in all_region_keys(kb.regions)
        ],
    }
    for topic in kb.topics.values():
        answers[f"topics/{topic.id}"] = topic
    for exercise in kb.exercises.values():
        answers[f"exercises/{exercise.id}"] = exercise
    for tool in kb.tools.values():
        used = [t.id for t in techniques_using(kb, tool.id)]
        answers[f"tools/{tool.id}"] = {"tool": tool, "used_in": used}
    for muscle_id in kb.muscles:
        guide = muscle_guide(kb, muscle_id)
        answers[f"muscles/{muscle_id}"] = {
            name: getattr(guide, name)
            for name in (
                "muscle", "technique", "tools", "stretches", "strengthening",
                "refers_to", "sometimes_refers_to", "sources",
            )
        }  # fmt: skip
    return {path: jsonable_encoder(value) for path, value in answers.items()}


def test_every_content_answer_is_what_fastapi_made_of_the_same_objects(
    client: TestClient, kb: KnowledgeBase
) -> None:
    for path, expected in expected_content(kb).items():
        for _ in range(2):  # made, then kept
            response = client.get(f"/api/content/{path}")
            assert response.status_code == 200, path
            assert response.headers["content-type"] == "application/json", path
            assert response.json() == expected, path


def test_an_unknown_id_is_not_kept_and_still_names_the_closest(client: TestClient) -> None:
    for _ in range(2):
        response = client.get("/api/content/muscles/pirifomis")
        assert response.status_code == 404
        assert "piriformis" in response.text


def sample_path(path: str) -> str:
    """A path the route answers, with each ``{parameter}`` filled in."""
    return re.sub(r"\{[^}:]+(:path)?\}", "1", path)


def clashes(routers: tuple[APIRouter, ...]) -> list[tuple[str, str]]:
    """Pairs of routes in different routers where the first answers the second's path."""
    routes = [
        (index, route)
        for index, router in enumerate(routers)
        for route in router.routes
        if isinstance(route, APIRoute)
    ]
    return [
        (mine.path, theirs.path)
        for index, mine in routes
        for other, theirs in routes
        if index != other
        and (mine.methods or set()) & (theirs.methods or set())
        and mine.path_regex.match(sample_path(theirs.path))
    ]


def test_no_route_answers_another_routers_path() -> None:
    assert clashes(ROUTERS) == []


def test_a_clash_would_be_found() -> None:
    first, second = APIRouter(), APIRouter(prefix="/api")

    @first.get("/api/{name}")
    def anything(name: str) -> str:
        return name

    @second.get("/health")
    def health() -> str:
        return "ok"

    assert clashes((first, second)) == [("/api/{name}", "/api/health")]


@given(st.text(max_size=30), st.text(max_size=10))
def test_a_pattern_pictures_address_is_what_urlencode_gave(muscle_id: str, side: str) -> None:
    expected = f"{PICTURE_PATH}?{urlencode({'muscle': muscle_id, 'side': side})}"
    assert pattern_picture_url(muscle_id, side) == expected
