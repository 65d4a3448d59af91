"""The app's own files (styles, scripts, icons), served under ``/static/``.

Each file is also served under a name that carries a hash of its content
(``app.3f2a1b9c0d.css``): the pages link to those, and they are sent with a year's
``Cache-Control: immutable``, so a browser asks for each one once, and a new version of a
file is a new name. The plain names stay served (``no-cache``: asked again each time, 304
when unchanged), for the web manifest and anything that must keep its address. The files are
read once, at start, and the text ones kept gzipped too, for browsers that take it. A pure
ASGI app: nothing here touches the journal.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import Headers
from starlette.types import Receive, Scope, Send

IMMUTABLE = b"public, max-age=31536000, immutable"
REVALIDATE = b"no-cache"
COMPRESSIBLE = (".css", ".js", ".svg", ".webmanifest", ".html", ".json", ".txt")

mimetypes.add_type("application/manifest+json", ".webmanifest")


@dataclass(frozen=True)
class Asset:
    name: str
    hashed: str
    body: bytes
    gzipped: bytes | None
    media_type: str
    etag: bytes


def _asset(path: Path) -> Asset:
    body = path.read_bytes()
    digest = hashlib.sha256(body).hexdigest()[:10]
    hashed = f"{path.stem}.{digest}{path.suffix}"
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if media.startswith("text/") or media.endswith(("javascript", "json")):
        media += "; charset=utf-8"
    packed = gzip.compress(body, 9, mtime=0) if path.suffix in COMPRESSIBLE else None
    return Asset(path.name, hashed, body, packed, media, f'"{digest}"'.encode())


class Assets:
    """Every file in ``folder``, by its plain and its hashed name."""

    def __init__(self, folder: Path) -> None:
        found = [_asset(path) for path in sorted(folder.iterdir()) if path.is_file()]
        self.by_name = {asset.name: asset for asset in found}
        self.by_hashed = {asset.hashed: asset for asset in found}
        self.version = hashlib.sha256(b"".join(a.etag for a in found)).hexdigest()[:10]
        """Changes whenever any file does (the service worker's cache is named by it)."""

    def url(self, name: str) -> str:
        """The address that never goes stale: ``/static/`` and the hashed name."""
        return f"/static/{self.by_name[name].hashed}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve ``/static/NAME`` (mounted there: ``path`` is what follows)."""
        name = scope["path"].removeprefix(scope.get("root_path", "")).lstrip("/")
        headers = Headers(scope=scope)
        asset, lasting = self.by_hashed.get(name), True
        if asset is None:
            asset, lasting = self.by_name.get(name), False
        if scope["method"] not in ("GET", "HEAD"):
            await _answer(send, 405, [(b"allow", b"GET, HEAD")], b"")
            return
        if asset is None:
            await _answer(send, 404, [(b"content-type", b"text/plain")], b"Not found")
            return
        common = [
            (b"cache-control", IMMUTABLE if lasting else REVALIDATE),
            (b"etag", asset.etag),
            (b"vary", b"Accept-Encoding"),
        ]
        if headers.get("if-none-match", "").encode() == asset.etag:
            await _answer(send, 304, common, b"")
            return
        body = asset.body
        wanted = byte_range(headers.get("range", ""), len(body))
        if asset.gzipped is None and wanted is not None:
            # Safari asks for a video in parts and plays none it cannot get that way (the
            # silent video that keeps a screen on over plain http, session.js)
            await _part(send, scope["method"], common, asset, wanted)
            return
        if asset.gzipped is None:
            common.append((b"accept-ranges", b"bytes"))
        if asset.gzipped is not None and "gzip" in headers.get("accept-encoding", ""):
            body = asset.gzipped
            common.append((b"content-encoding", b"gzip"))
        common.append((b"content-type", asset.media_type.encode()))
        await _answer(send, 200, common, b"" if scope["method"] == "HEAD" else body, len(body))


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The one byte range ``Range: bytes=A-B`` (or ``A-``, or ``-N``: the last N) asks for,
    clipped to ``size``; None for no header, several ranges or nonsense (the whole file is
    sent then, as RFC 9110 allows), and ``(size, size)`` for a range past the end (416)."""
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash or not (first.isdigit() or first == "") or not (last.isdigit() or last == ""):
        return None
    if first == "":
        if last == "" or int(last) == 0:
            return None
        return max(0, size - int(last)), size
    start = int(first)
    if start >= size:
        return size, size
    end = size if last == "" else min(size, int(last) + 1)
    return (start, end) if end > start else None


async def _part(
    send: Send, method: str, common: list[tuple[bytes, bytes]], asset: Asset, span: tuple[int, int]
) -> None:
    """206 with the bytes asked for, or 416 when they lie past the end."""
    start, end = span
    size = len(asset.body)
    if start >= size:
        await _answer(send, 416, [*common, (b"content-range", f"bytes */{size}".encode())], b"")
        return
    part = asset.body[start:end]
    headers = [
        *common,
        (b"accept-ranges", b"bytes"),
        (b"content-range", f"bytes {start}-{end - 1}/{size}".encode()),
        (b"content-type", asset.media_type.encode()),
    ]
    await _answer(send, 206, headers, b"" if method == "HEAD" else part, len(part))


async def _answer(
    send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes, length: int = -1
) -> None:
    size = len(body) if length < 0 else length
    headers = [*headers, (b"content-length", str(size).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
