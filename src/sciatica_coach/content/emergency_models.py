"""Typed model of ``emergency_numbers.yaml``: the number to call in an emergency, by country.

Each number names the official page it comes from (a government's or the European
Commission's), listed in the file's own ``sources``. A country not in the list gets no
number: the app then says "your emergency number" and never dials a guess.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from .models import Id, Name, Source, Strict

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
"""A country as ISO 3166-1 alpha-2 writes it: GB, US, DE."""
PhoneNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]{3,4}$")]
"""A short emergency number, digits only, as it is dialled (and put in a ``tel:`` link)."""


class EmergencyNumber(Strict):
    """The number to call for an ambulance in one country, and the page that says so."""

    country: CountryCode
    name: Name
    number: PhoneNumber
    source: Id

    @property
    def id(self) -> str:
        """The country code: how settings and the catalog name it."""
        return self.country


class EmergencyNumbers(Strict):
    """The whole of ``emergency_numbers.yaml``: the numbers, sorted by country name, and the
    official pages they come from."""

    sources: Annotated[list[Source], Field(min_length=1)]
    numbers: Annotated[list[EmergencyNumber], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> EmergencyNumbers:
        countries = [n.country for n in self.numbers]
        doubled = sorted({c for c in countries if countries.count(c) > 1})
        if doubled:
            raise ValueError(f"numbers: a country is listed twice: {doubled}")
        names = [n.name for n in self.numbers]
        if names != sorted(names):
            raise ValueError("numbers: keep them in the order of their names (a to z)")
        known = {s.id for s in self.sources}
        unknown = sorted({n.source for n in self.numbers} - known)
        if unknown:
            raise ValueError(f"numbers: source not listed under sources: {unknown}")
        unused = sorted(known - {n.source for n in self.numbers})
        if unused:
            raise ValueError(f"sources: not cited by any number: {unused}")
        if any(not s.url for s in self.sources):
            raise ValueError("sources: each needs the address of its official page (url)")
        return self

    def source_of(self, number: EmergencyNumber) -> Source:
        """The official page a number comes from."""
        return next(s for s in self.sources if s.id == number.source)
