"""The words the describe feature reads (``describe.yaml``), as one validated document.

Every id here is checked on load against the rest of the knowledge base (regions, yes/no
screening questions, sources) by :mod:`sciatica_coach.content.loader`; the feeling ids are the
body map's (``domain.matching.FEELINGS``, checked by a test). Phrases are plain lower-case
words; ``*`` stands for any one word.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .models import Id, SourceIds, Strict

Phrase = Annotated[
    str,
    StringConstraints(
        pattern=r"^[a-z0-9?*][a-z0-9?*' -]*$", min_length=1, max_length=80, strip_whitespace=True
    ),
]
"""Lower-case words (digits, ``?`` for the hedge mark, ``*`` for any one word)."""

NearTerm = Annotated[
    str,
    StringConstraints(
        pattern=r"^(@[a-z][a-z0-9_]*|[a-z0-9?*][a-z0-9?*' -]*)$",
        min_length=1,
        max_length=80,
        strip_whitespace=True,
    ),
]
"""A phrase, or ``@name``: every phrase of the word class ``name`` (``classes``)."""

FeelingId = Literal["ache", "tight", "sharp", "burning", "tingling", "numbness", "electric"]
Category = Literal[
    "NEGATED_EXISTENCE",
    "POSSIBLE_EXISTENCE",
    "HISTORICAL",
    "FAMILY",
    "HYPOTHETICAL",
    "TERMINATE",
    "PSEUDO",
]
Direction = Literal["FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"]
Layer = Literal["places", "feels", "sides", "questions"]


class ContextRule(Strict):
    """One ConText trigger: its words, what it says about the words in its scope, which way
    the scope runs from it and how many words it reaches (to the sentence's end if unset)."""

    literal: Phrase
    category: Category
    direction: Direction
    max_scope: Annotated[int, Field(ge=1, le=30)] | None = None

    @model_validator(mode="after")
    def _direction_fits(self) -> ContextRule:
        plain = self.category in ("TERMINATE", "PSEUDO")
        if plain != (self.direction in ("TERMINATE", "PSEUDO")):
            raise ValueError("TERMINATE and PSEUDO rules, and only they, have that direction")
        if plain and self.direction != self.category:
            raise ValueError("a TERMINATE or PSEUDO rule's direction is its category")
        return self


class FeelingWords(Strict):
    feeling: FeelingId
    words: Annotated[list[Phrase], Field(min_length=1)]


class PlaceWords(Strict):
    """Words for a place: one region, or a path of regions ("the outside of my leg").
    ``plural`` words ("my glutes") take no side from the sentence, only "both"."""

    words: Annotated[list[Phrase], Field(min_length=1)]
    regions: Annotated[list[Id], Field(min_length=1)]
    plural: bool = False


class Sides(Strict):
    left: Annotated[list[Phrase], Field(min_length=1)]
    right: Annotated[list[Phrase], Field(min_length=1)]
    both: Annotated[list[Phrase], Field(min_length=1)]


class Ignore(Strict):
    """Words that look like a place, a feeling or a side but are not ("tight chest",
    "inner thigh", "right now"): in them the named layers find nothing."""

    words: Annotated[list[Phrase], Field(min_length=1)]
    layers: Annotated[list[Layer], Field(min_length=1)]


class Becomes(Strict):
    """In a sentence with one of ``when`` (within ``within`` words of the phrase, if
    given), the phrase answers ``question`` instead, unless the sentence says one of
    ``unless`` ("since this morning": a sign said to be new never moves down)."""

    question: Id
    when: Annotated[list[Phrase], Field(min_length=1)]
    within: Annotated[int, Field(ge=0, le=12)] | None = None
    unless: list[Phrase] = Field(default_factory=list)


class Near(Strict):
    """Two kinds of words close together answer the question ("can't feel anything when I
    wipe": a feeling word within ``within`` words of a place word), in either order.
    ``@name`` stands for a whole word class of ``classes`` (a body area, a kind of change);
    ``same_clause``: the two must not be split by a comma or a ConText TERMINATE word
    ("but")."""

    words: Annotated[list[NearTerm], Field(min_length=1)]
    near: Annotated[list[NearTerm], Field(min_length=1)]
    within: Annotated[int, Field(ge=0, le=12)] = 4
    answer: Literal["yes", "not_sure"] = "yes"
    same_clause: bool = False


class QuestionWords(Strict):
    """The phrases that speak to one yes/no screening question, with their source.

    ``present``: the person says they have it (answer yes); ``not_sure``: words that only
    suggest it;
    ``denied``: words that deny it by themselves ("bladder and bowels are normal");
    ``mentions``: words that name the topic, which count only when denied or hedged
    ("no fever", "not sure about my bladder"); ``near``: pairs of words close together;
    ``not_with``: words in the same sentence that
    explain the phrase away ("since the diet"); ``not_sure_not_with``: the same for the
    ``not_sure`` phrases only ("an accident in my pants" is no crash); ``past_counts``:
    the question is about the person's past, so a history context does not drop it;
    ``from_feeling``: the feeling, found outside any other question's phrase, answers it
    unless the sentence's places are all in ``except_regions``."""

    question: Id
    sources: SourceIds
    present: list[Phrase] = Field(default_factory=list)
    not_sure: list[Phrase] = Field(default_factory=list)
    denied: list[Phrase] = Field(default_factory=list)
    mentions: list[Phrase] = Field(default_factory=list)
    not_with: list[Phrase] = Field(default_factory=list)
    not_sure_not_with: list[Phrase] = Field(default_factory=list)
    near: list[Near] = Field(default_factory=list)
    becomes: list[Becomes] = Field(default_factory=list)
    past_counts: bool = False
    from_feeling: FeelingId | None = None
    except_regions: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _says_something(self) -> QuestionWords:
        said = self.present or self.not_sure or self.denied or self.mentions or self.near
        if not (said or self.from_feeling):
            raise ValueError("a question entry needs phrases or a feeling")
        return self


class NumberRule(Strict):
    """A number right after ``before`` words or right before ``after`` words ("I'm 72",
    "temp of 38.6"), within [min, max], answers ``question`` yes; with ``needs``, only in a
    sentence that also has one of those words. A number followed by a word in ``units`` of
    the content (weeks, kg) is not read by a ``before`` rule."""

    question: Id
    sources: SourceIds
    before: list[Phrase] = Field(default_factory=list)
    after: list[Phrase] = Field(default_factory=list)
    min: float | None = None
    max: float | None = None
    needs: list[Phrase] = Field(default_factory=list)


class DescribeContent(Strict):
    """Everything the describe feature reads."""

    context: Annotated[list[ContextRule], Field(min_length=1)]
    fillers: list[Phrase]
    clause_starts: list[Phrase] = Field(default_factory=list)
    own_words: list[Phrase] = Field(default_factory=list)
    """Words for the person themself ("my", "I"): someone else's scope (FAMILY) running
    forward stops before them ("my mum says my foot drags" is the person's foot)."""
    pause_ends: list[Category] = Field(default_factory=list)
    known_words: list[Phrase]
    spellings: dict[Phrase, Phrase] = Field(default_factory=dict)
    units: list[Phrase]
    feelings: Annotated[list[FeelingWords], Field(min_length=1)]
    places: Annotated[list[PlaceWords], Field(min_length=1)]
    limbs: list[Phrase]
    sides: Sides
    ignore: list[Ignore]
    paths: list[Annotated[list[Id], Field(min_length=2)]]
    path_words: list[Phrase]
    unfilled: list[Id]
    questions: Annotated[list[QuestionWords], Field(min_length=1)]
    numbers: list[NumberRule]
    clause_words: list[Phrase] = Field(default_factory=list)
    """Words that start a new clause ("but", "although") for ``same_clause`` near rules; a
    comma, colon or bracket always does."""
    classes: dict[
        Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")],
        Annotated[list[Phrase], Field(min_length=1)],
    ] = Field(default_factory=dict)
    """Word classes by meaning (a body area, a kind of loss or change), named in ``near``
    rules as ``@name``: one list serves every question that needs it."""

    @model_validator(mode="after")
    def _classes_exist(self) -> DescribeContent:
        for q in self.questions:
            for pair in q.near:
                for term in pair.words + pair.near:
                    if term.startswith("@") and term[1:] not in self.classes:
                        raise ValueError(f"{q.question}: no word class {term[1:]!r}")
        return self

    def terms(self, terms: list[str]) -> list[str]:
        """``terms`` with each ``@name`` replaced by the phrases of that class."""
        out: list[str] = []
        for term in terms:
            out += self.classes[term[1:]] if term.startswith("@") else [term]
        return out
