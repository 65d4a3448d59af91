"""Sources as the printed documents cite them, in short: the authors (people by name or
"et al.", an organisation whole), the title and year, and where it was published."""

from __future__ import annotations

import re

from sciatica_coach.content.models import Source

PERSON = re.compile(
    r"^[^\W\d][\w'\N{RIGHT SINGLE QUOTATION MARK} -]*\s[A-Z]{1,3}(\s(Jr|Sr|II|III))?$|^et al\.?$"
)
"""One author of a paper as the sources write them: a surname and initials ("Young JP Jr")."""


ANONYMOUS = {
    "guide": "a self-help guide",
    "book": "a book",
    "guideline": "a guideline",
    "journal_article": "a journal article",
    "website": "a web page",
}
"""What a source is, said for one that gives no author, date, publisher or address (the
reference guide, a text with no author or date; /work/shared/reference)."""


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
    address). A source that gives none of them says what it is and that none is given."""
    if not (source.authors or source.year or source.published_in or source.url):
        return f"{source.title.rstrip('.')} ({ANONYMOUS[source.kind]}; no author or date given)."
    parts = []
    if source.authors:
        parts.append(authors_short(source.authors))
    parts.append(source.title.rstrip(".") + (f" ({source.year})" if source.year else "") + ".")
    if source.published_in:
        parts.append(source.published_in.rstrip(".") + ".")
    elif source.url:
        parts.append(source.url)
    return " ".join(parts)
