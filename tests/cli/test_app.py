"""The entry point turns failures into clear messages and documented exit codes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sciatica_coach import __version__
from sciatica_coach.cli import app as app_module
from sciatica_coach.cli import library_commands
from sciatica_coach.content import ContentError, KnowledgeBase


def broken_content() -> KnowledgeBase:
    raise ContentError("muscles.yaml: muscle 'piriformis': cautions: Field required")


def test_it_reports_broken_content_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(library_commands, "default_knowledge_base", broken_content)
    monkeypatch.setattr("sys.argv", ["sciatica-coach", "muscles"])
    with pytest.raises(SystemExit) as exit_info:
        app_module.main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "could not be loaded" in err
    assert "muscles.yaml" in err
    assert "Traceback" not in err


def test_it_reports_an_unexpected_error_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode() -> KnowledgeBase:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(library_commands, "default_knowledge_base", explode)
    monkeypatch.setattr("sys.argv", ["sciatica-coach", "tools"])
    with pytest.raises(SystemExit) as exit_info:
        app_module.main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "disk on fire" in err
    assert "Traceback" not in err


def test_it_shows_help_when_run_without_a_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["sciatica-coach"])
    with pytest.raises(SystemExit) as exit_info:
        app_module.main()
    assert exit_info.value.code == 0  # asking what there is to do is not a mistake
    assert "muscle" in capsys.readouterr().out


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sciatica_coach", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80", **env},
    )


def test_the_version_and_short_help() -> None:
    version = run("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"sciatica-coach {__version__}")
    short, long = run("-h"), run("--help")
    assert short.returncode == 0 and short.stdout == long.stdout
    assert run("tools", "-h").stdout == run("tools", "--help").stdout


def test_a_flag_shows_no_type_and_a_value_does() -> None:
    shown = run("tools", "--help").stdout
    assert "<bool>" not in shown and "--json" in shown
    assert "<str>" in run("--help").stdout  # --user NAME takes a value


@pytest.mark.parametrize(
    ("shell", "words", "expected"),
    [
        ("complete_bash", {"COMP_WORDS": "sciatica-coach mu", "COMP_CWORD": "1"}, "muscles"),
        ("complete_zsh", {"_TYPER_COMPLETE_ARGS": "sciatica-coach log "}, "pain"),
        (
            "complete_fish",
            {
                "_TYPER_COMPLETE_ARGS": "sciatica-coach pr",
                "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            },
            "progress",
        ),
    ],
)
def test_shells_complete_command_names(shell: str, words: dict[str, str], expected: str) -> None:
    """What bash, zsh and fish ask of the program once ``--install-completion`` set them up."""
    completed = run(**{"_SCIATICA_COACH_COMPLETE": shell, **words})
    assert expected in completed.stdout, completed.stderr


def test_the_completion_script_can_be_shown() -> None:
    """For a named shell: guessing it reads the parent processes, and a test run by a CI
    daemon (or a make left behind by its shell) has no shell above it."""
    shown = run("--show-completion", "bash", _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    assert shown.returncode == 0 and "_SCIATICA_COACH_COMPLETE" in shown.stdout
