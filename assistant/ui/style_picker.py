""" "My style": which of the user's adapters to write with, and how strongly (Chat and Write).

Only adapters trained on the model in use are offered (matched by the base model's fingerprint);
choosing one changes a request field, never the loaded model (the engine switches adapters per
request without a reload).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSlider, QWidget

from assistant.finetune import adapters

_OFF = ""


class StylePicker(QWidget):
    """Signals:
    changed(str, float): the adapter's path ("" for none) and its strength (1.0 as trained).
    """

    changed = Signal(str, float)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self._fingerprint: str | None = None
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("My style"))
        self.combo.setToolTip(self.tr("Write in a style you trained in Personalize"))
        self.strength = QSlider(Qt.Orientation.Horizontal)
        self.strength.setRange(0, 150)
        self.strength.setValue(100)
        self.strength.setMaximumWidth(90)
        self.strength.setAccessibleName(self.tr("Style strength"))
        self.strength.setToolTip(self.tr("How strongly: 100% as trained"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.strength)
        self.combo.activated.connect(lambda _i: self._emit())
        self.strength.sliderReleased.connect(self._emit)
        self.strength.valueChanged.connect(lambda v: self.strength.setToolTip(self.tr("Strength {0}%").format(v)))
        self.refresh()

    def set_model(self, model_path: Path | None) -> None:
        """Offer the adapters trained on ``model_path`` (none for a remote engine)."""
        try:
            self._fingerprint = adapters.fingerprint(model_path) if model_path else None
        except OSError:
            self._fingerprint = None
        self.refresh()

    def refresh(self) -> None:
        current = self.adapter_path()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("My style: off"), _OFF)
        for adapter in adapters.list_adapters(self.data_dir):
            if self._fingerprint and adapter.summary.get("base_fingerprint") == self._fingerprint:
                self.combo.addItem(self.tr("My style: {0}").format(adapter.name), str(adapter.path))
        index = self.combo.findData(current)
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)
        self.setVisible(self.combo.count() > 1)
        self.strength.setEnabled(bool(self.adapter_path()))

    def adapter_path(self) -> str:
        return str(self.combo.currentData() or _OFF)

    def scale(self) -> float:
        return self.strength.value() / 100

    def set_value(self, path: str, scale: float) -> None:
        """Show a stored choice (a conversation's) without emitting ``changed``."""
        self.combo.blockSignals(True)
        self.strength.blockSignals(True)
        index = self.combo.findData(path or _OFF)
        self.combo.setCurrentIndex(max(0, index))
        self.strength.setValue(round(scale * 100))
        self.strength.setEnabled(bool(self.adapter_path()))
        self.strength.blockSignals(False)
        self.combo.blockSignals(False)

    def _emit(self) -> None:
        self.strength.setEnabled(bool(self.adapter_path()))
        self.changed.emit(self.adapter_path(), self.scale())
