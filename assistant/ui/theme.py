"""Light and dark appearance: follow the system, or the user's choice in Settings.

Fusion with an explicit palette, because the native styles ignore a dark palette on some
platforms and "follow the system" must also work where the platform has no theme of its own
(X11 without a desktop, the tests' offscreen platform).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def is_dark(theme: str) -> bool:
    """``theme`` is the setting: "system", "light" or "dark"."""
    return theme == "dark" or (theme == "system" and system_is_dark())


def apply(app: QApplication, theme: str) -> bool:
    """Set the app's style and palette for ``theme``; returns whether it is now dark."""
    global _style
    dark = is_dark(theme)
    _style = _Style(dark)  # kept here too: Qt owns it, but Python must not collect it first
    app.setStyle(_style)
    app.setPalette(_dark_palette() if dark else _light_palette())
    return dark


class _Style(QProxyStyle):
    """Fusion, with check boxes outlined in the dark theme: Fusion draws their outline in the window
    colour darkened, which on a dark window is all but invisible. A style rather than a style sheet:
    an application style sheet would make every widget (a long transcript's too) slower to build."""

    def __init__(self, dark: bool) -> None:
        super().__init__("Fusion")
        self.dark = dark

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if self.dark and element == QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QColor(0x9A, 0xA0, 0xA6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
            painter.restore()


_style: _Style | None = None


def _light_palette() -> QPalette:
    return QApplication.style().standardPalette()


def _dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor(0x20, 0x21, 0x24), QColor(0x17, 0x18, 0x1B), QColor(0xE8, 0xE8, 0xEA)
    disabled = QColor(0x7A, 0x7C, 0x80)
    accent = QColor(0x4C, 0x8D, 0xF6)
    for role, color in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, window),
        (QPalette.ColorRole.ToolTipBase, window),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, disabled),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor(0x2B, 0x2D, 0x31)),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor(0xFF, 0x6B, 0x6B)),
        (QPalette.ColorRole.Link, accent),
        (QPalette.ColorRole.Highlight, accent),
        (QPalette.ColorRole.HighlightedText, QColor(0xFF, 0xFF, 0xFF)),
    ):
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p
