"""Assemble the GUI: paths → settings → database → engine → QApplication → MainWindow."""

from __future__ import annotations

import dataclasses
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QLockFile, QTranslator
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from assistant import paths as paths_mod
from assistant import settings as settings_mod
from assistant.core.presets import Preset, load_builtin
from assistant.engine.connect import open_engine
from assistant.errors import AssistantError
from assistant.models.store import default_model_path
from assistant.storage.db import Database
from assistant.ui import theme
from assistant.ui.data_words import shown
from assistant.ui.main_window import MainWindow
from assistant.workers.engine_host import EngineHost

log = logging.getLogger(__name__)


def presets(db: Database, paths: paths_mod.Paths) -> list[Preset]:
    # The shipped presets in the user's language (a conversation keeps the prompt it was started with).
    shipped = [
        dataclasses.replace(p, name=shown(p.name), system_prompt=shown(p.system_prompt))
        for p in load_builtin(paths_mod.resources_dir() / "presets.toml")
    ]
    own = [Preset(f"user:{p.id}", p.name, p.system_prompt, False) for p in db.list_presets()]
    return shipped + own


def build_window(paths: paths_mod.Paths, engine=None, notice: str | None = None) -> MainWindow:
    """The window with its engine starting in the background (also what the GUI tests build).

    ``engine`` replaces the one the settings ask for (tests that are about storage, not the model);
    ``notice`` is said in the chat panel when it opens.
    """
    paths.ensure()
    settings, warning = settings_mod.load(paths.settings_file)
    notices = [n for n in (notice, warning) if n]
    db = Database.open(paths.database_file)
    db.purge_trash()
    if engine is None:
        engine, notice = open_engine(settings.engine, paths)
        if notice:
            notices.append(notice)
    try:
        default = default_model_path()
    except AssistantError as err:
        default = None
        notices.append(str(err))
    host = EngineHost(engine)
    window = MainWindow(
        host=host,
        db=db,
        settings=settings,
        paths=paths,
        presets=presets(db, paths),
        default_model=default,
        notice=" ".join(notices) or None,
    )
    if db.recovered_from is not None:
        window.chat.offer_salvage(db.recovered_from)
    window.destroyed.connect(db.close)
    host.start()
    return window


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """The app's own strings and Qt's (dialog buttons…) in the chosen language; returns what it installed."""
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    qt_translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for name, folder in (
        (f"assistant_{language}", paths_mod.resources_dir() / "i18n"),
        (f"qtbase_{language}", qt_translations),
    ):
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("no translation %s in %s", name, folder)
    QLocale.setDefault(QLocale(language))
    return installed


# The script each translation is written in: without a font for it, Qt draws every word as a box.
SCRIPTS = {"zh_CN": QFontDatabase.WritingSystem.SimplifiedChinese}


def start_language(app: QApplication, language: str) -> str | None:
    """Install ``language`` if this computer has a font to show it; otherwise stay in English and
    return why (a Linux desktop may have no Chinese font: the whole window would be boxes)."""
    script = SCRIPTS.get(language)
    if script is not None and not QFontDatabase.families(script):
        log.warning("no font for %s: the window stays in English", language)
        return (
            "The app stays in English: its translation needs a font this computer does not have "
            "(for Chinese, install Noto Sans CJK or WenQuanYi, then restart the app)."
        )
    install_translations(app, language)
    return None


def instance_lock(paths: paths_mod.Paths) -> QLockFile | None:
    """One window per user: a second one would write over the first one's newer data. Returns the
    held lock, or None when another instance has it. A lock left by a killed app is stale (its
    process is gone) and is taken over."""
    lock = QLockFile(str(paths.state_dir / "instance.lock"))
    lock.setStaleLockTime(0)
    return lock if lock.tryLock(200) else None


def run_gui() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Assistant")
    app.setDesktopFileName("assistant")
    app.setWindowIcon(QIcon(str(paths_mod.resources_dir() / "icons" / "assistant.svg")))
    paths = paths_mod.get().ensure()
    settings, _ = settings_mod.load(paths.settings_file)
    language_notice = start_language(app, settings.ui.language)
    theme.apply(app, settings.ui.theme)
    lock = instance_lock(paths)
    if lock is None:
        message = QCoreApplication.translate(
            "App", "Assistant is already running. Switch to its window, or close it before starting another."
        )
        QMessageBox.information(None, "Assistant", message)
        return 0
    window = build_window(paths, notice=language_notice)
    window.show()
    try:
        return app.exec()
    finally:
        lock.unlock()
