"""One conversation's own settings: its system prompt and generation overrides, and the user's presets.

Overrides are stored only where they differ from the defaults in Settings, so changing a default
later still reaches conversations that never changed that value.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assistant.core.inference import GenerationParams


@dataclass(frozen=True)
class PresetEdit:
    """What the user asked to do with presets, for the panel to carry out."""

    action: str
    """"save" (a new preset), "update" (the current user preset) or "delete" it."""
    name: str = ""


class ConversationSettingsDialog(QDialog):
    def __init__(
        self,
        system_prompt: str,
        effective: GenerationParams,
        defaults: GenerationParams,
        *,
        user_preset_name: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Conversation settings"))
        self.setAccessibleName(self.tr("Conversation settings"))
        self.defaults = defaults
        self.preset_edit: PresetEdit | None = None

        self.system_prompt = QPlainTextEdit(system_prompt)
        self.system_prompt.setAccessibleName(self.tr("System prompt"))
        self.system_prompt.setPlaceholderText(self.tr("How the assistant should behave in this conversation"))
        self.temperature = self._real(self.tr("Temperature"), effective.temperature, 0, 5, 0.05)
        self.top_p = self._real(self.tr("Top-p"), effective.top_p, 0.01, 1, 0.01)
        self.min_p = self._real(self.tr("Min-p"), effective.min_p, 0, 0.99, 0.01)
        self.repeat_penalty = self._real(self.tr("Repeat penalty"), effective.repeat_penalty, 0.5, 2, 0.05)
        self.top_k = self._whole(self.tr("Top-k"), effective.top_k, 0, 1_000_000)
        self.max_tokens = self._whole(self.tr("Longest reply"), effective.max_tokens, 1, 1_000_000)
        self.seed = self._whole(self.tr("Seed"), effective.seed, -1, 2**31 - 1)
        self.seed.setSpecialValueText(self.tr("Random"))

        form = QFormLayout()
        form.addRow(self.tr("System prompt"), self.system_prompt)
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Top-p"), self.top_p)
        form.addRow(self.tr("Top-k"), self.top_k)
        form.addRow(self.tr("Min-p"), self.min_p)
        form.addRow(self.tr("Repeat penalty"), self.repeat_penalty)
        form.addRow(self.tr("Longest reply (tokens)"), self.max_tokens)
        form.addRow(self.tr("Seed"), self.seed)

        presets = QHBoxLayout()
        save = QPushButton(self.tr("Save as new preset…"))
        save.setAccessibleName(self.tr("Save the system prompt as a new preset"))
        save.clicked.connect(self._save_preset)
        presets.addWidget(save)
        if user_preset_name is not None:
            update = QPushButton(self.tr("Update “{0}”").format(user_preset_name))
            update.setAccessibleName(self.tr("Update the preset with this system prompt"))
            update.clicked.connect(lambda: self._finish_with(PresetEdit("update", user_preset_name)))
            delete = QPushButton(self.tr("Delete preset"))
            delete.setAccessibleName(self.tr("Delete this preset"))
            delete.clicked.connect(lambda: self._finish_with(PresetEdit("delete", user_preset_name)))
            presets.addWidget(update)
            presets.addWidget(delete)
        presets.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Values left at the defaults follow the defaults in Settings.")))
        layout.addLayout(presets)
        layout.addWidget(buttons)

    def _real(self, name: str, value: float, lo: float, hi: float, step: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setAccessibleName(name)
        box.setRange(lo, hi)
        box.setDecimals(2)
        box.setSingleStep(step)
        box.setValue(value)
        return box

    def _whole(self, name: str, value: int, lo: int, hi: int) -> QSpinBox:
        box = QSpinBox()
        box.setAccessibleName(name)
        box.setRange(lo, hi)
        box.setValue(value)
        return box

    def _save_preset(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New preset"), self.tr("Name:"))
        if ok and name.strip():
            self._finish_with(PresetEdit("save", name.strip()))

    def _finish_with(self, edit: PresetEdit) -> None:
        self.preset_edit = edit
        self.accept()

    def overrides(self) -> dict[str, object]:
        """The generation values that differ from the defaults."""
        chosen: dict[str, object] = {
            "temperature": round(self.temperature.value(), 2),
            "top_p": round(self.top_p.value(), 2),
            "top_k": self.top_k.value(),
            "min_p": round(self.min_p.value(), 2),
            "repeat_penalty": round(self.repeat_penalty.value(), 2),
            "max_tokens": self.max_tokens.value(),
            "seed": self.seed.value(),
        }
        return {k: v for k, v in chosen.items() if v != getattr(self.defaults, k)}

    def prompt(self) -> str:
        return self.system_prompt.toPlainText().strip()
