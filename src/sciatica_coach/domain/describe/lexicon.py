"""The describe lexicon: the content's words as tries, ready to match a text in one pass.

Built once per knowledge base (``coach.describe_lexicon.lexicon``). Matching walks a word trie
from each word of a sentence and keeps the leftmost longest phrase, so the time is the text's
length times the longest phrase, whatever the number of phrases. Words the content does not
know are corrected by a fuzzy match (rapidfuzz) against its single words, with limits that
keep short words from matching each other (see :meth:`Lexicon.correct`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from sciatica_coach.content.describe_models import DescribeContent

from .text import words

END = ""
WILD = "*"
SideWord = Literal["left", "right", "both"]
Kind = Literal["yes", "not_sure", "denied", "mention"]
SHORTEST_FUZZY = 5
"""Words shorter than this are never corrected: "rite", "lef", "nrve" are too short to tell
from other words ("night" and "right" differ by one letter too)."""
MAX_CACHE = 20_000


class Trie:
    """Phrases (tuples of words, ``*`` for any one word) to payloads."""

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}

    def add(self, phrase: Sequence[str], payload: object) -> None:
        if not phrase:
            return
        node = self.root
        for word in phrase:
            node = node.setdefault(word, {})
        node.setdefault(END, []).append(payload)

    def longest_at(self, norms: Sequence[str], i: int) -> tuple[int, list[Any]] | None:
        """The end and payloads of the longest phrase starting at ``norms[i]``."""
        best: tuple[int, list[Any]] | None = None
        stack: list[tuple[dict[str, Any], int]] = [(self.root, i)]
        n = len(norms)
        while stack:
            node, j = stack.pop()
            if j > i and END in node and (best is None or j > best[0]):
                best = (j, node[END])
            if j < n:
                nxt = node.get(norms[j])
                if nxt is not None:
                    stack.append((nxt, j + 1))
                star = node.get(WILD)
                if star is not None:
                    stack.append((star, j + 1))
        return best

    def find_all(self, norms: Sequence[str]) -> list[tuple[int, int, list[Any]]]:
        """The longest match at every start, overlaps kept, less any match that lies
        inside a longer one ("fell off a ladder" hides "fell")."""
        hits: list[tuple[int, int, list[Any]]] = []
        for i in range(len(norms)):
            hit = self.longest_at(norms, i)
            if hit is not None:
                hits.append((i, hit[0], hit[1]))
        furthest = -1
        out = []
        for start, end, payloads in hits:
            if end <= furthest:
                continue  # inside an earlier, longer match
            furthest = end
            out.append((start, end, payloads))
        return out

    def find(self, norms: Sequence[str]) -> list[tuple[int, int, list[Any]]]:
        """Leftmost longest matches that do not overlap: (start, end, payloads)."""
        out: list[tuple[int, int, list[Any]]] = []
        i = 0
        while i < len(norms):
            hit = self.longest_at(norms, i)
            if hit is None:
                i += 1
                continue
            out.append((i, hit[0], hit[1]))
            i = hit[0]
        return out


def contains(norms: Sequence[str], phrases: Iterable[tuple[str, ...]]) -> bool:
    """Whether any phrase occurs in ``norms`` (``*`` matching any one word)."""
    for phrase in phrases:
        size = len(phrase)
        for i in range(len(norms) - size + 1):
            if all(p == WILD or p == norms[i + k] for k, p in enumerate(phrase)):
                return True
    return False


@dataclass(frozen=True)
class ContextTrigger:
    category: str
    direction: str
    max_scope: int | None


@dataclass(frozen=True)
class Move:
    """The phrase answers ``question`` instead when ``when`` is said within ``within``
    words of it (anywhere in the sentence if None), unless the sentence says ``unless``."""

    question: str
    when: tuple[tuple[str, ...], ...]
    within: int | None
    unless: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class QuestionRule:
    question: str
    not_with: tuple[tuple[str, ...], ...]
    not_sure_not_with: tuple[tuple[str, ...], ...]
    becomes: tuple[Move, ...]
    past_counts: bool
    from_feeling: str | None
    except_regions: frozenset[str]


@dataclass(frozen=True)
class NearRule:
    """Words of ``first`` within ``within`` words of words of ``second`` answer ``question``."""

    question: str
    first: Trie
    second: Trie
    within: int
    answer: Kind
    same_clause: bool = False


@dataclass(frozen=True)
class NumberRule:
    question: str
    before: tuple[tuple[str, ...], ...]
    after: tuple[tuple[str, ...], ...]
    low: float
    high: float
    needs: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, repr=False)
class Lexicon:
    """Everything :func:`describe` needs, as plain data built from the content."""

    context: Trie
    ignore: Trie
    sides: Trie
    places: Trie
    feels: Trie
    questions: Trie
    fillers: frozenset[str]
    clause_starts: frozenset[str]
    own_words: frozenset[str]
    pause_ends: frozenset[str]
    side_words: frozenset[str]
    one_side_words: frozenset[str]
    limbs: frozenset[str]
    units: frozenset[str]
    sided: Mapping[str, bool]
    paths: tuple[tuple[str, ...], ...]
    path_words: frozenset[str]
    unfilled: frozenset[str]
    rules: Mapping[str, QuestionRule]
    serious: frozenset[str]
    near: tuple[NearRule, ...]
    clause_words: Trie
    numbers: tuple[NumberRule, ...]
    known: frozenset[str]
    spellings: Mapping[str, str]
    targets: tuple[str, ...]
    singulars: frozenset[str]
    phrases: tuple[str, ...]
    """Every phrase, as written (for the benchmark's plain regex baseline)."""
    _cache: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __repr__(self) -> str:
        return f"<Lexicon: {len(self.phrases)} phrases, {len(self.targets)} fuzzy targets>"

    def correct(self, word: str) -> str:
        """``word``, or the content's word it is a typo of ("rigth" → "right").

        A misspelling the content lists ("legz") is fixed as listed. Known words and words
        under five letters stay as they are. A plural whose singular
        is a content word becomes it. Otherwise the closest content word (rapidfuzz's
        normalised Indel similarity) is taken only if it starts with the same letter and is
        one edit away for words of five to eight letters — an added or dropped letter or two
        letters swapped, never one letter changed ("light" is not "right", "stubbed" is not
        "stabbed") — or at most two edits and 85 % similar for longer words.
        """
        fixed = self.spellings.get(word)
        if fixed is not None:
            return fixed
        if word in self.known or len(word) < SHORTEST_FUZZY or not word.isalpha():
            return word
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        fixed = self._correct(word)
        if len(self._cache) >= MAX_CACHE:
            self._cache.clear()
        self._cache[word] = fixed
        return fixed

    def _correct(self, word: str) -> str:
        for suffix in ("es", "s"):
            if word.endswith(suffix) and word[: -len(suffix)] in self.singulars:
                return word[: -len(suffix)]
        hit = process.extractOne(word, self.targets, scorer=fuzz.ratio, score_cutoff=75)
        if hit is None:
            return word
        candidate, score = hit[0], hit[1]
        if candidate[0] != word[0]:
            return word
        distance = OSA.distance(word, candidate)
        if len(word) <= 8:
            swapped = len(word) == len(candidate) and sorted(word) == sorted(candidate)
            ok = distance == 1 and (len(word) != len(candidate) or swapped)
        else:
            ok = distance <= 2 and score >= 85
        return candidate if ok else word


def build_lexicon(
    content: DescribeContent, sided: Mapping[str, bool], serious: Iterable[str] = ()
) -> Lexicon:
    """The lexicon for ``content``; ``sided`` maps every region id to whether it has sides;
    ``serious`` names the questions (emergency and urgent signs) that a past tense turns into
    doubt instead of dropping."""
    fillers = frozenset(w for f in content.fillers for w in words(f))
    side_trie, side_words, one_side = Trie(), set(), set()
    for side in ("left", "right", "both"):
        for phrase in getattr(content.sides, side):
            ws = words(phrase)
            side_trie.add(ws, side)
            if len(ws) == 1:
                side_words.add(ws[0])
                if side != "both":
                    one_side.add(ws[0])

    def filtered(phrase: str, skip: frozenset[str]) -> tuple[str, ...]:
        return tuple(w for w in words(phrase) if w not in skip)

    place_skip = fillers | side_words
    context = Trie()
    for rule in content.context:
        context.add(
            words(rule.literal), ContextTrigger(rule.category, rule.direction, rule.max_scope)
        )
    ignore = Trie()
    for entry in content.ignore:
        for phrase in entry.words:
            ignore.add(words(phrase), frozenset(entry.layers))
    places = Trie()
    for place in content.places:
        for phrase in place.words:
            places.add(filtered(phrase, place_skip), (tuple(place.regions), place.plural))
    feels = Trie()
    for feeling in content.feelings:
        for phrase in feeling.words:
            feels.add(words(phrase), feeling.feeling)
    questions = Trie()
    rules: dict[str, QuestionRule] = {}
    near: list[NearRule] = []
    shared: dict[tuple[str, ...], Trie] = {}

    def trie_of(terms: list[str]) -> Trie:
        """One trie per list of words: rules naming the same class share it (and, in
        ``describe``, its matches in a sentence)."""
        key = tuple(content.terms(terms))
        trie = shared.get(key)
        if trie is None:
            trie = shared[key] = Trie()
            for phrase in key:
                trie.add(filtered(phrase, fillers), True)
        return trie

    for q in content.questions:
        for pair in q.near:
            first, second = trie_of(pair.words), trie_of(pair.near)
            near.append(
                NearRule(q.question, first, second, pair.within, pair.answer, pair.same_clause)
            )
        kinds: tuple[tuple[Kind, list[str]], ...] = (
            ("yes", q.present),
            ("not_sure", q.not_sure),
            ("denied", q.denied),
            ("mention", q.mentions),
        )
        for kind, phrases in kinds:
            for phrase in phrases:
                questions.add(filtered(phrase, fillers), (q.question, kind))
        rules[q.question] = QuestionRule(
            question=q.question,
            not_with=tuple(filtered(p, fillers) for p in q.not_with),
            not_sure_not_with=tuple(filtered(p, fillers) for p in q.not_sure_not_with),
            becomes=tuple(
                Move(
                    b.question,
                    tuple(filtered(p, fillers) for p in b.when),
                    b.within,
                    tuple(filtered(p, fillers) for p in b.unless),
                )
                for b in q.becomes
            ),
            past_counts=q.past_counts,
            from_feeling=q.from_feeling,
            except_regions=frozenset(q.except_regions),
        )
    numbers = tuple(
        NumberRule(
            question=n.question,
            before=tuple(words(p) for p in n.before),
            after=tuple(words(p) for p in n.after),
            low=n.min if n.min is not None else float("-inf"),
            high=n.max if n.max is not None else float("inf"),
            needs=tuple(filtered(p, fillers) for p in n.needs),
        )
        for n in content.numbers
    )
    all_phrases: list[str] = [r.literal for r in content.context]
    all_phrases += [p for e in content.ignore for p in e.words]
    all_phrases += [p for s in ("left", "right", "both") for p in getattr(content.sides, s)]
    all_phrases += [p for e in content.places for p in e.words]
    all_phrases += [p for e in content.feelings for p in e.words]
    all_phrases += list(content.limbs) + list(content.clause_words)
    for q in content.questions:
        all_phrases += q.present + q.not_sure + q.denied + q.mentions + q.not_with
        all_phrases += q.not_sure_not_with
        all_phrases += [p for pair in q.near for p in content.terms(pair.words + pair.near)]
        all_phrases += [p for b in q.becomes for p in b.when + b.unless]
    for n in content.numbers:
        all_phrases += n.before + n.after + n.needs
    known = {w for p in all_phrases for w in words(p)} | set(content.known_words)
    known |= fillers | set(content.units)
    symptom_phrases = (
        [p for e in content.places for p in e.words]
        + [p for e in content.feelings for p in e.words]
        + [p for s in ("left", "right", "both") for p in getattr(content.sides, s)]
        + [p for q in content.questions for p in q.present + q.not_sure + q.mentions]
        + [p for q in content.questions for n in q.near for p in content.terms(n.words + n.near)]
    )
    single = sorted(
        {ws[0] for p in symptom_phrases if len(ws := words(p)) == 1 and ws[0].isalpha()}
    )
    every_word = {w for p in symptom_phrases for w in words(p) if w.isalpha() and w not in fillers}
    clause_words = Trie()
    for phrase in content.clause_words:
        clause_words.add(words(phrase), True)
    return Lexicon(
        clause_words=clause_words,
        context=context,
        ignore=ignore,
        sides=side_trie,
        places=places,
        feels=feels,
        questions=questions,
        fillers=fillers,
        clause_starts=frozenset(w for p in content.clause_starts for w in words(p)),
        own_words=frozenset(w for p in content.own_words for w in words(p)),
        pause_ends=frozenset(content.pause_ends),
        side_words=frozenset(side_words),
        one_side_words=frozenset(one_side),
        limbs=frozenset(w for p in content.limbs for w in words(p)),
        units=frozenset(w for p in content.units for w in words(p)),
        sided=dict(sided),
        paths=tuple(tuple(p) for p in content.paths),
        path_words=frozenset(w for p in content.path_words for w in words(p)),
        unfilled=frozenset(content.unfilled),
        rules=rules,
        serious=frozenset(serious),
        near=tuple(near),
        numbers=numbers,
        known=frozenset(w for w in known if w != WILD),
        spellings={words(k)[0]: words(v)[0] for k, v in content.spellings.items()},
        targets=tuple(sorted(w for w in every_word if len(w) >= SHORTEST_FUZZY)),
        singulars=frozenset(single),
        phrases=tuple(dict.fromkeys(p for p in all_phrases)),
    )
