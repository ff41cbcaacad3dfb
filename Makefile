# The two commands at the top of README.md: `make up` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: up test install check clean dashboard graphiql browser

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## The dashboard's static assets (npm ci + vite build), skipped when dist is newer than its sources.
DASH := api/dashboard
DASH_SRC := $(shell find $(DASH)/src $(DASH)/public -type f) $(DASH)/index.html \
	$(DASH)/vite.config.js $(DASH)/package.json $(DASH)/package-lock.json
dashboard: $(DASH)/dist/index.html
$(DASH)/dist/index.html: $(DASH_SRC)
	cd $(DASH) && npm ci --no-audit --no-fund && npm run build

## GraphiQL's assets (npm ci + vite build; api/graphiql_site.py serves them), skipped likewise.
IDE := api/graphiql
IDE_SRC := $(shell find $(IDE)/src -type f) $(IDE)/index.html $(IDE)/vite.config.js \
	$(IDE)/package.json $(IDE)/package-lock.json $(DASH)/src/auth.js
graphiql: $(IDE)/dist/index.html
$(IDE)/dist/index.html: $(IDE_SRC)
	cd $(IDE) && npm ci --no-audit --no-fund && npm run build

## The main job: Neo4j up, schema, demo data, metrics, then the API and dashboard on 127.0.0.1:8000.
up: install dashboard graphiql
	$(BIN)/partnergraph up

## The tests, against a real Neo4j of their own (started for the run in .localdb-test/ on a
## free port, then deleted); never the database `make up` serves. PARTNERGRAPH_TEST_NEO4J_URI
## names another, empty, Neo4j instead.
test: install dashboard graphiql check browser
	$(BIN)/pytest

## Debian's Chromium for the dashboard tests (never a downloaded browser); needs root or sudo.
browser:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

## Lint (ruff), then types (mypy: strict on graph/, ingest/ and api/; settings in
## pyproject.toml); part of `make test`.
check: install
	$(BIN)/ruff check graph api ingest tests bench
	$(BIN)/mypy

clean:
	-$(BIN)/partnergraph db stop
	rm -rf $(VENV) .localdb .localdb-test .localdb-bench $(DASH)/dist $(DASH)/node_modules \
		$(IDE)/dist $(IDE)/node_modules
