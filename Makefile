# Two commands a newcomer needs: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint bench clean

$(BIN)/saaransh: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev,ray]"
	@touch $@

install: $(BIN)/saaransh

# Summarise the five seed articles (offline, extractive) and group them into events.
demo: install
	rm -f out/seeds.jsonl  # a demo shows the work; a real run would resume instead
	$(BIN)/saaransh summarise seeds/ --cluster --out out/seeds.jsonl
	@echo "wrote out/seeds.jsonl"

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check service tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) out data .pytest_cache .ruff_cache .mypy_cache
