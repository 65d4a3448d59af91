"""Accounts in a real browser at phone size: make an account, land on the safety check, sign
out, be sent to sign-in from the journal and brought back there. Every account page is checked
with axe-core and the Tab key; screenshots go to ``tests/web/artifacts/``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Browser, Page, expect

from sciatica_coach.coach import accounts
from sciatica_coach.web import create_app

from .browser import CHROMIUM, FastForward, assert_accessible, assert_keyboard_reachable, phone_page

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
PASSWORD = "a phrase for the phone"


@pytest.fixture
def phone(browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Page]:
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=64))
    app = create_app(
        f"sqlite+pysqlite:///{tmp_path / 'accounts.sqlite3'}", accounts=True, clock=FastForward()
    )
    with phone_page(browser, app) as page:
        yield page


def test_a_person_makes_an_account_and_signs_back_in(phone: Page) -> None:
    phone.goto("/journal")
    assert "/signin" in phone.url
    assert_accessible(phone, "signin-phone")
    assert_keyboard_reachable(phone, "signin-phone")
    phone.get_by_role("link", name="Make one").click()
    assert_accessible(phone, "signup-phone")
    phone.fill("#name", "ann")
    phone.fill("#password", "short")
    phone.fill("#again", "short")
    phone.get_by_role("button", name="Make my account").click()
    expect(phone.locator("#password-error")).to_be_visible()
    assert_accessible(phone, "signup-problem-phone")
    phone.fill("#password", PASSWORD)
    phone.fill("#again", PASSWORD)
    phone.get_by_role("button", name="Make my account").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Safety check")
    phone.get_by_role("link", name="Account").click()
    expect(phone.locator("main")).to_contain_text("Signed in as ann")
    assert_accessible(phone, "account-phone")
    assert_keyboard_reachable(phone, "account-phone")
    phone.get_by_role("button", name="Sign out").click()
    phone.goto("/journal")
    assert "/signin" in phone.url
    phone.fill("#name", "ann")
    phone.fill("#password", PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Your journal")
    assert phone.url.endswith("/journal")
