"""One conversation's own settings: its system prompt and generation overrides, and the user's presets.

Overrides are stored only where they differ from the defaults in Settings, so changing a default
later still reaches conversations that never changed that value.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.core.inference import GenerationParams
from assistant.jobs.chat import PresetEdit
from assistant.ui.generation_fields import GenerationFields


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
        form = QFormLayout()
        form.addRow(self.tr("System prompt"), self.system_prompt)
        self.generation = GenerationFields(form, effective)

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

    def _save_preset(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New preset"), self.tr("Name:"))
        if ok and name.strip():
            self._finish_with(PresetEdit("save", name.strip()))

    def _finish_with(self, edit: PresetEdit) -> None:
        self.preset_edit = edit
        self.accept()

    def overrides(self) -> dict[str, object]:
        """The generation values that differ from the defaults."""
        chosen = self.generation.values()
        return {k: v for k, v in chosen.items() if v != getattr(self.defaults, k)}

    def prompt(self) -> str:
        return self.system_prompt.toPlainText().strip()
