"""The safety screening: decide whether self-massage is allowed today, and with what limits.

This is the most important logic in the product, so it is deliberately plain:

* Each question in ``screening.yaml`` has one rule: it triggers on "yes", on a number at or
  above its threshold, or on any named body-map region.
* "Not sure" is an answer to every yes/no question, and it is never read as "no": on an
  emergency question it counts as "yes"; on an urgent question it gives ``urgent``; on a
  minor one (trouble finding the spots, a flare, a part of a ``together`` rule) it counts as
  yes; on any other it gives ``see_professional`` (one warning sign alone misses many real
  cases, so doubt goes toward the more serious answer). The reason says the answer was unsure
  and why.
* The result's level is the most severe level any triggered rule reaches, in the order
  ``emergency > urgent > see_professional > not_today > caution > ok``. Every triggered rule
  is reported, not only the worst. Restrictions are the union of the triggered ones.
* Some questions are more serious together (``together`` in ``screening.yaml``): a past
  cancer alone means a check within a week, with night pain or weight loss a doctor today.
  Each part is its own question, and "not sure" on a part counts as yes there. A part whose
  level is ``ok`` (a fall; being 65 or older) adds nothing alone: a fall with thin bones, or
  at 65 or older, means a doctor today.
* A session is allowed only at ``caution`` or ``ok``. Every result that is not an emergency
  carries the safety net: the signs that mean emergency care now, and those that mean a
  doctor today; ``ok``, ``caution`` and ``not_today`` also say when to see a GP or physio.
* An unanswered question never counts as "no". If a question that could make the result more
  severe is unanswered (alone, or as a part of a ``together`` rule), the answers are refused
  with the list of missing ids; an emergency that is already answered "yes" always wins,
  whatever else is missing. A result that would allow a session needs every question
  answered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from sciatica_coach.content import KnowledgeBase, UnknownIdError
from sciatica_coach.content.models import SIDES
from sciatica_coach.content.screening_models import Level, LevelId, Question, Together

from .body_map import BodyMapError, RegionKey, parse_region_keys

LEVEL_ORDER: tuple[LevelId, ...] = (
    "ok",
    "caution",
    "not_today",
    "see_professional",
    "urgent",
    "emergency",
)
YES = {"yes", "y", "true"}
NO = {"no", "n", "false"}
NOT_SURE = "not_sure"
UNSURE_WORDS = {NOT_SURE, "not sure", "?", "unsure", "don't know", "dont know"}

Answer = bool | int | tuple[RegionKey, ...] | str
"""``True``/``False``/:data:`NOT_SURE` for yes/no, a number, or body-map places."""


def severity(level: LevelId) -> int:
    """Higher is more serious; ``ok`` is 0."""
    return LEVEL_ORDER.index(level)


class ScreeningInputError(ValueError):
    """The answers cannot be screened; ``problems`` says why, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class ScreeningIncomplete(ScreeningInputError):
    """Questions that could change the outcome were left unanswered."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__([f"please answer these questions first: {', '.join(missing)}"])


@dataclass(frozen=True)
class Reason:
    """One triggered rule, with what it means and where the rule comes from.

    ``unsure`` is set when the answer was "not sure": ``message`` then says why that counts.
    """

    question_id: str
    level: LevelId
    message: str
    what_to_do: str
    advice: str | None
    restrictions: tuple[str, ...]
    sources: tuple[str, ...]
    unsure: bool = False


@dataclass(frozen=True)
class SafetyNet:
    """The emergency signs in plain words and what to do if one appears."""

    title: str
    signs: tuple[str, ...]
    action: str
    today_title: str = ""
    today_signs: tuple[str, ...] = ()
    today_action: str = ""

    @property
    def text(self) -> str:
        return " ".join((*self.signs, self.action))


@dataclass(frozen=True)
class ScreeningResult:
    level: LevelId
    title: str
    message: str
    what_to_do: str
    session_allowed: bool
    reasons: tuple[Reason, ...]
    restrictions: tuple[str, ...]
    advice: tuple[str, ...]
    unanswered: tuple[str, ...] = ()
    answers: Mapping[str, Answer] = field(default_factory=dict)
    how_soon: str | None = None
    safety_net: SafetyNet | None = None
    """Set on every result but an emergency (which says "get help now" itself)."""
    emergency_extra: str | None = None
    """Set on an emergency result only: do not wait for a GP appointment."""
    see_gp: str | None = None
    """Set on ``ok``, ``caution`` and ``not_today``: when to see a GP or physiotherapist."""

    @property
    def unsure(self) -> tuple[str, ...]:
        """Question ids answered "not sure", in the order of the questions."""
        return tuple(key for key, value in self.answers.items() if value == NOT_SURE)

    def answers_as_json(self) -> dict[str, bool | int | list[str] | str]:
        """The answers in the form ``screen`` accepts, for saving and replaying."""
        return {
            key: [str(k) for k in value] if isinstance(value, tuple) else value
            for key, value in self.answers.items()
        }


def read_answer(question: Question, value: object, kb: KnowledgeBase) -> Answer:
    """Check one raw answer against its question; raise ``ValueError`` with a plain reason."""
    if question.kind == "yes_no":
        if isinstance(value, bool):
            return value
        word = value.strip().lower() if isinstance(value, str) else None
        if word in YES | NO:
            return word in YES
        if word in UNSURE_WORDS:
            return NOT_SURE
        raise ValueError('answer yes, no or not sure (true, false or "not_sure")')
    if question.kind == "regions":
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
            raise ValueError("give a list of body-map regions such as left:buttock_center")
        try:
            return tuple(parse_region_keys(items, kb.regions))
        except BodyMapError as error:
            raise ValueError(str(error)) from None
    top = 10 if question.kind == "scale" else question.maximum
    number = _whole_number(value)
    if number is None or not 0 <= number <= (top or 0):
        raise ValueError(f"give a whole number from 0 to {top}")
    return number


def _whole_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = value.strip() if isinstance(value, str) else ""
    if text and len(text) <= 4 and text.isascii() and text.isdigit():
        return int(text)  # ASCII digits only: "²".isdigit() is true but int("²") fails
    return None


def read_answers(kb: KnowledgeBase, raw: Mapping[str, object]) -> dict[str, Answer]:
    """Validate every answer at once, so a person sees all problems together.

    ``None`` means "not answered". Unknown question ids are an error, with suggestions.
    """
    questions = {q.id: q for q in kb.screening.questions}
    answers: dict[str, Answer] = {}
    problems: list[str] = []
    for key, value in raw.items():
        if key not in questions:
            problems.append(str(UnknownIdError("question", key, list(questions))))
            continue
        if value is None:
            continue
        try:
            answers[key] = read_answer(questions[key], value, kb)
        except ValueError as error:
            problems.append(f"{key}: {error}")
    if problems:
        raise ScreeningInputError(problems)
    return answers


def fill_from_journal(
    kb: KnowledgeBase, raw: Mapping[str, object], known: Mapping[str, int]
) -> dict[str, object]:
    """The answers with the journal's counts put in for ``from_journal`` questions.

    The journal's count answers a question left open; when both are given the larger one
    counts, so a typed answer can add sessions the journal does not know of (done without
    the app) but never hide one it does."""
    filled = dict(raw)
    for question in kb.screening.questions:
        if not question.from_journal or question.id not in known:
            continue
        given = _whole_number(filled.get(question.id))
        if filled.get(question.id) is None:
            filled[question.id] = known[question.id]
        elif given is not None and given >= 0:
            filled[question.id] = max(given, known[question.id])
    return filled


def triggers(question: Question, answer: Answer) -> bool:
    """Whether ``answer`` sets off the question's rule ("not sure" always does)."""
    if question.kind == "yes_no":
        return answer is True or answer == NOT_SURE
    if question.kind == "regions":
        return bool(answer)
    threshold = question.rule.threshold or 0
    return isinstance(answer, int) and not isinstance(answer, bool) and answer >= threshold


def unsure_level(question: Question) -> LevelId:
    """What "not sure" counts as: the question's own level for emergency and urgent ones
    (an unsure red flag counts as yes) and for the minor ones whose content says so (trouble
    finding the spots, a flare, the parts of a ``together`` rule), else ``see_professional`` -
    never less than a yes."""
    if question.rule.level in ("emergency", "urgent") or question.unsure_counts_as_yes:
        return question.rule.level
    return "see_professional"


def _together(
    question: Question, questions: Mapping[str, Question], answers: Mapping[str, Answer]
) -> Together | None:
    """The most serious ``together`` rule that the other answers set off, if any."""
    found = [
        t
        for t in question.rule.together
        if any(q in answers and triggers(questions[q], answers[q]) for q in t.with_any)
    ]
    return max(found, key=lambda t: severity(t.level), default=None)


def _reason(
    kb: KnowledgeBase,
    question: Question,
    answer: Answer,
    answers: Mapping[str, Answer] | None = None,
) -> Reason:
    """The reason a triggered question gives: its own, or raised by a ``together`` rule that
    applies (an unsure answer says why doubt counts there too). Its level is ``ok`` for an
    ``ok`` part that no rule raised: :func:`screen` leaves such a reason out."""
    reason = _own_reason(kb, question, answer)
    together = _together(question, kb.screening.question_by_id, answers or {})
    if together is None or severity(together.level) <= severity(reason.level):
        return reason
    message = together.message
    sources = [*reason.sources, *together.sources]
    if reason.unsure:
        why = kb.screening.not_sure
        red_flag = together.level in ("emergency", "urgent")
        explanation = {"emergency": why.emergency, "urgent": why.urgent}.get(
            together.level, why.other
        )
        message = f"{explanation} {message}"
        if red_flag:
            sources += why.sources
    return replace(
        reason,
        level=together.level,
        message=message,
        what_to_do=together.what_to_do,
        sources=tuple(dict.fromkeys(sources)),
    )


def could_be_worse(
    questions: Iterable[Question], answers: Mapping[str, Answer], level: LevelId
) -> list[str]:
    """The unanswered questions whose answer could make ``level`` more severe, in order: one
    whose own level is more severe, or a part of a ``together`` rule more severe than
    ``level`` whose other side is triggered or unanswered too."""
    questions = list(questions)
    by_id = {q.id: q for q in questions}

    def open_or_set(question_id: str) -> bool:
        return question_id not in answers or triggers(by_id[question_id], answers[question_id])

    worse = []
    for q in questions:
        if q.id in answers:
            continue
        raises = severity(q.rule.level) > severity(level) or any(
            severity(t.level) > severity(level) and any(open_or_set(p) for p in t.with_any)
            for t in q.rule.together
        )
        raises = raises or any(
            severity(t.level) > severity(level) and q.id in t.with_any and open_or_set(c.id)
            for c in questions
            if c.id != q.id
            for t in c.rule.together
        )
        if raises:
            worse.append(q.id)
    return worse


def _own_reason(kb: KnowledgeBase, question: Question, answer: Answer) -> Reason:
    rule = question.rule
    restrictions: list[str] = [r for r in rule.restrictions if r != "avoid_region"]
    if "avoid_region" in rule.restrictions and isinstance(answer, tuple):
        restrictions += [f"avoid_region:{key}" for key in answer]
    restrictions += [
        f"avoid_region:{side}:{region}" for region in rule.avoid_regions for side in SIDES
    ]
    if answer == NOT_SURE:
        level = unsure_level(question)
        red_flag = level in ("emergency", "urgent")
        why = kb.screening.not_sure
        explanation = {"emergency": why.emergency, "urgent": why.urgent}.get(level, why.other)
        if question.unsure_counts_as_yes:
            explanation = why.minor
        return Reason(
            question_id=question.id,
            level=level,
            message=f"{explanation} {rule.message}",
            what_to_do=rule.what_to_do if level == rule.level else _level(kb, level).what_to_do,
            advice=rule.advice,
            restrictions=tuple(restrictions),
            # The evidence on missed warning signs backs the red-flag tiers, not the rest.
            sources=tuple(dict.fromkeys([*question.sources, *(why.sources if red_flag else ())])),
            unsure=True,
        )
    return Reason(
        question_id=question.id,
        level=rule.level,
        message=rule.message,
        what_to_do=rule.what_to_do,
        advice=rule.advice,
        restrictions=tuple(restrictions),
        sources=tuple(question.sources),
    )


def _level(kb: KnowledgeBase, level: LevelId) -> Level:
    return next(lv for lv in kb.screening.levels if lv.id == level)


def screen(kb: KnowledgeBase, raw_answers: Mapping[str, object]) -> ScreeningResult:
    """Screen a set of answers ``{question id: value}``.

    Raises :class:`ScreeningInputError` for bad values and :class:`ScreeningIncomplete` when
    unanswered questions could change the outcome (see the module docstring).
    """
    answers = read_answers(kb, raw_answers)
    questions = kb.screening.questions
    triggered = [
        _reason(kb, q, answers[q.id], answers)
        for q in questions
        if q.id in answers and triggers(q, answers[q.id])
    ]
    reasons = [r for r in triggered if r.level != "ok"]  # an ok part that nothing raised
    level: LevelId = max((r.level for r in reasons), key=severity, default="ok")
    info = _level(kb, level)
    missing = [q for q in questions if q.id not in answers]
    worse = could_be_worse(questions, answers, level)
    if worse:
        raise ScreeningIncomplete(worse)
    if info.session_allowed and missing:
        raise ScreeningIncomplete([q.id for q in missing])
    return _result(
        kb,
        reasons,
        unanswered=tuple(q.id for q in missing),
        answers={q.id: answers[q.id] for q in questions if q.id in answers},
    )


def _result(
    kb: KnowledgeBase,
    reasons: Iterable[Reason],
    unanswered: tuple[str, ...],
    answers: Mapping[str, Answer],
) -> ScreeningResult:
    """The result that a set of triggered reasons adds up to: the most severe level wins,
    restrictions are their union, advice is each piece once, most severe reasons first."""
    ordered = sorted(reasons, key=lambda r: -severity(r.level))  # stable within a level
    level: LevelId = max((r.level for r in ordered), key=severity, default="ok")
    info = _level(kb, level)
    net = kb.screening.safety_net
    emergency = level == "emergency"
    # a reason that already says to get the lasting pain checked (6 weeks or more) stands
    # for the slow-case net: "not better in 4 to 6 weeks" would be said twice, once too late
    advised = any(r.question_id in GP_ADVICE for r in ordered)
    return ScreeningResult(
        level=level,
        title=info.title,
        message=info.message,
        what_to_do=info.what_to_do,
        session_allowed=info.session_allowed,
        reasons=tuple(ordered),
        restrictions=tuple(sorted({x for r in ordered for x in r.restrictions})),
        advice=tuple(dict.fromkeys(r.advice for r in ordered if r.advice)),
        unanswered=unanswered,
        answers=answers,
        how_soon=info.how_soon,
        safety_net=None if emergency else safety_net(kb),
        emergency_extra=net.emergency_extra if emergency else None,
        see_gp=net.see_gp if level in SLOW_NET_LEVELS and not advised else None,
    )


GP_ADVICE = ("weeks_with_pain",)
"""Reasons whose own advice is the slow-case net's: seeing a GP or physio about lasting pain."""
SLOW_NET_LEVELS = ("ok", "caution", "not_today")
"""Results that say when to see a GP or physio if it does not get better (NHS sciatica)."""


def safety_net(kb: KnowledgeBase) -> SafetyNet:
    """The safety net from ``screening.yaml``, for results, session stops and escalations,
    with the one list of emergency signs (``warning_signs.yaml``)."""
    net = kb.screening.safety_net
    return SafetyNet(
        net.title,
        tuple(sign.text for sign in kb.emergency_signs),
        net.action,
        net.today_title,
        tuple(net.today_signs),
        net.today_action,
    )


def with_reasons(
    kb: KnowledgeBase, result: ScreeningResult, added: Iterable[Reason]
) -> ScreeningResult:
    """The result with more reasons (from the journal, or signs that still stand): the level
    only ever goes up."""
    added = list(added)
    if not added:
        return result
    return _result(kb, [*result.reasons, *added], result.unanswered, result.answers)


def cleared(
    kb: KnowledgeBase, result: ScreeningResult, applied: Mapping[str, str]
) -> ScreeningResult:
    """The result with each cleared reason (``{reason id: what the clearance says}``) turned
    into a caution with its restrictions. Only ``see_professional`` reasons named in
    ``screening.yaml`` clearances can be cleared: an emergency or urgent sign never is, and a
    "not sure" stays as serious as it was."""
    clearable = {c.id: c for c in kb.screening.clearances.reasons}
    reasons = []
    for reason in result.reasons:
        rule = clearable.get(reason.question_id)
        if (
            rule is None
            or reason.question_id not in applied
            or reason.level != "see_professional"
            or reason.unsure
        ):
            reasons.append(reason)
            continue
        sides = (f"avoid_region:{side}:{r}" for r in rule.avoid_regions for side in SIDES)
        reasons.append(
            replace(
                reason,
                level="caution",
                message=f"{applied[reason.question_id]} {reason.message}",
                what_to_do=rule.caution,
                advice=None,
                restrictions=tuple(
                    dict.fromkeys([*reason.restrictions, *rule.restrictions, *sides])
                ),
                sources=tuple(dict.fromkeys([*reason.sources, *rule.sources])),
            )
        )
    return _result(kb, reasons, result.unanswered, result.answers)


def escalate(
    kb: KnowledgeBase, result: ScreeningResult, escalation_ids: Iterable[str]
) -> ScreeningResult:
    """Add reasons from the person's history (``screening.yaml`` escalations) to a result.

    The level only ever goes up: history can make a session less allowed, never more.
    """
    known = {e.id: e for e in kb.screening.escalations}
    added = []
    for escalation_id in dict.fromkeys(escalation_ids):
        if escalation_id not in known:
            raise UnknownIdError("escalation", escalation_id, list(known))
        e = known[escalation_id]
        added.append(
            Reason(
                f"history:{e.id}",
                e.level,
                e.message,
                e.what_to_do,
                e.advice,
                tuple(e.restrictions),
                tuple(e.sources),
            )
        )
    if not added:
        return result
    return _result(kb, [*result.reasons, *added], result.unanswered, result.answers)
