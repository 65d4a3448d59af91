"""Offline as promised (issue 26, item 4; web review, minor 13).

Once the app is installed, every Learn page opens without a connection, not only the pages
already opened: the service worker keeps them all (and the pictures they show) at install. A
page that is not Learn (the journal: health data) is never kept and gets the offline page. An
upgrade is a new worker with a new cache; the old cache is deleted and the new one serves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, expect

from sciatica_coach.content.loader import default_knowledge_base
from sciatica_coach.web.pages import shell

from .browser import ARTIFACTS, CHROMIUM, PHONE, running

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)
SHOTS = ARTIFACTS / "offline-learn"
ACTIVE = "async () => (await navigator.serviceWorker.ready).active.state === 'activated'"
CACHES = "async () => await caches.keys()"
KEPT = """async () => {
  const cache = await caches.open((await caches.keys())[0]);
  return (await cache.keys()).map(r => new URL(r.url)).map(u => u.pathname + u.search);
}"""


@contextmanager
def installed(browser: Browser, app: FastAPI) -> Iterator[Page]:
    """A phone that opened the home page once (no Learn page) and has the worker active."""
    with running(app) as base:
        context = browser.new_context(base_url=base, service_workers="allow", **PHONE)
        try:
            page = context.new_page()
            page.goto("/")
            page.wait_for_function(ACTIVE, timeout=20_000)  # installed: every Learn page kept
            yield page
        finally:
            context.close()


def shows_its_pictures(page: Page) -> None:
    """Every picture on the page drew (none is a broken image)."""
    page.wait_for_load_state("load")
    broken = page.evaluate(
        "() => [...document.images].filter(i => !i.complete || !i.naturalWidth).map(i => i.src)"
    )
    assert broken == []


def test_learn_pages_never_opened_open_offline(browser: Browser, app: FastAPI) -> None:
    kb = default_knowledge_base()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with installed(browser, app) as page:
        kept = set(page.evaluate(KEPT))
        assert set(page.request.get("/learn/pages.json").json()["pages"]) <= kept
        for url in kept:  # Learn, its pictures, the shell; nothing from the journal
            assert url.startswith(("/learn", "/static/", "/offline", "/api/figures/body-map.svg"))
        page.context.set_offline(True)
        for path, heading in [
            ("/learn/muscles/soleus", kb.muscles["soleus"].name),
            ("/learn/exercises/hip_flexor_stretch", kb.exercises["hip_flexor_stretch"].name),
            ("/learn/safety", "When to stop, and when to get help"),
            (f"/learn/topics/{kb.topics.all()[-1].id}", kb.topics.all()[-1].title),
        ]:
            page.goto(path)
            expect(page.locator("h1")).to_contain_text(heading)
            shows_its_pictures(page)
            page.screenshot(path=str(SHOTS / f"{path.strip('/').replace('/', '-')}.png"))
        page.goto("/journal")  # health data: never kept, so the offline page
        expect(page.locator("h1")).to_have_text("You are offline")
        page.screenshot(path=str(SHOTS / "journal.png"))


def test_an_upgrade_replaces_the_cache(
    browser: Browser, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    with installed(browser, app) as page:
        (old,) = page.evaluate(CACHES)
        assert old.startswith("sciatica-coach-")
        new = f"{old}-next"  # the next release: its worker names another cache
        monkeypatch.setattr(shell, "SERVICE_WORKER", shell.SERVICE_WORKER.replace(old, new))
        page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
        page.wait_for_function(
            "async (name) => (await caches.keys()).join() === name", arg=new, timeout=20_000
        )
        page.context.set_offline(True)
        page.goto("/learn/muscles/piriformis")  # served from the new cache, the only one left
        expect(page.locator("h1")).to_contain_text("Piriformis")
