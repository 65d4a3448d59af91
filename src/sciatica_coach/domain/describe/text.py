"""Words and sentences of a description, each word with its place in the text.

One regular-expression pass: a word is a letter then letters or digits ("L4" is one word,
not the side "L"), with inner apostrophes, dropped when
compared: "can't" reads as "cant"), a number ("38.6"), or a ``?`` written just before a word
("?foot drop", a clinician's hedge). A sentence ends at ``.``, ``!``, ``?``, ``;`` followed by
a space or the end, or at a line break. A comma, colon or bracket is kept as a pause after the
word before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

_PIECES = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)?)"
    r"|(?P<word>[^\W\d_][^\W_]*(?:['\u2019][^\W\d_]+)*)"
    r"|(?P<hedge>\?(?=[^\W\d_]))"
    r"|(?P<stop>[.!?;]+(?=\s|$)|\n)"
    r"|(?P<pause>[,:()])"
)


@dataclass(frozen=True, slots=True)
class Token:
    """One word: ``norm`` is how it is compared (lower case, no apostrophes)."""

    norm: str
    start: int
    end: int
    sentence: int
    pause_after: bool = False
    """A comma, colon or bracket follows ("I don't, my hip..."): the word ends a clause."""


def normalise(word: str) -> str:
    return word.lower().replace("'", "").replace("\u2019", "")


def tokenise(text: str) -> list[Token]:
    """The words of ``text`` in order, each with its offsets and its sentence number."""
    tokens: list[Token] = []
    sentence = 0
    for m in _PIECES.finditer(text):
        kind = m.lastgroup
        if kind == "stop":
            if tokens and tokens[-1].sentence == sentence:
                sentence += 1
            continue
        if kind == "pause":
            if tokens and tokens[-1].sentence == sentence:
                tokens[-1] = replace(tokens[-1], pause_after=True)
            continue
        raw = m.group()
        norm = raw.replace(",", ".") if kind == "num" else normalise(raw)
        tokens.append(Token(norm, m.start(), m.end(), sentence))
    return tokens


def words(phrase: str) -> tuple[str, ...]:
    """A content phrase as the words it is compared by (``*`` kept as a wildcard)."""
    out: list[str] = []
    for piece in phrase.lower().replace("-", " ").split():
        if piece in ("*", "?"):
            out.append(piece)
            continue
        out.extend(t.norm for t in tokenise(piece))
    return tuple(out)
