# cyberlib — every target sets up .venv on first use (Python >= 3.11 as `python3`).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export MPLBACKEND := Agg
export PYTHONHASHSEED := 0

.PHONY: help setup test lint doctest unit notebooks refresh report lab bench fuzz eval eval-relevance clean

help:
	@echo "make report  - set up .venv, execute notebooks/ and write reports/ (HTML + PNG charts)"
	@echo "make test    - set up .venv, run lint, doctests, pytest and the notebooks under nbval"
	@echo "make lab     - open JupyterLab on notebooks/"
	@echo "make bench   - run the speed and memory benchmarks in benchmarks/"
	@echo "make fuzz    - run the property tests (hypothesis) with many more examples"
	@echo "make eval    - score statistics on our real-news gold (needs ../shared/vinews)"
	@echo "make refresh - re-execute notebooks/ in place (after a change to the library's results)"
	@echo "make eval-relevance - score relevance and top themes on our labels (needs ../shared/vinews)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev,dask]"
	touch $(STAMP)

setup: $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check cyberlib tests benchmarks notebooks
	$(BIN)/ruff format --check cyberlib tests benchmarks

doctest: $(STAMP)
	$(BIN)/python -m pytest -q --doctest-modules cyberlib

unit: $(STAMP)
	$(BIN)/python -m pytest -q tests

notebooks: $(STAMP)
	$(BIN)/python -m pytest -q --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg notebooks

test: lint doctest unit notebooks

refresh: $(STAMP)
	$(BIN)/python -c "from cyberlib.report.build import refresh_notebooks; refresh_notebooks('notebooks')"

report: $(STAMP)
	$(BIN)/cyberlib report --out reports/

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

# every test that uses hypothesis carries its `hypothesis` marker
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -m hypothesis tests

bench: $(STAMP)
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

eval: $(STAMP)
	$(BIN)/python benchmarks/eval_statistics.py
	$(BIN)/python benchmarks/eval_numerals.py

eval-relevance: $(STAMP)
	$(BIN)/python benchmarks/eval_relevance.py

clean:
	rm -rf $(VENV) reports .cyberlib-cache
