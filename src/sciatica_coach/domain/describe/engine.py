"""``describe``: a person's words about their pain → places, feelings, flags and denials.

Pure and deterministic. Each sentence is read once per layer (context triggers, words to
ignore, sides, places, feelings, question phrases); ConText then decides for each match
whether it is the person's current state (kept), denied, doubted (``not_sure``) or an aside
(their past, someone else, a "what if"). It can only raise a concern: doubt beats denial,
``yes`` beats ``not_sure``, and a question flagged anywhere is never listed as denied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from .context import FAMILY, HISTORICAL, HYPOTHETICAL, NEGATED, POSSIBLE, Scope, modifiers, scopes
from .lexicon import WILD, Kind, Lexicon, Trie
from .result import Aside, AsideKind, Denial, Description, Flag
from .text import Token, number_at, tokenise

Words = Callable[[int, int], str]
"""The text's own words from one word index to another."""
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
        self.limbs = False  # a limb named anywhere, and the regions kept
        self.regions: set[str] = set()
        self.unplaced: list[tuple[str, frozenset[str], _Sentence, _Span]] = []

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
            asides=tuple(
                a
                for a in self.asides.values()
                if not any(
                    b.kind == a.kind and a.words != b.words and a.words in b.words
                    for b in self.asides.values()
                )
            ),
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
    for question, cats, s, span in found.unplaced:
        rule = lexicon.rules[question]
        if found.limbs or any(r not in rule.except_regions for r in found.regions):
            _answer(found, lexicon, question, "yes", cats, s, span)
    return found.result()


_CATEGORY = {kind: category for category, kind in _ASIDE.items()}
_OR = frozenset({"or", "nor", "any", "no", "either", "neither"})
_JOINS = _OR | {"and", "with", "&"}


@dataclass(frozen=True)
class _Span:
    """Words of the sentence [start, end), with what to show when they are an aside: the
    trigger and the words it reaches ("mum had breast cancer", not just "cancer")."""

    start: int
    end: int
    words: Words
    context: Sequence[Scope]

    @property
    def text(self) -> str:
        return self.words(self.start, self.end)

    def aside(self, kind: AsideKind) -> str:
        for scope in self.context:
            if (
                scope.category == _CATEGORY[kind]
                and self.start < scope.high
                and self.end > scope.low
            ):
                return self.words(min(scope.start, self.start), max(scope.end, self.end))
        return self.text


def _aside_kind(cats: frozenset[str], past_counts: bool = False) -> AsideKind | None:
    for category in (FAMILY, HYPOTHETICAL, HISTORICAL):
        if category in cats and not (category == HISTORICAL and past_counts):
            return _ASIDE[category]
    return None


class _Sentence:
    """One sentence read once per layer: its words, ConText scopes and the matches of each
    layer (sides, places, feelings, question phrases), as sentence word indices."""

    def __init__(self, tokens: list[Token], lex: Lexicon, text: str) -> None:
        self.tokens, self.text, self.lex = tokens, text, lex
        self._names: dict[Scope, tuple[frozenset[str], list[tuple[int, int]]]] = {}
        self.feeling_questions = {
            r.from_feeling: r.question for r in lex.rules.values() if r.from_feeling is not None
        }
        norms = self.norms = [lex.correct(t.norm) for t in tokens]
        every = list(range(len(norms)))
        self.context = scopes(norms, lex, [t.pause_after for t in tokens])
        self.terminators = [
            start
            for start, _end, payloads in lex.context.find(norms)
            if payloads[0].category == "TERMINATE"
        ]
        self.clause = _clauses(tokens, norms, lex)
        self.blocked: dict[str, set[int]] = {}
        for start, end, payloads in lex.ignore.find(norms):
            for layers in payloads:
                for layer in layers:
                    self.blocked.setdefault(layer, set()).update(range(start, end))
        place_view = [
            i for i in every if norms[i] not in lex.fillers and norms[i] not in lex.side_words
        ]
        self.question_view = [
            i for i in every if norms[i] not in lex.fillers and norms[i] not in lex.one_side_words
        ]
        self.sides = self._layer(every, lex.sides.find, "sides")
        self.places = self._layer(place_view, lex.places.find, "places")
        self.feels = self._layer(every, lex.feels.find, "feels")
        self.questions = self._layer(self.question_view, lex.questions.find_all, "questions")
        self.view = [norms[i] for i in self.question_view]
        self.present = set(self.view)
        self.unsaid = self.blocked.get("questions", set())

    def _layer(
        self,
        keep: Sequence[int],
        find: Callable[[Sequence[str]], list[tuple[int, int, list[Any]]]],
        layer: str,
    ) -> list[Hit]:
        """Matches over the words at ``keep`` (a filtered view), less those in words the
        content says to ignore for this layer."""
        stop = self.blocked.get(layer, set())
        hits = []
        for start, end, payloads in find([self.norms[i] for i in keep]):
            hit = Hit(keep[start], keep[end - 1] + 1, tuple(payloads))
            if not any(i in stop for i in range(hit.start, hit.end)):
                hits.append(hit)
        return hits

    def words(self, start: int, end: int) -> str:
        return self.text[self.tokens[start].start : self.tokens[end - 1].end]

    def span(self, start: int, end: int) -> _Span:
        return _Span(start, end, self.words, self.context)

    def cats(self, start: int, end: int) -> frozenset[str]:
        return modifiers(self.context, start, end)

    def cats_for(self, start: int, end: int, questions: Iterable[str]) -> frozenset[str]:
        """The context of words that speak to ``questions``: a denial that names another
        question ("numb when I wipe and bowels are normal" names the bowels) does not
        reach them."""
        mine = set(questions)
        kept = []
        for scope in self.context:
            if scope.category == NEGATED:
                named, spans = self._named(scope)
                if not named and scope.high <= scope.start:
                    continue  # "... and everything else is normal": names no question
                if (
                    named
                    and not named & mine
                    and not any(lo < end and start < hi for lo, hi in spans)
                ):
                    continue
            kept.append(scope)
        return modifiers(kept, start, end)

    def _named(self, scope: Scope) -> tuple[frozenset[str], list[tuple[int, int]]]:
        """The questions a denial names: those said nearest its trigger (or in its words:
        "bowels are fine"), and those joined to them by "and"/"or" when they name a topic
        ("no bladder or bowel problems"), by "or" when they are a symptom ("no weakness or
        numbness"; "no fever and my foot drags" names the fever only)."""
        cached = self._names.get(scope)
        if cached is not None:
            return cached
        hits: list[tuple[int, int, frozenset[str], bool]] = [
            (
                h.start,
                h.end,
                frozenset(str(p[0]) for p in h.payloads),
                any(p[1] in ("mention", "denied") for p in h.payloads),
            )
            for h in self.questions
        ]
        hits += [
            (h.start, h.end, frozenset({self.feeling_questions[str(h.payloads[0])]}), False)
            for h in self.feels
            if str(h.payloads[0]) in self.feeling_questions
        ]
        backward = scope.high <= scope.start
        if backward:
            inside = [h for h in hits if scope.low <= h[0] < scope.start]
            inside.sort(key=lambda h: (-h[1], h[0]))
        else:
            inside = [h for h in hits if scope.end < h[1] <= scope.high and h[0] >= scope.start]
            inside.sort(key=lambda h: (h[0], -h[1]))
        named: set[str] = set()
        spans: list[tuple[int, int]] = []
        edge = scope.start if backward else scope.end
        for lo, hi, qs, topic in inside:
            # "X is normal" names X only when X is said right before it.
            if (
                backward
                and not spans
                and not all(w in self.lex.fillers for w in self.norms[hi : scope.start])
            ):
                break
            if spans:
                if (backward and hi > edge) or (not backward and lo < edge):
                    continue  # overlaps a hit already taken
                gap = self.norms[hi:edge] if backward else self.norms[edge:lo]
                joins = _JOINS if topic else _OR
                if not all(w in joins or w in self.lex.fillers for w in gap):
                    break
                if not (any(w in joins for w in gap) or (topic and not gap)):
                    break  # "bowel/bladder": two topics side by side
            named |= qs
            spans.append((lo, hi))
            edge = lo if backward else hi
        result = (frozenset(named), spans)
        self._names[scope] = result
        return result

    def says(
        self,
        phrases: Iterable[tuple[str, ...]],
        start: int = 0,
        end: int = 0,
        within: int | None = None,
        outside: tuple[int, int] | None = None,
    ) -> bool:
        """Whether the sentence says one of ``phrases``, not negated ("I'm not dieting");
        with ``within``, no more than that many words from the words [start, end)."""
        view = self.view
        for phrase in phrases:
            if not all(p in self.present or p == WILD for p in phrase):
                continue
            size = len(phrase)
            for i in range(len(view) - size + 1):
                if all(p in (WILD, view[i + k]) for k, p in enumerate(phrase)):
                    at = self.question_view
                    if within is not None and (
                        at[i] - end >= within or start - at[i + size - 1] > within
                    ):
                        continue
                    if (
                        outside is not None
                        and outside[0] <= at[i + size - 1]
                        and (at[i] < outside[1])
                    ):
                        continue  # "40 years old" is not "for years"
                    if any(at[i + k] in self.unsaid for k in range(size)):
                        continue  # words the content ignores ("the other leg is fine")
                    cats = self.cats(at[i], at[i + size - 1] + 1)
                    if NEGATED not in cats or POSSIBLE in cats:
                        return True
        return False


def _read_sentence(tokens: list[Token], lex: Lexicon, found: _Found) -> None:
    s = _Sentence(tokens, lex, found.text)
    kept_regions = _read_places(s, lex, found)
    feels = _read_feels(s, found)
    _read_questions(s, lex, found)
    _read_feeling_questions(s, lex, found, kept_regions, feels)
    _numbers(s, lex, found)


def _read_places(s: _Sentence, lex: Lexicon, found: _Found) -> list[str]:
    """Places, each with the side said nearest before it in the sentence (else after it);
    the regions kept."""
    # Sides that belong to the next word ("right leg"): no place said before them takes them.
    # A lone "both" before one place ("both my hip and knee") is "both ... and", not a side.
    starts = {h.start: h for h in s.places}
    attached = set()
    sides = []
    for said in s.sides:
        nxt = next(
            (i for i in range(said.end, len(s.norms)) if s.norms[i] not in lex.fillers), None
        )
        if said.end - said.start == 1 and s.norms[said.start] == "both" and nxt is not None:
            place = starts.get(nxt)
            if (place is not None and not place.payloads[0][1]) or s.norms[nxt] == "leg":
                continue
        sides.append(said)
        if nxt is not None and (nxt in starts or s.norms[nxt] in lex.limbs):
            attached.add(said.start)
    free_after = [said for said in sides if said.start not in attached]
    others = [said for said in free_after if said.payloads[0] == "both"]
    kept_regions: list[str] = []
    kept: list[tuple[Hit, str | None]] = []
    for hit in s.places:
        cats = s.cats(hit.start, hit.end)
        kind = _aside_kind(cats)
        if kind is not None:
            found.aside(kind, s.span(hit.start, hit.end).aside(kind))
            continue
        if NEGATED in cats and POSSIBLE not in cats:
            continue
        regions, plural = hit.payloads[0]
        side = _side_for(hit, sides, free_after, s.context, plural)
        if side in ("left", "right") and any(
            o.start >= hit.end and "other" in s.norms[o.start : o.end] for o in others
        ):
            side = "both"  # "my left calf hurts and the other one too"
        kept.append((hit, side))
        for region in regions:
            _add_place(found, lex, str(region), side, s.words(hit.start, hit.end))
            kept_regions.append(str(region))
    _fill_paths(kept, s.norms, lex, found, s.words)
    return kept_regions


def _read_feels(s: _Sentence, found: _Found) -> list[tuple[Hit, frozenset[str]]]:
    """Feelings; every feeling that is not an aside, with its context (denied ones too)."""
    out: list[tuple[Hit, frozenset[str]]] = []
    for hit in s.feels:
        feeling = str(hit.payloads[0])
        cats = s.cats_for(hit.start, hit.end, [s.feeling_questions.get(feeling, feeling)])
        kind = _aside_kind(cats)
        if kind is not None:
            found.aside(kind, s.span(hit.start, hit.end).aside(kind))
            continue
        out.append((hit, cats))
        if NEGATED not in cats or POSSIBLE in cats:
            found.feels.setdefault(str(hit.payloads[0]), s.words(hit.start, hit.end))
    return out


def _read_questions(s: _Sentence, lex: Lexicon, found: _Found) -> None:
    """Questions from their phrases, and from two kinds of words close together ("can't
    feel anything when I wipe"); each close pair adds its two words to ``s.questions``."""
    for hit in list(s.questions):
        for question, said in hit.payloads:
            cats = s.cats_for(hit.start, hit.end, [question])
            _answer(found, lex, question, said, cats, s, s.span(hit.start, hit.end))
    at = s.question_view
    seen: dict[int, list[tuple[int, int, list[Any]]]] = {}
    stop = s.blocked.get("questions", set())

    def find(trie: Trie) -> list[tuple[int, int, list[Any]]]:
        """Matches in the question view, less those in words to ignore ("the other leg is
        fine" pairs with nothing)."""
        got = seen.get(id(trie))
        if got is None:
            got = seen[id(trie)] = [
                m for m in trie.find(s.view) if not any(at[k] in stop for k in range(m[0], m[1]))
            ]
        return got

    for pair in lex.near:
        firsts = find(pair.first)
        seconds = find(pair.second) if firsts else []
        for a in firsts:
            b = next(
                (
                    b
                    for b in seconds
                    if 0 <= _gap(a, b) <= pair.within
                    and not (pair.same_clause and _split(s, at, a, b))
                ),
                None,
            )
            if b is None:
                continue
            parts = [(at[x[0]], at[x[1] - 1] + 1) for x in (a, b)]
            if any(
                h.start <= lo and hi <= h.end and (pair.question, "denied") in h.payloads
                for h in s.questions
                for lo, hi in parts
            ):
                continue  # a word of a denial ("bladder is fine") is no sign
            one, two = (s.cats_for(lo, hi, [pair.question]) for lo, hi in parts)
            cats = one | two
            lo, hi = min(p[1] for p in parts), max(p[0] for p in parts)
            if one != two and (
                any(lo <= t < hi for t in s.terminators)
                or any(s.tokens[i].pause_after for i in range(lo - 1, hi))
            ):
                first, then = (one, two) if parts[0][0] < parts[1][0] else (two, one)
                if (
                    NEGATED in first
                    and NEGATED not in then
                    and any(lo <= t < hi for t in s.terminators)
                ):
                    # "pee is normal apart from leaking": the exception is not denied.
                    cats = cats - {NEGATED}
                else:
                    # Two clauses said differently are not one sign ("my foot is numb, not
                    # sure about my bladder": the numb foot stays a numb foot).
                    continue
            if pair.answer == "yes":
                # A sure pair owns its words; a doubtful one leaves them to the other layers
                # ("can't feel my feet" is numbness even when it is doubt about both legs).
                s.questions += [Hit(lo, hi, ((pair.question, pair.answer),)) for lo, hi in parts]
            span = s.span(min(p[0] for p in parts), max(p[1] for p in parts))
            _answer(found, lex, pair.question, pair.answer, cats, s, span)


def _read_feeling_questions(
    s: _Sentence,
    lex: Lexicon,
    found: _Found,
    kept_regions: list[str],
    feels: list[tuple[Hit, frozenset[str]]],
) -> None:
    """Questions from a feeling ("numb" in the leg → numbness), outside other questions'
    words; a denied feeling ("no numbness") denies the question wherever it is said."""
    limbs = any(n in lex.limbs for n in s.norms)
    found.limbs = found.limbs or limbs
    found.regions.update(kept_regions)
    for rule in lex.rules.values():
        if rule.from_feeling is None:
            continue
        elsewhere = bool(kept_regions) and not limbs
        elsewhere = elsewhere and all(r in rule.except_regions for r in kept_regions)
        for hit, cats in feels:
            if hit.payloads[0] != rule.from_feeling:
                continue
            if elsewhere and (NEGATED not in cats or POSSIBLE in cats):
                continue
            inside = any(
                q.start < hit.end
                and hit.start < q.end
                and all(p[0] != rule.question for p in q.payloads)
                for q in s.questions
            )
            if not inside:
                span = s.span(hit.start, hit.end)
                if not (s.places or limbs) and (NEGATED not in cats or POSSIBLE in cats):
                    # "Can't feel it": numb only where the text names a body part.
                    found.unplaced.append((rule.question, cats, s, span))
                    continue
                _answer(found, lex, rule.question, "yes", cats, s, span)


def _clauses(tokens: Sequence[Token], norms: Sequence[str], lex: Lexicon) -> list[int]:
    """Each word's clause number in its sentence: a new clause after a comma (colon,
    bracket) and at a clause word of the content ("but", "although")."""
    ends = {start for start, _end, _payloads in lex.clause_words.find(norms)}
    out, clause = [], 0
    for i, token in enumerate(tokens):
        if i in ends:
            clause += 1
        out.append(clause)
        if token.pause_after:
            clause += 1
    return out


def _split(
    s: _Sentence, at: Sequence[int], a: tuple[int, int, object], b: tuple[int, int, object]
) -> bool:
    """Whether two matches (indices into the question view) lie in different clauses."""
    first, last = at[min(a[0], b[0])], at[max(a[1], b[1]) - 1]
    return s.clause[first] != s.clause[last]


def _gap(a: tuple[int, int, object], b: tuple[int, int, object]) -> int:
    """Words between two matches (negative if they overlap)."""
    return max(a[0], b[0]) - min(a[1], b[1])


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
    for (a, side_a), (b, side_b) in pairwise(kept):
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
    s: _Sentence,
    span: _Span,
) -> None:
    rule = lex.rules.get(question)
    if rule is not None:
        if rule.not_with and kind != "denied" and s.says(rule.not_with):
            return  # explained away (a denial is still shown)
        if kind == "not_sure" and rule.not_sure_not_with and s.says(rule.not_sure_not_with):
            return
        for move in rule.becomes:
            if move.unless and s.says(move.unless):
                continue  # "for years ... since this morning": in doubt, keep the sign
            if s.says(move.when, span.start, span.end, move.within):
                question = move.question
                rule = lex.rules.get(question, rule)
                break
    aside = _aside_kind(cats, rule.past_counts if rule is not None else False)
    doubted, negated = POSSIBLE in cats, NEGATED in cats
    if aside == "history" and question in lex.serious and kind in ("yes", "not_sure"):
        # A serious sign said in the past tense ("numb down below since two years ago") may
        # still be there: doubt, never dropped.
        doubted = True
    elif aside is not None:
        found.aside(aside, span.aside(aside))
        return
    evidence = span.text
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


def _numbers(s: _Sentence, lex: Lexicon, found: _Found) -> None:
    """Numbers that answer a question ("I'm 72", "temp of 38.6", "seventy")."""
    norms = s.norms
    for i in range(len(norms)):
        number = number_at(norms, i)
        if number is None:
            continue
        value, after = number
        unit_next = after < len(norms) and norms[after] in lex.units
        for rule in lex.numbers:
            if not rule.low <= value <= rule.high:
                continue
            said_before = not unit_next and any(
                len(p) <= i and tuple(norms[i - len(p) : i]) == p for p in rule.before
            )
            said_after = any(tuple(norms[after : after + len(p)]) == p for p in rule.after)
            if not (said_before or said_after):
                continue
            said = max(
                (len(p) for p in rule.after if tuple(norms[after : after + len(p)]) == p),
                default=0,
            )
            if rule.needs and not s.says(rule.needs, outside=(i, after + said)):
                continue
            span = s.span(max(0, i - 2), min(len(norms), after + 1))
            _answer(found, lex, rule.question, "yes", s.cats(i, after), s, span)
