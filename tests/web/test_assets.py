"""The app's files: pages link to names that carry a hash of the content, kept a year;
the plain names are asked again each time; text files go gzipped to browsers that take it."""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sciatica_coach.web.assets import Assets, byte_range
from sciatica_coach.web.templating import STATIC

LINKED = re.compile(r'(?:src|href)="(/static/[^"]+)"')


def test_every_page_links_its_styles_and_scripts_by_hashed_name(client: TestClient) -> None:
    for page in ("/", "/learn", "/screen", "/map", "/journal", "/session", "/about"):
        links = LINKED.findall(client.get(page).text)
        assert links, page
        for link in links:
            if link.endswith((".css", ".js")):
                name = link.rsplit("/", 1)[1]
                stem, digest, suffix = name.rsplit(".", 2)
                real = (STATIC / f"{stem}.{suffix}").read_bytes()
                assert digest == hashlib.sha256(real).hexdigest()[:10], link


def test_a_hashed_name_is_kept_a_year_and_a_plain_one_revalidated(client: TestClient) -> None:
    hashed = LINKED.findall(client.get("/").text)
    css = next(link for link in hashed if link.endswith(".css"))
    lasting = client.get(css)
    assert lasting.status_code == 200
    assert lasting.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert lasting.content == (STATIC / "app.css").read_bytes()
    plain = client.get("/static/app.css")
    assert plain.headers["cache-control"] == "no-cache"
    again = client.get("/static/app.css", headers={"If-None-Match": plain.headers["etag"]})
    assert (again.status_code, again.content) == (304, b"")
    assert client.get("/static/app.0000000000.css").status_code == 404
    assert "no-store" not in lasting.headers["cache-control"]


@pytest.mark.parametrize("name", ["app.css", "app.js", "manifest.webmanifest", "map.js"])
def test_text_files_are_gzipped_for_browsers_that_take_it(tmp_path: Path, name: str) -> None:
    assets = Assets(STATIC)
    asset = assets.by_name[name]
    assert asset.gzipped is not None
    assert gzip.decompress(asset.gzipped) == (STATIC / name).read_bytes()
    assert len(asset.gzipped) < len(asset.body)


def test_a_browser_that_takes_gzip_gets_it(client: TestClient) -> None:
    raw = client.get("/static/app.css", headers={"Accept-Encoding": "gzip"})
    assert raw.headers["content-encoding"] == "gzip"
    assert raw.headers["vary"] == "Accept-Encoding"
    assert raw.content == (STATIC / "app.css").read_bytes()  # the client unzipped it
    plain = client.get("/static/app.css", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    png = client.get("/static/icon-192.png", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in png.headers


def test_the_service_worker_keeps_the_styles_the_pages_link(client: TestClient) -> None:
    worker = client.get("/sw.js").text
    page = client.get("/learn").text
    for link in LINKED.findall(page):
        if link.endswith((".css", ".js")) and "app." in link:
            assert f'"{link}"' in worker
    assert re.search(r'var VERSION = "sciatica-coach-[0-9.]+-[0-9a-f]{10}";', worker)
    assert '"/static/manifest.webmanifest"' in worker


@pytest.mark.parametrize(
    "path", ["/learn", "/journal", "/api/content/muscles", "/api/openapi.json"]
)
def test_pages_and_json_are_gzipped_for_clients_that_take_them(
    client: TestClient, path: str
) -> None:
    zipped = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert zipped.status_code == plain.status_code == 200


def test_a_short_answer_goes_as_it_is(client: TestClient) -> None:
    health = client.get("/api/health", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in health.headers


def test_a_video_is_sent_in_the_parts_safari_asks_for(client: TestClient) -> None:
    """Safari plays the keep-awake video only when the server answers byte ranges."""
    whole = (STATIC / "awake.mp4").read_bytes()
    first = client.get("/static/awake.mp4", headers={"Range": "bytes=0-1"})
    assert first.status_code == 206 and first.content == whole[:2]
    assert first.headers["content-range"] == f"bytes 0-1/{len(whole)}"
    assert first.headers["accept-ranges"] == "bytes"
    rest = client.get("/static/awake.mp4", headers={"Range": "bytes=2-"})
    assert rest.status_code == 206 and first.content + rest.content == whole
    tail = client.get("/static/awake.mp4", headers={"Range": "bytes=-10"})
    assert tail.content == whole[-10:]
    past = client.get("/static/awake.mp4", headers={"Range": f"bytes={len(whole)}-"})
    assert past.status_code == 416 and past.headers["content-range"] == f"bytes */{len(whole)}"
    plain = client.get("/static/awake.mp4")
    assert plain.status_code == 200 and plain.content == whole
    assert plain.headers["accept-ranges"] == "bytes"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", None),
        ("bytes=0-0", (0, 1)),
        ("bytes=5-2", None),
        ("bytes=0-99999", (0, 100)),
        ("bytes=0-1,4-5", None),
        ("items=0-1", None),
        ("bytes=-0", None),
        ("bytes=x-1", None),
        ("bytes=100-", (100, 100)),
    ],
)
def test_byte_ranges_read_as_rfc_9110_says(header: str, expected: tuple[int, int] | None) -> None:
    assert byte_range(header, 100) == expected
