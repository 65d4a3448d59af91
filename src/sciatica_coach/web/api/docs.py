"""``/api/docs``: a plain list of the API's operations, drawn from its OpenAPI schema.

Why not Swagger UI: it loads its scripts from a CDN, and this app must work offline. The
machine-readable schema is at ``/api/openapi.json``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..templating import render

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "patch", "delete")


def _body_schema(operation: dict[str, Any]) -> str | None:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    ref = schema.get("$ref", "")
    return ref.rsplit("/", 1)[-1] or None


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                operation = item[method]
                operations.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": operation.get("summary", ""),
                        "description": operation.get("description", ""),
                        "body": _body_schema(operation),
                        "responses": sorted(operation.get("responses", {})),
                    }
                )
    models = sorted(schema.get("components", {}).get("schemas", {}).items())
    return render(
        request,
        "api_docs.html",
        {"section": "", "info": schema.get("info", {}), "operations": operations, "models": models},
    )
