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

# The browser tests of `briefing serve` drive Debian's Chromium (never a downloaded browser): as root
# (CI, a fresh machine) it is installed here; otherwise the tests say what to install.
test: $(VENV)/.installed-test
	@command -v chromium >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "the browser tests need Debian's Chromium: sudo apt-get install chromium"; fi; }
	$(BIN)/ruff check briefing tests bench examples
	$(BIN)/mypy
	$(BIN)/pytest -q
	cd examples/briefing-watchlist && ../../$(BIN)/pytest -q

# The quality evaluations (bench/eval_*.py) need the bench extra, installed by the test set-up, and
# the timeline scorer's ROUGE-1.5.5 needs Perl's XML::DOM (Debian: libxml-dom-perl).
bench: $(VENV)/.installed-test
	@perl -MXML::DOM -e1 2>/dev/null || { if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml-dom-perl >/dev/null; \
	  else echo "bench/eval_timelines.py needs Perl's XML::DOM: sudo apt-get install libxml-dom-perl"; fi; }
	@echo "ready: .venv/bin/python bench/eval_stories.py, eval_timelines.py, eval_risks.py, eval_entities.py, throughput.py ..."

lint: $(VENV)/.installed-test
	$(BIN)/ruff check briefing tests bench examples
	$(BIN)/mypy

clean:
	rm -rf $(VENV) out .briefing
