"""Shared fixtures. Tests use the real parts: llama.cpp with the real default model, real files,
real Qt (offscreen). Every test gets its own ASSISTANT_HOME, so no test touches the developer's files.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from assistant import paths as paths_mod
from assistant.engine.process import LocalEngine
from assistant.models.store import default_model_path


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> paths_mod.Paths:
    """Point every app path at a fresh folder under tmp_path (child processes inherit it)."""
    monkeypatch.setenv(paths_mod.HOME_ENV, str(tmp_path / "home"))
    paths_mod.get.cache_clear()
    yield paths_mod.get().ensure()
    paths_mod.get.cache_clear()


@pytest.fixture(autouse=True)
def no_leftover_threads():
    """Fail a test that leaves non-daemon threads running (napari's rule): they outlive the test
    and make the next one flaky."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5
    while True:
        extra = [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
        if not extra or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert not extra, f"test left threads running: {[t.name for t in extra]}"


@pytest.fixture(scope="session")
def default_model() -> Path:
    return default_model_path()


@pytest.fixture(scope="session")
def session_paths(tmp_path_factory: pytest.TempPathFactory) -> paths_mod.Paths:
    root = tmp_path_factory.mktemp("engine-home")
    return paths_mod.Paths(root / "config", root / "data", root / "cache", root / "logs", root / "state").ensure()


@pytest.fixture(scope="session")
def engine(session_paths: paths_mod.Paths, default_model: Path) -> LocalEngine:
    """One engine process with the default model, shared by the tests that only ask it things."""
    local = LocalEngine(session_paths, default_model, {"n_ctx": 2048})
    local.ensure_ready()
    yield local
    local.close()


@pytest.fixture
def model_copy(tmp_path: Path, default_model: Path):
    """Returns a function that copies the default model into tmp_path, patched at byte level.

    ``patch(find=b"...", replace=b"...")`` replaces bytes of equal length, so the GGUF's layout is
    kept and only the chosen metadata changes (a model with a hostile template, a huge context...).
    """

    def make(name: str, *, find: bytes | None = None, replace: bytes | None = None) -> Path:
        target = tmp_path / name
        shutil.copyfile(default_model, target)
        if find is not None:
            assert replace is not None and len(find) == len(replace)
            with open(target, "r+b") as f:
                head = f.read(4 * 1024 * 1024)
                at = head.find(find)
                assert at >= 0, f"{find[:40]!r} not in the model header"
                f.seek(at)
                f.write(replace)
        return target

    return make
