"""``describe``: a person's words about their pain → places, feelings, flags and denials.

Pure and deterministic. Each sentence is read once per layer (context triggers, words to
ignore, sides, places, feelings, question phrases); ConText then decides for each match
whether it is the person's current state (kept), denied, doubted (``not_sure``) or an aside
(their past, someone else, a "what if"). It can only raise a concern: doubt beats denial,
``yes`` beats ``not_sure``, and a question flagged anywhere is never listed as denied.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .context import FAMILY, HISTORICAL, HYPOTHETICAL, NEGATED, POSSIBLE, Scope, modifiers, scopes
from .lexicon import WILD, Kind, Lexicon
from .result import Aside, AsideKind, Denial, Description, Flag
from .text import Token, tokenise

_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
Words = Callable[[int, int], str]
"""The text's own words from one word index to another."""
Said = Callable[[Iterable[tuple[str, ...]]], bool]
"""Whether the sentence says one of these phrases (not negated)."""
_ASIDE: dict[str, AsideKind] = {
    FAMILY: "family",
    HYPOTHETICAL: "hypothetical",
    HISTORICAL: "history",
}


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # word indices in the sentence, [start, end)
    end: int
    payloads: tuple[Any, ...]


class _Found:
    """What the whole text gives, gathered sentence by sentence, strongest answer kept."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.places: dict[str, str] = {}
        self.unsided: dict[str, str] = {}
        self.feels: dict[str, str] = {}
        self.flags: dict[str, Flag] = {}
        self.denied: dict[str, Denial] = {}
        self.asides: dict[tuple[str, str], Aside] = {}

    def flag(self, question: str, answer: str, evidence: str) -> None:
        old = self.flags.get(question)
        if old is None or (old.answer == "not_sure" and answer == "yes"):
            self.flags[question] = Flag(
                question, "yes" if answer == "yes" else "not_sure", evidence
            )

    def deny(self, question: str, evidence: str) -> None:
        self.denied.setdefault(question, Denial(question, evidence))

    def aside(self, kind: AsideKind, words: str) -> None:
        self.asides.setdefault((kind, words), Aside(kind, words))

    def result(self) -> Description:
        which = tuple(r for r in self.unsided if not any(p.endswith(":" + r) for p in self.places))
        return Description(
            places=tuple(self.places),
            place_words=dict(self.places),
            feels=tuple(self.feels),
            feel_words=dict(self.feels),
            flags=tuple(self.flags.values()),
            denied=tuple(d for q, d in self.denied.items() if q not in self.flags),
            asides=tuple(self.asides.values()),
            which_side=which,
        )


def describe(text: str, lexicon: Lexicon) -> Description:
    """What ``text`` says about the person's pain. Never raises on a string."""
    found = _Found(text)
    tokens = tokenise(text)
    sentence: list[Token] = []
    for token in tokens:
        if sentence and token.sentence != sentence[0].sentence:
            _read_sentence(sentence, lexicon, found)
            sentence = []
        sentence.append(token)
    if sentence:
        _read_sentence(sentence, lexicon, found)
    return found.result()


def _aside_kind(cats: frozenset[str], past_counts: bool = False) -> AsideKind | None:
    for category in (FAMILY, HYPOTHETICAL, HISTORICAL):
        if category in cats and not (category == HISTORICAL and past_counts):
            return _ASIDE[category]
    return None


def _matches(
    norms: Sequence[str],
    keep: Sequence[int],
    trie_find: Callable[[Sequence[str]], list[tuple[int, int, list[Any]]]],
) -> list[Hit]:
    """Matches over the words at ``keep`` (a filtered view), as sentence word indices."""
    view = [norms[i] for i in keep]
    hits = []
    for start, end, payloads in trie_find(view):
        hits.append(Hit(keep[start], keep[end - 1] + 1, tuple(payloads)))
    return hits


def _read_sentence(tokens: list[Token], lex: Lexicon, found: _Found) -> None:
    norms = [lex.correct(t.norm) for t in tokens]
    every = list(range(len(norms)))
    context = scopes(norms, lex, [t.pause_after for t in tokens])

    def words(start: int, end: int) -> str:
        return found.text[tokens[start].start : tokens[end - 1].end]

    blocked: dict[str, set[int]] = {}
    for start, end, payloads in lex.ignore.find(norms):
        for layers in payloads:
            for layer in layers:
                blocked.setdefault(layer, set()).update(range(start, end))

    def clear(hit: Hit, layer: str) -> bool:
        stop = blocked.get(layer, ())
        return not any(i in stop for i in range(hit.start, hit.end))

    sides = [h for h in _matches(norms, every, lex.sides.find) if clear(h, "sides")]
    place_view = [
        i for i in every if norms[i] not in lex.fillers and norms[i] not in lex.side_words
    ]
    places = [h for h in _matches(norms, place_view, lex.places.find) if clear(h, "places")]
    feels = [h for h in _matches(norms, every, lex.feels.find) if clear(h, "feels")]
    question_view = [
        i for i in every if norms[i] not in lex.fillers and norms[i] not in lex.one_side_words
    ]
    questions = [
        h for h in _matches(norms, question_view, lex.questions.find_all) if clear(h, "questions")
    ]
    view = [norms[i] for i in question_view]

    def plain(phrases: Iterable[tuple[str, ...]]) -> bool:
        """Whether the sentence says one of ``phrases``, not negated ("I'm not dieting")."""
        for phrase in phrases:
            size = len(phrase)
            for i in range(len(view) - size + 1):
                if all(p in (WILD, view[i + k]) for k, p in enumerate(phrase)):
                    cats = modifiers(context, question_view[i], question_view[i + size - 1] + 1)
                    if NEGATED not in cats or POSSIBLE in cats:
                        return True
        return False

    # Sides that belong to the next word ("right leg"): no place said before them takes them.
    starts = {h.start for h in places}
    attached = set()
    for s_hit in sides:
        nxt = next((i for i in range(s_hit.end, len(norms)) if norms[i] not in lex.fillers), None)
        if nxt is not None and (nxt in starts or norms[nxt] in lex.limbs):
            attached.add(s_hit.start)
    free_after = [s_hit for s_hit in sides if s_hit.start not in attached]

    # Places, each with the side said nearest before it in the sentence (else after it).
    kept_regions: list[str] = []
    kept_places: list[tuple[Hit, str | None]] = []
    for hit in places:
        cats = modifiers(context, hit.start, hit.end)
        kind = _aside_kind(cats)
        if kind is not None:
            found.aside(kind, words(hit.start, hit.end))
            continue
        if NEGATED in cats and POSSIBLE not in cats:
            continue
        regions, plural = hit.payloads[0]
        side = _side_for(hit, sides, free_after, context, plural)
        kept_places.append((hit, side))
        for region in regions:
            _add_place(found, lex, str(region), side, words(hit.start, hit.end))
            kept_regions.append(str(region))
    _fill_paths(kept_places, norms, lex, found, words)

    # Feelings.
    numb_hits: list[tuple[Hit, frozenset[str]]] = []
    for hit in feels:
        cats = modifiers(context, hit.start, hit.end)
        kind = _aside_kind(cats)
        if kind is not None:
            found.aside(kind, words(hit.start, hit.end))
            continue
        feeling = str(hit.payloads[0])
        numb_hits.append((hit, cats))
        if NEGATED in cats and POSSIBLE not in cats:
            continue
        found.feels.setdefault(feeling, words(hit.start, hit.end))

    # Questions from their phrases.
    for hit in questions:
        cats = modifiers(context, hit.start, hit.end)
        for question, said in hit.payloads:
            _answer(found, lex, question, said, cats, plain, words(hit.start, hit.end))

    # Questions from two kinds of words close together ("can't feel anything when I wipe").
    for pair in lex.near:
        firsts = pair.first.find(view)
        seconds = pair.second.find(view) if firsts else []
        for a, b in itertools.product(firsts, seconds):
            gap = max(a[0], b[0]) - min(a[1], b[1])
            if gap > pair.within or gap < 0:
                continue
            parts = [(question_view[x[0]], question_view[x[1] - 1] + 1) for x in (a, b)]
            cats = modifiers(context, *parts[0]) | modifiers(context, *parts[1])
            start, end = min(p[0] for p in parts), max(p[1] for p in parts)
            questions.append(Hit(start, end, ((pair.question, pair.answer),)))
            _answer(found, lex, pair.question, pair.answer, cats, plain, words(start, end))
            break

    # Questions from a feeling ("numb" in the leg → numbness), outside other questions' words.
    limbs = any(n in lex.limbs for n in norms)
    for rule in lex.rules.values():
        if rule.from_feeling is None:
            continue
        if kept_regions and not limbs and all(r in rule.except_regions for r in kept_regions):
            continue
        for hit, cats in numb_hits:
            if hit.payloads[0] != rule.from_feeling:
                continue
            inside = any(
                q.start < hit.end
                and hit.start < q.end
                and all(p[0] != rule.question for p in q.payloads)
                for q in questions
            )
            if not inside:
                _answer(found, lex, rule.question, "yes", cats, plain, words(hit.start, hit.end))

    _numbers(norms, context, lex, found, words, plain)


def _side_for(
    hit: Hit, sides: list[Hit], free: list[Hit], context: list[Scope], plural: bool
) -> str | None:
    """The side said in the place's words, else nearest before it, else after it (if that
    side does not belong to a word after it: "lower back radiating to the right leg");
    plural words ("glutes") take only "both"."""
    inside = [s for s in sides if s.start < hit.end and hit.start < s.end]
    before = [s for s in sides if s.end <= hit.start]
    after = [s for s in free if s.start >= hit.end]
    for candidates in (iter(inside), reversed(before), iter(after)):
        for s in candidates:
            side = str(s.payloads[0])
            if plural and side != "both":
                continue
            if _aside_kind(modifiers(context, s.start, s.end)) is None:
                return side
    return None


def _add_place(found: _Found, lex: Lexicon, region: str, side: str | None, said: str) -> None:
    if not lex.sided.get(region, False):
        found.places.setdefault(f"midline:{region}", said)
    elif side in ("left", "right"):
        found.places.setdefault(f"{side}:{region}", said)
    elif side == "both":
        found.places.setdefault(f"left:{region}", said)
        found.places.setdefault(f"right:{region}", said)
    else:
        found.unsided.setdefault(region, said)


def _fill_paths(
    kept: list[tuple[Hit, str | None]],
    norms: list[str],
    lex: Lexicon,
    found: _Found,
    words: Words,
) -> None:
    """The regions between two places on a path ("from the buttock down to the knee")."""
    for (a, side_a), (b, side_b) in itertools.pairwise(kept):
        if not any(n in lex.path_words for n in norms[a.end : b.start]):
            continue
        first = a.payloads[0][0][-1]
        last = b.payloads[0][0][0]
        for path in lex.paths:
            if first in path and last in path and path.index(first) < path.index(last):
                said = words(a.start, b.end)
                for region in path[path.index(first) + 1 : path.index(last)]:
                    if region not in lex.unfilled:
                        _add_place(found, lex, region, side_b or side_a, said)
                break


def _answer(
    found: _Found,
    lex: Lexicon,
    question: str,
    kind: Kind,
    cats: frozenset[str],
    plain: Said,
    evidence: str,
) -> None:
    rule = lex.rules.get(question)
    if rule is not None:
        if rule.not_with and plain(rule.not_with):
            return
        for other, when in rule.becomes:
            if plain(when):
                question = other
                rule = lex.rules.get(question, rule)
                break
    aside = _aside_kind(cats, rule.past_counts if rule is not None else False)
    if aside is not None:
        found.aside(aside, evidence)
        return
    doubted, negated = POSSIBLE in cats, NEGATED in cats
    if kind == "denied":
        if doubted:
            found.flag(question, "not_sure", evidence)
        else:
            found.deny(question, evidence)
    elif kind == "mention":
        if doubted:
            found.flag(question, "not_sure", evidence)
        elif negated:
            found.deny(question, evidence)
    elif doubted:
        found.flag(question, "not_sure", evidence)
    elif negated:
        found.deny(question, evidence)
    else:
        found.flag(question, kind, evidence)


def _numbers(
    norms: list[str],
    context: list[Scope],
    lex: Lexicon,
    found: _Found,
    words: Words,
    plain: Said,
) -> None:
    for i, norm in enumerate(norms):
        if not _NUMBER.match(norm):
            continue
        try:
            value = float(norm)
        except ValueError:  # pragma: no cover - the pattern only lets numbers through
            continue
        unit_next = i + 1 < len(norms) and norms[i + 1] in lex.units
        for rule in lex.numbers:
            if not rule.low <= value <= rule.high:
                continue
            said_before = not unit_next and any(
                len(p) <= i and tuple(norms[i - len(p) : i]) == p for p in rule.before
            )
            said_after = any(tuple(norms[i + 1 : i + 1 + len(p)]) == p for p in rule.after)
            if not (said_before or said_after):
                continue
            if rule.needs and not plain(rule.needs):
                continue
            cats = modifiers(context, i, i + 1)
            evidence = words(max(0, i - 2), min(len(norms), i + 2))
            _answer(found, lex, rule.question, "yes", cats, plain, evidence)
