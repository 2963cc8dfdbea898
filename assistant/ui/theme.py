"""Light and dark appearance: follow the system, or the user's choice in Settings.

Fusion with an explicit palette, because the native styles ignore a dark palette on some
platforms and "follow the system" must also work where the platform has no theme of its own
(X11 without a desktop, the tests' offscreen platform).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QWidget

# The spacing scale, in pixels: every margin and gap in the app is one of these (Qt's layouts get
# theirs from the style below, so a layout that sets none follows the scale too).
SPACE = (4, 8, 12, 16, 24)

# The type scale: sizes relative to the desktop's own font, so the user's font size still rules.
TYPE = {"caption": 0.85, "body": 1.0, "heading": 1.2, "title": 1.5}


def set_type(widget: QWidget, role: str) -> None:
    """Give ``widget`` the font of ``role`` on the type scale (headings and titles are semibold)."""
    font = QFont(widget.font())
    base = QApplication.font().pointSizeF()
    if base > 0:
        font.setPointSizeF(base * TYPE[role])
    font.setWeight(QFont.Weight.DemiBold if role in ("heading", "title") else QFont.Weight.Normal)
    widget.setFont(font)


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


_LAYOUT = {
    QStyle.PixelMetric.PM_LayoutLeftMargin: SPACE[2],
    QStyle.PixelMetric.PM_LayoutTopMargin: SPACE[2],
    QStyle.PixelMetric.PM_LayoutRightMargin: SPACE[2],
    QStyle.PixelMetric.PM_LayoutBottomMargin: SPACE[2],
    QStyle.PixelMetric.PM_LayoutHorizontalSpacing: SPACE[1],
    QStyle.PixelMetric.PM_LayoutVerticalSpacing: SPACE[1],
}


class _Style(QProxyStyle):
    """Fusion, with three changes. Layout margins and gaps come from the spacing scale. The keyboard
    focus is a ring in the accent colour, two pixels wide, where Fusion draws a faint outline many
    users cannot find. Check boxes are outlined in the dark theme: Fusion draws their outline in the
    window colour darkened, which on a dark window is all but invisible. A style rather than a style
    sheet: an application style sheet would make every widget (a long transcript's too) slower to
    build."""

    def __init__(self, dark: bool) -> None:
        super().__init__("Fusion")
        self.dark = dark

    def drawComplexControl(self, control, option, painter, widget=None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control == QStyle.ComplexControl.CC_ComboBox and keyboard_focus(option):
            focus_ring(painter, option, QRectF(option.rect).adjusted(1, 1, -1, -1))

    def pixelMetric(self, metric, option=None, widget=None) -> int:
        if metric in _LAYOUT:
            return _LAYOUT[metric]
        return super().pixelMetric(metric, option, widget)

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            if keyboard_focus(option):
                focus_ring(painter, option, QRectF(option.rect).adjusted(1, 1, -1, -1))
            return
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_PanelButtonCommand and keyboard_focus(option):
            focus_ring(painter, option, QRectF(option.rect).adjusted(1, 1, -1, -1))
        if self.dark and element == QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QColor(0x9A, 0xA0, 0xA6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
            painter.restore()


def keyboard_focus(option) -> bool:
    """The focus came from the keyboard (Tab): then it is shown, as Fusion and browsers do."""
    state = option.state
    return bool(state & QStyle.StateFlag.State_HasFocus and state & QStyle.StateFlag.State_KeyboardFocusChange)


def focus_ring(painter: QPainter, option, rect: QRectF) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Highlight), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect, 3, 3)
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
