"""Pages of a list in the API: ``limit`` and ``before`` in the query, the next page in a
``Link`` header (RFC 8288, as GitHub's API does), the body still a plain list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, Query, Request, Response

from sciatica_coach.coach.pages import MAX_LIMIT, E, page

from ..views.models import MAX_ID

DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class PageAsked:
    """The page a request asks for, and where to say which page comes next."""

    limit: int
    before: int | None
    request: Request
    response: Response

    def read(self, newest: Callable[[int, int | None], list[E]]) -> Sequence[E]:
        """The page from a ``newest_*`` reader of the journal, its next page linked."""
        found = page(newest, self.limit, self.before)
        self.link(found.next_before)
        return found.entries

    def link(self, next_before: int | None) -> None:
        """Say where the next page is, if there is one (``next_before`` of the page shown)."""
        if next_before is not None:
            query = urlencode({"limit": self.limit, "before": next_before})
            self.response.headers["Link"] = f'<{self.request.url.path}?{query}>; rel="next"'


def page_asked(
    request: Request,
    response: Response,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="How many entries, newest first.")
    ] = DEFAULT_LIMIT,
    before: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_ID,
            description=(
                "Only entries older than this one (an id from the page before). The "
                "`Link` header of each page gives the next one."
            ),
        ),
    ] = None,
) -> PageAsked:
    return PageAsked(limit, before, request, response)


PageQuery = Annotated[PageAsked, Depends(page_asked)]

LINKED: dict[int | str, dict[str, object]] = {
    200: {
        "headers": {
            "Link": {
                "description": 'The next (older) page, `<…?limit=50&before=123>; rel="next"`, '
                "when there is one.",
                "schema": {"type": "string"},
            }
        }
    }
}
"""OpenAPI for a paged list's answer."""
