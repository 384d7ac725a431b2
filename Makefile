# annalist — the two commands of the README, on a fresh machine with only Python.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DB     ?= annalist.duckdb

.PHONY: demo test install clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/annalist run examples --db $(DB)
	$(BIN)/annalist events --db $(DB)
	$(BIN)/annalist stories --db $(DB)

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src/annalist
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
