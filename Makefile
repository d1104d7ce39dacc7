# The two set-up commands of the README: `make run` and `make test`.
# Each creates .venv on first use and reinstalls only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONFIG ?= briefings.yaml

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml examples/briefing-watchlist/pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test,bench,llm,dask]"
	$(BIN)/pip install --quiet -e examples/briefing-watchlist
	touch $@

run: $(VENV)/.installed
	$(BIN)/briefing --config $(CONFIG) run

test: $(VENV)/.installed-test
	$(BIN)/ruff check briefing tests bench examples
	$(BIN)/mypy
	$(BIN)/pytest -q
	cd examples/briefing-watchlist && ../../$(BIN)/pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check briefing tests bench examples
	$(BIN)/mypy

clean:
	rm -rf $(VENV) out .briefing
