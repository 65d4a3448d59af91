"""An ordered, read-only collection of content items looked up by id."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from typing import Generic, Protocol, TypeVar


class HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=HasId)


class UnknownIdError(LookupError):
    """Raised when someone asks for an id that the knowledge base does not have.

    It carries the closest valid ids so that every front end can say "did you mean".
    """

    def __init__(self, kind: str, given: str, valid: list[str]) -> None:
        self.kind = kind
        self.given = given
        self.valid = valid
        self.suggestions = difflib.get_close_matches(typed(given), valid, n=3, cutoff=0.5)
        super().__init__(str(self))

    def __str__(self) -> str:
        message = f"Unknown {self.kind} '{self.given}'."
        if self.suggestions:
            message += f" Did you mean: {', '.join(self.suggestions)}?"
        return f"{message} Valid {self.kind} ids: {', '.join(self.valid)}."


def typed(text: str) -> str:
    """An id as a person may have typed it, written the way ids are: lower case, words joined
    by underscores ("Tennis-Ball", "tennis ball" and "tennis_ball" are one)."""
    words = re.split(r"[\s_-]+", text.strip().lower())
    return "_".join(word for word in words if word)


class Catalog(Mapping[str, T], Generic[T]):
    """Items of one kind in file order, keyed by id."""

    def __init__(self, kind: str, items: list[T]) -> None:
        self.kind = kind
        self._items = {item.id: item for item in items}

    def __getitem__(self, item_id: str) -> T:
        try:
            return self._items[item_id]
        except KeyError:
            raise UnknownIdError(self.kind, item_id, list(self._items)) from None

    def get(self, item_id: str, default: T | None = None) -> T | None:  # type: ignore[override]
        """The item, or ``default`` for an unknown id (``Mapping.get`` would let the
        :class:`UnknownIdError` through, since it is not a ``KeyError``)."""
        return self._items.get(item_id, default)

    def find(self, text: str) -> T:
        """The item ``text`` names as a person may type it: its id in any case, with
        hyphens or spaces for underscores, or its name or title. Else :class:`UnknownIdError`
        with the closest ids. (Looking up by ``[]`` stays exact: that is for ids in data.)"""
        wanted = typed(text)
        if wanted in self._items:
            return self._items[wanted]
        for item in self._items.values():
            name = getattr(item, "name", None) or getattr(item, "title", None)
            if isinstance(name, str) and typed(name) == wanted:
                return item
        raise UnknownIdError(self.kind, text, list(self._items))

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def all(self) -> list[T]:
        """Every item, in the order the content file lists them."""
        return list(self._items.values())
