"""The panels, chosen from a rail of icons down the window's left edge (as LM Studio and Jan do),
rather than a row of tabs: five panels fit any window height, and the names stay short under icons.

Keyboard first: the rail takes the focus like any list (Up/Down move between panels), and
Ctrl+1…5 (the window's actions) reach a panel from anywhere. A panel may be shown inside a page of
its own (Chat shows its conversation list beside it); the rail speaks of the panel either way.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QWidget,
)

from assistant.ui import theme
from assistant.ui.icons import themed_icon

ICON_SIZE = 24


class PanelRail(QWidget):
    """A rail of panels beside the page of the one chosen."""

    currentChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rail = QListWidget()
        self.rail.setObjectName("panel-rail")
        self.rail.setAccessibleName(self.tr("Panels"))
        self.rail.setItemDelegate(_RailItem(self.rail))
        self.rail.setViewMode(QListView.ViewMode.IconMode)
        self.rail.setFlow(QListView.Flow.TopToBottom)
        self.rail.setMovement(QListView.Movement.Static)
        self.rail.setWrapping(False)
        self.rail.setUniformItemSizes(True)
        self.rail.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.rail.setSpacing(theme.SPACE[0])
        self.rail.setFrameShape(QFrame.Shape.NoFrame)
        self.rail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rail.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # The window's colour, not a list's white: the rail is part of the frame, not content.
        self.rail.viewport().setAutoFillBackground(False)
        self.rail.setAutoFillBackground(False)
        self.stack = QStackedWidget()
        self._panels: list[QWidget] = []
        self._icons: list[str] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rail)
        layout.addWidget(self.stack, 1)
        self.rail.currentRowChanged.connect(self._show)

    def add_panel(self, panel: QWidget, text: str, icon: str, page: QWidget | None = None) -> None:
        """``page`` is what shows when the panel is chosen, if more than the panel itself."""
        item = QListWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
        item.setToolTip(text)
        self.rail.addItem(item)
        self.stack.addWidget(page if page is not None else panel)
        self._panels.append(panel)
        self._icons.append(icon)
        self._fit()
        if self.rail.currentRow() < 0:
            self.rail.setCurrentRow(0)

    def set_icon_color(self, color: QColor) -> None:
        for row, name in enumerate(self._icons):
            self.rail.item(row).setIcon(themed_icon(name, color))

    # -- what QTabWidget offered, so callers choose panels as before ------------------------------

    def count(self) -> int:
        return len(self._panels)

    def currentIndex(self) -> int:
        return self.rail.currentRow()

    def setCurrentIndex(self, index: int) -> None:
        if 0 <= index < self.count():
            self.rail.setCurrentRow(index)

    def currentWidget(self) -> QWidget | None:
        index = self.currentIndex()
        return self._panels[index] if index >= 0 else None

    def setCurrentWidget(self, panel: QWidget) -> None:
        self.setCurrentIndex(self._panels.index(panel))

    def panel_text(self, index: int) -> str:
        return self.rail.item(index).text()

    def panel_icon(self, index: int) -> QIcon:
        return self.rail.item(index).icon()

    # -- inside -----------------------------------------------------------------------------------

    def _show(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentIndex(row)
            self.currentChanged.emit(row)

    def _fit(self) -> None:
        """As wide as the widest name (translations differ), with room either side."""
        metrics = self.rail.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.rail.item(r).text()) for r in range(self.rail.count()))
        width = max(widest, ICON_SIZE) + 2 * theme.SPACE[2]
        height = ICON_SIZE + metrics.height() + 2 * theme.SPACE[1]
        for row in range(self.rail.count()):
            self.rail.item(row).setSizeHint(QSize(width, height))
        self.rail.setFixedWidth(width + 2 * theme.SPACE[0] + 2)


class _RailItem(QStyledItemDelegate):
    """A panel on the rail: its icon over its name; the chosen one on a tinted pill in the accent
    colour (Fusion would highlight only the name, under the icon), hover a fainter one."""

    def paint(self, painter: QPainter, option, index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(2, 1, -2, -1)
        accent = QColor(option.palette.color(QPalette.ColorRole.Highlight))
        state = option.state
        if state & QStyle.StateFlag.State_Selected or state & QStyle.StateFlag.State_MouseOver:
            accent.setAlphaF(0.22 if state & QStyle.StateFlag.State_Selected else 0.08)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
            painter.drawRoundedRect(rect, 6, 6)
        if theme.keyboard_focus(option):
            theme.focus_ring(painter, option, rect)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        metrics = option.fontMetrics
        top = option.rect.top() + theme.SPACE[1]
        if isinstance(icon, QIcon):
            left = option.rect.center().x() - ICON_SIZE // 2 + 1
            icon.paint(painter, QRect(left, top, ICON_SIZE, ICON_SIZE))
        painter.setPen(option.palette.color(QPalette.ColorRole.WindowText))
        text_rect = QRect(option.rect.left(), top + ICON_SIZE + 2, option.rect.width(), metrics.height())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter, str(index.data()))
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        return index.data(Qt.ItemDataRole.SizeHintRole) or super().sizeHint(option, index)
