"""Logging to ``assistant.log`` in the platform's log folder: one logger per area, no prints.

Tracebacks go to the file; users see the one-line messages of ``AssistantError``s.
"""

from __future__ import annotations

import logging
import logging.handlers

from assistant.paths import Paths

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(paths: Paths, *, level: int = logging.INFO) -> None:
    """Send the app's log records to a rotating file (5 x 2 MB). Safe to call more than once."""
    paths.ensure()
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "baseFilename", None) == str(paths.log_file):
            return
    handler = logging.handlers.RotatingFileHandler(paths.log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
