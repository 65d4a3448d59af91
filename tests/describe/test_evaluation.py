"""describe scored on the evaluation set (descriptions.yaml), as README.md in this folder says.

Red-flag recall must be 100 %; the other figures have floors a little below what the engine
reaches today, so a regression fails. ``pytest -s`` prints the report;
``PYTHONPATH=src python -m tests.describe.scoring --cases`` prints it with every miss.
"""

from __future__ import annotations

from pathlib import Path

from sciatica_coach.content import KnowledgeBase

from .scoring import load, score

FLOORS = {  # reached on 7 Dec 2026: 96.6, 97.7, 96.5, 100, 100, 98.7, 98.7, 100, 92.3 (%)
    "places precision": 0.94,
    "places recall": 0.95,
    "feels precision": 0.93,
    "feels recall": 0.97,
    "flags precision": 0.96,
    "flags recall": 0.95,
    "question recall": 0.95,
    "denied precision": 0.95,
    "denied recall": 0.88,
}


def test_it_scores_the_evaluation_set(kb: KnowledgeBase) -> None:
    report = score(load(), kb)
    print("\n" + "\n".join(report.lines()))
    assert report.cases >= 70
    assert report.red.fn == 0, "a red flag was missed:\n" + "\n".join(
        m for m in report.misses if "MISSED RED FLAG" in m
    )
    got = {
        "places precision": report.places.precision,
        "places recall": report.places.recall,
        "feels precision": report.feels.precision,
        "feels recall": report.feels.recall,
        "flags precision": report.flags.precision,
        "flags recall": report.flags.recall,
        "question recall": report.questions.recall,
        "denied precision": report.denied.precision,
        "denied recall": report.denied.recall,
    }
    below = {k: f"{v:.1%} < {FLOORS[k]:.0%}" for k, v in got.items() if v < FLOORS[k]}
    assert not below, below


HELD_OUT_FLOORS = {  # heldout.yaml on 7 Dec 2026, after the word classes: 100 % red flags,
    # question recall 93.0 %, flags recall 76.7 % (was 67.9 %, 65.1 %, 62.8 % before them)
    "question recall": 0.90,
    "flags recall": 0.72,
}


def test_the_first_held_out_set_keeps_every_red_flag(kb: KnowledgeBase) -> None:
    """A regression guard only: heldout.yaml is scored, never tuned to (README.md)."""
    report = score(load(Path(__file__).parent / "heldout.yaml"), kb)
    assert report.red.fn == 0, "a red flag was missed:\n" + "\n".join(
        m for m in report.misses if "MISSED RED FLAG" in m
    )
    assert report.questions.recall >= HELD_OUT_FLOORS["question recall"]
    assert report.flags.recall >= HELD_OUT_FLOORS["flags recall"]
