# Two commands: `make run` opens the app, `make test` runs every check. Both set up .venv first
# (packaging/bootstrap.py: from packaging/lock.txt; quick when nothing changed; the first time
# compiles llama.cpp, and `make test` also llama.cpp's own llama-server, cached under ~/.cache).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export ASSISTANT_VENV := $(VENV)

.PHONY: setup run test test-slow test-latest lock lint bench llama-bench llama-server package i18n clean
TRANSLATIONS := $(patsubst %.ts,%.qm,$(wildcard resources/i18n/*.ts))
UI_SOURCES := assistant/app.py $(wildcard assistant/ui/*.py assistant/ui/*/*.py)
# Errors raised below the UI are marked translatable("…") (assistant/errors.py); lupdate reads them
# as Qt's QT_TR_NOOP. tests/test_i18n.py runs lupdate over the same files with the same flags.
ERROR_SOURCES = $(shell grep -rlw --include='*.py' translatable assistant | grep -v '^assistant/ui/')
LUPDATE_FLAGS := -no-obsolete -tr-function-alias QT_TR_NOOP+=translatable

setup:
	@$(PYTHON) packaging/bootstrap.py
	@$(MAKE) --no-print-directory $(TRANSLATIONS)

resources/i18n/%.qm: resources/i18n/%.ts
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# After changing UI strings: refresh the .ts files, then translate what lupdate marks unfinished.
i18n: setup
	$(BIN)/pyside6-lupdate $(LUPDATE_FLAGS) $(UI_SOURCES) $(ERROR_SOURCES) -ts resources/i18n/*.ts

run: setup
	$(BIN)/assistant

lint: setup
	$(BIN)/lint-imports
	$(BIN)/ruff check assistant tests packaging

# llama-server: the remote-engine tests run the app's client against llama.cpp's own server.
test: lint llama-server
	packaging/system-deps.sh
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The suite against the newest versions pyproject.toml allows, in .venv-latest: drift found on
# purpose. When it passes, `make lock` takes those versions into the lock.
test-latest:
	@ASSISTANT_UNLOCKED=1 $(MAKE) --no-print-directory test VENV=.venv-latest

# Refresh packaging/lock.txt and lock-cuda.txt to the newest versions allowed (then `make test`).
lock: setup
	$(BIN)/python packaging/lock.py --uv $(BIN)/uv

test-slow: lint
	packaging/system-deps.sh
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m slow

package: setup
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/assistant.spec
	@echo "built dist/assistant/assistant"

llama-bench: setup
	packaging/build-llama-tool.sh $(BIN) llama-bench

# llama.cpp's own server: the real remote engine the app's client is tested against.
llama-server: setup
	packaging/build-llama-tool.sh $(BIN) llama-server

bench: llama-bench
	$(BIN)/assistant bench engine

clean:
	rm -rf .venv .venv-latest .pytest_cache .ruff_cache build dist resources/i18n/*.qm
