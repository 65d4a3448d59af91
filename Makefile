# Two commands matter: `make run` and `make test`. Both set up what they need first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test setup lint unit clean bench

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/sciatica-coach serve

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest

test: lint unit

# Speed as ratios against baselines run alongside (bench/bench_all.py); not part of `make test`.
bench: setup
	$(BIN)/python -m bench.bench_all
	$(BIN)/python -m bench.bench_describe
	$(BIN)/python -m bench.bench_integrity
	$(BIN)/python -m bench.bench_backup

# PostgreSQL for the storage tests: .ci/postgres.sh starts (installing if needed) a server on
# 127.0.0.1 for this URL. Set the URL to use your own server, or SCIATICA_COACH_SKIP_POSTGRES=1.
export SCIATICA_COACH_TEST_POSTGRES_URL ?= postgresql+psycopg://sciatica:sciatica@127.0.0.1:5432/sciatica_test

.PHONY: postgres
postgres:
	@bash .ci/postgres.sh

test: postgres
unit: postgres

# Debian's packages the tests drive: Chromium for the browser tests (Playwright drives it; no
# browser download) and caddy for the hosted test (tests/deploy/test_hosted_e2e.py: HTTPS in
# front of the app with deploy/Caddyfile, as compose.yaml runs it, without Docker); qpdf and
# poppler-utils for the PDF tests (qpdf --check, pdffonts, pdftotext, pdfinfo).
# Java and npm for the Nu HTML Checker (tests/web/test_html_validity.py; see vnu below).
DEBIAN_TOOLS := chromium caddy qpdf poppler-utils default-jre-headless npm

.PHONY: tools browser caddy
tools:
	@missing=$$(for p in $(DEBIAN_TOOLS); do command -v $$p >/dev/null || dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	test -z "$$missing" || { \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; }
browser caddy: tools

test: tools
unit: tools

# The Nu HTML Checker (vnu) checks every page in tests/web/test_html_validity.py. Debian has
# no package of it: npm's vnu-jar is the checker's own release of vnu.jar, run on Debian's
# Java (--ignore-scripts: its own Java download is not wanted).
VNU_VERSION := 26.9.27
.PHONY: vnu
vnu: tools
	@test -f "$$(npm root -g)/vnu-jar/build/dist/vnu.jar" || \
		npm install -g --ignore-scripts --no-audit --no-fund vnu-jar@$(VNU_VERSION) >/dev/null

test: vnu
unit: vnu

clean:
	rm -rf $(VENV) .venv-lowest .pytest_cache .mypy_cache .ruff_cache .hypothesis

# Every floor in pyproject.toml is true: the lowest versions it allows (uv's lowest-direct
# resolution; uv from the package index) installed from a freshly built wheel into a venv of
# their own, then the CLI smoke tests and the pure unit tests run on them from outside the
# tree (.ci/lowest.sh says which). `make lowest` alone runs just this (and PostgreSQL).
.PHONY: lowest
lowest: postgres
	@bash .ci/lowest.sh

test: lowest

# The calendar matrix (issue 27, item 7): the date-sensitive tests with the clock frozen at
# awkward moments (a Sunday's last minute, the clock changes in London and New York, New
# Year's Eve, 29 February), each in its zone; the moments are listed in .ci/calendar.sh.
.PHONY: calendar
calendar: setup
	@PYTHON=$(BIN)/python bash .ci/calendar.sh

test: calendar
