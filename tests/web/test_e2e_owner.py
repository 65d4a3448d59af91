"""The owner's browser, as ``serve`` opens it: on the private page in the data folder, which
goes on to the address with the key. The cookie is ``SameSite=Strict`` and that navigation
comes from a file (cross-site), so this checks, in Chromium, that the person lands on the app
and not on the 401 page, and that the key is gone from the address bar."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.cli.served import serving


def test_the_opened_page_lands_on_the_app_with_the_key_gone(
    browser: Browser, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    with serving(home, "--no-open") as base:
        key = (home / "web-key").read_text().strip()
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto((home / "open-web-app.html").as_uri())
            page.wait_for_url(f"{base}/", timeout=15_000)
            expect(page.locator("main")).not_to_contain_text("whoever started it")
            assert key not in page.url
            answer = page.goto(f"{base}/journal")
            assert answer is not None and answer.status == 200
            stranger = browser.new_context()
            try:
                refused = stranger.new_page().goto(f"{base}/journal")
                assert refused is not None and refused.status == 401
            finally:
                stranger.close()
        finally:
            context.close()
