"""FHIR resources as JSON, each validated by its ``fhir.resources`` model as it is made.

Why not serialise the models themselves: ``fhir.resources`` writes JSON through a serializer
written in Python, about 0.3 ms a resource, and ten years of a journal are some 30,000
resources. So each resource is written as plain JSON and validated by its model; the parts many
resources share (the pain code, the reference to the patient, a body site, a note) are
validated once and handed to the models already validated (pydantic does not check a model
instance twice). What is written is exactly what was validated.

Validating every one of 30,000 resources through its model would still take most of an
export's time, and most of them differ from one made before only in their id and their times.
So a resource is validated through its model when its *shape* is new: its fields, every value
in them, and the kind of each shared part, with the id, the times and the references left
out; the value of each of those (a primitive whose form the R4 JSON schema states by a pattern)
is checked against that pattern every time instead. Any new text, number, code or field is a
new shape, checked whole. The shapes seen are kept, a bounded number, for the life of the
process.
"""

from __future__ import annotations

import functools
import hashlib
import re
import uuid
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import orjson
from pydantic import BaseModel

from sciatica_coach.domain.kept import Kept
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
    same words, a reference to the same resource. The most recent :data:`PARTS_KEPT` are
    kept (a journal's notes are as many as its entries)."""

    def __init__(self) -> None:
        self._made: Kept[Shared] = Kept(PARTS_KEPT)

    def __call__(self, kind: str, data: JSON) -> Shared:
        key = (kind, orjson.dumps(data))
        found = self._made.get(key)
        return found if found is not None else self._made.keep(key, shared(kind, data))


PARTS_KEPT = 2048
SHAPES_KEPT = 4096
PATTERNS = {
    "id": re.compile(r"^[A-Za-z0-9\-\.]{1,64}$"),
    "dateTime": re.compile(
        r"^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2]"
        r"[0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)"
        r"((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$"
    ),
    "instant": re.compile(
        r"^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2]"
        r"[0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)"
        r"((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$"
    ),
    "string": re.compile(r"^[ \r\n\t\S]+$"),
}
"""The R4 JSON schema's pattern (``definitions``) for each primitive left out of a shape."""
LEFT_OUT = {
    "id": "id",
    "effectiveDateTime": "dateTime",
    "authored": "dateTime",
    "start": "dateTime",
    "end": "dateTime",
    "issued": "instant",
    "timestamp": "instant",
    "reference": "string",
}
"""The fields whose values a shape leaves out (every one of these names, at any depth, is of
that type in the resources made here), and the primitive each is."""
_shapes: Kept[bool] = Kept(SHAPES_KEPT)
"""Shapes whose resource passed its model: another of the same shape needs only patterns."""


def resource(kind: str, **fields: Any) -> JSON:
    """A ``kind`` resource's JSON from ``fields`` (None left out), validated by its model
    (or, if one of the same shape was, its ids, times and references by their patterns);
    :class:`pydantic.ValidationError` if it is not valid FHIR."""
    given = {name: value for name, value in fields.items() if value is not None}
    made: JSON = {"resourceType": kind}
    shape: list[Hashable] = [kind]
    for name, value in given.items():
        made[name] = _written(name, value, shape)
    key = tuple(shape)
    if _shapes.get(key) is None:
        get_fhir_model_class(kind).model_validate(
            {"resourceType": kind, **{name: _filled(value) for name, value in given.items()}}
        )
        _shapes.keep(key, True)
    return made


def urn(namespace: uuid.UUID, name: str) -> str:
    """``urn:uuid:`` of the UUID made from ``name``: the same name, the same id, every time."""
    return f"urn:uuid:{uuid5(namespace, name)}"


def uuid5(namespace: uuid.UUID, name: str) -> str:
    """``str(uuid.uuid5(namespace, name))``, made without the ``UUID`` object (an export
    makes one for every entry): SHA-1 of the namespace and the name, version 5, RFC 4122."""
    digest = bytearray(hashlib.sha1(namespace.bytes + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _written(name: str, value: Any, shape: list[Hashable]) -> Any:
    """``value`` (the field ``name``) as JSON, each shared part replaced by its JSON; its shape
    added to ``shape``: its value, or for one of :data:`LEFT_OUT` that matches its
    pattern, its primitive type alone."""
    kind = value.__class__
    if kind is Shared:
        shape.append((name, value.model.__class__))
        return value.json
    if kind is list:
        shape.append((name, "[", len(value)))
        return [_written(name, item, shape) for item in value]
    if kind is dict:
        shape.append((name, "{"))
        written = {key: _written(key, item, shape) for key, item in value.items()}
        shape.append("}")
        return written
    primitive = LEFT_OUT.get(name)
    if primitive is not None and isinstance(value, str) and PATTERNS[primitive].fullmatch(value):
        shape.append((name, primitive))
    else:  # the value itself (one that does not match is checked whole, by the model)
        shape.append((name, kind, value))
    return value


def _filled(value: Any) -> Any:
    """``value`` with each shared part in it replaced by its model (to validate the resource)."""
    if isinstance(value, Shared):
        return value.model
    if isinstance(value, list):
        return [_filled(item) for item in value]
    if isinstance(value, dict):
        return {name: _filled(item) for name, item in value.items()}
    return value
