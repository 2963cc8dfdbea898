"""The generation settings as form fields, shared by Settings (the defaults) and a conversation's own
settings (its overrides), so both offer the same ranges and labels."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QSpinBox

from assistant.sampling import BY_NAME

FIELDS = ("temperature", "top_p", "top_k", "min_p", "repeat_penalty", "max_tokens", "seed")
"""The order of the rows (each one's range and default are ``assistant.sampling``'s)."""
_SPIN_MAX = 2**31 - 1
"""QSpinBox holds a C int: a larger seed can be set in settings.toml or sent to the API, not typed here."""


class GenerationValues(Protocol):
    """GenerationSettings and GenerationParams both fit."""

    temperature: float
    top_p: float
    top_k: int
    min_p: float
    repeat_penalty: float
    max_tokens: int
    seed: int


class GenerationFields:
    """Spin boxes for the seven generation values, added as rows to ``form``."""

    def __init__(self, form: QFormLayout, values: GenerationValues) -> None:
        self.temperature = self._real(
            QCoreApplication.translate("GenerationFields", "Temperature"), values.temperature, "temperature", 0.05
        )
        self.top_p = self._real(QCoreApplication.translate("GenerationFields", "Top-p"), values.top_p, "top_p", 0.01)
        self.top_k = self._whole(QCoreApplication.translate("GenerationFields", "Top-k"), values.top_k, "top_k")
        self.min_p = self._real(QCoreApplication.translate("GenerationFields", "Min-p"), values.min_p, "min_p", 0.01)
        self.repeat_penalty = self._real(
            QCoreApplication.translate("GenerationFields", "Repeat penalty"),
            values.repeat_penalty,
            "repeat_penalty",
            0.05,
        )
        self.max_tokens = self._whole(
            QCoreApplication.translate("GenerationFields", "Longest reply (tokens)"), values.max_tokens, "max_tokens"
        )
        self.seed = self._whole(QCoreApplication.translate("GenerationFields", "Seed"), values.seed, "seed")
        self.seed.setSpecialValueText(QCoreApplication.translate("GenerationFields", "Random"))
        for name in FIELDS:
            box = getattr(self, name)
            form.addRow(box.accessibleName(), box)

    @staticmethod
    def _real(name: str, value: float, knob: str, step: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setAccessibleName(name)
        box.setRange(BY_NAME[knob].low, BY_NAME[knob].high)
        box.setDecimals(2)
        box.setSingleStep(step)
        box.setValue(value)
        return box

    @staticmethod
    def _whole(name: str, value: int, knob: str) -> QSpinBox:
        box = QSpinBox()
        box.setAccessibleName(name)
        box.setRange(int(BY_NAME[knob].low), min(int(BY_NAME[knob].high), _SPIN_MAX))
        box.setValue(value)
        return box

    def values(self) -> dict[str, float | int]:
        """The values as shown (decimals rounded the way the boxes display them)."""
        return {
            name: round(box.value(), 2) if isinstance(box, QDoubleSpinBox) else box.value()
            for name in FIELDS
            for box in (getattr(self, name),)
        }
