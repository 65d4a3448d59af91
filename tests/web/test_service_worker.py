"""The service worker keeps every Learn page, and nothing personal; its cache is named by the
release and the files, so an upgrade is a new worker (issue 26, item 4; web review, minor 13)."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from sciatica_coach import __version__
from sciatica_coach.web.pages import shell
from sciatica_coach.web.templating import ASSETS

PERSONAL = ("/journal", "/plan", "/session", "/account", "/check", "/map", "/reminders")


def listed(client: TestClient) -> list[str]:
    answer = client.get("/learn/pages.json")
    assert answer.status_code == 200
    pages: list[str] = answer.json()["pages"]
    return pages


def test_the_list_holds_every_learn_page_and_only_learn_pages(client: TestClient) -> None:
    pages = listed(client)
    assert len(pages) == len(set(pages))
    linked: set[str] = set()
    for page in pages:
        assert page == "/learn" or page.startswith("/learn/"), page
        answer = client.get(page)
        assert answer.status_code == 200, page
        linked |= set(re.findall(r'href="(/learn(?:/[^"#?]*)?)', answer.text))
    assert linked <= set(pages)  # every Learn page a Learn page links to is kept


def test_the_worker_keeps_nothing_personal(client: TestClient) -> None:
    script = client.get("/sw.js").text
    found = re.search(r"var SHELL = (\[.*?\]);", script, re.S)
    assert found is not None
    for kept in json.loads(found.group(1)):
        assert kept.startswith(("/static/", "/learn", "/offline")), kept
        assert not kept.startswith(PERSONAL)
    # The one /api/ answer it may keep: the blank body map, the same for everyone.
    assert set(re.findall(r'"(/api/[^"]*)"', script)) == {"/api/figures/body-map.svg"}


def test_the_cache_is_named_by_the_release_and_the_files(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = client.get("/sw.js").text
    assert f'var VERSION = "sciatica-coach-{__version__}-{ASSETS.version}";' in script
    monkeypatch.setattr(shell, "__version__", "9.9.9")
    assert '"sciatica-coach-9.9.9-' in shell._service_worker()  # a new release: a new cache
    monkeypatch.setattr(ASSETS, "version", "changed")
    assert '"sciatica-coach-9.9.9-changed"' in shell._service_worker()  # new files: a new one
