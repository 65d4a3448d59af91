"""Every request body is bounded and strictly typed: a list longer than any real request, or a
pain score sent as ``true`` or ``"5"``, gets 422 naming the field, never a guess or a crash."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from sciatica_coach.web.views import models, models_describe, models_session
from sciatica_coach.web.views.models import MAX_CHOICES, MAX_PLACES, InModel


def request_models() -> list[type[InModel]]:
    found = {
        value
        for module in (models, models_session, models_describe)
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, InModel) and value is not InModel
    }
    return sorted(found, key=lambda m: m.__name__)


def unbounded(schema: Any, path: str = "") -> list[str]:
    """Where a JSON schema allows an array or an object of any size."""
    found = []
    if isinstance(schema, dict):
        if schema.get("type") == "array" and "maxItems" not in schema:
            found.append(path)
        if isinstance(schema.get("additionalProperties"), dict) and "maxProperties" not in schema:
            found.append(path)
        for key, value in schema.items():
            found += unbounded(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            found += unbounded(value, f"{path}/{i}")
    return found


def test_every_request_model_is_strict_and_bounded() -> None:
    assert len(request_models()) >= 15
    for model in request_models():
        assert model.model_config.get("strict") is True, model.__name__
        assert unbounded(model.model_json_schema()) == [], model.__name__


@pytest.mark.parametrize("value", [True, "5", 5.0, [5], None])
def test_a_pain_score_must_be_a_whole_number(client: TestClient, value: object) -> None:
    response = client.post("/api/journal/pain", json={"now": value})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "now"]


def test_too_many_places_feelings_or_answers_are_refused(client: TestClient) -> None:
    places = ["left:buttock_center"] * (MAX_PLACES + 1)
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("/api/matches", {"where": places}, "where"),
        ("/api/journal/pain-maps", {"where": places, "intensity": 3}, "where"),
        ("/api/matches", {"where": ["left:heel"], "feels": ["ache"] * (MAX_CHOICES + 1)}, "feels"),
        ("/api/plans", {"tools": ["tennis_ball"] * (MAX_CHOICES + 1)}, "tools"),
        ("/api/screenings", {"answers": {f"q{i}": True for i in range(201)}}, "answers"),
    ]
    for path, body, field in cases:
        response = client.post(path, json=body)
        assert response.status_code == 422, (path, response.text)
        problem = response.json()["detail"][0]
        assert problem["loc"][:2] == ["body", field]
        assert "at most" in problem["msg"]


def test_an_absurdly_long_key_is_refused(client: TestClient) -> None:
    response = client.post("/api/matches", json={"where": ["x" * 81]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:2] == ["body", "where"]
