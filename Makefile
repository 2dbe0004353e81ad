# The two commands of the README. Each sets up what it needs: the virtual environment and packages
# (re-installed only when pyproject.toml changes) and Java for the HermiT reasoner.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run build test setup browser virtuoso

## make run: build and validate the graph (summary and outputs printed), then serve the explorer on
## http://127.0.0.1:8080/ (query page, SPARQL endpoint, entity pages, map, validation page)
run: setup
	$(BIN)/jwc serve $(SERVE_ARGS)

## make build: build and validate the graph only
build: setup
	$(BIN)/jwc build

## make test: lint and format check (ruff), then the whole test suite (slow tests included); installs Chromium
## for the browser tests and Virtuoso for the remote-store tests
test: setup browser virtuoso
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

setup: $(STAMP)
	@command -v java >/dev/null 2>&1 || { echo "installing Java for the HermiT reasoner"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

# Debian's Chromium, driven by the playwright package (playwright cannot download its own browsers here).
browser:
	@command -v chromium >/dev/null 2>&1 || { echo "installing Chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's Virtuoso unpacked into .venv/virtuoso (nothing installed system-wide), for the tests that push to
# a real Virtuoso; kept once it works. If it cannot be had, .venv/virtuoso/UNAVAILABLE says why and those tests skip.
virtuoso: setup
	@bash tests/install_virtuoso.sh $(VENV)/virtuoso

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)
