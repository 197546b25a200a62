# Samordna — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app app
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test install install-dev lock catalogs migrate seed lint format bench clean help

help:
	@echo "make run    – install, migrate, load demo data on first run, serve on http://127.0.0.1:$(PORT)"
	@echo "             (without debug mode; make run FLASK_DEBUG=1 for the Werkzeug debugger)"
	@echo "make test   – the whole test suite (SQLite; TEST_DATABASE_URL=… for PostgreSQL)"
	@echo "make lint   – ruff check and format check"
	@echo "make bench  – the page benchmark on SQLite; BENCH_ARGS=all for every one (docs/benchmarks.md)"
	@echo "make lock   – renew requirements.lock and requirements-dev.lock (LOCK_ARGS=--upgrade for newer versions)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs come from the lock files: every package pinned, every file checked against its hash.
$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	touch $@

# The dev lock pins the same runtime versions as requirements.lock, plus the test tools.
$(VENV)/.installed-dev: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements-dev.lock
	touch $(VENV)/.installed $@

install: $(VENV)/.installed catalogs
install-dev: $(VENV)/.installed-dev catalogs

# The lock files are made from requirements.txt and requirements-dev.txt by pip-tools (itself
# pinned in the dev lock). Without LOCK_ARGS a pinned version stays as long as it still fits
# the bounds; LOCK_ARGS=--upgrade (or "-P NAME") moves to newer releases.
LOCK_FLAGS := --quiet --generate-hashes --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock: $(VENV)/.installed-dev
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile $(LOCK_FLAGS) \
		--output-file requirements.lock requirements.txt
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile $(LOCK_FLAGS) \
		--output-file requirements-dev.lock requirements-dev.txt

# Swedish catalogs are compiled from app/translations/sv/*.po; the .mo is never committed.
catalogs: | $(BIN)/python
	@$(BIN)/python -c "from app.i18n import main; main()"

migrate: install
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo --if-empty

# Debug mode serves the Werkzeug debugger (tracebacks that run code, /console): only when a
# developer asks for it, `make run FLASK_DEBUG=1`. Plain HTTP on 127.0.0.1, so cookies are
# not marked Secure here (SESSION_COOKIE_SECURE=0); production keeps them Secure.
FLASK_DEBUG ?= 0
SESSION_COOKIE_SECURE ?= 0
run: seed
	@echo "Samordna: http://127.0.0.1:$(PORT)  (demo: chef@example.com / samordna-demo)"
	@if [ -n "$$MAIL_URL" ]; then echo "E-post: skickas av 'flask --app app mail send' (MAIL_URL är satt)"; \
	else echo "E-post: MAIL_URL är inte satt – utskick sparas i Utkorgen men skickas inte"; fi
	FLASK_DEBUG=$(FLASK_DEBUG) SESSION_COOKIE_SECURE=$(SESSION_COOKIE_SECURE) \
		$(FLASK) run --no-reload --host 127.0.0.1 --port $(PORT)

test: install-dev
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-dev
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
