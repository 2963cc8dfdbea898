# Two commands: `make run` opens the app, `make test` runs every check. Both set up .venv first
# (packaging/bootstrap.py: quick when nothing changed; the first time compiles llama.cpp).
PYTHON ?= python3
BIN := .venv/bin

.PHONY: setup run test lint bench llama-bench clean

setup:
	@$(PYTHON) packaging/bootstrap.py

run: setup
	$(BIN)/assistant

lint: setup
	$(BIN)/lint-imports
	$(BIN)/ruff check assistant tests packaging

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

llama-bench: setup
	packaging/build-llama-bench.sh $(BIN)

bench: llama-bench
	$(BIN)/assistant bench engine

clean:
	rm -rf .venv .pytest_cache .ruff_cache
