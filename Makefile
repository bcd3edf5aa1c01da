# vaart — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
UV     := UV_PYTHON_DOWNLOADS=never $(BIN)/uv
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)
# who `make run` chats as; `AS` is one of make's own variables (the assembler), so it is read only when
# given on the command line or in the environment: `make run AS=k.kern@regiodeal-zod.nl`
VAART_AS ?= $(if $(filter command line environment,$(origin AS)),$(AS),gast@voorbeeld.nl)

.PHONY: install run test lint bench load lock postgres chromium web-assets demo clean

## make install: .venv with exactly the versions in requirements.lock (hashes checked), never a new
## resolution; pip puts uv in from deploy/uv-bootstrap.lock, uv the rest (it removes what the lock lacks).
## Everything is compiled to bytecode once here: a `vaart` command then starts in half the time, also
## where PYTHONDONTWRITEBYTECODE keeps Python from writing it itself.
$(STAMP): requirements.lock deploy/uv-bootstrap.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r deploy/uv-bootstrap.lock
	$(UV) pip sync --quiet --python $(BIN)/python --require-hashes --compile-bytecode requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q -j 0 bot integrations storage scheduling >/dev/null
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

## make run: virtualenv, install, migrate, and the console chat on SQLite with the file outbox.
## Chat as someone else with `make run AS=k.kern@regiodeal-zod.nl` (add people with `vaart people add`).
run: install
	$(BIN)/vaart migrate
	$(BIN)/vaart chat --as $(VAART_AS)

## make test: install, make sure PostgreSQL is there (the tests start a throwaway cluster), run every test.
test: install postgres chromium
	$(BIN)/pytest -q -n 2 tests

## PostgreSQL server binaries for the throwaway test cluster (Debian/Ubuntu; root or sudo).
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then :; else \
		echo "installing PostgreSQL for the tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; \
	fi

## Debian's chromium for the web front end's browser tests (Playwright drives /usr/bin/chromium; it never
## downloads a browser of its own).
chromium:
	@if [ -x /usr/bin/chromium ]; then :; else \
		echo "installing chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

## make web-assets: vendor the NL Design System CSS and axe-core again from the npm registry (see the script).
web-assets:
	sh deploy/web-assets.sh

## make lint: ruff, mypy --strict, and the floor plan's import contracts ([tool.importlinter] in pyproject.toml)
lint: install
	$(BIN)/ruff check bot integrations storage scheduling tests
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

## make bench: the benchmarks under tests/bench, each next to its floor measured in the same run.
bench: install postgres
	$(BIN)/python -m tests.bench

## make load: the full load test, 20 requests/s for 10 minutes against vaart serve + worker on PostgreSQL
## (127.0.0.1 only); exit 1 when a target is missed. `make bench` runs the same script for 60 s.
load: install postgres
	$(BIN)/python -m tests.load --duration 600 --rate 20

## make lock: the only command that resolves: requirements.lock, deploy/requirements.lock and
## deploy/uv-bootstrap.lock from the ranges in pyproject.toml (every pin newest in its range; keep the
## pins that still fit with `make lock UPGRADE=`). Then `make test`, and commit the three files.
lock: $(BIN)/uv
	UV=$(BIN)/uv sh deploy/lock.sh

$(BIN)/uv: deploy/uv-bootstrap.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r deploy/uv-bootstrap.lock

demo: install
	$(BIN)/vaart demo

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
