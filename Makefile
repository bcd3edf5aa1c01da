# vaart — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
AS     ?= gast@voorbeeld.nl

.PHONY: install run test lint bench load lock postgres demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

## make run: virtualenv, install, migrate, and the console chat on SQLite with the file outbox.
## Chat as someone else with `make run AS=k.kern@regiodeal-zod.nl` (add people with `vaart people add`).
run: install
	$(BIN)/vaart migrate
	$(BIN)/vaart chat --as $(AS)

## make test: install, make sure PostgreSQL is there (the tests start a throwaway cluster), run every test.
test: install postgres
	$(BIN)/pytest -q tests

## PostgreSQL server binaries for the throwaway test cluster (Debian/Ubuntu; root or sudo).
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then :; else \
		echo "installing PostgreSQL for the tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; \
	fi

lint: install
	$(BIN)/ruff check bot integrations storage scheduling tests
	$(BIN)/mypy

## make bench: the benchmarks under tests/bench, each next to its floor measured in the same run.
bench: install postgres
	$(BIN)/python -m tests.bench

## make load: the full load test, 20 requests/s for 10 minutes against vaart serve + worker on PostgreSQL
## (127.0.0.1 only); exit 1 when a target is missed. `make bench` runs the same script for 60 s.
load: install postgres
	$(BIN)/python -m tests.load --duration 600 --rate 20

## make lock: deploy/requirements.lock again (the versions tested in .venv, with their hashes) after a
## dependency in pyproject.toml changed; needs pypi.org.
lock: install
	sh deploy/lock.sh

demo: install
	$(BIN)/vaart demo

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
