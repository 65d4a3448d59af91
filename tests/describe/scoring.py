"""Score ``describe`` on an evaluation file, exactly as tests/describe/README.md says.

    PYTHONPATH=src python -m tests.describe.scoring [FILE.yaml] [--cases]

prints precision and recall for places, feelings, flags (over question and answer, and over
the question alone), red-flag recall and denials; ``--cases`` also lists every miss. The test
(test_evaluation.py) asserts on the same numbers.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sciatica_coach.coach.describe_lexicon import lexicon
from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from sciatica_coach.domain.describe import Description, describe

HERE = Path(__file__).resolve().parent
DEFAULT = HERE / "descriptions.yaml"
EXTRA_RED_FLAGS = {"cancer_history", "night_pain_constant"}


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name:<22} precision {self.precision:6.1%}  recall {self.recall:6.1%}"
            f"   (tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


@dataclass
class Report:
    cases: int = 0
    places: Count = field(default_factory=Count)
    feels: Count = field(default_factory=Count)
    flags: Count = field(default_factory=Count)
    questions: Count = field(default_factory=Count)
    red: Count = field(default_factory=Count)
    denied: Count = field(default_factory=Count)
    yes_for_not_sure: int = 0
    misses: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"{self.cases} descriptions",
            self.places.line("places"),
            self.feels.line("feels"),
            self.flags.line("flags (question+answer)"),
            f"{'flags (question only)':<22} recall {self.questions.recall:6.1%}"
            f"   (found {self.questions.tp} of {self.questions.tp + self.questions.fn})",
            f"{'red-flag recall':<22} {self.red.recall:6.1%}"
            f"   (found {self.red.tp} of {self.red.tp + self.red.fn})",
            self.denied.line("denied"),
            f"yes given where not_sure was expected (a hit, noted): {self.yes_for_not_sure}",
        ]


def red_questions(kb: KnowledgeBase) -> set[str]:
    return {
        q.id
        for q in kb.screening.questions
        if q.kind == "yes_no" and q.rule.level in ("emergency", "urgent")
    } | EXTRA_RED_FLAGS


def _score_places(case: dict[str, Any], got: Description, count: Count) -> list[str]:
    required = set(case.get("places", []))
    also_ok = set(case.get("also_ok", []))
    unsided = set(case.get("unsided", []))
    out = set(got.places)
    which = set(got.which_side)
    notes = []
    for key in sorted(required):
        if key in out:
            count.tp += 1
        else:
            count.fn += 1
            notes.append(f"missing place {key}")
    for region in sorted(unsided):
        if region in which or f"left:{region}" in out or f"right:{region}" in out:
            count.tp += 1
        else:
            count.fn += 1
            notes.append(f"missing unsided {region}")
    expected_regions = {k.split(":", 1)[1] for k in required | also_ok} | unsided
    for key in sorted(out - required - also_ok):
        if key.split(":", 1)[1] in unsided:
            continue
        count.fp += 1
        notes.append(f"extra place {key}")
    for region in sorted(which):
        if region not in expected_regions:
            count.fp += 1
            notes.append(f"extra which_side {region}")
    return notes


def _score_sets(expected: Iterable[str], got: Iterable[str], count: Count, what: str) -> list[str]:
    e, g = set(expected), set(got)
    count.tp += len(e & g)
    count.fn += len(e - g)
    count.fp += len(g - e)
    return [f"missing {what} {x}" for x in sorted(e - g)] + [
        f"extra {what} {x}" for x in sorted(g - e)
    ]


def score(items: list[dict[str, Any]], kb: KnowledgeBase | None = None) -> Report:
    kb = kb or default_knowledge_base()
    lex = lexicon(kb)
    red = red_questions(kb)
    report = Report(cases=len(items))
    for case in items:
        got = describe(case["text"], lex)
        notes = _score_places(case, got, report.places)
        notes += _score_sets(case.get("feels", []), got.feels, report.feels, "feel")
        expected = {f["question"]: f["answer"] for f in case.get("flags", [])}
        answers = {f.question: f.answer for f in got.flags}
        assert all(f.evidence for f in got.flags), case["text"]
        for question, answer in expected.items():
            said = answers.get(question)
            if said is not None:
                report.questions.tp += 1
            else:
                report.questions.fn += 1
            if question in red:
                if said in ("yes", "not_sure"):
                    report.red.tp += 1
                else:
                    report.red.fn += 1
                    notes.append(f"MISSED RED FLAG {question}")
            if said == answer or (answer == "not_sure" and said == "yes"):
                report.flags.tp += 1
                report.yes_for_not_sure += answer == "not_sure" and said == "yes"
            else:
                report.flags.fn += 1
                notes.append(f"missing flag {question}={answer} (got {said})")
        for question, said in answers.items():
            answer = expected.get(question)
            if answer is None or not (said == answer or (answer == "not_sure" and said == "yes")):
                report.flags.fp += 1
                if answer is None:
                    notes.append(f"extra flag {question}={said}")
        notes += _score_sets(
            case.get("denied", []), [d.question for d in got.denied], report.denied, "denial"
        )
        if notes:
            report.misses.append(f"{case['text']!r}\n    " + "\n    ".join(notes))
    return report


def load(path: Path = DEFAULT) -> list[dict[str, Any]]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(items, list)
    return items


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv if not a.startswith("--")]
    report = score(load(paths[0] if paths else DEFAULT))
    print("\n".join(report.lines()))
    if "--cases" in argv:
        print("\n" + "\n".join(report.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
