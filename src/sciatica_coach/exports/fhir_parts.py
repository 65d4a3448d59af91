"""FHIR resources as JSON, each validated by its ``fhir.resources`` model as it is made.

Why not serialise the models themselves: ``fhir.resources`` writes JSON through a serializer
written in Python, about 0.3 ms a resource, and ten years of a journal are some 30,000
resources. So each resource is written as plain JSON and validated by its model once, as it is
made; the parts many resources share (the pain code, the reference to the patient, a body
site) are validated once and handed to the models already validated (pydantic does not check
a model instance twice). What is written is exactly what was validated.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from typing import Any

import orjson
from pydantic import BaseModel

from sciatica_coach.extras import needed

JSON = dict[str, Any]


@dataclass(frozen=True)
class Shared:
    """A part several resources hold: its JSON, and the same validated as ``model``."""

    json: JSON
    model: BaseModel


@functools.cache
def get_fhir_model_class(kind: str) -> type[BaseModel]:
    """The ``fhir.resources`` model of ``kind``, imported on first use: FHIR is an extra, and
    the web app imports this module whether or not it is installed."""
    with needed("fhir"):
        from fhir.resources.R4B import get_fhir_model_class as model_class
    found: type[BaseModel] = model_class(kind)
    return found


def shared(kind: str, data: JSON) -> Shared:
    """``data`` as a part of type ``kind`` (``CodeableConcept``, ``Reference``, ...), checked."""
    return Shared(data, get_fhir_model_class(kind).model_validate(data))


class Parts:
    """Parts validated once each, however many resources hold them: a note that says the
    same words, a reference to the same resource."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, bytes], Shared] = {}

    def __call__(self, kind: str, data: JSON) -> Shared:
        key = (kind, orjson.dumps(data))
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = shared(kind, data)
        return found


def resource(kind: str, **fields: Any) -> JSON:
    """A ``kind`` resource's JSON from ``fields`` (None left out), validated by its model;
    :class:`pydantic.ValidationError` if it is not valid FHIR."""
    given = {name: value for name, value in fields.items() if value is not None}
    get_fhir_model_class(kind).model_validate(
        {"resourceType": kind, **{name: _filled(value, True) for name, value in given.items()}}
    )
    return {"resourceType": kind, **{name: _filled(value, False) for name, value in given.items()}}


def urn(namespace: uuid.UUID, name: str) -> str:
    """``urn:uuid:`` of the UUID made from ``name``: the same name, the same id, every time."""
    return f"urn:uuid:{uuid.uuid5(namespace, name)}"


def _filled(value: Any, as_model: bool) -> Any:
    """``value`` with each shared part in it replaced by its model (to validate the resource)
    or by its JSON (to write it)."""
    if isinstance(value, Shared):
        return value.model if as_model else value.json
    if isinstance(value, list):
        return [_filled(item, as_model) for item in value]
    if isinstance(value, dict):
        return {name: _filled(item, as_model) for name, item in value.items()}
    return value
