# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test lint typecheck unit services services-stop benchmark score clean help

help:
	@echo "make demo   - install into .venv, analyze examples/corpus into lagebild.db, write out/report.html"
	@echo "make test   - install dev tools, run ruff, mypy and the test suite (with Chromium and a throwaway PostgreSQL; see README)"
	@echo "make score  - analyze the dev seeds and score them with ../shared/tools/score.py"
	@echo "make benchmark - run benchmarks/pipeline.py (not part of the tests)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

demo: $(STAMP)
	$(BIN)/lagebild demo examples/corpus --db sqlite:///lagebild.db --output out/report.html

services:
	bash scripts/test-services.sh start

services-stop:
	bash scripts/test-services.sh stop

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: $(DEVSTAMP)
	$(BIN)/mypy

unit: $(DEVSTAMP)
	$(BIN)/pytest -n 2 --dist loadfile

# A throwaway PostgreSQL cluster for this run (own data directory, port and random password,
# 127.0.0.1 only), stopped and deleted when the tests end, also on failure or Ctrl-C.
test: $(DEVSTAMP) lint typecheck
	@bash -c 'trap "bash scripts/test-services.sh stop" EXIT; bash scripts/test-services.sh start && \
	  . ./.test-env && $(BIN)/pytest -n 2 --dist loadfile'

score: $(STAMP)
	$(BIN)/lagebild analyze ../shared/corpus/seeds --db sqlite:///out/seeds.db --quiet --force
	$(BIN)/lagebild export --db sqlite:///out/seeds.db --format jsonl -o out/seeds.jsonl
	$(PYTHON) ../shared/tools/score.py out/seeds.jsonl ../shared/gold

benchmark: $(STAMP)
	$(BIN)/python benchmarks/pipeline.py

clean:
	rm -rf $(VENV) out lagebild.db .test-env
