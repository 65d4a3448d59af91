"""Attacks from another website, in a real browser: a cross-site page that auto-submits forms,
and a DNS-rebinding page that renamed itself to reach 127.0.0.1. Chromium's
``--host-resolver-rules`` sends the attackers' names to 127.0.0.1, as a hostile DNS would.
Every state-changing route is tried (enumerated from the app), and the journal is unchanged.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Route

from sciatica_coach.web import create_app

from .browser import CHROMIUM, FastForward, chromium_finding, running
from .conftest import form_answers
from .test_csrf import changing_routes

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's Chromium (make browser installs it)"
)

ATTACKER = "http://attacker.test"
REBINDER = "rebind.test"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium_finding("attacker.test", REBINDER) as launched:
        yield launched


@pytest.fixture
def victim(browser: Browser, tmp_path: Path) -> Iterator[tuple[BrowserContext, str]]:
    """A person's browser that has used the app (so it holds the app's cookie)."""
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'victim.sqlite3'}", clock=FastForward())
    with running(app) as url:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto(url + "/journal")
        page.fill("#now", "6")
        page.get_by_role("button", name="Save").first.click()
        page.wait_for_load_state()
        yield context, url
        context.close()


def journal(context: BrowserContext, url: str) -> Any:
    # "Connection: close": no kept-alive connection waits through the attacks below, for the
    # server to drop (after its 5 s keep-alive) just as the last read reuses it (ECONNRESET)
    read = context.request.get(url + "/api/journal/export", headers={"Connection": "close"})
    return read.json()["tables"]


def forging_page(target: str) -> str:
    """Another site's page that posts a form to ``target`` as soon as it loads."""
    fields = {"csrf_token": "guessed", "now": "0", "plan": "1", **form_answers()}
    inputs = "".join(
        f'<input name="{html.escape(k)}" value="{html.escape(str(v))}">'
        for k, value in fields.items()
        for v in (value if isinstance(value, list) else [value])
    )
    return (
        f'<form method="post" action="{html.escape(target)}">{inputs}</form>'
        "<script>document.forms[0].submit()</script>"
    )


def serving(body: str) -> Callable[[Route], None]:
    def serve(route: Route) -> None:
        route.fulfill(content_type="text/html", body=body)

    return serve


def test_a_cross_site_form_cannot_change_anything(
    victim: tuple[BrowserContext, str],
) -> None:
    context, url = victim
    before = journal(context, url)
    assert before["pain_entries"], "the person's own form worked"
    page = context.new_page()
    tried = 0
    for method, path in changing_routes():
        if method != "POST":
            continue  # a form can only POST; other methods need a CORS preflight we never allow
        target = url + path
        page.route(f"{ATTACKER}/forge", serving(forging_page(target)))
        with page.expect_response(lambda r, t=target: r.url == t) as answer:  # type: ignore[misc]
            page.goto(f"{ATTACKER}/forge", wait_until="commit")
        assert answer.value.status == 403, (path, answer.value.text())
        page.unroute(f"{ATTACKER}/forge")
        tried += 1
    assert tried >= 12
    assert journal(context, url) == before


REBIND_SCRIPT = """async (routes) => {
  const statuses = {};
  const read = await fetch('/api/journal/export');
  statuses['GET /api/journal/export'] = read.status;
  for (const [method, path] of routes) {
    const response = await fetch(path, {
      method, headers: {'Content-Type': 'application/json'}, body: JSON.stringify({now: 0}),
    });
    statuses[method + ' ' + path] = response.status;
  }
  return statuses;
}"""


def test_a_rebinding_page_can_neither_read_nor_write(
    victim: tuple[BrowserContext, str],
) -> None:
    context, url = victim
    before = journal(context, url)
    port = urlsplit(url).port
    evil = f"http://{REBINDER}:{port}"
    page = context.new_page()
    # The attacker's script runs in a page of their origin whose name now points at
    # 127.0.0.1 (the page itself, fetched through that name, is already refused).
    assert page.goto(f"{evil}/journal").status == 400  # type: ignore[union-attr]
    statuses = page.evaluate(REBIND_SCRIPT, changing_routes())
    assert len(statuses) == len(changing_routes()) + 1
    assert set(statuses.values()) == {400}, json.dumps(statuses, indent=1)
    assert journal(context, url) == before
