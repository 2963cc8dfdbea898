"""Where the app keeps its files: platformdirs locations, resolved once.

Set ``ASSISTANT_HOME`` to keep everything under one folder instead (portable installs, and the
tests, which point it at a temporary directory). Folders are created private to the user (0700)
because they hold conversations, drafts and API keys.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "assistant"
HOME_ENV = "ASSISTANT_HOME"
DATABASE_NAME = "assistant.db"


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    """settings.toml lives here."""
    data_dir: Path
    """The database, adapters and user files."""
    cache_dir: Path
    """Things that can be rebuilt."""
    log_dir: Path
    """assistant.log (the app) and engine.log (the engine process's own output)."""
    state_dir: Path
    """Small runtime state: which model was being loaded when the engine died, the instance lock."""

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def database_file(self) -> Path:
        """Conversations, drafts, presets and summaries (shared by the app and ``assistant chat``)."""
        return self.data_dir / DATABASE_NAME

    @property
    def library_file(self) -> Path:
        """The Library's index (collections, passages, vectors): rebuildable from the files, so kept
        apart from the conversations (``library.store`` says why)."""
        return self.data_dir / "library.sqlite3"

    @property
    def models_dir(self) -> Path:
        """The app's own bookkeeping for models (quarantine, which files' SHA-256 matched), outside the
        shared Hugging Face cache that holds the files themselves."""
        return self.data_dir / "models"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "assistant.log"

    @property
    def engine_log_file(self) -> Path:
        return self.log_dir / "engine.log"

    def ensure(self) -> Paths:
        """Create every folder (mode 0700); return self so calls can chain."""
        for folder in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir, self.state_dir):
            make_private_dir(folder)
        return self


def make_private_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    # mkdir's mode is filtered by the umask and ignored for existing folders: set it explicitly.
    if os.name == "posix":
        folder.chmod(0o700)


def resources_dir() -> Path:
    """The read-only data shipped with the app (presets, translations, icons): ``resources/`` in a
    source checkout, or next to the executable in a packaged build (PyInstaller's ``_MEIPASS``)."""
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


@functools.cache
def get() -> Paths:
    """The app's paths. Cached: call ``get.cache_clear()`` after changing ``ASSISTANT_HOME``."""
    home = os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser().resolve()
        return Paths(root / "config", root / "data", root / "cache", root / "logs", root / "state")
    import platformdirs

    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return Paths(
        Path(dirs.user_config_dir),
        Path(dirs.user_data_dir),
        Path(dirs.user_cache_dir),
        Path(dirs.user_log_dir),
        Path(dirs.user_state_dir),
    )
