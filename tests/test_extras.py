"""Optional parts are extras: without one, the command or page that needs it says which extra
to install (the CLI exits 2, the web app answers 501 with the same words), and the rest of
the app works. A missing package is simulated by ``sys.modules[name] = None``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sciatica_coach.cli.app import app as cli_app
from sciatica_coach.exports import fhir_parts
from sciatica_coach.extras import EXTRAS, MissingExtra, install_hint, installed, needed
from sciatica_coach.storage import StorageError
from sciatica_coach.storage.database import create
from sciatica_coach.web import create_app

Remove = Callable[[str], None]
LOADED_WITH = {"charts": ["sciatica_coach.exports.chart"]}
"""The app's modules that import an extra's packages as they load."""


@pytest.fixture
def without(monkeypatch: pytest.MonkeyPatch) -> Iterator[Remove]:
    """``without(extra)``: the extra's packages cannot be imported (nor the app's modules
    that import them, if they were already loaded)."""
    fhir_parts.get_fhir_model_class.cache_clear()

    def remove(extra: str) -> None:
        for module in EXTRAS[extra].modules:
            for name in [n for n in sys.modules if n == module or n.startswith(module + ".")]:
                monkeypatch.delitem(sys.modules, name)
            monkeypatch.setitem(sys.modules, module, None)
        for name in LOADED_WITH.get(extra, []):
            monkeypatch.delitem(sys.modules, name, raising=False)

    yield remove
    fhir_parts.get_fhir_model_class.cache_clear()


def test_only_the_extras_own_import_error_is_reworded(without: Remove) -> None:
    assert installed("charts")
    without("charts")
    assert not installed("charts")
    hint = r"pipx install --force '\.\[all\]'"
    with pytest.raises(MissingExtra, match=hint), needed("charts"):
        import matplotlib  # noqa: F401
    with pytest.raises(ImportError) as raised, needed("charts"):
        import a_module_that_is_not_there  # type: ignore[import-not-found]  # noqa: F401
    assert not isinstance(raised.value, MissingExtra)


@pytest.mark.parametrize(
    ("extra", "args"),
    [
        ("charts", ["progress", "--chart", "{out}/chart.png"]),
        ("fhir", ["export", "--format", "fhir", "--out", "{out}/journal.fhir.json"]),
        ("png", ["map", "--where", "left:buttock_center", "--out", "{out}/map.png"]),
    ],
)
def test_a_command_says_which_extra_to_install(
    without: Remove, tmp_path: Path, extra: str, args: list[str]
) -> None:
    without(extra)
    result = CliRunner().invoke(cli_app, [a.format(out=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    said = " ".join(result.stderr.split())
    assert install_hint(extra) in said  # from the checkout: not on the package index yet
    assert "pipx install --force '.[all]'" in said and f"pip install '.[{extra}]'" in said
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_a_postgresql_journal_says_to_install_the_postgres_extra(without: Remove) -> None:
    without("postgres")
    with pytest.raises(StorageError) as raised:
        create("postgresql+psycopg://coach@127.0.0.1/journal")
    assert install_hint("postgres") in str(raised.value)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(f"sqlite+pysqlite:///{tmp_path / 'journal.sqlite3'}")
    with TestClient(app, base_url="http://127.0.0.1:8000") as test_client:
        yield test_client


def test_the_web_app_says_which_extra_to_install(without: Remove, client: TestClient) -> None:
    without("charts")
    without("fhir")
    chart = client.get("/journal/chart.svg")
    assert chart.status_code == 501
    assert "The progress chart is not part of this installation." in chart.text
    assert "Whoever set up Sciatica Coach can add it (the &#34;charts&#34; extra)" in chart.text
    assert "pipx" not in chart.text  # the person using the app may not be the one who set it up
    assert "Traceback" not in chart.text
    export = client.get("/api/journal/export", params={"format": "fhir"})
    assert export.status_code == 501
    assert export.json()["detail"]["code"] == "extra_not_installed"
    assert install_hint("fhir") in export.json()["detail"]["message"]  # for a program's author
    journal = client.get("/journal")  # the rest works; the page says why there is no chart
    assert journal.status_code == 200
    assert "The progress chart is not part of this installation." in journal.text
    assert "/journal/chart.svg" not in journal.text
    assert client.get("/api/journal/export").status_code == 200
    declared = client.get("/api/openapi.json").json()["paths"]["/api/journal/export"]["get"]
    schema = declared["responses"]["501"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/ErrorOut"}  # the body above, declared
