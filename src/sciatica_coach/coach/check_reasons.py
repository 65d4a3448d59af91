"""The reasons a check gets from beyond its own answers, worked out once for every door:

* red flags that still stand (``flag:<question>``), restated with when and how they were
  answered, at their own level, so newer answers cannot lower the result;
* signs logged in the journal in the last days (``journal:<sign>``), until a doctor's visit;
* sessions skipped for the pain on 3 of the last 7 days (``history:repeated_not_today``);
* clearances a clinician gave, which turn stable reasons to see someone into cautions.

The journal's progress escalations (:mod:`.history`) are added beside these in
:mod:`.safety`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.days import day_of
from sciatica_coach.domain.logged_signs import Sign
from sciatica_coach.domain.red_flags import Flag, standing
from sciatica_coach.domain.screening import NOT_SURE, Answer, Reason, triggers

from .flags import flags_of, restate
from .journal_signs import logged_signs, seen_about, sign_words
from .ports import CheckedAnswers, JournalPort
from .safety_records import Clearance, SafetyRecords, clearance_counts_until

NOT_TODAY_FROM = ("pain_now", "flare")
"""The questions whose "not today" says something about the pain (the dose limit does not)."""
NOT_TODAY_DAYS = 3
NOT_TODAY_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class Beyond:
    """What the journal adds to a check at ``now``."""

    flags: tuple[Flag, ...]
    corrected: tuple[Flag, ...]
    """Flags of the last day that the person said were the wrong answer."""
    signs: tuple[Sign, ...]
    not_today_days: int


def _checks(journal: JournalPort, now: datetime) -> list[CheckedAnswers]:
    return journal.checks_since(now - NOT_TODAY_WINDOW, now + timedelta(microseconds=1))


def _skipped_for_pain(kb: KnowledgeBase, check: CheckedAnswers) -> bool:
    """Whether a check said "not today" because of the pain (not the dose limit)."""
    questions = kb.screening.question_by_id
    return any(
        check.answers.get(q) is not None and triggers(questions[q], check.answers[q])
        for q in NOT_TODAY_FROM
    )


def read_beyond(
    kb: KnowledgeBase, journal: JournalPort, now: datetime, records: SafetyRecords
) -> Beyond:
    hours = kb.screening.flags.stands_hours
    checks = _checks(journal, now)
    all_flags = flags_of(kb, journal, checks)
    visits = records.visits
    stands = standing(all_flags, records.reviews, visits, now, hours)
    lifted_by_review = set(standing(all_flags, (), visits, now, hours)) - set(stands)
    signs = [s for s in logged_signs(kb, journal, now) if not seen_about(s, visits)]
    days = {day_of(c.taken_at, now) for c in checks if _skipped_for_pain(kb, c)}
    return Beyond(
        tuple(stands),
        tuple(sorted(lifted_by_review, key=lambda f: f.taken_at)),
        tuple(signs),
        len(days),
    )


def flag_reasons(
    kb: KnowledgeBase, flags: Iterable[Flag], now: datetime, answered: Mapping[str, Answer]
) -> list[Reason]:
    """A reason for each standing flag that today's answers do not raise themselves."""
    words = kb.screening.flags
    questions = kb.screening.question_by_id
    reasons = []
    for flag in flags:
        question = questions.get(flag.question_id)
        if question is None:
            continue
        if flag.question_id in answered and triggers(question, answered[flag.question_id]):
            continue
        said = restate(kb, flag, now)
        reasons.append(
            Reason(
                question_id=f"flag:{flag.question_id}",
                level=flag.level,  # type: ignore[arg-type]  # a serious level
                message=f"{said} {words.stands}",
                what_to_do=question.rule.what_to_do,
                advice=None,
                restrictions=(),
                sources=tuple(dict.fromkeys([*question.sources, *words.sources])),
                unsure=flag.answer == NOT_SURE,
            )
        )
    return reasons


def sign_reasons(kb: KnowledgeBase, signs: Iterable[Sign], now: datetime) -> list[Reason]:
    """One reason for each kind of sign logged (the latest of each; red flag words, the
    latest for each question), saying which words in which entry raised it."""
    content = kb.screening.logged_signs
    latest: dict[str, Sign] = {}
    for sign in signs:
        latest[sign.key] = sign
    return [
        Reason(
            question_id=f"journal:{sign.key}",
            level=content.level,
            message=sign_words(kb, sign, now),
            what_to_do=content.what_to_do,
            advice=None,
            restrictions=(),
            sources=tuple(content.sources),
        )
        for sign in latest.values()
    ]


def active_clearances(
    kb: KnowledgeBase,
    journal: JournalPort,
    now: datetime,
    clearances: Iterable[Clearance],
    answered: Mapping[str, Answer],
    signs: Iterable[Sign],
) -> dict[str, str]:
    """``{reason id: what the clearance says}`` for each clearance in force at ``now``.

    One ends ``months`` after the clinician's check, and as soon as the symptom changes: a
    later check (this one included) that said yes or not sure to one of its ``ends_with``
    questions, or a sign logged after it."""
    content = kb.screening.clearances
    rules = {c.id: c for c in content.reasons}
    questions = kb.screening.question_by_id
    signs = list(signs)
    found: dict[str, str] = {}
    for clearance in sorted(clearances, key=lambda c: c.recorded_at):
        rule = rules.get(clearance.reason)
        ends = clearance_counts_until(clearance.checked_on, content.months)
        if rule is None or now.date() > ends:
            continue
        if any(s.at > clearance.recorded_at for s in signs):
            continue
        changed = False
        for qid in rule.ends_with:
            question = questions.get(qid)
            if question is None:
                continue
            if qid in answered and triggers(question, answered[qid]):
                changed = True
                break
            earlier = journal.answers_to(qid, since=clearance.recorded_at)
            if any(a.answer is True or a.answer == NOT_SURE for a in earlier):
                changed = True
                break
        if changed:
            continue
        who = f" ({clearance.who})" if clearance.who else ""
        found[clearance.reason] = content.applied.format(
            date=f"{clearance.checked_on:%d %b %Y}".lstrip("0"), who=who
        )
    return found
