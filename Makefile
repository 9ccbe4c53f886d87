# Every target here is what CI runs; `.ci/run` calls `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/dateline
SHARED_EXAMPLES := $(wildcard ../shared/examples)

.PHONY: up install install-test test test-sqlite test-postgres lint bench services browser clean

up: $(VENV)/.installed  ## set up and run Dateline on the embedded default (SQLite)
	$(VENV)/bin/dateline up $(SHARED_EXAMPLES)

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

browser:  ## Debian's Chromium for the Playwright tests (Playwright cannot download browsers here), axe-core
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@test -f tests/browser/node_modules/axe-core/axe.min.js || npm ci --prefix tests/browser --no-audit --no-fund --silent

services:  ## PostgreSQL and Redis for the tests that use them; each started if it is down
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start; \
	  for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { \
	  command -v redis-server >/dev/null || { echo "redis-server is not installed"; exit 1; }; \
	  mkdir -p /tmp/dateline-redis; \
	  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
	    --dir /tmp/dateline-redis --logfile /tmp/dateline-redis/redis.log; \
	  for i in $$(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done; }

test: install-test browser services lint test-sqlite test-postgres  ## the whole suite, on SQLite and PostgreSQL

test-sqlite:
	DATELINE_DATA_DIR=$(CURDIR)/.test-data/sqlite $(PY) -m pytest -q --durations=15

test-postgres:
	DATELINE_DATA_DIR=$(CURDIR)/.test-data/postgres DATELINE_DATABASE_URL=$(PG_URL) $(PY) -m pytest -q --durations=15

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: install-test  ## every benchmark; results in bench/results/*.json
	$(PY) -m bench.extraction
	$(PY) -m bench.import_speed
	$(PY) -m bench.trace_versions
	$(PY) -m bench.trace_farm
	$(PY) -m bench.trace_same_event
	$(PY) -m bench.trace_dates
	$(PY) -m bench.trace_speed
	$(PY) -m bench.trace_sql_speed
	$(PY) -m bench.gather_fetch
	$(PY) -m bench.gather_poll
	$(PY) -m bench.stories
	$(PY) -m bench.serve_load

clean:
	rm -rf .test-data data/test.sqlite3
