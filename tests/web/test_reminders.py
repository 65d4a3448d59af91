"""The Reminders page: choose times and days, download a calendar file; mistakes come back."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from icalendar import Calendar

CHOICE = {
    "csrf_token": "x", "time1": "07:30", "time2": "18:00", "days": ["mon", "wed", "fri"],
    "peg_day": "sat", "peg_time": "10:00", "zone": "Europe/Berlin",
}  # fmt: skip


def test_the_page_offers_the_choices_with_sensible_defaults(client: TestClient) -> None:
    page = client.get("/reminders")
    assert page.status_code == 200
    assert "Session times (at most 2 a day)" in page.text
    assert 'name="time1" value="08:00"' in page.text
    assert page.text.count('name="days"') == 7
    assert page.text.count(" checked>") == 7  # every day ticked
    assert "reminders" in page.text and ".js" in page.text
    said = " ".join(page.text.split())
    assert "The reminders stop after 6 weeks, with one last reminder: time to review" in said


def test_it_downloads_a_calendar_with_the_chosen_reminders(client: TestClient) -> None:
    response = client.post("/reminders", data=CHOICE)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert "attachment" in response.headers["content-disposition"]
    calendar: Any = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    rules = sorted(str(e["rrule"].to_ical().decode()) for e in events if "rrule" in e)
    until = "UNTIL=20260412T215959Z"  # 6 weeks from the clock's Monday 2 March, Berlin time
    assert rules == [
        f"FREQ=WEEKLY;{until};BYDAY=MO,WE,FR",
        f"FREQ=WEEKLY;{until};BYDAY=MO,WE,FR",
        f"FREQ=WEEKLY;{until};BYDAY=SA",
    ]
    [review] = [e for e in events if "rrule" not in e]
    assert str(review["summary"]) == "Time to review with your GP or physio if not better"
    assert review.decoded("dtstart").isoformat() == "2026-04-13T07:30:00+02:00"
    assert str(calendar.walk("VTIMEZONE")[0]["tzid"]) == "Europe/Berlin"
    again: Any = Calendar.from_ical(client.post("/reminders", data=CHOICE).content)
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == [str(e["uid"]) for e in events]


def test_mistakes_come_back_on_the_page_with_what_was_typed(client: TestClient) -> None:
    bad = CHOICE | {"time1": "25:99", "days": [], "zone": "Mars/Base", "peg_time": "nope"}
    response = client.post("/reminders", data=bad)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    for message in (
        "not a time of day",
        "Choose at least one day",
        "Mars/Base&#39; is not a time zone",
    ):
        assert message in response.text
    assert "&#39;25:99&#39; is not a time of day" in response.text
    assert 'value="25:99"' not in response.text  # not a time: its field cannot show it (D9)
    assert 'value="Mars/Base"' in response.text  # a text field shows what was typed


def test_an_unknown_day_is_ignored_not_a_crash(client: TestClient) -> None:
    response = client.post("/reminders", data=CHOICE | {"days": ["<script>", "tue"]})
    assert response.status_code == 200
    calendar: Any = Calendar.from_ical(response.content)
    assert calendar.walk("VEVENT")[0]["rrule"]["BYDAY"] == ["TU"]


def test_without_the_csrf_token_nothing_is_made(app: Any) -> None:
    with TestClient(app, base_url="http://127.0.0.1:8000") as stranger:
        response = stranger.post("/reminders", data=CHOICE)
    assert response.status_code == 403


def test_the_journal_leads_to_the_reminders(client: TestClient) -> None:
    assert 'href="/reminders"' in client.get("/journal").text


def test_a_zone_or_time_too_long_for_a_file_name_is_unknown_not_a_crash(
    client: TestClient,
) -> None:
    for changes in ({"zone": "A" * 300}, {"zone": "Europe"}, {"time1": "A" * 300}):
        response = client.post("/reminders", data=CHOICE | changes)
        assert response.status_code == 422, changes
        assert response.headers["content-type"].startswith("text/html")
    response = client.post("/reminders", data=CHOICE | {"zone": "A" * 300})
    assert "Unknown time zone" in response.text
