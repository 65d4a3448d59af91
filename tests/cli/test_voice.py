"""The spoken cues and the key footer, piece by piece: the voice never holds up the timer and
speaks one line at a time; every footer fits the narrowest terminal the player is made for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sciatica_coach.cli import player_screen
from sciatica_coach.cli.voice import SPEAKERS, Voice, sentence

SLOW_SPEAKER = '#!/bin/sh\nprintf "%s\\n" "$*" >> "$SPOKEN_LOG"\nexec sleep 30\n'
"""A speech program that writes down what it is asked and then takes its time saying it."""


@pytest.fixture
def slow_voice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Voice:
    program = tmp_path / "espeak-ng"
    program.write_text(SLOW_SPEAKER, encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin{os.pathsep}/bin")
    monkeypatch.setenv("SPOKEN_LOG", str(tmp_path / "spoken.log"))
    found = Voice.find()
    assert found is not None and found.program == str(program)
    return found


def test_it_returns_at_once_and_a_new_cue_cuts_off_the_one_being_said(slow_voice: Voice) -> None:
    slow_voice.say("Breathe in slowly")
    first = slow_voice._speaking
    assert first is not None and first.poll() is None  # still speaking: the timer went on
    slow_voice.say(["Breathe out", "and let the muscle soften"])
    assert first.poll() is not None  # cut off
    second = slow_voice._speaking
    assert second is not None
    said = second.args
    assert isinstance(said, list) and said[1] == "Breathe out. and let the muscle soften."
    slow_voice.hush()
    assert second.poll() is not None


def test_the_stop_advice_is_not_cut_off_by_the_end_of_the_session(slow_voice: Voice) -> None:
    slow_voice.say_all(["We have stopped the session.", "Let go slowly"])
    assert slow_voice._speaking is None  # nothing left for a later cue to cut off
    slow_voice.hush()  # and the end of the player leaves it alone


def test_it_is_silent_without_a_speech_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert Voice.find() is None
    assert SPEAKERS == ("espeak-ng", "espeak", "say")


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("Breathe in slowly", "Breathe in slowly."),
        ("30 seconds", "30 seconds."),
        ("Stop at once.", "Stop at once."),
        ("How did that feel?", "How did that feel?"),
        ("  ", ""),
    ],
)
def test_each_line_is_said_as_a_sentence(line: str, said: str) -> None:
    assert sentence(line) == said


@pytest.mark.parametrize("phase", sorted(player_screen.KEYS))
def test_every_footer_fits_sixty_columns_and_always_offers_it_hurts(phase: str) -> None:
    footer = player_screen.footer(phase).plain
    assert len(footer) <= 60
    assert "b it hurts" in footer and "tap" not in footer
