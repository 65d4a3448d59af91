"""The browser's own zone at sign-up, in a real browser at phone size (issue 29): a phone set
to Auckland makes an account on a server in UTC, and the account keeps Pacific/Auckland (the
sign-up form's hidden field, filled in by ``app.js``: no inline script under the CSP). The
Settings page shows it, can change it, and passes axe and the Tab key at 390 by 844."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Browser, expect

from sciatica_coach.coach import accounts
from sciatica_coach.coach.setup import accounts_of, open_journal
from sciatica_coach.web import create_app

from .browser import CHROMIUM, PHONE, assert_accessible, assert_keyboard_reachable, running
from .conftest import FakeClock

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
PASSWORD = "a phrase for the phone"


def test_signing_up_keeps_the_browsers_zone(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=64))
    url = f"sqlite+pysqlite:///{tmp_path / 'accounts.sqlite3'}"
    clock = FakeClock(datetime(2026, 3, 2, 10, 30, tzinfo=UTC))  # a server in UTC
    app = create_app(url, accounts=True, clock=clock)
    with running(app) as base:
        context = browser.new_context(base_url=base, timezone_id="Pacific/Auckland", **PHONE)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto("/signup")
        expect(page.locator("input[name=time_zone]")).to_have_value("Pacific/Auckland")
        page.fill("#name", "kiri")
        page.fill("#password", PASSWORD)
        page.fill("#again", PASSWORD)
        page.get_by_role("button", name="Make my account").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Safety check")
        user = accounts_of(open_journal(url)).user_named("kiri")
        assert user is not None and user.time_zone == "Pacific/Auckland"
        page.goto("/settings#time-zone")
        choice = page.get_by_role("combobox", name="Your time zone")
        expect(choice).to_have_value("Pacific/Auckland")
        assert_accessible(page, "settings-time-zone-phone")
        assert_keyboard_reachable(page, "settings-time-zone-phone")
        box = choice.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        choice.select_option("Europe/London")
        page.locator("#time-zone").get_by_role("button", name="Save").click()
        expect(page.locator("#saved")).to_contain_text("Europe/London")
        context.close()
        assert not errors, errors
