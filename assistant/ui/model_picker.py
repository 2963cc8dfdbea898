"""The toolbar's model picker: the loaded model with its quantisation and size, and a way to switch.

Switching loads off the UI thread (``EngineHost.load_model``) while a busy bar shows. The list
holds the embedded default model, the models used before, "Open a GGUF file…" and "More models…",
which opens the Models dialog (everything on disk, and downloads).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QProgressBar, QWidget

from assistant.errors import AssistantError
from assistant.models.gguf_info import read_info
from assistant.units import format_bytes

_OPEN = "__open__"
_MANAGE = "__manage__"


def describe_file(path: Path) -> str:
    """ "SmolLM2-135M-Instruct · Q4_1 · 98.4 MB", or just the file name if it cannot be read."""
    try:
        info = read_info(path)
    except AssistantError:
        return path.name
    return f"{path.name.removesuffix('.gguf')} · {info.quantization} · {format_bytes(info.file_size)}"


class ModelPicker(QWidget):
    """Signals:
    model_requested(object): the user chose another model file (a Path).
    manage_requested(): the user asked for the Models dialog.
    """

    model_requested = Signal(object)
    manage_requested = Signal()

    def __init__(self, known: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Model"))
        self.combo.setToolTip(self.tr("The model that answers; choose another to switch"))
        self.combo.setMinimumContentsLength(40)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.busy = QProgressBar()
        self.busy.setAccessibleName(self.tr("Loading the model"))
        self.busy.setRange(0, 0)  # indeterminate: llama.cpp reports no progress we could trust
        self.busy.setMaximumWidth(90)
        self.busy.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.busy)
        self._current: Path | None = None
        self._known: list[Path] = []
        for path in known:
            self._add(path)
        self.combo.addItem(self.tr("Open a GGUF file…"), _OPEN)
        self.combo.addItem(self.tr("More models…"), _MANAGE)
        self.combo.activated.connect(self._chosen)

    def _add(self, path: Path, label: str | None = None) -> int:
        path = path.resolve()
        if path in self._known:
            return self._known.index(path)
        self._known.append(path)
        self.combo.insertItem(len(self._known) - 1, label or describe_file(path), str(path))
        return len(self._known) - 1

    def add_available(self, models: list) -> None:
        """Add models found on disk (``models.store.LocalModel``s) to the list, labelled without
        opening each file."""
        for model in models:
            size = f" · {format_bytes(model.size)}" if model.size else ""
            self._add(model.path, f"{model.name} · {model.quant or '?'}{size}")
        if self._current is not None:
            self.combo.setCurrentIndex(self._known.index(self._current.resolve()))

    @property
    def current(self) -> Path | None:
        return self._current

    def set_loading(self, loading: bool) -> None:
        self.busy.setVisible(loading)
        self.combo.setEnabled(not loading)

    def set_current(self, path: Path | None) -> None:
        """Show ``path`` as the loaded model (None: nothing loaded, e.g. a remote engine)."""
        self._current = path
        if path is not None:
            self.combo.setCurrentIndex(self._add(path))

    def set_remote(self, label: str) -> None:
        self.combo.clear()
        self._known.clear()
        self.combo.addItem(label)
        self.combo.setEnabled(False)

    def _chosen(self, index: int) -> None:
        data = self.combo.itemData(index)
        if data == _MANAGE:
            self.set_current(self._current)
            self.manage_requested.emit()
            return
        if data == _OPEN:
            name, _ = QFileDialog.getOpenFileName(self, self.tr("Open a model"), "", self.tr("GGUF models (*.gguf)"))
            if not name:
                self.set_current(self._current)
                return
            path = Path(name)
        else:
            path = Path(data)
        if path != self._current:
            self.model_requested.emit(path)
