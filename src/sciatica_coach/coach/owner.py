"""Who may use a local server without accounts: whoever can read the data folder.

``serve`` makes the address key at start and opens the browser on it; every worker reads the
keys from the same folder (:mod:`sciatica_coach.storage.owner_keys` says why two keys). The
doors use these and never the files themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sciatica_coach.storage.owner_keys import (
    ADDRESS_KEY_FILE,
    OPENER_FILE,
    address_key,
    cookie_key,
    new_address_key,
    write_opener,
)

from .setup import data_folder

OWNER_ONLY_VARIABLE = "SCIATICA_COACH_OWNER_ONLY"
LET_IN_DAYS = 30
"""A browser that was let in stays in for a month, restarts included, without the terminal."""
"""``on`` (set by ``serve`` without accounts, for every worker): only the owner gets in."""

__all__ = ["ADDRESS_KEY_FILE", "OPENER_FILE", "OWNER_ONLY_VARIABLE", "OwnerKeys"]


@dataclass(frozen=True)
class OwnerKeys:
    """This start's address key (None before ``serve`` made one) and the lasting cookie key."""

    address_key: str | None
    cookie_key: bytes
    folder: Path

    @classmethod
    def read(cls) -> OwnerKeys:
        """The keys of the data folder, as a worker reads them at start."""
        folder = data_folder()
        return cls(address_key(folder), cookie_key(folder), folder)

    @classmethod
    def start(cls) -> OwnerKeys:
        """New keys for a new start of ``serve``: a fresh address key, the lasting cookie key."""
        folder = data_folder()
        return cls(new_address_key(folder), cookie_key(folder), folder)

    def address(self, base: str) -> str:
        """``base`` (``http://127.0.0.1:8000``) with this start's key."""
        return f"{base}/?token={self.address_key or ''}"

    def write_opener(self, base: str) -> Path:
        """The page in the data folder that takes a browser to :meth:`address`."""
        return write_opener(self.folder, self.address(base))

    @property
    def address_key_file(self) -> Path:
        return self.folder / ADDRESS_KEY_FILE

    @property
    def opener_file(self) -> Path:
        return self.folder / OPENER_FILE
