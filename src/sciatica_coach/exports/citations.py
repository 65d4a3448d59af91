"""Sources as the printed documents cite them, in short: the authors (people by name or
"et al.", an organisation whole), the title and year, and where it was published."""

from __future__ import annotations

import re

from sciatica_coach.content.models import Source

PERSON = re.compile(
    r"^[^\W\d][\w'\N{RIGHT SINGLE QUOTATION MARK} -]*\s[A-Z]{1,3}(\s(Jr|Sr|II|III))?$|^et al\.?$"
)
"""One author of a paper as the sources write them: a surname and initials ("Young JP Jr")."""


def authors_short(authors: str) -> str:
    """The authors as a reference gives them in short: one or two people by name, the first
    and "et al." for more; an organisation whole, commas and all ("NHS (National Health
    Service, England)" is one author, not the first of several)."""
    names = [name.strip() for name in authors.split(",")]
    if not all(PERSON.match(name) for name in names):
        return authors.strip().rstrip(".") + "."
    people = [name for name in names if not name.startswith("et al")]
    if len(people) <= 2 and len(people) == len(names):
        return ", ".join(people) + "."
    return f"{people[0]} et al."


def source_line(source: Source) -> str:
    """A reference in short: its authors (:func:`authors_short`), title (year). Where (or its
    address)."""
    parts = []
    if source.authors:
        parts.append(authors_short(source.authors))
    parts.append(source.title.rstrip(".") + (f" ({source.year})" if source.year else "") + ".")
    if source.published_in:
        parts.append(source.published_in.rstrip(".") + ".")
    elif source.url:
        parts.append(source.url)
    return " ".join(parts)
