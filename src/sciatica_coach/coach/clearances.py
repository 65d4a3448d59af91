"""Use case: record that a doctor or physiotherapist has checked this pain and said self-care
is fine, for the stable reasons to see someone that ``screening.yaml`` lists.

The reason then counts as a caution, with its own limits, for ``months`` after that check or
until the symptom changes (:func:`.check_reasons.active_clearances`). Emergency and urgent
signs can never be cleared, and neither can a "not sure": the content names only stable
``see_professional`` reasons, and the loader refuses any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.days import day_of

from . import safety_records
from .errors import Invalid
from .ports import JournalPort

WHO_LIMIT = 100


@dataclass(frozen=True)
class ClearableReason:
    id: str
    label: str


def clearable(kb: KnowledgeBase) -> list[ClearableReason]:
    """The reasons a clearance can be recorded for, each with the words a person knows."""
    questions = kb.screening.question_by_id
    escalations = {f"history:{e.id}": e.message for e in kb.screening.escalations}
    return [
        ClearableReason(
            c.id, questions[c.id].question if c.id in questions else escalations.get(c.id, c.id)
        )
        for c in kb.screening.clearances.reasons
    ]


def _too_early(
    journal: JournalPort, now: datetime, reason: str, day: date
) -> list[tuple[tuple[str], str]]:
    """A check from before the pain began cannot clear it; nor can one from before a reason
    the journal raises (no improvement in 12 weeks) first came up."""
    if reason.startswith("history:"):
        escalation = reason.removeprefix("history:")
        raised = [
            c.taken_at
            for c in journal.screenings(since=now - safety_records.LOOKBACK)
            if escalation in (c.result.get("escalations") or [])
        ]
        if not raised:
            return [(("reason",), "This reason has not come up in your safety checks.")]
        if day < day_of(min(raised), now):
            return [(("checked_on",), "The check must be from after this reason first came up.")]
        return []
    kept = safety_records.read(journal, now).history
    if kept is not None and kept.pain_began is not None and day < kept.pain_began:
        return [(("checked_on",), "The check must be from after this spell of pain began.")]
    return []


def record_clearance(
    kb: KnowledgeBase,
    journal: JournalPort,
    now: datetime,
    reason: str,
    checked_on: date | str,
    who: str | None = None,
) -> int:
    """Keep a clinician's clearance; :class:`Invalid` names each field that cannot be used."""
    problems: list[tuple[tuple[str], str]] = []
    if reason not in {c.id for c in kb.screening.clearances.reasons}:
        problems.append((("reason",), "Choose one of the reasons a clinician's check can clear."))
    day: date | None = None
    if isinstance(checked_on, date):
        day = checked_on
    else:
        try:
            day = date.fromisoformat(str(checked_on).strip())
        except ValueError:
            problems.append(
                (("checked_on",), "Give the date as year-month-day, such as 2026-11-02.")
            )
    months = kb.screening.clearances.months
    if day is not None:
        if day > now.date():
            problems.append((("checked_on",), "The date of the check cannot be later than today."))
        elif safety_records.clearance_counts_until(day, months) < now.date():
            problems.append(
                (("checked_on",), f"A check counts for {months} months; this one is older.")
            )
        else:
            problems += _too_early(journal, now, reason, day)
    who = (who or "").strip() or None
    if who is not None and len(who) > WHO_LIMIT:
        problems.append((("who",), f"Please keep this to {WHO_LIMIT} characters."))
    if problems or day is None:
        raise Invalid(problems)
    return journal.add_safety_record(
        now,
        safety_records.CLEARANCE,
        {"reason": reason, "checked_on": day.isoformat(), "who": who},
    )
