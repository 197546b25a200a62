# Samordna — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app app
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test install install-dev catalogs migrate seed lint format bench clean help

help:
	@echo "make run    – install, migrate, load demo data on first run, serve on http://127.0.0.1:$(PORT)"
	@echo "make test   – the whole test suite (SQLite; TEST_DATABASE_URL=… for PostgreSQL)"
	@echo "make lint   – ruff check and format check"
	@echo "make bench  – benchmarks (see bench/ and docs/benchmarks.md)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed catalogs
install-dev: $(VENV)/.installed-dev catalogs

# Swedish catalogs are compiled from app/translations/sv/*.po; the .mo is never committed.
catalogs: | $(BIN)/python
	@$(BIN)/python -c "from app.i18n import main; main()"

migrate: install
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo --if-empty

run: seed
	@echo "Samordna: http://127.0.0.1:$(PORT)  (demo: chef@example.com / samordna-demo)"
	$(FLASK) run --debug --no-reload --host 127.0.0.1 --port $(PORT)

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
