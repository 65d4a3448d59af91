"""Helpers for checking patient-facing text: reading level and copying from the guide.

Also a script for content authors: ``python -m tests.content.prose FILE.yaml ...`` validates
each file against its model and lists the fields that read above grade 8 or repeat the guide.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import textstat
import yaml
from pydantic import BaseModel

from sciatica_coach.content import models, never_press_models, pose_models
from sciatica_coach.content.code_models import ClinicalCodes
from sciatica_coach.content.loader import _read_document, _read_items, _read_screening
from sciatica_coach.content.routine_models import PegContent, RoutineContent

MAX_GRADE = 8.0
GUIDE = Path(__file__).resolve().parents[3] / "shared" / "reference"
SHINGLE_WORDS = 9

MODEL_BY_FILE: dict[str, tuple[type[BaseModel], str]] = {
    "sources.yaml": (models.Source, "source"),
    "regions.yaml": (models.Region, "region"),
    "muscles.yaml": (models.Muscle, "muscle"),
    "techniques.yaml": (models.Technique, "technique"),
    "tools.yaml": (models.Tool, "tool"),
    "exercises.yaml": (models.Exercise, "exercise"),
    "habits.yaml": (models.Habit, "habit"),
    "warning_signs.yaml": (models.WarningSign, "warning sign"),
    "professionals.yaml": (models.Professional, "professional"),
    "topics.yaml": (models.Topic, "topic"),
    "faq.yaml": (models.FaqEntry, "FAQ entry"),
    "match_notes.yaml": (models.MatchNote, "match note"),
    "poses.yaml": (pose_models.Pose, "pose"),
    "muscle_outlines.yaml": (pose_models.MuscleOutline, "muscle outline"),
    "never_press.yaml": (never_press_models.NeverPress, "never-press place"),
}


def _is_prose(annotation: Any) -> bool:
    return any(isinstance(arg, models.ProseMarker) for arg in get_args(annotation))


def iter_prose(item: BaseModel, path: str) -> Iterator[tuple[str, str]]:
    """Yield ``(field path, text)`` for every patient-facing string inside ``item``."""
    for name, field in type(item).model_fields.items():
        value = getattr(item, name)
        where = f"{path}.{name}"
        is_prose = any(isinstance(m, models.ProseMarker) for m in field.metadata) or _is_prose(
            field.annotation
        )
        if isinstance(value, BaseModel):
            yield from iter_prose(value, where)
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if isinstance(element, BaseModel):
                    yield from iter_prose(element, f"{where}[{index}]")
                elif isinstance(element, str) and (is_prose or _list_of_prose(field.annotation)):
                    yield f"{where}[{index}]", element
        elif isinstance(value, str) and is_prose:
            yield where, value


CATALOG_FIELDS = (
    "regions",
    "muscles",
    "techniques",
    "tools",
    "exercises",
    "habits",
    "warning_signs",
    "professionals",
    "topics",
    "faq",
    "match_notes",
)


def all_prose(kb: Any) -> Iterator[tuple[str, str]]:
    """Every patient-facing text in the knowledge base, with where it is."""
    for name in CATALOG_FIELDS:
        for item in getattr(kb, name).values():
            yield from iter_prose(item, f"{name}:{item.id}")
    yield from iter_prose(kb.screening, "screening")
    yield from iter_prose(kb.routine, "routine")


def _list_of_prose(annotation: Any) -> bool:
    for arg in get_args(annotation):
        if _is_prose(arg) or any(_is_prose(inner) for inner in get_args(arg)):
            return True
    return False


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def guide_shingles() -> set[str]:
    words: list[str] = []
    for file in sorted(GUIDE.glob("*.txt")):
        words += _words(file.read_text(errors="ignore"))
    n = SHINGLE_WORDS
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def copied_run(text: str, shingles: set[str]) -> str | None:
    """The first run of nine words that ``text`` shares with the guide, if any."""
    words = _words(text)
    n = SHINGLE_WORDS
    for i in range(len(words) - n + 1):
        run = " ".join(words[i : i + n])
        if run in shingles:
            return run
    return None


def main(argv: list[str]) -> int:
    shingles = guide_shingles()
    problems = 0
    for name in argv:
        path = Path(name)
        if path.name == "screening.yaml":
            items: list[Any] = [_read_screening(path)]
        elif path.name == "routine.yaml":
            items = [_read_document(path, RoutineContent)]
        elif path.name == "peg.yaml":
            items = [_read_document(path, PegContent)]
        elif path.name == "clinical_codes.yaml":
            items = [_read_document(path, ClinicalCodes)]
        else:
            model, kind = MODEL_BY_FILE[path.name]
            items = _read_items(path, model, kind).all()
        for item in items:
            for where, text in iter_prose(item, f"{path.name}:{getattr(item, 'id', '')}"):
                score = grade(text)
                if score > MAX_GRADE:
                    problems += 1
                    print(f"grade {score:4.1f}  {where}: {text}")
                run = copied_run(text, shingles)
                if run:
                    problems += 1
                    print(f"copied    {where}: '{run}'")
        yaml.safe_load(path.read_text())  # parse check even when the model passes
        print(f"{path.name}: {len(items)} entries checked")
    print(f"{problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
