"""Nothing typed or stored reaches the terminal as a control sequence, and no typed text is
read as Rich markup."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.cli.output import terminal_safe

from .conftest import Cli


def test_an_unknown_id_with_escape_codes_is_shown_escaped(cli: Cli) -> None:
    result = cli("muscle", "\x1b]0;owned\x07[/]x")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;owned\\x07[/]x" in result.stderr


@given(st.text())
def test_no_control_character_survives_but_newlines_and_tabs(text: str) -> None:
    shown = terminal_safe(text)
    assert not any((ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0 for c in shown)
    assert shown.count("\n") == text.count("\n")
