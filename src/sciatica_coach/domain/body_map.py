"""Places on the body map: a region of ``regions.yaml`` on one side, or on the midline.

Written as ``left:buttock_center``, ``right:calf_posterior`` or ``midline:sacrum`` (the short
form ``sacrum`` is accepted for midline regions). Screening, matching and planning all speak
in these keys, so there is one parser and one error message for a bad one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from sciatica_coach.content import Catalog
from sciatica_coach.content.models import SIDES, Region

MIDLINE = "midline"


class BodyMapError(ValueError):
    """A body-map key that does not name a real place; the message lists valid ones."""


@dataclass(frozen=True, order=True)
class RegionKey:
    side: str
    region: str

    def __str__(self) -> str:
        return f"{self.side}:{self.region}"


def all_region_keys(regions: Catalog[Region]) -> list[RegionKey]:
    """Every place on the map: each sided region on the left and the right, then the midline."""
    keys = [RegionKey(side, r.id) for side in SIDES for r in regions.values() if r.sided]
    return keys + [RegionKey(MIDLINE, r.id) for r in regions.values() if not r.sided]


def place(regions: Catalog[Region], side: str, region_id: str) -> RegionKey:
    """Put a region on one side of the body, or on the midline if it has no sides."""
    return RegionKey(side if regions[region_id].sided else MIDLINE, region_id)


def place_label(regions: Catalog[Region], key: str) -> str:
    """``left:buttock_center`` as a person reads it: "Middle of the buttock (left)"."""
    side, _, region = key.rpartition(":")
    if region not in regions:
        return key
    label = regions[region].label
    return f"{label} ({side})" if side in SIDES else label


def _cleaned(text: str) -> str:
    """A key as typed, made the way keys are written: any case, hyphens or spaces for
    underscores, British "centre" for "center"."""
    cleaned = text.strip().lower().replace("-", "_").replace(" ", "_")
    cleaned = cleaned.replace("centre", "center")
    return ":".join(part.strip("_") for part in cleaned.split(":"))


def _closest(cleaned: str, regions: Catalog[Region]) -> list[str]:
    """Keys like the one typed, in the form it was typed (with its side, if it had one)."""
    side, _, region_id = cleaned.rpartition(":")
    found = difflib.get_close_matches(region_id, list(regions), n=3, cutoff=0.6)
    if side in SIDES:
        return [f"{side}:{r}" if regions[r].sided else r for r in found]
    return [f"left:{r}" if regions[r].sided else r for r in found]


def parse_region_key(text: str, regions: Catalog[Region]) -> RegionKey:
    """Read one ``side:region`` key, or raise :class:`BodyMapError` saying what is valid."""
    cleaned = _cleaned(text)
    side, _, region_id = cleaned.rpartition(":")
    if region_id not in regions:
        like = _closest(cleaned, regions)
        hint = f" Did you mean {' or '.join(like)}?" if like else ""
        raise BodyMapError(f"'{text}' is not a place on the body map.{hint}")
    region = regions[region_id]
    if not region.sided:
        if side not in ("", MIDLINE):
            raise BodyMapError(
                f"'{text}': {region_id} is on the midline; write it as '{region_id}' "
                f"or '{MIDLINE}:{region_id}'."
            )
        return RegionKey(MIDLINE, region_id)
    if side not in SIDES:
        raise BodyMapError(
            f"'{text}': say which side, as 'left:{region_id}' or 'right:{region_id}' "
            "(your own left and right)."
        )
    return RegionKey(side, region_id)


def parse_region_keys(texts: Iterable[str], regions: Catalog[Region]) -> list[RegionKey]:
    """Read several keys, dropping repeats but keeping the order given; every bad one is
    named at once (one :class:`BodyMapError` with a line each)."""
    keys: dict[RegionKey, None] = {}
    problems: list[str] = []
    for text in texts:
        if text.strip():
            try:
                keys.setdefault(parse_region_key(text, regions), None)
            except BodyMapError as error:
                problems.append(str(error))
    if problems:
        raise BodyMapError("\n".join(problems))
    return list(keys)
