"""A small live line chart of the training loss (QPainter: a charting module is not worth 30 MB)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget


class LossChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[float] = []
        self.total_steps = 0
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("Training loss"))

    def reset(self, total_steps: int = 0) -> None:
        self.values = []
        self.total_steps = total_steps
        self.update()

    def add(self, step: int, loss: float) -> None:
        self.values.append(loss)
        self.total_steps = max(self.total_steps, step)
        self.setToolTip(self.tr("Step {0}: loss {1:.3f}").format(step, loss))
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        margin = 8
        width, height = self.width() - 2 * margin, self.height() - 2 * margin
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawRect(margin, margin, width, height)
        if len(self.values) < 2:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("The loss curve appears here"))
            return
        top, low = max(self.values), min(self.values)
        span = (top - low) or 1.0
        steps = max(self.total_steps, len(self.values)) - 1 or 1
        points = QPolygonF(
            [
                QPointF(margin + width * i / steps, margin + height * (1 - (v - low) / span))
                for i, v in enumerate(self.values)
            ]
        )
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
        painter.drawPolyline(points)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(margin + 4, margin + 14, f"{top:.2f}")
        painter.drawText(margin + 4, margin + height - 4, f"{low:.2f}")
