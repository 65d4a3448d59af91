"""Shared fixtures: the real knowledge base, loaded once per test session; the tests' own time
zone, and (for the calendar matrix) a frozen clock."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings

from sciatica_coach.content import KnowledgeBase, default_knowledge_base

# No timed assertions in tests: Hypothesis's per-example deadline fails a property on a busy
# machine (2 shared cores) for reasons that have nothing to do with the property.
settings.register_profile("no_deadline", deadline=None)
settings.load_profile("no_deadline")


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return default_knowledge_base()


@pytest.fixture(autouse=True)
def no_personal_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads the settings of whoever runs the tests (``~/.config/sciatica-coach``):
    without a home of its own, a test gets an empty one (tests that need theirs set it)."""
    import os

    if not os.environ.get("SCIATICA_COACH_HOME"):
        monkeypatch.setenv("SCIATICA_COACH_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(autouse=True)
def environment_kept() -> Iterator[None]:
    """Every test leaves the environment as it found it. ``serve`` sets variables for its
    worker processes (accounts, allowed hosts, the LAN authority); run in-process by a test,
    they would otherwise turn accounts on for every test after it."""
    import os

    saved = dict(os.environ)
    yield
    if os.environ != saved:
        os.environ.clear()
        os.environ.update(saved)


ZONE_VARIABLE = "SCIATICA_COACH_TEST_TZ"
"""The time zone the tests run in (``UTC`` unless set), never the zone of whoever runs them."""
MOMENT_VARIABLE = "SCIATICA_COACH_TEST_MOMENT"
"""An instant (ISO 8601 with its offset): when set, every test runs with the clock frozen there,
and :func:`any_day_now` is that instant."""
A_WEDNESDAY = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
"""The tests' moment when no other is given: a plain weekday morning, far from any DST change."""


def any_day_now() -> datetime:
    """Now, for a test that must pass on any day: the calendar matrix's moment, else Wednesday
    2 December 2026 at 09:00 UTC; never the real clock."""
    moment = os.environ.get(MOMENT_VARIABLE)
    return datetime.fromisoformat(moment) if moment else A_WEDNESDAY


CALENDAR_TESTS = (
    "tests/domain/test_activity.py",
    "tests/domain/test_adherence.py",
    "tests/domain/test_progress.py",
    "tests/domain/test_red_flags.py",
    "tests/domain/test_reminders.py",
    "tests/coach/test_activity_window.py",
    "tests/coach/test_adherence.py",
    "tests/coach/test_any_day.py",
    "tests/coach/test_clearances.py",
    "tests/coach/test_flags.py",
    "tests/coach/test_health_history.py",
    "tests/coach/test_history.py",
    "tests/coach/test_journal_signs.py",
    "tests/coach/test_last_time.py",
    "tests/coach/test_pain_now.py",
    "tests/coach/test_reminders.py",
    "tests/coach/test_report.py",
    "tests/coach/test_status.py",
    "tests/cli/test_journal_commands.py::test_a_second_peg_within_a_week_exits_2_saying_when_it_is_due",
    "tests/cli/test_journal_commands.py::test_progress_shows_the_weeks_and_what_they_mean",
    "tests/cli/test_journal_commands.py::test_a_calm_progress_report_needs_no_safety_net",
    "tests/cli/test_remind_command.py::test_it_writes_a_private_calendar_file",
    "tests/cli/test_remind_command.py::test_a_dash_writes_to_standard_output",
    "tests/cli/test_status_command.py::test_after_a_session_it_shows_the_check_the_day_and_the_plan",
    "tests/cli/test_status_command.py::test_a_goal_is_set_shown_and_kept_within_the_dose",
    "tests/cli/test_status_command.py::test_the_goal_says_what_is_left_on_each_day_of_the_week",
    "tests/cli/test_status_command.py::test_while_paused_status_goal_and_progress_push_nothing",
    "tests/exports/test_reminders_ics.py",
    "tests/web/test_habit.py::test_a_goal_is_set_from_the_journal_and_shown_with_this_week",
    "tests/web/test_habit.py::test_a_returning_person_sees_where_they_stand_and_the_next_step",
    "tests/web/test_reminders.py::test_it_downloads_a_calendar_with_the_chosen_reminders",
)
"""The tests whose answers hang on the day, the week or the zone (``make calendar`` runs them
at awkward moments: a Sunday's last minute, the DST changes, New Year's Eve, 29 February).
A file, or a file and a test's name (``path::test``, for the slow files' date-sensitive
tests); checked to exist by tests/test_calendar_matrix.py."""


def calendar_files() -> list[str]:
    """The files that hold calendar tests, for ``make calendar`` to collect only those."""
    return sorted({test.split("::")[0] for test in CALENDAR_TESTS})


def pytest_configure(config: pytest.Config) -> None:
    """Every test, and every process a test starts, sees the tests' own zone (``TZ``)."""
    config.addinivalue_line(
        "markers", "calendar: depends on the day, the week or the zone (make calendar)"
    )
    os.environ["TZ"] = os.environ.get(ZONE_VARIABLE) or "UTC"
    if hasattr(time, "tzset"):  # POSIX; elsewhere TZ is still what the app reads first
        time.tzset()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = Path(config.rootpath)
    for item in items:
        where = item.path.relative_to(root).as_posix() if item.path.is_relative_to(root) else ""
        name = f"{where}::{item.name.split('[')[0]}"
        if where in CALENDAR_TESTS or name in CALENDAR_TESTS:
            item.add_marker(pytest.mark.calendar)


@pytest.fixture(autouse=True)
def frozen_moment() -> Iterator[None]:
    """With ``SCIATICA_COACH_TEST_MOMENT`` set, the clock stands still at that instant for the
    whole test (``tick=False``): a test that reads the real clock sees the awkward moment, and
    a Sunday's 23:59 cannot turn into Monday between two commands of one test."""
    if not os.environ.get(MOMENT_VARIABLE):
        yield
        return
    import time_machine

    # As a timestamp: given a UTC (or ZoneInfo) datetime, time-machine would set TZ to its zone.
    with time_machine.travel(any_day_now().timestamp(), tick=False):
        yield
