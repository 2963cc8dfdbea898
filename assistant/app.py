"""Assemble the GUI: paths → settings → engine → QApplication → MainWindow."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from assistant import paths as paths_mod
from assistant import settings as settings_mod
from assistant.core.inference import GenerationParams
from assistant.engine.connect import open_engine
from assistant.ui.main_window import MainWindow
from assistant.workers.engine_host import EngineHost

log = logging.getLogger(__name__)


def build_window(paths: paths_mod.Paths) -> MainWindow:
    """The window with its engine starting in the background (also what the GUI tests build)."""
    settings, warning = settings_mod.load(paths.settings_file)
    engine, notice = open_engine(settings.engine, paths)
    host = EngineHost(engine)
    window = MainWindow(
        host, GenerationParams.from_settings(settings.generation), " ".join(n for n in (warning, notice) if n) or None
    )
    host.start()
    return window


def run_gui() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Assistant")
    app.setDesktopFileName("assistant")
    window = build_window(paths_mod.get())
    window.show()
    return app.exec()
