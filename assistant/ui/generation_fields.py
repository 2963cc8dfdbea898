"""The generation settings as form fields, shared by Settings (the defaults) and a conversation's own
settings (its overrides), so both offer the same ranges and labels."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QSpinBox

FIELDS = ("temperature", "top_p", "top_k", "min_p", "repeat_penalty", "max_tokens", "seed")


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
            QCoreApplication.translate("GenerationFields", "Temperature"), values.temperature, 0, 5, 0.05
        )
        self.top_p = self._real(QCoreApplication.translate("GenerationFields", "Top-p"), values.top_p, 0.01, 1, 0.01)
        self.top_k = self._whole(QCoreApplication.translate("GenerationFields", "Top-k"), values.top_k, 0, 1_000_000)
        self.min_p = self._real(QCoreApplication.translate("GenerationFields", "Min-p"), values.min_p, 0, 0.99, 0.01)
        self.repeat_penalty = self._real(
            QCoreApplication.translate("GenerationFields", "Repeat penalty"), values.repeat_penalty, 0.5, 2, 0.05
        )
        self.max_tokens = self._whole(
            QCoreApplication.translate("GenerationFields", "Longest reply (tokens)"), values.max_tokens, 1, 1_000_000
        )
        self.seed = self._whole(QCoreApplication.translate("GenerationFields", "Seed"), values.seed, -1, 2**31 - 1)
        self.seed.setSpecialValueText(QCoreApplication.translate("GenerationFields", "Random"))
        for name in FIELDS:
            box = getattr(self, name)
            form.addRow(box.accessibleName(), box)

    @staticmethod
    def _real(name: str, value: float, lo: float, hi: float, step: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setAccessibleName(name)
        box.setRange(lo, hi)
        box.setDecimals(2)
        box.setSingleStep(step)
        box.setValue(value)
        return box

    @staticmethod
    def _whole(name: str, value: int, lo: int, hi: int) -> QSpinBox:
        box = QSpinBox()
        box.setAccessibleName(name)
        box.setRange(lo, hi)
        box.setValue(value)
        return box

    def values(self) -> dict[str, float | int]:
        """The values as shown (decimals rounded the way the boxes display them)."""
        return {
            name: round(box.value(), 2) if isinstance(box, QDoubleSpinBox) else box.value()
            for name in FIELDS
            for box in (getattr(self, name),)
        }
