"""What a use case says when it cannot go ahead, in words a person can act on.

Every adapter turns these into its own form: the web into a status code and a page or a JSON
body, the terminal into a message and an exit code. None of them is a crash: each says what
to do next.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Loc = tuple[str | int, ...]
"""Where in the input a problem is: ``("answers", "pain_now")``, ``("where", 0)``."""


class CoachError(Exception):
    """A use case that cannot go ahead; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Invalid(CoachError):
    """Input that cannot be used; ``problems`` pairs each field path with a plain message."""

    def __init__(self, problems: Sequence[tuple[Loc, str]], source: str = "body") -> None:
        self.problems = list(problems)
        self.source = source
        super().__init__(" ".join(message for _, message in self.problems))

    @classmethod
    def one(cls, loc: Loc, message: str, source: str = "body") -> Invalid:
        return cls([(loc, message)], source)

    def messages(self) -> dict[str, str]:
        """Messages by field name (for forms), joined if a field has several."""
        found: dict[str, str] = {}
        for loc, message in self.problems:
            key = str(loc[-1]) if loc and loc[0] == "answers" else str(loc[0]) if loc else ""
            found[key] = f"{found[key]} {message}" if key in found else message
        return found


class Conflict(CoachError):
    """The request is fine but does not fit now: a session event in the wrong phase, a change
    based on an old version, something already done. ``code`` names the case."""

    def __init__(self, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.extra = extra


class NeedsCheck(Conflict):
    """A safety check must be taken (again) first; the message says why this time."""


class NotAllowed(Conflict):
    """Safety says no: no plan or session now. ``reasons`` say why, one sentence each."""

    def __init__(
        self, code: str, message: str, reasons: Sequence[str] = (), level: str | None = None
    ) -> None:
        super().__init__(code, message, reasons=list(reasons), level=level)
        self.reasons = list(reasons)
        self.level = level


class NotFound(CoachError):
    """Something asked for by id is not in this journal."""


class TooManyTries(Conflict):
    """Too many failed log-ins for this name or from this address: wait, then try again."""


class Busy(Conflict):
    """Too much of a costly kind of work at once (argon2 password checks): try again soon."""


class SignInNeeded(CoachError):
    """The journal is private to an account, and no one is signed in (or the sign-in ended)."""


def sentence(text: str) -> str:
    """A domain message as a sentence: capital first letter, full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else text + "."
