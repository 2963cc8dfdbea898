# Two commands: `make run` opens the app, `make test` runs every check. Both set up .venv first
# (packaging/bootstrap.py: quick when nothing changed; the first time compiles llama.cpp).
PYTHON ?= python3
BIN := .venv/bin

.PHONY: setup run test test-slow lint bench llama-bench package i18n clean
TRANSLATIONS := $(patsubst %.ts,%.qm,$(wildcard resources/i18n/*.ts))
UI_SOURCES := assistant/app.py $(wildcard assistant/ui/*.py assistant/ui/*/*.py)

setup:
	@$(PYTHON) packaging/bootstrap.py
	@$(MAKE) --no-print-directory $(TRANSLATIONS)

resources/i18n/%.qm: resources/i18n/%.ts
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# After changing UI strings: refresh the .ts files, then translate what lupdate marks unfinished.
i18n: setup
	$(BIN)/pyside6-lupdate -no-obsolete $(UI_SOURCES) -ts resources/i18n/*.ts

run: setup
	$(BIN)/assistant

lint: setup
	$(BIN)/lint-imports
	$(BIN)/ruff check assistant tests packaging

test: lint
	packaging/system-deps.sh
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

test-slow: lint
	packaging/system-deps.sh
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m slow

package: setup
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/assistant.spec
	@echo "built dist/assistant/assistant"

llama-bench: setup
	packaging/build-llama-bench.sh $(BIN)

bench: llama-bench
	$(BIN)/assistant bench engine

clean:
	rm -rf .venv .pytest_cache .ruff_cache build dist resources/i18n/*.qm
