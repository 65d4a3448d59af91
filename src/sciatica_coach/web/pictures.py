"""Body-map pictures for the pages: reading marks from requests, and links to pictures.

Drawn by :mod:`sciatica_coach.figures.body_pictures`, the same drawing as ``sciatica-coach map``.
Links carry the marks in the address, so a picture can be cached, saved or opened alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import urlencode

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.body_map import BodyMapError, RegionKey, parse_region_keys
from sciatica_coach.figures.body_pictures import body_picture

from .errors import InputProblem, Loc

PICTURE_PATH = "/api/figures/body-map.svg"


def read_places(
    kb: KnowledgeBase, texts: Iterable[str], field: Loc = ("where",), source: str = "body"
) -> list[RegionKey]:
    """Body-map keys from text, or :class:`InputProblem` on the field with the valid regions."""
    keys: list[RegionKey] = []
    problems: list[tuple[Loc, str]] = []
    for index, text in enumerate(texts):
        try:
            keys += parse_region_keys([text], kb.regions)
        except BodyMapError as error:
            problems.append(((*field, index), str(error)))
    if problems:
        raise InputProblem(problems, source)
    return list(dict.fromkeys(keys))


def picture_url(
    where: Sequence[RegionKey | str], muscle_id: str | None = None, side: str | None = None
) -> str:
    query: dict[str, str] = {"where": ",".join(str(k) for k in where)}
    if muscle_id:
        query["muscle"] = muscle_id
    if side:
        query["side"] = side
    return f"{PICTURE_PATH}?{urlencode(query)}"


__all__ = ["PICTURE_PATH", "body_picture", "picture_url", "read_places"]
