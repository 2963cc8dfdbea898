"""Open the engine the settings ask for: the app's own engine process, or a remote server."""

from __future__ import annotations

from pathlib import Path

from assistant.engine.load_options import LoadOptions
from assistant.engine.local import LocalEngine, startup_model
from assistant.engine.remote import RemoteEngine
from assistant.models.store import default_model_path
from assistant.paths import Paths
from assistant.settings import EngineSettings


def open_engine(
    settings: EngineSettings, paths: Paths, model: Path | None = None
) -> tuple[LocalEngine | RemoteEngine, str | None]:
    """The engine to use, not yet started, and a notice for the user (e.g. a skipped model).

    ``model`` (from ``--model`` or the model picker) overrides the configured model for a local engine.
    """
    if settings.mode == "remote":
        return RemoteEngine(settings.remote_url, settings.remote_api_key), None
    if model is not None:
        path, notice = model, None
    else:
        path, notice = startup_model(paths, settings.model_path, default_model_path())
    return LocalEngine(paths, path, LoadOptions.from_settings(settings).to_dict()), notice
