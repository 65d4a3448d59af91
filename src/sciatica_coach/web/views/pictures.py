"""Links to body-map pictures. Drawn by :mod:`sciatica_coach.figures.body_pictures`, the same
drawing as ``sciatica-coach map``; a link carries the marks and the muscle in its address."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from sciatica_coach.domain.body_map import RegionKey

PICTURE_PATH = "/api/figures/body-map.svg"


def picture_url(
    where: Sequence[RegionKey | str], muscle_id: str | None = None, side: str | None = None
) -> str:
    query: dict[str, str] = {"where": ",".join(str(k) for k in where)}
    if muscle_id:
        query["muscle"] = muscle_id
    if side:
        query["side"] = side
    return f"{PICTURE_PATH}?{urlencode(query)}"
