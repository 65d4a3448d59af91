"""Typed model of ``clinical_codes.yaml``: the codes of outside vocabularies the exports use.

A clinic's system reads a FHIR export by its codes, not its words: LOINC for the pain score,
SNOMED CT for where on the body. A wrong code is a silent clinical error, so each code lives
here as data with the source it was checked against, never typed into the exporter, and a
place on the body map without a checked code simply has none (the export then names the place
in words alone).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, PrivateAttr, StringConstraints, model_validator

from .models import Id, Name, SourceIds, Strict

SNOMED_CT = "http://snomed.info/sct"
LOINC = "http://loinc.org"

_VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]  # fmt: skip
_VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]  # fmt: skip


def verhoeff_ok(digits: str) -> bool:
    """SNOMED CT ids end in a Verhoeff check digit: a mistyped digit fails this."""
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[position % 8][int(digit)]]
    return check == 0


def loinc_ok(code: str) -> bool:
    """LOINC codes end in a mod-10 check digit after the hyphen (as LOINC computes it)."""
    body, _, given = code.partition("-")
    odd = "".join(body[i] for i in range(len(body) - 1, -1, -2))  # from the right: 1st, 3rd...
    even = "".join(body[i] for i in range(len(body) - 2, -1, -2))
    total = sum(int(d) for d in str(int(odd) * 2)) + sum(int(d) for d in even)
    return (10 - total % 10) % 10 == int(given)


def _checked(test: Callable[[str], bool], what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not test(value):
            raise ValueError(f"{value} fails the {what} check digit: a digit is wrong")
        return value

    return check


SctId = Annotated[
    str,
    StringConstraints(pattern=r"^[1-9][0-9]{2,14}[01]0[0-9]$"),
    AfterValidator(_checked(verhoeff_ok, "SNOMED CT (Verhoeff)")),
]
"""A SNOMED CT concept id: 6 to 18 digits whose partition (the two before the check digit)
says "concept" (``00``, or ``10`` for a national extension's concept), and whose last digit
is its Verhoeff check digit."""
LoincCode = Annotated[
    str,
    StringConstraints(pattern=r"^[1-9][0-9]{0,6}-[0-9]$"),
    AfterValidator(_checked(loinc_ok, "LOINC (mod 10)")),
]


class Code(Strict):
    """One code and the words its vocabulary gives it (as the cited source prints them)."""

    code: str
    display: Annotated[str, StringConstraints(min_length=2, max_length=120)]


class SnomedCode(Code):
    code: SctId


class PainScoreCode(Strict):
    """The LOINC code for a 0-10 pain score the person gives."""

    system: Literal["http://loinc.org"]
    code: LoincCode
    display: Annotated[str, StringConstraints(min_length=2, max_length=120)]
    sources: SourceIds


Checked = Annotated[str, StringConstraints(min_length=20, max_length=600)]
"""How a code was checked, where that was more than reading the page its source cites."""


class Laterality(Strict):
    """The SNOMED CT qualifiers for left and right: what a FHIR ``BodyStructure`` puts in
    ``locationQualifier`` when the code for a place does not carry its side."""

    left: SnomedCode
    right: SnomedCode
    sources: SourceIds
    checked: Checked | None = None

    def of(self, side: str) -> SnomedCode | None:
        """The qualifier for ``side`` (``left`` or ``right``); None on the midline."""
        return self.left if side == "left" else self.right if side == "right" else None


class BodySiteCode(Strict):
    """The SNOMED CT body structure for one region of the body map.

    ``snomed`` holds for both sides (or the midline); a sided region may instead have one code
    per side (``left``, ``right``) where the vocabulary has a concept for the structure on
    that side ("Structure of left thigh"), so that the code itself carries the side. A code may
    be broader than the region (the front, side and back of the thigh are all "Thigh"); the
    export always names the region itself in words as well.
    """

    id: Id
    """The region's id in ``regions.yaml``."""
    snomed: SnomedCode | None = None
    left: SnomedCode | None = None
    right: SnomedCode | None = None
    note: Name | None = None
    sources: SourceIds
    checked: Checked | None = None

    @property
    def lateral(self) -> bool:
        """Whether the codes themselves carry the side (one concept per side)."""
        return self.snomed is None

    @model_validator(mode="after")
    def _one_way(self) -> BodySiteCode:
        sided = self.left is not None or self.right is not None
        if self.snomed is not None and sided:
            raise ValueError("give snomed for the whole region, or left and right, not both")
        if self.snomed is None and (self.left is None or self.right is None):
            raise ValueError("give snomed, or both left and right")
        return self

    def for_side(self, side: str) -> SnomedCode | None:
        """The code for the region on ``side`` (``left``, ``right`` or ``midline``); None for
        a region coded per side given no side (only a hand-edited journal has one)."""
        if self.snomed is not None:
            return self.snomed
        return self.left if side == "left" else self.right if side == "right" else None


class ClinicalCodes(Strict):
    """The whole of ``clinical_codes.yaml``."""

    pain_score: PainScoreCode
    laterality: Laterality
    body_sites: Annotated[list[BodySiteCode], Field(min_length=1)]
    _by_region: dict[str, BodySiteCode] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _each_region_once(self) -> ClinicalCodes:
        ids = [site.id for site in self.body_sites]
        doubled = sorted({i for i in ids if ids.count(i) > 1})
        if doubled:
            raise ValueError(f"body_sites: defined twice: {doubled}")
        self._by_region.update((site.id, site) for site in self.body_sites)
        return self

    def body_site(self, region_id: str, side: str) -> SnomedCode | None:
        """The code for a region on one side, or None where no code was checked."""
        site = self._by_region.get(region_id)
        return None if site is None else site.for_side(side)

    def carries_side(self, region_id: str) -> bool:
        """Whether the region's codes carry the side themselves (one concept per side)."""
        site = self._by_region.get(region_id)
        return site is not None and site.lateral
