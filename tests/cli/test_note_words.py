"""A note whose words may be a warning sign: the terminal says at once that it ended the
check, and ``flags`` shows which words in which entry, and the question they speak to."""

from __future__ import annotations

from pathlib import Path

from sciatica_coach.content import KnowledgeBase

from .checks import answers_file, full_answers
from .conftest import Cli, Clock, flat

WORDS = "journal:red_flag_words:saddle_numbness"


def test_it_shows_which_words_in_which_note_raised_the_sign(
    cli: Cli, kb: KnowledgeBase, clock: Clock, tmp_path: Path
) -> None:
    assert cli("screen", "--answers", answers_file(tmp_path, full_answers())).exit_code == 0
    clock.advance(minutes=5)
    result = cli("log", "note", "can't feel the toilet paper when I wipe")
    assert result.exit_code == 0
    out = flat(result.stdout)
    assert "Since your last safety check you logged" in out
    assert "toilet paper" in out and "in a note" in out
    clock.advance(minutes=5)
    where = flat(cli("status").stdout)
    assert "Self-massage is paused" in where
    assert "toilet paper" in where and "in a note" in where
    shown = flat(cli("flags").stdout)
    question = kb.screening.question_by_id["saddle_numbness"].question
    assert question in shown and "toilet paper" in shown and "in a note" in shown
    assert f"sciatica-coach flags seen-doctor {WORDS}" in shown
    (sign,) = [s for s in cli.json("flags")["signs"] if s["id"] == WORDS]
    assert sign["question"] == "saddle_numbness" and sign["kind"] == "note"
    assert "toilet paper" in sign["words"]
    assert cli("flags", "seen-doctor", WORDS).exit_code == 0
    assert WORDS not in {s["id"] for s in cli.json("flags")["signs"]}
