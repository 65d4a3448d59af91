"""The entry point turns failures into clear messages and documented exit codes."""

from __future__ import annotations

import pytest

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
    with pytest.raises(SystemExit):
        app_module.main()
    assert "muscle" in capsys.readouterr().out
