"""What an empty chat shows: a few things to try, and, while the small built-in model is loaded, the
one better model this computer can run (``models.advice`` picks it; the window computes it off the
UI thread and hands it here)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from assistant.models.advice import Advice
from assistant.units import format_bytes


class WelcomeView(QWidget):
    """Signals:
    prompt_chosen(str): an example chat prompt, to put in the message box.
    panel_requested(str): "write" or "summarize".
    download_requested(str): the catalog repository of the suggested model.
    """

    prompt_chosen = Signal(str)
    panel_requested = Signal(str)
    download_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Welcome"))
        heading = QLabel(self.tr("What would you like to do?"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(self.tr("Everything stays on this computer. Try one of these, or type below."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)

        self.examples: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(8)
        prompts = (
            self.tr("Explain how a heat pump works, in plain words."),
            self.tr("Plan a relaxed three-day trip to Lisbon on a budget."),
        )
        for column, prompt in enumerate(prompts):
            button = self._example(self.tr("Chat"), prompt)
            button.clicked.connect(lambda _=False, p=prompt: self.prompt_chosen.emit(p))
            grid.addWidget(button, 0, column)
        panels = (
            ("write", self.tr("Write"), self.tr("Proofread, rewrite or translate your text, change by change.")),
            ("summarize", self.tr("Summarize"), self.tr("Summarize a PDF, Word, web page or text file of any length.")),
        )
        for column, (name, title, text) in enumerate(panels):
            button = self._example(title, text)
            button.clicked.connect(lambda _=False, n=name: self.panel_requested.emit(n))
            grid.addWidget(button, 1, column)

        # The suggestion: shown only while the built-in model is loaded.
        self.advice = QFrame()
        self.advice.setFrameShape(QFrame.Shape.StyledPanel)
        self.advice.setAccessibleName(self.tr("A better model for this computer"))
        self.advice_label = QLabel()
        self.advice_label.setWordWrap(True)
        self.advice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.download_button = QPushButton(self.tr("Download…"))
        self.download_button.clicked.connect(lambda: self._repo and self.download_requested.emit(self._repo))
        row = QHBoxLayout(self.advice)
        row.addWidget(self.advice_label, 1)
        row.addWidget(self.download_button)
        self.advice.hide()
        self._repo = ""

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(heading)
        column.addWidget(hint)
        column.addSpacing(16)
        column.addLayout(grid)
        column.addSpacing(16)
        column.addWidget(self.advice)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)

    def _example(self, title: str, text: str) -> QPushButton:
        button = QPushButton(f"{title}\n{text}")
        button.setAccessibleName(f"{title}: {text}")
        button.setMinimumHeight(64)
        button.setStyleSheet("text-align: left; padding: 8px 12px;")
        self.examples.append(button)
        return button

    def set_advice(self, advice: Advice | None, *, built_in: bool) -> None:
        """``built_in``: the small built-in model is loaded, so a bigger one is worth suggesting;
        ``advice``: the model for this machine (None: none in the catalog would run well here)."""
        self._repo = advice.model.repo if advice is not None else ""
        if not built_in:
            self.advice.hide()
            return
        if advice is None:
            self.advice_label.setText(
                self.tr(
                    "You are using the small built-in model, for trying the app offline. This computer has too "
                    "little free memory for a bigger one from the catalog; to use a model file you have, "
                    "choose Models → Add a file…"
                )
            )
        else:
            where = self.tr("fits your GPU") if advice.on_gpu else self.tr("runs well on this computer's processor")
            self.advice_label.setText(
                self.tr(
                    "You are using the small built-in model, for trying the app offline. For good writing help, "
                    "{0} {1}: {2} to download, once. Without internet, choose Models → Add a file… for a GGUF "
                    "file you already have."
                ).format(advice.model.name, where, format_bytes(advice.download_bytes))
            )
        self.download_button.setVisible(advice is not None)
        self.advice.show()
