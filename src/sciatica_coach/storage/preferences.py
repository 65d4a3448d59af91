"""The person's defaults for plans (tools, minutes, experience), in a small JSON file.

It lives in the platform's config folder (``platformdirs``; on Linux
``~/.config/sciatica-coach/config.json``), or beside the journal when ``SCIATICA_COACH_HOME``
is set, and like everything the app writes it is readable by its owner only. It holds no
health data: only what the person has at home and how long they like a session to be.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import platformdirs

from .database import HOME_VARIABLE, PRIVATE_FILE, StorageError, private_folder

FILE_NAME = "config.json"


def config_path() -> Path:
    home = os.environ.get(HOME_VARIABLE, "").strip()
    folder = Path(home) if home else Path(platformdirs.user_config_dir("sciatica-coach"))
    return folder / FILE_NAME


def read_preferences() -> dict[str, Any]:
    """What the file holds ({} when there is none); :class:`StorageError` if it is broken."""
    path = config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise StorageError(f"the settings in {path} cannot be read: {error}") from None
    if not isinstance(data, dict):
        raise StorageError(f"the settings in {path} are not a JSON object")
    return data


def write_preferences(values: dict[str, Any]) -> Path:
    """Replace the file with ``values`` (written whole, then moved into place)."""
    path = config_path()
    try:
        private_folder(path.parent, ours=not os.environ.get(HOME_VARIABLE, "").strip())
        draft = path.with_suffix(".tmp")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(values, file, indent=2, sort_keys=True)
            file.write("\n")
        os.chmod(draft, PRIVATE_FILE)
        draft.replace(path)
    except OSError as error:
        raise StorageError(f"could not save the settings in {path}: {error.strerror}") from None
    return path
