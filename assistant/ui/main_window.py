"""The app window: a rail of the five panels (Chat with its conversation list beside it), the
model picker and an honest status bar.

It never waits on the model: starting, loading and streaming run on ``EngineHost``'s workers, and
the window only reacts to their signals. Every action has a keyboard shortcut.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QToolBar,
)

from assistant import settings as settings_mod
from assistant.core.inference import GenerationParams, Timings
from assistant.core.presets import Preset
from assistant.errors import AssistantError
from assistant.library.store import LibraryStore
from assistant.paths import Paths
from assistant.storage.db import Database
from assistant.ui import theme
from assistant.ui.chat.panel import ChatPanel
from assistant.ui.conversation_list import ConversationListModel, SearchResultsModel
from assistant.ui.data_words import shown_label
from assistant.ui.error_presenter import message_for, show_error
from assistant.ui.icons import themed_icon
from assistant.ui.library.panel import LibraryPanel
from assistant.ui.model_picker import ModelPicker
from assistant.ui.panel_rail import PanelRail
from assistant.ui.personalize.panel import PersonalizePanel
from assistant.ui.settings_dialog import SettingsDialog
from assistant.ui.sidebar import Sidebar
from assistant.ui.style_picker import StylePicker
from assistant.ui.summarize.panel import SummarizePanel
from assistant.ui.write.panel import WritePanel
from assistant.units import format_bytes
from assistant.workers.downloads import DownloadManager
from assistant.workers.engine_host import EngineHost
from assistant.workers.library_indexer import LibraryIndexer

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        host: EngineHost,
        db: Database,
        settings: settings_mod.Settings,
        paths: Paths,
        presets: list[Preset],
        default_model: Path | None,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.host = host
        self.db = db
        self.settings = settings
        self.paths = paths
        self.default_model = default_model
        self.n_ctx = 0
        self.setWindowTitle("Assistant")
        self.resize(1180, 780)

        self.conversations = ConversationListModel(db, self)
        self.results = SearchResultsModel(db, self)
        self.sidebar = Sidebar(self.conversations, self.results)
        self.library_store = LibraryStore(paths.library_file, check=False)  # the indexer checks it
        self.chat = ChatPanel(
            db,
            host,
            GenerationParams.from_settings(settings.generation),
            presets,
            style=StylePicker(paths.data_dir),
            library=self.library_store,
            library_settings=settings.library,
            models_dir=paths.models_dir,
        )
        # The conversation list belongs to Chat: the other panels get the whole width.
        chat_page = QSplitter()
        chat_page.addWidget(self.sidebar)
        chat_page.addWidget(self.chat)
        chat_page.setStretchFactor(1, 1)
        chat_page.setSizes([250, 850])
        self.panels = PanelRail()
        self.panels.add_panel(self.chat, self.tr("Chat"), "chat", page=chat_page)
        self.write = WritePanel(db, host, style=StylePicker(paths.data_dir))
        self.panels.add_panel(self.write, self.tr("Write"), "write")
        self.summarize = SummarizePanel(db, host)
        self.panels.add_panel(self.summarize, self.tr("Summarize"), "summarize")
        self.personalize = PersonalizePanel(db, host, paths, current_model=lambda: self.picker.current)
        self.panels.add_panel(self.personalize, self.tr("Personalize"), "personalize")
        self.indexer = LibraryIndexer(host, self.library_store, paths.models_dir, self)
        self.library = LibraryPanel(self.library_store, self.indexer)
        self.panels.add_panel(self.library, self.tr("Library"), "library")
        self.setCentralWidget(self.panels)

        self.picker = ModelPicker([p for p in (default_model, _configured(settings)) if p is not None])
        self.downloads = DownloadManager(paths.models_dir, token_source=_hub_token, parent=self)
        self.models_dialog = None
        self._build_toolbar()
        self._build_status_bar()
        self._wire()
        self.sidebar.select(self.chat.conversation_id)  # the conversation reopened from last time
        if settings.engine.mode == "local":
            self._list_models_on_disk()
        self.dark = theme.is_dark(settings.ui.theme)
        self._show_theme()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)
        if notice:
            self.chat.show_notice(notice)
        # The index is checked, and what changed in the collections' folders while the app was
        # closed (and any indexing a stop or a crash left unfinished) taken up, in the background.
        self.indexer.start()

    # -- building ---------------------------------------------------------------------------------

    def _show_theme(self) -> None:
        """What draws itself rather than following the palette: the transcript, the diff, the icons."""
        self.chat.transcript.set_dark(self.dark)
        self.write.set_dark(self.dark)
        text = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
        self.panels.set_icon_color(text)
        self.sidebar.set_icon_color(text)
        self.chat.set_icon_color(text)
        for action, name in self._action_icons:
            action.setIcon(themed_icon(name, text))

    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey | None, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work wherever the focus is
        return action

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"))
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setAccessibleName(self.tr("Main toolbar"))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(QSize(18, 18))
        self.new_action = self._action(self.tr("New chat"), "Ctrl+N", self.new_chat)
        self.search_action = self._action(self.tr("Search chats"), "Ctrl+K", self.search_chats)
        self.regenerate_action = self._action(self.tr("Regenerate"), "Ctrl+R", self.chat.regenerate_last)
        self.settings_action = self._action(self.tr("Settings"), "Ctrl+,", self.open_settings)
        self.models_action = self._action(self.tr("Models…"), "Ctrl+Shift+M", self.open_models)
        self.stop_action = self._action(self.tr("Stop"), "Esc", self.chat.stop)
        self._action_icons = (
            (self.regenerate_action, "regenerate"),
            (self.models_action, "models"),
            (self.settings_action, "settings"),
        )
        for i in range(self.panels.count()):
            self._action(
                self.tr("Panel {0}").format(i + 1), f"Ctrl+{i + 1}", lambda _=False, i=i: self.panels.setCurrentIndex(i)
            )
        bar.addAction(self.regenerate_action)
        bar.addSeparator()
        bar.addWidget(self.picker)
        bar.addAction(self.models_action)
        bar.addSeparator()
        bar.addAction(self.settings_action)
        self.addToolBar(bar)

    def _build_status_bar(self) -> None:
        self.backend_label = QLabel(self.tr("Starting the engine…"))
        self.model_label = QLabel("")
        self.context_label = QLabel("")
        self.speed_label = QLabel("")
        for label, name in (
            (self.backend_label, self.tr("Backend")),
            (self.model_label, self.tr("Model")),
            (self.context_label, self.tr("Context used")),
            (self.speed_label, self.tr("Speed of the last reply")),
        ):
            label.setAccessibleName(name)
        status = self.statusBar()
        status.addWidget(self.backend_label)
        status.addWidget(self.model_label, 1)
        status.addPermanentWidget(self.context_label)
        status.addPermanentWidget(self.speed_label)

    def _wire(self) -> None:
        self.host.loading.connect(self._on_loading)
        self.host.ready.connect(self._on_ready)
        self.host.failed.connect(self._on_engine_failed)
        self.picker.model_requested.connect(self.switch_model)
        self.picker.manage_requested.connect(self.open_models)
        self.sidebar.conversation_selected.connect(self.open_conversation)
        self.sidebar.new_chat_requested.connect(self.new_chat)
        self.sidebar.export_requested.connect(self.export_conversation)
        self.sidebar.import_requested.connect(self.import_conversation)
        self.conversations.deleted.connect(self._on_deleted)
        self.chat.conversations_changed.connect(self._refresh_sidebar)
        self.chat.conversation_opened.connect(self.sidebar.select)
        self.chat.reply_finished.connect(self._on_timings)
        self.personalize.adapters_changed.connect(self._refresh_styles)
        for panel in (self.write, self.summarize, self.personalize, self.library):
            panel.status_changed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.chat.context_measured.connect(self._on_context)
        self.chat.library_requested.connect(lambda: self.panels.setCurrentWidget(self.library))
        welcome = self.chat.welcome
        welcome.panel_requested.connect(
            lambda name: self.panels.setCurrentWidget(self.write if name == "write" else self.summarize)
        )
        welcome.download_requested.connect(self.offer_model)

    # -- engine -----------------------------------------------------------------------------------

    @Slot(str)
    def _on_loading(self, path: str) -> None:
        self.picker.set_loading(True)
        self.backend_label.setText(
            self.tr("Loading {0}…").format(Path(path).name) if path else self.tr("Starting the engine…")
        )

    @Slot(dict)
    def _on_ready(self, model: dict) -> None:
        self.picker.set_loading(False)
        self.n_ctx = int(model.get("n_ctx") or 0)
        self.backend_label.setText(shown_label(str(model.get("backend", ""))))
        self.chat.set_model_thinking(model.get("thinking"))
        path = Path(model["path"]) if model.get("path") else None
        for style in (self.chat.style_picker, self.write.style_picker):
            if style is not None:
                style.set_model(path)
        if path is not None:
            self.picker.set_current(path)
            size = f" · {format_bytes(model['file_size'])}" if model.get("file_size") else ""
            self.model_label.setText(f"{path.name.removesuffix('.gguf')} · {model.get('quantization', '')}{size}")
        else:
            self.picker.set_remote(str(model.get("id", "")))
            self.model_label.setText(str(model.get("id", "")))
        if model.get("template_warning"):
            self.chat.show_notice(str(model["template_warning"]))
        self._advise(built_in=path is not None and path == self.default_model)
        self.chat.measure_context()

    def _advise(self, *, built_in: bool) -> None:
        """With the small built-in model loaded, the welcome suggests the catalog model this machine
        runs best (its free GPU memory is asked of the engine, off the UI thread)."""
        if not built_in:
            self.chat.welcome.set_advice(None, built_in=False)
            return
        from assistant.models import advice, catalog
        from assistant.models.memory import available_ram

        engine, n_ctx, language = self.host.engine, self.n_ctx or self.settings.engine.n_ctx, self.settings.ui.language

        def work(cancel):
            gpu_free = getattr(engine, "gpu_free", lambda: 0)()
            yield advice.first_model(
                catalog.load(), n_ctx=n_ctx, gpu_free=gpu_free, ram_free=available_ram(), language=language
            )

        job = self.host.run(work, aux=True)
        job.yielded.connect(lambda found: self.chat.welcome.set_advice(found, built_in=True))
        job.failed.connect(lambda err: log.warning("no model suggestion: %s", err))

    @Slot(object)
    def _on_engine_failed(self, err: object) -> None:
        self.picker.set_loading(False)
        self.backend_label.setText(self.tr("The engine is not running"))
        text = message_for(err) if isinstance(err, AssistantError) else self.tr("The engine could not start.")
        self.chat.trouble.show_message(text, action=True)

    @Slot(object)
    def switch_model(self, path: Path) -> None:
        """Load another model. A Hugging Face cache file not checked yet is checked against its
        SHA-256 first (off the UI thread), so a damaged download never reaches the engine."""
        from assistant.models import download

        app_dir = self.paths.models_dir
        if not download.needs_check(path, app_dir):
            self._load_model(path)
            return
        self.statusBar().showMessage(self.tr("Checking {0} before loading it…").format(path.name))
        self.picker.set_loading(True)

        def check(cancel):
            yield from download.verify_cached(path, app_dir, cancel)

        def failed(err: object) -> None:
            self.picker.set_loading(False)
            self.picker.set_current(self.picker.current)
            self.statusBar().clearMessage()
            show_error(self, err)  # type: ignore[arg-type]

        job = self.host.run(check, aux=True)
        job.finished.connect(lambda: self._load_model(path))
        job.failed.connect(failed)

    def _load_model(self, path: Path) -> None:
        self.statusBar().clearMessage()
        if self.chat.job is not None:
            self.chat.stop()
        job = self.host.load_model(path)
        job.yielded.connect(lambda _model: self._remember_model(path))

    def _remember_model(self, path: Path) -> None:
        """The next start opens the model the user chose."""
        engine = dataclasses.replace(self.settings.engine, model_path="" if path == self.default_model else str(path))
        self._save_settings(dataclasses.replace(self.settings, engine=engine))

    @Slot(object)
    def _on_timings(self, timings: object) -> None:
        if isinstance(timings, Timings):
            self.speed_label.setText(
                self.tr("{0:.1f} tokens/s · first token {1:.0f} ms").format(
                    timings.predicted_per_second, timings.ttft_ms
                )
            )

    @Slot(int)
    def _on_context(self, used: int) -> None:
        self.context_label.setText(self.tr("context {0:,} / {1:,}").format(used, self.n_ctx) if self.n_ctx else "")

    # -- conversations ----------------------------------------------------------------------------

    @Slot()
    def new_chat(self) -> None:
        self.panels.setCurrentWidget(self.chat)
        self.chat.open_conversation(None)
        self.chat.input.setFocus()

    @Slot()
    def search_chats(self) -> None:
        self.panels.setCurrentWidget(self.chat)  # where the conversation list is
        self.sidebar.focus_search()

    @Slot(int)
    def open_conversation(self, conversation_id: int) -> None:
        self.panels.setCurrentWidget(self.chat)
        try:
            self.chat.open_conversation(conversation_id)
        except AssistantError as err:
            show_error(self, err)

    def _refresh_sidebar(self) -> None:
        self.conversations.refresh()
        self.sidebar.select(self.chat.conversation_id)

    @Slot(int, str)
    def _on_deleted(self, conversation_id: int, title: str) -> None:
        if self.chat.conversation_id == conversation_id:
            self.chat.open_conversation(None)
        self.chat.show_notice(
            self.tr("Deleted “{0}”.").format(title), undo=lambda: self.conversations.restore(conversation_id)
        )

    @Slot(int, str)
    def export_conversation(self, conversation_id: int, kind: str) -> None:
        title = self.db.get_conversation(conversation_id).title
        suffix, pattern = (
            (".md", self.tr("Markdown (*.md)")) if kind == "markdown" else (".json", self.tr("JSON (*.json)"))
        )
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export conversation"), _safe_name(title) + suffix, pattern)
        if name:
            self.write_export(conversation_id, kind, Path(name))

    def write_export(self, conversation_id: int, kind: str, target: Path) -> None:
        if kind == "markdown":
            text = self.db.export_markdown(conversation_id)
        else:
            text = json.dumps(self.db.export_json(conversation_id), ensure_ascii=False, indent=2)
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as err:
            show_error(self, AssistantError(self.tr("Could not write {0}: {1}").format(target, err.strerror)))

    @Slot()
    def import_conversation(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import conversation"), "", self.tr("JSON (*.json)"))
        if name:
            self.read_import(Path(name))

    def read_import(self, source: Path) -> int | None:
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
            conversation_id = self.db.import_json(data)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            show_error(
                self, AssistantError(self.tr("{0} is not a conversation export ({1}).").format(source.name, err))
            )
            return None
        except AssistantError as err:
            show_error(self, err)
            return None
        self.conversations.refresh()
        self.open_conversation(conversation_id)
        return conversation_id

    # -- models -----------------------------------------------------------------------------------

    @Slot()
    def open_models(self) -> None:
        """The Models dialog; downloads started there go on when it closes (they belong to the window)."""
        from assistant.ui.models.dialog import ModelsDialog

        if self.models_dialog is None:
            engine = self.host.engine
            self.models_dialog = ModelsDialog(
                self.settings.models,
                self._save_model_settings,
                self.downloads,
                n_ctx=self.n_ctx or self.settings.engine.n_ctx,
                gpu_free=getattr(engine, "gpu_free", lambda: 0),
                parent=self,
            )
            self.models_dialog.model_chosen.connect(self.switch_model)
            self.models_dialog.models_found.connect(self.picker.add_available)
        self.models_dialog.show()
        self.models_dialog.raise_()

    @Slot(str)
    def offer_model(self, repo: str) -> None:
        """The Models dialog, at a catalog model's files (the one for this machine chosen)."""
        self.open_models()
        assert self.models_dialog is not None
        self.models_dialog.offer(repo)

    def _list_models_on_disk(self) -> None:
        """Fill the toolbar's model list with every model on this computer, off the UI thread."""
        from assistant.models import store

        models = self.settings.models

        def find(cancel):
            yield store.discover_configured(models)

        self.host.run(find, aux=True).yielded.connect(self.picker.add_available)

    def _refresh_styles(self) -> None:
        for style in (self.chat.style_picker, self.write.style_picker):
            if style is not None:
                style.refresh()

    def _save_model_settings(self, models: settings_mod.ModelSettings) -> None:
        self._save_settings(dataclasses.replace(self.settings, models=models))

    # -- settings ---------------------------------------------------------------------------------

    @Slot()
    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.paths, self)
        dialog.setModal(True)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.result_settings))
        dialog.open()

    def apply_settings(self, new: settings_mod.Settings | None) -> None:
        if new is None:
            return
        old = self.settings
        self._save_settings(new)
        if new.ui.theme != old.ui.theme:
            app = QApplication.instance()
            self.dark = theme.apply(app, new.ui.theme) if isinstance(app, QApplication) else theme.is_dark(new.ui.theme)
            self._show_theme()
        if new.library != old.library:
            self.chat.session.library_settings = new.library
        if new.generation != old.generation:
            self.chat.set_params(GenerationParams.from_settings(new.generation))
        if new.engine != old.engine:
            from assistant.engine.connect import open_engine

            engine, notice = open_engine(new.engine, self.paths)
            self.host.replace_engine(engine)
            if notice:
                self.chat.show_notice(notice)
        if new.ui.language != old.ui.language:
            self.chat.show_notice(self.tr("The new language applies the next time the app starts."))

    def _on_system_scheme(self) -> None:
        """The desktop switched between light and dark: follow it if the user asked to."""
        if self.settings.ui.theme == "system":
            app = QApplication.instance()
            if isinstance(app, QApplication):
                self.dark = theme.apply(app, "system")
                self._show_theme()

    def _save_settings(self, new: settings_mod.Settings) -> None:
        self.settings = new
        try:
            settings_mod.save(new, self.paths.settings_file)
        except OSError as err:
            show_error(self, AssistantError(self.tr("Settings could not be saved: {0}").format(err.strerror)))

    # -- closing ----------------------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        self.write.shutdown()
        self.summarize.shutdown()
        self.personalize.shutdown()
        self.indexer.shutdown()
        self.chat.shutdown()
        self.downloads.shutdown()  # paused: partial files stay and resume next time
        self.host.shutdown()
        self.library_store.close()
        super().closeEvent(event)


def _hub_token() -> str | None:
    from assistant.models import hub_token

    return hub_token.load()


def _configured(settings: settings_mod.Settings) -> Path | None:
    path = settings.engine.model_path
    return Path(path).expanduser() if path and Path(path).expanduser().is_file() else None


def _safe_name(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_" else "_" for c in title).strip()
    return keep[:60] or "conversation"
