"""Typed model of ``screening.yaml``: the safety questions, their rules and their messages.

The screening engine (``domain/screening.py``) is generic: what is asked, what triggers, how
serious it is and what to say all live here as cited data. Question ids are a public
interface (saved answers and the API use them), so tests pin them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, model_validator

from .models import Id, Name, Prose, SourceIds, Strict

LevelId = Literal["emergency", "urgent", "see_professional", "not_today", "caution", "ok"]
QuestionKind = Literal["yes_no", "scale", "count", "regions"]
RestrictionId = Literal[
    "no_massage_gun",
    "no_hard_ball",
    "no_hard_ball_near_bone",
    "light_pressure_only",
    "no_belly_pressure",
    "no_heat",
    "hip_precautions",
    "avoid_region",
]
RuleLevel = Literal["emergency", "urgent", "see_professional", "not_today", "caution", "ok"]


class Level(Strict):
    """What a screening level means for the person, in words they read first.

    ``how_soon`` says when to act (``urgent``: today; ``see_professional``: within a week,
    sooner if it gets worse); the loader requires it on those two levels.
    """

    id: LevelId
    title: Name
    message: Prose
    what_to_do: Prose
    how_soon: Prose | None = None
    session_allowed: bool


class Restriction(Strict):
    """A limit the planner and session player enforce, explained in plain words."""

    id: RestrictionId
    label: Name
    description: Prose


class Together(Strict):
    """A more serious level when this question triggers along with another one.

    Red flags are weak alone and stronger together (Finucane et al. 2020): a past cancer is a
    reason to get checked within a week, but with night pain or weight loss it means a doctor
    today. The question's own reason is raised to ``level`` and says ``message``. Each part is
    asked on its own ("not sure" on any part counts as yes): a fall, and thin bones, are two
    questions, and together they mean a doctor today."""

    with_any: Annotated[list[Id], Field(min_length=1)]
    level: Literal["emergency", "urgent", "see_professional"]
    message: Prose
    what_to_do: Prose
    sources: SourceIds


class Rule(Strict):
    """When a question triggers, and what follows.

    ``yes_no`` questions trigger on yes (and on "not sure", see :class:`NotSure`); ``scale``
    and ``count`` at ``threshold`` or more; ``regions`` when any region is named (each becomes an
    ``avoid_region`` restriction). ``avoid_regions`` are regions kept off on both sides
    whenever the rule triggers (the calves after a blood clot, say).

    ``level: ok`` is a part that means nothing on its own, only ``together`` with another (a
    fall alone, or being 65 or older alone, changes nothing; both together mean a doctor
    today): its yes adds no reason unless a ``together`` rule it takes part in applies.
    """

    level: RuleLevel
    threshold: Annotated[int, Field(ge=1)] | None = None
    message: Prose
    what_to_do: Prose
    restrictions: list[RestrictionId] = Field(default_factory=list)
    avoid_regions: list[Id] = Field(default_factory=list)
    advice: Prose | None = None
    together: list[Together] = Field(default_factory=list)


class Topic(Strict):
    """A group of daily questions shown together, under a heading that names what they are
    about and never what an answer leads to ("signs that need help right away" invites a
    "no")."""

    id: Id
    title: Name


class Question(Strict):
    """One safety question, asking one thing. ``from_journal`` questions are answered from the
    journal (how many sessions today) and asked only when there is no journal to answer
    them."""

    id: Id
    kind: QuestionKind
    question: Prose
    help: Prose
    topic: Id | None = None
    """The group a daily question is asked in (``topics``); history questions have none."""
    no_label: Name | None = None
    """For a ``regions`` question only: its own words for "no" ("No, my skin is fine")."""
    maximum: Annotated[int, Field(ge=1)] | None = None
    from_journal: bool = False
    unsure_counts_as_yes: bool = False
    """For a minor question (``caution`` or ``not_today``) only: "not sure" counts as yes,
    the proportionate answer, instead of a check by a professional. Every ``ok`` part sets it:
    its doubt counts as yes toward the ``together`` rules it takes part in."""
    part: Literal["daily", "history"] = "daily"
    """``daily`` questions are asked afresh at every check, never filled in from an earlier
    one; ``history`` questions are kept and confirmed about once a week."""
    rule: Rule
    sources: SourceIds

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        numeric = self.kind in ("scale", "count")
        if numeric != (self.rule.threshold is not None):
            raise ValueError("scale and count questions need rule.threshold; others must not")
        if (self.kind == "count") != (self.maximum is not None):
            raise ValueError("count questions need a maximum; others must not")
        if (self.kind == "regions") != ("avoid_region" in self.rule.restrictions):
            raise ValueError("regions questions, and only they, restrict with avoid_region")
        if self.from_journal and self.kind != "count":
            raise ValueError("only count questions can be answered from the journal")
        if self.unsure_counts_as_yes and (
            self.kind != "yes_no" or self.rule.level not in ("caution", "not_today", "ok")
        ):
            raise ValueError("only minor yes/no questions can count 'not sure' as yes")
        if self.rule.level == "ok" and not (self.kind == "yes_no" and self.unsure_counts_as_yes):
            raise ValueError("an ok part is a yes/no question whose 'not sure' counts as yes")
        if (self.kind == "regions") != (self.no_label is not None):
            raise ValueError("regions questions, and only they, need their own no_label")
        if self.part == "history" and self.topic is not None:
            raise ValueError("history questions are asked under the history's own title")
        return self


class HealthHistory(Strict):
    """The health history: kept between checks and confirmed every ``confirm_every_days``.

    ``pain_began`` asks the date this spell of pain began, once; the weeks the pain has lasted
    are worked out from it at every check (``weeks_from``: the question it answers)."""

    title: Name
    intro: Prose
    confirm_every_days: Annotated[int, Field(ge=1, le=31)]
    pain_began_question: Prose
    pain_began_help: Prose
    weeks_from: Id
    sources: SourceIds


class FlagWords(Strict):
    """How a standing red flag is restated and how the person can answer it again.

    ``stands_hours``: how long a flag stands unless the person says it was the wrong answer or
    that a doctor has seen them since. ``restated`` has ``{when}``, ``{answer}`` and
    ``{question}`` in it."""

    stands_hours: Annotated[int, Field(ge=1, le=72)]
    title: Name
    restated: Prose
    stands: Prose
    wrong_answer: Name
    still_have: Name
    still_not_sure: Name
    seen_doctor: Name
    lifted: Prose
    kept: Prose
    sources: SourceIds


class Clearable(Strict):
    """A stable reason to see someone that a clinician's check can turn into a caution.

    ``id`` is a question id or ``history:`` and an escalation id. ``ends_with`` are the
    questions or journal concerns whose "yes" shows the symptom changed: the clearance ends
    then, as it does ``months`` after the check."""

    id: Annotated[str, Field(pattern=r"^(history:)?[a-z0-9_]+$")]
    restrictions: list[RestrictionId] = Field(default_factory=list)
    avoid_regions: list[Id] = Field(default_factory=list)
    """Regions kept off on both sides while the clearance applies (the calves, say)."""
    caution: Prose
    ends_with: list[Annotated[str, Field(pattern=r"^(history:|journal:)?[a-z0-9_]+$")]] = Field(
        default_factory=list
    )
    sources: SourceIds


class Clearances(Strict):
    """Recording that a doctor or physiotherapist has checked this pain and said self-care is
    fine: only for stable reasons to see someone, never for emergency or urgent signs."""

    months: Annotated[int, Field(ge=1, le=12)]
    question: Prose
    help: Prose
    applied: Prose
    reasons: Annotated[list[Clearable], Field(min_length=1)]
    sources: SourceIds


class LoggedSign(Strict):
    """Something written in the journal after a check that a fresh check must ask about."""

    id: Literal["numbness", "weakness", "both_legs", "saddle_area", "new_places", "red_flag_words"]
    label: Name
    message: Prose
    note_words: list[str] = Field(default_factory=list)
    """Words in a note that show this sign (whole words, any case)."""


class TextSigns(Strict):
    """Signs read in the free text the journal keeps (notes, the notes on pain logs): which
    red flags count, and how the person is told which words in which entry raised a sign."""

    levels: Annotated[list[Literal["emergency", "urgent", "see_professional"]], Field(min_length=2)]
    """A red flag read in text on a question at one of these levels is a sign."""
    questions: list[str] = Field(default_factory=list)
    """Questions at other levels whose red flags in text are signs too (a past cancer,
    constant pain at night: red flags a check asks a professional to look at)."""
    entries: dict[Literal["note", "pain_log", "map", "before_map", "after_map"], Prose]
    """Where the words were: "in a note", ..."""
    said: Prose
    """The words and where: ``{words}``, ``{entry}``."""
    emergency: Prose
    """Added when the question the words speak to is an emergency sign."""
    urgent: Prose
    """Added when it is an urgent sign."""

    @model_validator(mode="after")
    def _serious(self) -> TextSigns:
        if not {"emergency", "urgent"} <= set(self.levels):
            raise ValueError(
                "red flags in text must count at least on emergency and urgent questions"
            )
        if "{words}" not in self.said or "{entry}" not in self.said:
            raise ValueError("said must name the {words} and the {entry}")
        return self


class LoggedSigns(Strict):
    """What the journal raises between checks: the signs, how long they count, and what the
    person is told at once when an after-session map shows them."""

    days: Annotated[int, Field(ge=1, le=31)]
    baseline_days: Annotated[int, Field(ge=1, le=60)]
    level: Literal["see_professional"]
    what_to_do: Prose
    after_session: Prose
    signs: Annotated[list[LoggedSign], Field(min_length=6, max_length=6)]
    text: TextSigns
    sources: SourceIds

    @model_validator(mode="after")
    def _every_sign_once(self) -> LoggedSigns:
        ids = [s.id for s in self.signs]
        if len(set(ids)) != len(ids):
            raise ValueError("each logged sign is described once")
        words = next(s for s in self.signs if s.id == "red_flag_words").message
        if "{question}" not in words:
            raise ValueError("the red_flag_words message must name the {question}")
        return self


class Escalation(Strict):
    """A reason the journal adds to the next screening, such as sessions stopped for bad pain.

    The domain decides when one applies (from stored history); this says how serious it is
    and what to tell the person.
    """

    id: Id
    level: Literal["see_professional", "caution"]
    message: Prose
    what_to_do: Prose
    advice: Prose | None = None
    restrictions: list[RestrictionId] = Field(default_factory=list)
    sources: SourceIds

    @model_validator(mode="after")
    def _no_regions(self) -> Escalation:
        if "avoid_region" in self.restrictions:
            raise ValueError("escalations cannot name avoid_region: they have no regions")
        return self


class NotSure(Strict):
    """What a "not sure" answer to a yes/no question counts as, and why.

    Single warning signs miss many real cases (Dionne et al. 2019), so doubt never counts as
    "no": on an emergency question it counts as "yes"; on an urgent question it means a doctor
    today; on any other question it means getting checked before self-massage.
    """

    emergency: Prose
    urgent: Prose
    other: Prose
    minor: Prose
    """For a minor question whose "not sure" counts as yes (``unsure_counts_as_yes``)."""
    sources: SourceIds


class SafetyNet(Strict):
    """The paragraph that ends every outcome that is not already an emergency.

    Its emergency signs are the one list in ``warning_signs.yaml`` (``kb.emergency_signs``),
    never written here; ``action`` says what to do if one appears; ``emergency_extra`` is
    added to an emergency result ("do not wait for a GP"). ``disclaimer`` is the app's, at
    the foot of every web page (with the list) and printout (with ``emergency_pointer``,
    which says where the list is and what to do, without writing the signs out again).
    """

    title: Name
    action: Prose
    emergency_extra: Prose
    today_title: Name
    today_signs: Annotated[list[Prose], Field(min_length=1)]
    today_action: Prose
    see_gp: Prose
    """The slow-case net on results that allow a session or say "not today": when to see a
    GP or physiotherapist (not better in 4-6 weeks, worse, stops normal life)."""
    disclaimer: Prose
    emergency_pointer: Prose
    sources: SourceIds


class ScreeningContent(Strict):
    """The whole of ``screening.yaml``."""

    levels: Annotated[list[Level], Field(min_length=6, max_length=6)]
    restrictions: list[Restriction]
    not_sure: NotSure
    safety_net: SafetyNet
    topics: Annotated[list[Topic], Field(min_length=1)]
    questions: Annotated[list[Question], Field(min_length=1)]
    escalations: list[Escalation] = Field(default_factory=list)
    health_history: HealthHistory
    flags: FlagWords
    clearances: Clearances
    logged_signs: LoggedSigns
    _by_id: dict[str, Question] = PrivateAttr(default_factory=dict)

    @property
    def question_by_id(self) -> dict[str, Question]:
        """Every question by its id (read on every check, so built once)."""
        return self._by_id

    @model_validator(mode="after")
    def _references_known(self) -> ScreeningContent:
        questions = {q.id: q for q in self.questions}
        self._by_id.update(questions)
        escalations = {f"history:{e.id}" for e in self.escalations}
        for q in self.questions:
            for together in q.rule.together:
                unknown = set(together.with_any) - set(questions)
                if unknown:
                    raise ValueError(f"{q.id}: 'together' names unknown questions {unknown}")
        parts = {p for q in self.questions for t in q.rule.together for p in t.with_any}
        for q in self.questions:
            if q.rule.level == "ok" and not q.rule.together and q.id not in parts:
                raise ValueError(f"{q.id}: an ok part must take part in a 'together' rule")
        for reason in self.clearances.reasons:
            level = (
                _clearable_level(questions[reason.id])
                if reason.id in questions
                else "see_professional"
                if reason.id in escalations
                else None
            )
            if level != "see_professional":
                raise ValueError(f"only see_professional reasons can be cleared: {reason.id}")
        if self.health_history.weeks_from not in questions:
            raise ValueError("health_history.weeks_from must name a question")
        unknown = set(self.logged_signs.text.questions) - set(questions)
        if unknown:
            raise ValueError(f"logged_signs.text.questions names unknown questions {unknown}")
        return self

    @model_validator(mode="after")
    def _topics_in_order(self) -> ScreeningContent:
        """Every daily question the person is asked has a topic, and each topic's questions
        come one after another, in the order of ``topics``, so the web and the terminal show
        one group per topic; from_journal and history questions have none."""
        known = [t.id for t in self.topics]
        asked = [q for q in self.questions if q.part == "daily" and not q.from_journal]
        asked_ids = {q.id for q in asked}
        for q in self.questions:
            if (q.id in asked_ids) != (q.topic is not None):
                raise ValueError(f"{q.id}: each daily question asked, and only they, has a topic")
            if q.topic is not None and q.topic not in known:
                raise ValueError(f"{q.id}: unknown topic {q.topic!r}")
        seen = list(dict.fromkeys(q.topic for q in asked))
        if seen != known:
            raise ValueError(f"the daily questions must come topic by topic, in order: {known}")
        return self

    @model_validator(mode="after")
    def _how_soon_where_it_matters(self) -> ScreeningContent:
        for level in self.levels:
            if (level.id in ("urgent", "see_professional")) != (level.how_soon is not None):
                raise ValueError("urgent and see_professional, and only they, need how_soon")
        return self


def reach(question: Question) -> RuleLevel:
    """The most serious level a question can lead to: its own, or a ``together`` rule's."""
    order = ("ok", "caution", "not_today", "see_professional", "urgent", "emergency")
    levels = [question.rule.level, *(t.level for t in question.rule.together)]
    return max(levels, key=order.index)


def _clearable_level(question: Question) -> RuleLevel:
    """The level a clearance would turn into a caution: the question's own, or for an ``ok``
    part (a stiffness pattern that counts only with an early start), its ``together``'s."""
    return reach(question) if question.rule.level == "ok" else question.rule.level
