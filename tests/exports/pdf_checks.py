"""Check a PDF with tools other than the one that made it: qpdf (its syntax), poppler's
pdffonts (every font embedded) and pdftotext (the words and their size on the page), and
pikepdf for the structure tree a screen reader follows (PDF 1.7 §14.7-14.8)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pikepdf

PAINTING = {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "Do", "sh", "BI"}
"""Operators that put marks on a page: showing text, painting a path, drawing an image."""


def tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is needed (Debian: qpdf, poppler-utils; make tools installs them)"
    return found


def _file(data: bytes, folder: Path) -> Path:
    path = folder / "doc.pdf"
    path.write_bytes(data)
    return path


def qpdf_check(data: bytes) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as folder:
        return subprocess.run(
            [tool("qpdf"), "--check", str(_file(data, Path(folder)))],
            capture_output=True,
            text=True,
            check=False,
        )


@dataclass(frozen=True)
class Font:
    name: str
    type: str
    embedded: bool


def fonts(data: bytes) -> list[Font]:
    """pdffonts' table: each font's name, type and whether it is embedded."""
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run(
            [tool("pdffonts"), str(_file(data, Path(folder)))],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    rows = out.splitlines()[2:]  # a heading and a rule
    found = []
    for row in rows:
        parts = row.split()
        # name type [type...] encoding emb sub uni object ID
        found.append(Font(parts[0], " ".join(parts[1:-6]), parts[-5] == "yes"))
    return found


@dataclass(frozen=True)
class Word:
    text: str
    page: int
    height: float
    """The word's box in points, as poppler places it (about 1.16 times the font size)."""
    right: float = 0.0
    """Where the word's box ends, in points from the page's left edge."""


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = 0
        self.words: list[Word] = []
        self._box: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "page":
            self.page += 1
        if tag == "word":
            self._box = dict(attrs)

    def handle_data(self, data: str) -> None:
        if self._box is not None:
            y0, y1 = float(self._box["ymin"] or 0), float(self._box["ymax"] or 0)
            right = float(self._box["xmax"] or 0)
            self.words.append(Word(data.strip(), self.page, y1 - y0, right))
            self._box = None


def words(data: bytes) -> list[Word]:
    """Every word pdftotext finds, with its page and height."""
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run(
            [tool("pdftotext"), "-bbox", str(_file(data, Path(folder))), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    parser = _Words()
    parser.feed(out)
    return parser.words


def text(data: bytes) -> str:
    """pdftotext's text, whitespace made single spaces."""
    return " ".join(page_texts(data))


@dataclass
class Tagged:
    """What the structure tree holds."""

    marked: bool
    lang: str
    title: str
    display_title: bool
    roles: Counter[str] = field(default_factory=Counter)
    figures: list[str] = field(default_factory=list)
    """Each /Figure's /Alt ("" when it has none)."""
    table_cells: list[tuple[str, str]] = field(default_factory=list)
    """(the parent's role, the cell's role) for every TH and TD."""
    headings: list[str] = field(default_factory=list)
    """The role of each heading (H1 to H3), in order."""
    unmarked: list[tuple[int, str]] = field(default_factory=list)
    """(page, operator) of marks drawn outside any marked content."""
    orphan_mcids: list[tuple[int, int]] = field(default_factory=list)
    """(page, MCID) marked on a page but not listed by the parent tree."""


def tagged(data: bytes) -> Tagged:
    with tempfile.TemporaryDirectory() as folder, pikepdf.open(_file(data, Path(folder))) as pdf:
        root = pdf.Root
        mark_info = root.get("/MarkInfo")
        preferences = root.get("/ViewerPreferences")
        info = Tagged(
            marked=mark_info is not None and bool(mark_info.get("/Marked", False)),
            lang=str(root.get("/Lang", "")),
            title=str(pdf.docinfo.get("/Title", "")),
            display_title=preferences is not None
            and bool(preferences.get("/DisplayDocTitle", False)),
        )
        if "/StructTreeRoot" not in root:
            return info
        _walk(root.StructTreeRoot, None, info)
        tree = root.StructTreeRoot.ParentTree.Nums
        listed = {int(tree[i]): len(tree[i + 1]) for i in range(0, len(tree), 2)}
        for number, page in enumerate(pdf.pages, start=1):
            key = int(page.obj.get("/StructParents", -1))
            mcids, unmarked = _marks(page)
            info.orphan_mcids += [(number, m) for m in mcids if m >= listed.get(key, 0)]
            info.unmarked += [(number, op) for op in unmarked]
        return info


def _walk(node: pikepdf.Object, parent: str | None, info: Tagged) -> None:
    role = str(node.get("/S", "/StructTreeRoot"))[1:]
    info.roles[role] += 1
    if role == "Figure":
        info.figures.append(str(node.get("/Alt", "")))
    if role in ("TH", "TD"):
        info.table_cells.append((parent or "", role))
    if role in ("H1", "H2", "H3"):
        info.headings.append(role)
    kids = node.get("/K", pikepdf.Array())
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR":
            _walk(kid, role, info)


def _marks(page: pikepdf.Page) -> tuple[list[int], list[str]]:
    """A page's MCIDs, and the painting operators drawn outside any marked content."""
    depth, mcids, unmarked = 0, [], []
    for instruction in pikepdf.parse_content_stream(page):
        op = str(instruction.operator)
        if op in ("BDC", "BMC"):
            depth += 1
            props = instruction.operands[-1] if op == "BDC" else None
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                mcids.append(int(props.MCID))
        elif op == "EMC":
            depth -= 1
        elif op in PAINTING and depth == 0:
            unmarked.append(op)
    return mcids, unmarked


def page_texts(data: bytes) -> list[str]:
    """pdftotext's text of each page, whitespace made single spaces."""
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run(
            [tool("pdftotext"), str(_file(data, Path(folder))), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return [" ".join(page.split()) for page in out.split("\f") if page.strip()]


def structure_text(data: bytes) -> list[tuple[str, str]]:
    """Poppler's reading of the structure tree (``pdfinfo -struct-text``): each element with
    the text marked for it, in the tree's order, as (role, text)."""
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run(
            [tool("pdfinfo"), "-struct-text", str(_file(data, Path(folder)))],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    found: list[tuple[str, str]] = []
    role = ""
    for line in out.splitlines():
        stripped = line.strip()
        if stripped.startswith('"') and stripped.endswith('"'):
            found.append((role, " ".join(stripped[1:-1].split())))
        elif stripped and not stripped.startswith("/"):
            role = stripped.split()[0].rstrip(":")
    return found
