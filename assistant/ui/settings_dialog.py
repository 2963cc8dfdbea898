"""Settings: engine, generation defaults, appearance and language, and where data lives.

The dialog edits a copy; OK validates the whole thing through ``Settings`` (which lists every
problem at once) and only then hands it back. Saving and applying are the window's job.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assistant.errors import SettingsError
from assistant.library.answer import reranker_problem
from assistant.paths import Paths
from assistant.settings import EngineSettings, GenerationSettings, LibrarySettings, Settings, UiSettings
from assistant.ui.generation_fields import GenerationFields


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setAccessibleName(name)
    return widget


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, paths: Paths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self._original = settings
        self.result_settings: Settings | None = None
        tabs = QTabWidget()
        tabs.addTab(self._engine_tab(settings.engine), self.tr("Engine"))
        tabs.addTab(self._generation_tab(settings.generation), self.tr("Generation"))
        tabs.addTab(self._appearance_tab(settings.ui), self.tr("Appearance"))
        tabs.addTab(self._library_tab(settings.library), self.tr("Library"))
        tabs.addTab(self._data_tab(paths), self.tr("Data"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    # -- tabs ---------------------------------------------------------------------------------

    def _engine_tab(self, e: EngineSettings) -> QWidget:
        self.mode = _named(QComboBox(), self.tr("Engine"))
        self.mode.addItem(self.tr("On this computer"), "local")
        self.mode.addItem(self.tr("Remote server (OpenAI-compatible)"), "remote")
        self.mode.setCurrentIndex(0 if e.mode == "local" else 1)
        self.remote_url = _named(QLineEdit(e.remote_url), self.tr("Server URL"))
        self.remote_url.setPlaceholderText("http://gpu-server:8080/v1")
        self.remote_key = _named(QLineEdit(e.remote_api_key), self.tr("API key"))
        self.remote_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.gpu_auto = _named(QCheckBox(self.tr("Decide from free memory")), self.tr("GPU layers automatic"))
        self.gpu_auto.setChecked(e.n_gpu_layers < 0)
        self.gpu_layers = _named(QSpinBox(), self.tr("GPU layers"))
        self.gpu_layers.setRange(0, 999)
        self.gpu_layers.setValue(max(0, e.n_gpu_layers))
        self.gpu_layers.setEnabled(e.n_gpu_layers >= 0)
        self.gpu_auto.toggled.connect(lambda on: self.gpu_layers.setEnabled(not on))
        self.n_ctx = _named(QSpinBox(), self.tr("Context size"))
        self.n_ctx.setRange(256, 1_048_576)
        self.n_ctx.setSingleStep(1024)
        self.n_ctx.setValue(e.n_ctx)
        self.n_ctx.setSuffix(self.tr(" tokens"))
        self.threads = _named(QSpinBox(), self.tr("CPU threads"))
        self.threads.setRange(0, 1024)
        self.threads.setSpecialValueText(self.tr("Automatic"))
        self.threads.setValue(e.threads)
        self._model_path = e.model_path
        self._flash_attn = e.flash_attn

        def remote_enabled() -> None:
            remote = self.mode.currentData() == "remote"
            for w in (self.remote_url, self.remote_key):
                w.setEnabled(remote)

        self.mode.currentIndexChanged.connect(remote_enabled)
        remote_enabled()
        gpu = QHBoxLayout()
        gpu.addWidget(self.gpu_auto)
        gpu.addWidget(self.gpu_layers)
        form = QFormLayout()
        form.addRow(self.tr("Run models"), self.mode)
        form.addRow(self.tr("Server URL"), self.remote_url)
        form.addRow(self.tr("API key"), self.remote_key)
        form.addRow(self.tr("GPU layers"), gpu)
        form.addRow(self.tr("Context size"), self.n_ctx)
        form.addRow(self.tr("CPU threads"), self.threads)
        return _page(form)

    def _generation_tab(self, g: GenerationSettings) -> QWidget:
        form = QFormLayout()
        self.generation = GenerationFields(form, g)
        return _page(form)

    def _appearance_tab(self, u: UiSettings) -> QWidget:
        self.theme = _named(QComboBox(), self.tr("Theme"))
        for label, value in (
            (self.tr("Follow the system"), "system"),
            (self.tr("Light"), "light"),
            (self.tr("Dark"), "dark"),
        ):
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(u.theme)))
        self.language = _named(QComboBox(), self.tr("Language"))
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setCurrentIndex(max(0, self.language.findData(u.language)))
        form = QFormLayout()
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(QLabel(self.tr("A new language applies the next time the app starts.")))
        return _page(form)

    def _library_tab(self, lib: LibrarySettings) -> QWidget:
        self.min_similarity = _named(QDoubleSpinBox(), self.tr("Relevance threshold"))
        self.min_similarity.setRange(0.0, 0.95)
        self.min_similarity.setSingleStep(0.05)
        self.min_similarity.setDecimals(2)
        self.min_similarity.setValue(lib.min_similarity)
        self.min_similarity.setToolTip(
            self.tr(
                "How close a passage must be to the question to be used. Higher: fewer, surer passages "
                "(more often “not found”); lower: more passages, some off the point."
            )
        )
        self.passages = _named(QSpinBox(), self.tr("Passages per answer"))
        self.passages.setRange(1, 20)
        self.passages.setValue(lib.passages)
        self._reranker = lib.reranker
        self.reranker = _named(QLineEdit(), self.tr("Reranker"))
        self.reranker.setReadOnly(True)
        self.reranker.setPlaceholderText(self.tr("None: passages in the search's order"))
        choose = QPushButton(self.tr("Choose…"))
        choose.setAccessibleName(self.tr("Choose a reranker"))
        choose.clicked.connect(self._choose_reranker)
        self.no_reranker = QPushButton(self.tr("None"))
        self.no_reranker.setAccessibleName(self.tr("No reranker"))
        self.no_reranker.clicked.connect(lambda: self._set_reranker(""))
        row = QHBoxLayout()
        row.addWidget(self.reranker, 1)
        row.addWidget(choose)
        row.addWidget(self.no_reranker)
        self._set_reranker(lib.reranker)
        form = QFormLayout()
        form.addRow(self.tr("Relevance threshold"), self.min_similarity)
        form.addRow(self.tr("Passages per answer"), self.passages)
        form.addRow(self.tr("Reranker"), row)
        hint = QLabel(
            self.tr(
                "A reranker (a GGUF file such as bge-reranker-v2-m3) reads the best passages the search "
                "found together with the question and puts them in a better order. Slower, often better."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        return _page(form)

    def _choose_reranker(self) -> None:
        start = str(Path(self._reranker).parent) if self._reranker else ""
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a reranker"), start, self.tr("GGUF models (*.gguf)")
        )
        if chosen:
            self.choose_reranker(Path(chosen))

    def choose_reranker(self, path: Path) -> bool:
        """Take ``path`` as the reranker if its header says it is one; else say why and keep the old."""
        problem = reranker_problem(path)
        if problem:
            QMessageBox.warning(self, self.tr("Not a reranker"), problem)
            return False
        self._set_reranker(str(path.resolve()))
        return True

    def _set_reranker(self, path: str) -> None:
        self._reranker = path
        self.reranker.setText(path)
        self.reranker.setToolTip(path)
        self.no_reranker.setEnabled(bool(path))

    def _data_tab(self, paths: Paths) -> QWidget:
        form = QFormLayout()
        for label, folder in (
            (self.tr("Conversations and drafts"), paths.data_dir),
            (self.tr("Settings"), paths.config_dir),
            (self.tr("Logs"), paths.log_dir),
        ):
            row = QHBoxLayout()
            shown = QLineEdit(str(folder))
            shown.setReadOnly(True)
            shown.setAccessibleName(label)
            button = QPushButton(self.tr("Open folder"))
            button.setAccessibleName(self.tr("Open folder: {0}").format(label))
            button.clicked.connect(lambda _=False, f=folder: QDesktopServices.openUrl(QUrl.fromLocalFile(str(f))))
            row.addWidget(shown, 1)
            row.addWidget(button)
            form.addRow(label, row)
        form.addRow(QLabel(self.tr("Nothing you write leaves this computer unless you choose a remote server.")))
        return _page(form)

    # -- result -------------------------------------------------------------------------------

    def collect(self) -> Settings:
        """The settings as edited; raises SettingsError listing every problem."""
        engine = EngineSettings(
            mode=self.mode.currentData(),
            remote_url=self.remote_url.text().strip(),
            remote_api_key=self.remote_key.text().strip(),
            model_path=self._model_path,
            n_ctx=self.n_ctx.value(),
            n_gpu_layers=-1 if self.gpu_auto.isChecked() else self.gpu_layers.value(),
            threads=self.threads.value(),
            flash_attn=self._flash_attn,
        )
        generation = GenerationSettings(**self.generation.values())  # type: ignore[arg-type]
        ui = dataclasses.replace(
            self._original.ui, theme=self.theme.currentData(), language=self.language.currentData()
        )
        library = LibrarySettings(
            min_similarity=round(self.min_similarity.value(), 2),
            passages=self.passages.value(),
            reranker=self._reranker,
        )
        # Sections this dialog does not show (the model folders) are kept as they are.
        return dataclasses.replace(self._original, engine=engine, generation=generation, ui=ui, library=library)

    def accept(self) -> None:
        try:
            self.result_settings = self.collect()
        except SettingsError as err:
            QMessageBox.warning(self, self.tr("Settings"), str(err))
            return
        super().accept()


def _page(layout) -> QWidget:
    page = QWidget()
    page.setLayout(layout)
    return page
