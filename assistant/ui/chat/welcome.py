"""What an empty chat shows: a few things to try, and, while the small built-in model is loaded, the
one better model this computer can run (``models.advice`` picks it; the window computes it off the
UI thread and hands it here)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from assistant.models.advice import Advice
from assistant.ui import theme
from assistant.ui.icons import themed_icon
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
        theme.set_type(heading, "title")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(self.tr("Everything stays on this computer. Try one of these, or type below."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)

        self.examples: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(theme.SPACE[1])
        prompts = (
            self.tr("Explain how a heat pump works, in plain words."),
            self.tr("Plan a relaxed three-day trip to Lisbon on a budget."),
        )
        for column, prompt in enumerate(prompts):
            button = self._example("chat", self.tr("Chat"), prompt)
            button.clicked.connect(lambda _=False, p=prompt: self.prompt_chosen.emit(p))
            grid.addWidget(button, 0, column)
        panels = (
            ("write", self.tr("Write"), self.tr("Proofread, rewrite or translate your text, change by change.")),
            ("summarize", self.tr("Summarize"), self.tr("Summarize a PDF, Word, web page or text file of any length.")),
        )
        for column, (name, title, text) in enumerate(panels):
            button = self._example(name, title, text)
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

    def _example(self, icon: str, title: str, text: str) -> QPushButton:
        button = _Card(icon, title, text)
        self.examples.append(button)
        return button

    def set_icon_color(self, color: QColor) -> None:
        for card in self.examples:
            card.setIcon(themed_icon(card.icon_name, color))

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


class _Card(QPushButton):
    """An example on the welcome: a button drawn as a card, its icon, its name in semibold and what
    it does below, left-aligned (a push button centres one line; a style sheet to change that made
    Fusion draw the button dark in the light theme)."""

    def __init__(self, icon_name: str, title: str, text: str) -> None:
        super().__init__()
        self.icon_name, self.title, self.body = icon_name, title, text
        self.setAccessibleName(f"{title}: {text}")
        self.setToolTip(text)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        width = metrics.horizontalAdvance(self.body) + 20 + 3 * theme.SPACE[2]
        return QSize(width, 2 * metrics.height() + 2 * theme.SPACE[2] + theme.SPACE[0])

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def paintEvent(self, event) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        option.icon = QIcon()  # drawn below, beside two lines of text
        painter.drawControl(QStyle.ControlElement.CE_PushButtonBevel, option)
        inner = self.rect().adjusted(theme.SPACE[2], theme.SPACE[2], -theme.SPACE[2], -theme.SPACE[2])
        if not self.icon().isNull():
            self.icon().paint(painter, QRect(inner.left(), inner.top(), 20, 20))
            inner.setLeft(inner.left() + 20 + theme.SPACE[2])
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        line = QRect(inner.left(), inner.top(), inner.width(), metrics.height())
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        painter.setFont(self.font())
        muted = QColor(self.palette().color(QPalette.ColorRole.ButtonText))
        muted.setAlphaF(0.75)
        painter.setPen(muted)
        line.translate(0, metrics.height() + theme.SPACE[0])
        body = metrics.elidedText(self.body, Qt.TextElideMode.ElideRight, line.width())
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, body)
