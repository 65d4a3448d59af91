#!/usr/bin/env bash
# Every dependency floor in pyproject.toml is true (`make lowest`, part of `make test`).
#
# In a venv of its own (.venv-lowest, made afresh each time): uv from the package index; the
# lowest versions pyproject.toml allows for its dependencies and every extra (uv's
# lowest-direct resolution, written to lowest.txt); the wheel built from this tree, installed
# with them; then, from outside the tree so nothing is imported from src/, the CLI smoke
# tests and the fast unit tests. A floor that is not true fails here: raise it. A floor that
# another dependency lifts fails too (.ci/floors.py): no install would ever test it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=$ROOT/.venv-lowest
PY=$VENV/bin/python
started=$(date +%s)

rm -rf "$VENV"
"${PYTHON:-python3}" -m venv "$VENV"
"$PY" -m pip install --quiet --disable-pip-version-check 'uv>=0.5' 2>&1 | grep -v "^WARNING: Location" || true
UV=("$VENV/bin/uv" --quiet)

# The test tools at the floors the dev extra gives them.
printf '%s\n' 'pytest>=8' 'hypothesis>=6.100' 'httpx>=0.27' 'textstat>=0.7.3,<0.7.5' 'pypdf>=4' \
    > "$VENV/tools.in"
"${UV[@]}" pip compile --resolution lowest-direct --extra all --python "$PY" \
    pyproject.toml "$VENV/tools.in" -o "$VENV/lowest.txt"
"$PY" .ci/floors.py pyproject.toml "$VENV/lowest.txt"  # each floor is what gets installed
"${UV[@]}" build --wheel --out-dir "$VENV/dist" .
wheel=$(ls "$VENV"/dist/sciatica_coach-*.whl)
"${UV[@]}" pip install --python "$PY" -c "$VENV/lowest.txt" "$wheel[all]" -r "$VENV/tools.in"
echo "lowest: installed $(grep -cv '^ *#' "$VENV/lowest.txt") pinned distributions:" \
    "$(grep -E '^(typer|sqlalchemy|fastapi|fpdf2|pydantic|matplotlib|fhir-resources)==' \
    "$VENV/lowest.txt" | tr '\n' ' ')"

# The CLI from outside the tree, as a person who installed it runs it.
cd "$VENV"
export SCIATICA_COACH_HOME=$VENV/home
unset PYTHONPATH
"$VENV/bin/sciatica-coach" --version
"$VENV/bin/sciatica-coach" --help > /dev/null

# The tests, on the installed package (SCIATICA_COACH_WHEEL: the wheel whose metadata
# tests/test_packaging.py reads): the smoke tests of the installed program, and the unit tests
# that exercise each dependency (pydantic and PyYAML: content; SQLAlchemy and Alembic: storage,
# on PostgreSQL too when `make` started it; Typer and Rich: the CLI; FastAPI: the web smoke
# test; matplotlib, fhir.resources, icalendar, fpdf2, argon2, cryptography and segno: their
# exports and commands; rapidfuzz: describe), with a few of the pure domain and service tests.
# A few minutes.
tests=(
    test_installed.py test_packaging.py test_extras.py test_readme.py
    content/test_loader.py
    domain/test_matching.py domain/test_planning.py domain/test_screening_rules.py
    domain/describe/test_describe_words.py domain/describe/test_describe_red_flags.py
    coach/test_sessions.py coach/test_safety.py coach/test_accounts.py
    storage/test_migrations.py storage/test_journal.py
    cli/test_app.py cli/test_commands.py cli/test_library_commands.py cli/test_match_commands.py
    cli/test_journal_commands.py cli/test_report_command.py cli/test_serve_lan.py
    cli/test_windows_keys.py
    exports/test_fhir_bundle.py exports/test_chart.py exports/test_reminders_ics.py
    exports/test_csv_tables.py
)
SCIATICA_COACH_WHEEL=$wheel "$PY" -m pytest -p no:cacheprovider -c "$ROOT/pyproject.toml" \
    --rootdir "$ROOT" -W ignore::DeprecationWarning "${tests[@]/#/$ROOT/tests/}"
echo "lowest: done in $(($(date +%s) - started)) s"
