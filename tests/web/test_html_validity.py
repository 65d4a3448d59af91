"""Every page is valid HTML, as the Nu HTML Checker (vnu, the W3C's checker) reads it: every
GET page, each Learn page, the session page in each phase, each form sent back with junk in
every field, and the error pages (tests/web/every_page.py), with accounts on and off.

vnu runs once over all of them (one Java start, about half a minute on two cores). It comes
from Debian's ``default-jre-headless`` and the npm package ``vnu-jar`` (``make tools``
installs both); without them that one test is skipped, and the checks below that need no
Java still run: no typed input shows a value it cannot hold (review D9), no ``src=""`` and
no empty heading (D8), no code point HTML forbids.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sciatica_coach.web.forms import typed_value
from sciatica_coach.web.templating import TEMPLATES

from .every_page import Pages, collect, unvisited

JARS = (
    os.environ.get("SCIATICA_COACH_VNU_JAR", ""),
    "/usr/share/java/vnu.jar",
    "/usr/lib/node_modules/vnu-jar/build/dist/vnu.jar",
    "/usr/local/lib/node_modules/vnu-jar/build/dist/vnu.jar",
)
"""Where vnu.jar may be: named by the environment, Debian's place for jars, npm's (-g)."""
VNU_SECONDS = 300
"""A bound, not a measure: the check takes about 30 s; a hung Java must not hang the suite."""


def vnu_jar() -> Path | None:
    return next((Path(jar) for jar in JARS if jar and Path(jar).is_file()), None)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    return collect(tmp_path_factory.mktemp("pages"))


def test_every_page_route_is_among_the_pages_checked(pages: Pages) -> None:
    assert unvisited(pages) == []
    assert len(pages.found) >= 100
    statuses = {status for _name, _address, status, _html in pages.found}
    assert {200, 400, 403, 404, 405, 409, 422} <= statuses


def test_the_nu_html_checker_finds_nothing_on_any_page(pages: Pages) -> None:
    jar, java = vnu_jar(), shutil.which("java")
    if jar is None or java is None:
        pytest.skip("needs Java and vnu.jar (make tools installs default-jre-headless, vnu-jar)")
    files = pages.write()
    checked = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=VNU_SECONDS,
        check=False,
    )
    report = json.loads(checked.stdout)
    problems = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m.get('subType', m['type'])}: "
        f"{m['message']}\n    {m.get('extract', '')!r}"
        for m in report["messages"]
        if m["type"] != "info" or m.get("subType") == "warning"
    ]
    print(f"vnu {report['version']} checked {len(files)} pages: {len(problems)} problems")
    print("\n".join(problems))
    assert problems == [], f"{len(problems)} problems in {len(files)} pages (printed above)"
    assert checked.returncode == 0, checked.stderr


class Inputs(HTMLParser):
    """What the checks without Java look at: typed inputs, images, headings."""

    def __init__(self) -> None:
        super().__init__()
        self.typed: list[tuple[str, str, str]] = []
        self.images: list[dict[str, str | None]] = []
        self.empty_headings: list[str] = []
        self._heading: tuple[str, str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("type") in TYPED and "value" in found:
            self.typed.append((str(found["type"]), str(found.get("name")), found["value"] or ""))
        if tag == "img":
            self.images.append(found)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = (tag, str(found.get("id", "")), [])

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == self._heading[0]:
            if not "".join(self._heading[2]).strip():
                self.empty_headings.append(f"<{tag} id={self._heading[1]!r}>")
            self._heading = None


TYPED = ("number", "range", "date", "time")


def holds(kind: str, value: str) -> bool:
    """Whether an input of ``kind`` may carry ``value`` (HTML Living Standard, 4.10.5.1)."""
    if value == "":
        return True
    if kind in ("number", "range"):
        return re.fullmatch(r"-?([0-9]+(\.[0-9]+)?|\.[0-9]+)([eE][-+]?[0-9]+)?", value) is not None
    if kind == "date":
        try:
            return len(value) == 10 and date.fromisoformat(value).isoformat() == value
        except ValueError:
            return False
    return (
        re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,3})?)?", value)
        is not None
    )


def test_no_typed_input_shows_a_value_it_cannot_hold(pages: Pages) -> None:
    """A form sent back with "abc" in a number field shows the problem and an empty field
    (review D9), on every form that comes back with problems."""
    wrong = []
    typed = 0
    for name, address, _status, html in pages.found:
        parsed = Inputs()
        parsed.feed(html)
        typed += len(parsed.typed)
        wrong += [(name, address, t) for t in parsed.typed if not holds(t[0], t[2])]
    assert wrong == []
    assert typed >= 30
    sent_back = [status for name, _a, status, _h in pages.found if name.endswith(" junk")]
    assert len(sent_back) >= 15 and all(400 <= status < 500 for status in sent_back)
    check = next(html for name, _a, _s, html in pages.found if name == "check junk")
    assert "You entered “abc”." in check  # the message says what the field no longer shows


def test_no_image_without_an_address_and_no_empty_heading(pages: Pages) -> None:
    """The session page had ``<img src="">`` and an empty ``<h2>`` until its script ran (D8)."""
    for name, _address, _status, html in pages.found:
        parsed = Inputs()
        parsed.feed(html)
        assert all(image.get("src") for image in parsed.images), name
        assert parsed.empty_headings == [], name
    session = next(html for name, _a, _s, html in pages.found if name == "session ready")
    assert re.search(r'<h2 class="step-title" id="s-title" tabindex="-1">[^<]+</h2>', session)


def test_no_page_carries_a_code_point_html_forbids(pages: Pages) -> None:
    forbidden = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
    odd = [name for name, *_ in pages.found if name.endswith(" odd")]
    assert len(odd) >= 15
    assert [name for name, _a, _s, html in pages.found if forbidden.search(html)] == []


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        ("7", "number", "7"),
        ("-1.5e3", "number", "-1.5e3"),
        (".5", "number", ".5"),
        (4, "number", "4"),
        (None, "number", ""),
        ("abc", "number", ""),
        ("1.", "number", ""),
        ("٣", "number", ""),
        ("1,5", "number", ""),
        (" 7", "number", ""),
        ("2026-02-28", "date", "2026-02-28"),
        ("2026-02-30", "date", ""),
        ("28/02/2026", "date", ""),
        ("abc", "date", ""),
        ("08:00", "time", "08:00"),
        ("23:59:59.5", "time", "23:59:59.5"),
        ("24:00", "time", ""),
        ("8am", "time", ""),
        ("Dr Okafor", "text", "Dr Okafor"),
        ("two\nlines\x00", "text", "twolines"),
    ],
)
def test_a_value_is_shown_again_only_where_its_input_can_hold_it(
    value: object, kind: str, shown: str
) -> None:
    assert typed_value(value, kind) == shown
    assert kind == "text" or holds(kind, shown)


def test_every_typed_input_in_the_templates_shows_its_value_through_the_filter() -> None:
    """So a new form cannot echo what was typed into a number field unchecked."""
    unfiltered = []
    for template in sorted(Path(TEMPLATES).glob("*.html")):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<input\b[^>]*>", text, flags=re.DOTALL):
            kind = re.search(r'type="([a-z-]+)"', tag)
            value = re.search(r'value="([^"]*)"', tag)
            if kind is not None and kind[1] in ("hidden", "checkbox", "radio", "submit"):
                continue  # a value of our own, never what was typed
            if value is not None and "{{" in value[1] and "| typed(" not in value[1]:
                unfiltered.append(f"{template.name}: {tag}")
    assert unfiltered == []
