"""ConText (Chapman et al. 2007; Harkema et al. 2009) over one sentence's words.

A trigger ("no", "not sure if", "my mum", "if") modifies the words in its scope: forward to
the sentence's end, backward to its start, or both, at most ``max_scope`` words, and never
past a TERMINATE trigger ("but", "however"). PSEUDO triggers ("no change") only stop a
shorter trigger inside them from matching. A trigger never modifies words it overlaps.
A denial or a hedge reaching backward stops at the comma before it ("numb when I wipe,
bowels are normal"), except a hedge that is a clause of its own ("bladder normal, I think").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import ContextTrigger, Lexicon

NEGATED = "NEGATED_EXISTENCE"
POSSIBLE = "POSSIBLE_EXISTENCE"
HISTORICAL = "HISTORICAL"
FAMILY = "FAMILY"
HYPOTHETICAL = "HYPOTHETICAL"


@dataclass(frozen=True, slots=True)
class Scope:
    category: str
    start: int  # the trigger's own words
    end: int
    low: int  # the words it modifies: [low, high)
    high: int


def scopes(
    norms: Sequence[str], lexicon: Lexicon, pauses: Sequence[bool] | None = None
) -> list[Scope]:
    """The modifying triggers of one sentence (word indices) and the words each reaches.

    A trigger that ends its clause ("I don't, my hip is tender": a comma right after it)
    reaches nothing forward; a trigger of a category in ``pause_ends`` reaches forward no
    further than the next comma ("it isn't there, numb bum"), nor backward past the comma
    before it; someone else's (FAMILY)
    reaches forward no further than a word of the person's own ("my mum says my foot
    drags")."""
    found: list[tuple[int, int, ContextTrigger]] = []
    for start, end, payloads in lexicon.context.find(norms):
        found.append((start, end, payloads[0]))
    stops = [(s, e) for s, e, t in found if t.category == "TERMINATE"]
    if pauses is not None:
        stops += [
            (j, j)
            for j in range(1, len(norms))
            if pauses[j - 1] and norms[j] in lexicon.clause_starts
        ]
        stops.sort()
    out: list[Scope] = []
    n = len(norms)
    doubt_ends = {e for _s, e, t in found if t.category == POSSIBLE}
    for start, end, trigger in found:
        if trigger.category in ("TERMINATE", "PSEUDO"):
            continue
        if (
            trigger.category == HYPOTHETICAL
            and start in doubt_ends
            and not (pauses is not None and pauses[start - 1])
        ):
            # "I'm not sure if", "I don't know if": doubt about now, not a what-if.
            trigger = ContextTrigger(POSSIBLE, trigger.direction, trigger.max_scope)
        reach = trigger.max_scope or n
        if trigger.direction in ("FORWARD", "BIDIRECTIONAL"):
            high = end if pauses is not None and pauses[end - 1] else min(n, end + reach)
            for s, _e in stops:
                if end <= s < high:
                    high = s
                    break
            if trigger.category == FAMILY:
                for j in range(end, high):
                    if norms[j] in lexicon.own_words:
                        high = j  # the person speaks of themself again
                        break
            if pauses is not None and trigger.category in lexicon.pause_ends:
                for j in range(end, high):
                    if pauses[j]:
                        high = j + 1
                        break
            out.append(Scope(trigger.category, start, end, end, high))
        if trigger.direction in ("BACKWARD", "BIDIRECTIONAL"):
            low = max(0, start - reach)
            tag = (
                pauses is not None
                and trigger.category == POSSIBLE
                and _is_tag(norms, lexicon, pauses, start, end)
            )
            for s, e in stops:
                if low < e <= start and not (tag and s == e):
                    low = e
            if pauses is not None and (
                trigger.category in lexicon.pause_ends or trigger.category == POSSIBLE
            ):
                # Back to the comma before it ("numb when I wipe, bowels are normal": the
                # bowels only); a hedge that is a clause of its own ("bladder normal, I
                # think") reaches the clause before it.
                skip = 1 if tag else 0
                for j in range(start - 1, low - 1, -1):
                    if pauses[j]:
                        if skip:
                            skip -= 1
                            continue
                        low = j + 1
                        break
            out.append(Scope(trigger.category, start, end, low, start))
    return out


def _is_tag(
    norms: Sequence[str], lexicon: Lexicon, pauses: Sequence[bool], start: int, end: int
) -> bool:
    """Whether a hedge is a clause of its own after a comma ("..., I think", "..., I don't
    think."): only clause-start words before it in its clause, nothing after it."""
    if end < len(norms) and not pauses[end - 1]:
        return False
    j = start
    while j > 0 and not pauses[j - 1]:
        j -= 1
        if norms[j] not in lexicon.clause_starts:
            return False
    return j > 0


def modifiers(found: Sequence[Scope], start: int, end: int) -> frozenset[str]:
    """The categories whose scope reaches the words [start, end)."""
    return frozenset(
        s.category
        for s in found
        if start < s.high and end > s.low and (end <= s.start or start >= s.end)
    )
