"""Every command read at 60, 80 and 120 columns, as a person pipes or reads it: no line wider
than the terminal, no padding at the ends of lines, no word split in two, and no internal id
where words belong (ids appear only inside a command to type, and in --json)."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sciatica_coach.content import KnowledgeBase, default_knowledge_base
from tests.domain.screening_cases import all_clear

WIDTHS = (60, 80, 120)
COMMANDS = [
    ["learn"],
    ["learn", "trigger_points"],
    ["muscles"],
    ["muscle", "piriformis"],
    ["tools"],
    ["tool", "tennis_ball"],
    ["exercises"],
    ["exercise", "glute_bridge"],
    ["faq"],
    ["habits"],
    ["warning-signs"],
    ["professionals"],
    ["sources"],
    ["screen", "--answers", "{answers}"],
    ["match", "--where", "left:buttock_center,left:thigh_posterior"],
    ["describe", "burning down the outside of my left leg, numb when I wipe, no fever"],
    ["plan", "--where", "left:buttock_center", "--answers", "{answers}"],
    ["progress"],
    ["flags"],
    ["clearance", "list"],
    ["safety-log"],
]
CONTENT = Path(__file__).resolve().parents[2] / "src" / "sciatica_coach" / "content"
VOCABULARY = {
    word
    for path in CONTENT.glob("*.yaml")
    for word in re.findall(r"[A-Za-z]{3,}", path.read_text(encoding="utf-8"))
}
"""Every word the content uses: a line that ends in a piece of one of them, finished on the
next line, has split it."""
SHORT_WORDS = {"a", "A", "I", "an", "as", "at", "be", "by", "do", "if", "in", "is", "it", "no",
               "of", "on", "or", "so", "to", "up", "we"}  # fmt: skip
"""Words too short for the vocabulary (3 letters or more): "a" / "long" is not "along" split."""
COMMAND_HINT = re.compile(r"sciatica-coach [^.;)]*")
REGION_KEY = re.compile(r"\b(?:left|right|midline):[a-z_]+")


def ids(kb: KnowledgeBase) -> set[str]:
    """Ids a person should never read as words: those with an underscore (a plain word
    like ``heat`` or ``piriformis`` is both the id and the name)."""
    found: set[str] = set()
    for catalog in (kb.muscles, kb.tools, kb.exercises, kb.topics, kb.faq, kb.sources,
                    kb.regions, kb.techniques):  # fmt: skip
        found |= {item_id for item_id in catalog if "_" in item_id}
    found |= {q.id for q in kb.screening.questions if "_" in q.id}
    return found


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], str]:
    folder = tmp_path_factory.mktemp("layout")
    answers = folder / "answers.json"
    answers.write_text(json.dumps(all_clear()), encoding="utf-8")
    found = {}
    for width in WIDTHS:
        env = {**os.environ, "COLUMNS": str(width), "SCIATICA_COACH_HOME": str(folder / "home")}
        env.pop("SCIATICA_COACH_DATABASE_URL", None)
        for command in COMMANDS:
            argv = [a.replace("{answers}", str(answers)) for a in command]
            done = subprocess.run(
                [sys.executable, "-m", "sciatica_coach", *argv],
                capture_output=True, text=True, env=env,
            )  # fmt: skip
            assert done.returncode == 0, (argv, done.stderr)
            found[(" ".join(command), width)] = done.stdout
    return found


def test_no_line_is_wider_than_the_terminal(outputs: dict[tuple[str, int], str]) -> None:
    for (command, width), text in outputs.items():
        wide = [line for line in text.splitlines() if len(line) > width]
        assert not wide, (command, width, wide[:3])


def test_piped_lines_carry_no_padding(outputs: dict[tuple[str, int], str]) -> None:
    for (command, width), text in outputs.items():
        padded = [line for line in text.splitlines() if line != line.rstrip()]
        assert not padded, (command, width, padded[:3])


def test_no_word_is_split_across_lines(outputs: dict[tuple[str, int], str]) -> None:
    """A line that ends inside a word the next line finishes ("Piriformi" / "s"); a web
    address longer than the line has to be broken, and is left out."""
    words = VOCABULARY
    for (command, width), text in outputs.items():
        lines = [line.strip(" │") for line in text.splitlines()]
        for line, after in itertools.pairwise(lines):
            head = re.search(r"(?<![A-Za-z])([A-Za-z]+)$", line)
            tail = re.match(r"([a-z]+)", after.lstrip(" •-!"))
            last = line.split()[-1] if line.split() else ""
            if not head or not tail or "/" in last or "-" in last:  # a web address
                continue
            joined = head.group(1) + tail.group(1)
            split = joined in words and head.group(1) not in words | SHORT_WORDS
            assert not split, (command, width, line, after)


def test_no_internal_id_is_shown_as_words(outputs: dict[tuple[str, int], str]) -> None:
    known = ids(default_knowledge_base())
    for (command, width), text in outputs.items():
        said = COMMAND_HINT.sub("", " ".join(text.split()))
        assert not REGION_KEY.search(said), (command, width, REGION_KEY.search(said))
        shown = {word for word in re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", said)} & known
        assert not shown, (command, width, sorted(shown))


def test_the_layout_checks_would_catch_what_they_look_for(tmp_path: Path) -> None:
    padded = {("x", 60): "a line   \nnext\n"}
    with pytest.raises(AssertionError):
        test_piped_lines_carry_no_padding(padded)
    with pytest.raises(AssertionError):
        test_no_internal_id_is_shown_as_words({("x", 60): "Avoid left:thigh_posterior now."})
    with pytest.raises(AssertionError):
        test_no_line_is_wider_than_the_terminal({("x", 60): "x" * 61})
    with pytest.raises(AssertionError):
        test_no_word_is_split_across_lines({("x", 60): "Muscle Piriformi\ns left"})
