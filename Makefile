# Everyday targets. `make up` and `make test` are the README's quick start.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# where `make up` and `make serve` listen: `make up PORT=8080`
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup up serve worker migrate seed test lint schemalint audit killtest nightly quality bench clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null || { echo "newsgraph needs $(PY) on PATH"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)  ## virtualenv with newsgraph and its dev tools

migrate: setup
	scripts/services
	$(BIN)/newsgraph migrate

seed: migrate  ## ingest the seed pages (in-process: no worker needed)
	$(BIN)/newsgraph ingest --inline seeds

up: seed  ## serve GraphQL + GraphiQL on http://$(HOST):$(PORT)/graphql with a worker, seeds ingested
	$(BIN)/newsgraph worker & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(BIN)/newsgraph serve --host $(HOST) --port $(PORT)

serve: setup
	$(BIN)/newsgraph serve --host $(HOST) --port $(PORT)

worker: setup
	$(BIN)/newsgraph worker

AUDIT_DEPS := tests/http_audit/node_modules/.package-lock.json

# graphql-http, for the GraphQL-over-HTTP audit test (tests/cli/test_serve_http_audit.py)
$(AUDIT_DEPS): tests/http_audit/package-lock.json
	@command -v npm >/dev/null || { echo "the GraphQL-over-HTTP audit test needs node and npm on PATH"; exit 1; }
	cd tests/http_audit && npm ci --no-audit --no-fund --loglevel=error

test: setup $(AUDIT_DEPS)  ## the whole suite against the local PostgreSQL and Redis (scratch databases only)
	scripts/services
	$(BIN)/pytest

lint: setup  ## ruff, ruff format, mypy, and the schema's descriptions (schemalint)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(MAKE) --no-print-directory schemalint

SCHEMA_LINT := tests/schema_lint
SCHEMA_LINT_DEPS := $(SCHEMA_LINT)/node_modules/.package-lock.json

# graphql-schema-linter, pinned in tests/schema_lint/package-lock.json
$(SCHEMA_LINT_DEPS): $(SCHEMA_LINT)/package-lock.json
	@command -v npm >/dev/null || { echo "make schemalint needs node and npm on PATH"; exit 1; }
	cd $(SCHEMA_LINT) && npm ci --no-audit --no-fund --loglevel=error

# the rules are in tests/schema_lint/graphql-schema-linter.config.js; a file, not a pipe, so a failed
# export fails here instead of linting an empty schema
schemalint: setup $(SCHEMA_LINT_DEPS)  ## every type, field, argument, enum value and input field of the served schema is described
	$(BIN)/newsgraph export-schema > $(VENV)/exported-schema.graphql
	$(SCHEMA_LINT)/node_modules/.bin/graphql-schema-linter --config-directory $(SCHEMA_LINT) \
		$(VENV)/exported-schema.graphql

audit: setup  ## fails on a dependency with a known vulnerability and a fixed release
	$(BIN)/python scripts/audit.py

quality: setup  ## extraction figures against the gold of the seeds, dev2 and the bench/blind* sets
	$(BIN)/python bench/quality.py

killtest: setup  ## SIGKILL the worker 3 times during a 1,000-page run; the result must equal an undisturbed run
	scripts/services
	$(BIN)/python bench/kill_test.py --pages 1000 --kills 3 --corpus flat

nightly: setup  ## the property tests with many more examples
	HYPOTHESIS_PROFILE=nightly $(BIN)/pytest tests/pipeline/test_properties.py

bench: setup
	$(BIN)/python bench/ingest.py --sizes 1000 --modes inline,workers

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
