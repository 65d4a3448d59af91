"""Use case: the signs the journal shows since a check (numbness, weakness, both legs, the
groin or tailbone area, new places, words that may be a warning sign), read for the days
they count.

The rules are :mod:`sciatica_coach.domain.logged_signs`; this reads the entries they look
at: body maps (and which session each came before or after), pain logs with places, and
notes, from ``days`` ago on, plus ``baseline_days`` before that to tell new places. The free
text of notes and pain logs is also read by the describe engine
(:func:`sciatica_coach.domain.describe.describe`): its red flags on the questions at the
levels ``logged_signs.text.levels`` names are signs too, with the words that raised them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sciatica_coach.content import KnowledgeBase
from sciatica_coach.domain.logged_signs import LoggedEntry, Sign, SignRules, signs_in, signs_since
from sciatica_coach.domain.red_flags import Visit

from .ports import JournalPort
from .when import moment_words

if TYPE_CHECKING:  # the describe engine is imported when a text is first read, not before
    from sciatica_coach.domain.describe import Flag, Lexicon

EVIDENCE_SHOWN = 120
"""The most characters of the words that raised a sign said back (the rest: "...")."""


def seen_about(sign: Sign, visits: Iterable[Visit]) -> bool:
    """Whether a doctor checked the person about this logged sign after it was logged."""
    return any(f"journal:{sign.key}" in v.signs and v.at >= sign.at for v in visits)


class _Reader:
    """The red flags in a text, read once per text (notes are read again on every status,
    check and page): a small memo in front of the describe engine."""

    def __init__(self, words: Lexicon) -> None:
        self._lexicon = words
        self.read: Callable[[str], tuple[Flag, ...]] = lru_cache(maxsize=512)(self._read)

    def _read(self, text: str) -> tuple[Flag, ...]:
        from sciatica_coach.domain.describe import describe

        return describe(text, self._lexicon).flags


_readers: dict[int, tuple[Lexicon, _Reader]] = {}


def _reader(kb: KnowledgeBase) -> _Reader:
    from .describe_lexicon import lexicon

    words = lexicon(kb)
    kept = _readers.get(id(words))
    if kept is None or kept[0] is not words:
        if len(_readers) >= 8:
            _readers.clear()
        kept = _readers[id(words)] = (words, _Reader(words))
    return kept[1]


def red_flag_questions(kb: KnowledgeBase) -> frozenset[str]:
    """The questions whose red flags, read in the journal's free text, are signs."""
    text = kb.screening.logged_signs.text
    levels = set(text.levels)
    return frozenset(
        q.id for q in kb.screening.questions if q.rule.level in levels or q.id in text.questions
    )


def sign_rules(kb: KnowledgeBase) -> SignRules:
    regions = kb.regions.values()
    return SignRules(
        legs=frozenset(r.id for r in regions if r.leg),
        saddle_area=frozenset(r.id for r in regions if r.saddle_area),
        note_words={s.id: tuple(s.note_words) for s in kb.screening.logged_signs.signs},
        red_flag_questions=red_flag_questions(kb),
        read_text=_reader(kb).read,
    )


def _shown(words: str) -> str:
    words = " ".join(words.split())
    return words if len(words) <= EVIDENCE_SHOWN else words[: EVIDENCE_SHOWN - 3] + "..."


def sign_label(kb: KnowledgeBase, sign: Sign) -> str:
    """The sign in a few words, with the words that raised it and where, if any:
    ``numbness ("numb" in a note)``."""
    content = kb.screening.logged_signs
    label = next(s.label for s in content.signs if s.id == sign.id)
    if not sign.evidence:
        return label
    entry = content.text.entries.get(sign.kind, "")
    return f'{label} ("{_shown(sign.evidence)}" {entry})'


def sign_words(kb: KnowledgeBase, sign: Sign, now: datetime) -> str:
    """What the person is told about a sign they logged: what it is and when, the words
    that raised it and in which entry, and for red flag words, the question they speak to
    (with what to do at once, first, if it is an emergency or urgent one)."""
    content = kb.screening.logged_signs
    message = next(s.message for s in content.signs if s.id == sign.id)
    question = kb.screening.question_by_id.get(sign.question or "")
    said = [
        message.format(
            when=moment_words(sign.at, now),
            question=question.question if question else sign.question or "",
        )
    ]
    if sign.evidence:
        entry = content.text.entries.get(sign.kind, "")
        said.append(content.text.said.format(words=_shown(sign.evidence), entry=entry))
    # what to do at once comes first: it is what matters if the sign is happening now
    if question is not None and question.rule.level == "emergency":
        said.insert(0, content.text.emergency)
    elif question is not None and question.rule.level == "urgent":
        said.insert(0, content.text.urgent)
    return " ".join(said)


def _places(regions: list[dict[str, Any]] | None) -> frozenset[str]:
    return frozenset(str(r["key"]) for r in regions or [] if isinstance(r, dict) and "key" in r)


def _feels(regions: list[dict[str, Any]] | None) -> frozenset[str]:
    """Every feeling given with the places (``feels``, or the older single ``kind``)."""
    found: set[str] = set()
    for region in regions or []:
        if not isinstance(region, dict):
            continue
        feels = region.get("feels")
        if isinstance(feels, list):
            found.update(f for f in feels if isinstance(f, str))
        if isinstance(region.get("kind"), str):
            found.add(region["kind"])
    return frozenset(found)


def logged_signs(kb: KnowledgeBase, journal: JournalPort, now: datetime) -> list[Sign]:
    """The signs logged in the last ``days`` days up to ``now``, oldest first."""
    words = kb.screening.logged_signs
    since = now - timedelta(days=words.days)
    baseline = timedelta(days=words.baseline_days)
    read_from = since - baseline
    with journal.snapshot() as snapshot:
        maps = [m for m in snapshot.pain_maps(read_from) if m.recorded_at <= now]
        pain = [e for e in snapshot.pain_entries(read_from) if e.recorded_at <= now]
        notes = [n for n in snapshot.notes(since) if n.recorded_at <= now]
        sessions = snapshot.session_outcomes(read_from - timedelta(days=1))
    before_of = {s.after_map_id: s.before_map_id for s in sessions if s.after_map_id}
    role = {s.before_map_id: "before_map" for s in sessions if s.before_map_id}
    role |= {s.after_map_id: "after_map" for s in sessions if s.after_map_id}
    marked = [(m.recorded_at, _places(m.regions)) for m in maps]
    marked += [(e.recorded_at, _places(e.regions)) for e in pain if e.regions]

    def earlier_places(at: datetime) -> frozenset[str] | None:
        seen = [places for when, places in marked if at - baseline <= when < at and places]
        return frozenset().union(*seen) if seen else None

    map_places = {m.id: _places(m.regions) for m in maps}
    entries: list[LoggedEntry] = []
    for m in maps:
        if m.recorded_at < since:
            continue
        kind = role.get(m.id, "map")
        before = before_of.get(m.id)
        base = map_places.get(before) if before is not None else None
        entries.append(
            LoggedEntry(
                m.recorded_at,
                kind,  # type: ignore[arg-type]
                map_places[m.id],
                _feels(m.regions),
                baseline=base if base is not None else earlier_places(m.recorded_at),
            )
        )
    for e in pain:
        if e.recorded_at < since or not (e.regions or e.note):
            continue
        entries.append(
            LoggedEntry(
                e.recorded_at,
                "pain_log",
                _places(e.regions),
                _feels(e.regions),
                e.note or "",
                earlier_places(e.recorded_at) if e.regions else None,
            )
        )
    entries += [LoggedEntry(n.recorded_at, "note", text=n.text) for n in notes]
    return signs_since(entries, sign_rules(kb), since)


def _places_before(kb: KnowledgeBase, journal: JournalPort, at: datetime) -> frozenset[str] | None:
    """The places marked in the ``baseline_days`` before ``at`` (None: none marked)."""
    since = at - timedelta(days=kb.screening.logged_signs.baseline_days)
    marked = [_places(m.regions) for m in journal.pain_maps(since) if m.recorded_at < at]
    marked += [_places(e.regions) for e in journal.pain_entries(since) if e.recorded_at < at]
    found = [places for places in marked if places]
    return frozenset().union(*found) if found else None


AFTER_SESSION_SIGNS = ("numbness", "new_places", "both_legs", "saddle_area")
"""Signs on the map after a session that are said at once, before anything else."""


def after_session_warning(
    kb: KnowledgeBase, journal: JournalPort, before_map_id: int | None, after_map_id: int | None
) -> str | None:
    """What to tell the person at once when the map after a session shows numbness, pain in
    places the map before it did not, both legs or the groin or tailbone area; else None.

    The same map also ends the check (:func:`logged_signs`): this is only the words said at
    the moment it is saved."""
    if after_map_id is None:
        return None
    maps = journal.pain_maps_by_id([i for i in (before_map_id, after_map_id) if i is not None])
    after = maps.get(after_map_id)
    if after is None:
        return None
    before = maps.get(before_map_id) if before_map_id is not None else None
    entry = LoggedEntry(
        after.recorded_at,
        "after_map",
        _places(after.regions),
        _feels(after.regions),
        baseline=_places(before.regions)
        if before is not None
        else _places_before(kb, journal, after.recorded_at),
    )
    found = {s.id for s in signs_in(entry, sign_rules(kb))}
    return kb.screening.logged_signs.after_session if found & set(AFTER_SESSION_SIGNS) else None
