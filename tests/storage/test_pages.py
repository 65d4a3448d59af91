"""Pages of the journal's lists, slim readers and maps by id: the same entries the full
readers give, cut in SQL (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import fields

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.storage import Journal
from sciatica_coach.storage.entries import SessionOutcome
from sciatica_coach.storage.journal import MAX_PAGE

from .sample import RECORD, at


def fill_with_ties(journal: Journal) -> None:
    """Entries of every listed kind, several at the same moment, out of id order."""
    for index, minutes in enumerate([5, 1, 3, 3, 3, 0, 9, 9, 2]):
        moment = at(minutes)
        journal.add_pain(moment, index % 11)
        journal.add_peg(moment, 3, 4, 5)
        map_id = journal.add_pain_map(moment, [{"key": "left:heel", "intensity": 2}])
        plan_id = journal.add_plan(moment, {"minutes": index})
        journal.add_screening(moment, "ok", {"pain_now": index}, {"level": "ok"})
        journal.add_session(
            started_at=moment, ended_at=moment, status="finished", stop_reason=None,
            pain_before=4, pain_after=index % 5, duration_seconds=60.0,
            record=RECORD, plan_id=plan_id,
        )  # fmt: skip
        assert map_id


LISTS = ["sessions", "pain_maps", "plans", "pain_entries", "peg_entries"]


def everything(journal: Journal, kind: str) -> list[object]:
    return list(getattr(journal, kind)())


@pytest.mark.parametrize("kind", LISTS)
def test_pages_walk_the_whole_list_newest_first(journal: Journal, kind: str) -> None:
    fill_with_ties(journal)
    expected = list(reversed(everything(journal, kind)))
    for size in (1, 2, 4, 100):
        walked: list[object] = []
        before = None
        while True:
            page = getattr(journal, f"newest_{kind}")(size, before)
            walked += page
            if len(page) < size:
                break
            before = page[-1].id
        assert walked == expected, size


@pytest.mark.parametrize("kind", LISTS)
def test_a_cursor_from_nowhere_gives_an_empty_page(journal: Journal, kind: str) -> None:
    fill_with_ties(journal)
    assert getattr(journal, f"newest_{kind}")(10, 10**6) == []
    other = journal.for_user(journal.user_id + 1)
    first = getattr(journal, f"newest_{kind}")(1)[0]
    assert getattr(other, f"newest_{kind}")(10, first.id) == []


@pytest.mark.parametrize("limit", [0, -1, MAX_PAGE + 1])
def test_a_page_size_out_of_range_is_refused(journal: Journal, limit: int) -> None:
    with pytest.raises(ValueError, match="limit"):
        journal.newest_sessions(limit)


def test_session_outcomes_are_the_sessions_cut_down(journal: Journal) -> None:
    fill_with_ties(journal)
    since = at(3)
    names = [f.name for f in fields(SessionOutcome)]
    full = journal.sessions(since)
    expected = [SessionOutcome(**{n: getattr(s, n) for n in names}) for s in full]
    assert journal.session_outcomes(since) == expected
    assert len(expected) == 6


AWKWARD_ANSWERS: list[object] = [
    True, False, None, 0, 7, -3, 7.5, 2**62, "7", "", "ünï", [1, "x"], {"a": [True]},
]  # fmt: skip
"""Every kind of JSON value (SQLite reads a whole number past 64 bits as a float: never a
pain score)."""


def test_an_answer_picked_out_by_the_database_is_the_answer_as_stored(journal: Journal) -> None:
    for index, answer in enumerate(AWKWARD_ANSWERS):
        journal.add_screening(at(index), "ok", {"pain_now": answer, "other": 1}, {})
    journal.add_screening(at(99), "ok", {"other": 1}, {})  # not answered
    found = journal.answers_to("pain_now")
    assert [a.answer for a in found] == [*AWKWARD_ANSWERS, None]
    assert [type(a.answer) for a in found] == [type(v) for v in [*AWKWARD_ANSWERS, None]]
    full = journal.screenings()
    assert [(a.id, a.taken_at) for a in found] == [(s.id, s.taken_at) for s in full]
    assert [a.id for a in journal.answers_to("pain_now", since=at(10))] == [s.id for s in full[10:]]


def test_a_question_id_is_a_plain_name(journal: Journal) -> None:
    with pytest.raises(ValueError, match="plain names"):
        journal.answers_to('pain_now") OR 1=1 --')


def test_maps_by_id_are_this_journals_only(journal: Journal) -> None:
    fill_with_ties(journal)
    maps = journal.pain_maps()
    wanted = [maps[0].id, maps[3].id, 10**6]
    assert journal.pain_maps_by_id(wanted) == {maps[0].id: maps[0], maps[3].id: maps[3]}
    assert journal.pain_maps_by_id([]) == {}
    assert journal.for_user(journal.user_id + 1).pain_maps_by_id(wanted) == {}


@settings(max_examples=25, deadline=None)
@given(
    moments=st.lists(st.integers(0, 6), min_size=0, max_size=12),
    size=st.integers(1, 5),
)
def test_any_journal_pages_like_its_reversed_list(
    tmp_path_factory: pytest.TempPathFactory, moments: list[int], size: int
) -> None:
    from sciatica_coach.storage import open_database

    folder = tmp_path_factory.mktemp("pages")
    engine = open_database(f"sqlite+pysqlite:///{folder / 'j.sqlite3'}")
    journal = Journal(engine)
    for minutes in moments:
        journal.add_pain(at(minutes), 1)
    walked, before = [], None
    while page := journal.newest_pain_entries(size, before):
        walked += page
        before = page[-1].id
    expected = list(reversed(journal.pain_entries()))
    engine.dispose()
    assert walked == expected
