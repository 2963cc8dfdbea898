"""Light and dark appearance: follow the system, or the user's choice in Settings.

Fusion with an explicit palette, because the native styles ignore a dark palette on some
platforms and "follow the system" must also work where the platform has no theme of its own
(X11 without a desktop, the tests' offscreen platform).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from assistant.paths import resources_dir


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def is_dark(theme: str) -> bool:
    """``theme`` is the setting: "system", "light" or "dark"."""
    return theme == "dark" or (theme == "system" and system_is_dark())


def apply(app: QApplication, theme: str) -> bool:
    """Set the app's style and palette for ``theme``; returns whether it is now dark."""
    dark = is_dark(theme)
    app.setStyle("Fusion")
    app.setPalette(_dark_palette() if dark else _light_palette())
    app.setStyleSheet(_dark_indicators() if dark else "")
    return dark


def _dark_indicators() -> str:
    """Fusion outlines a check box in the window colour darkened, which on a dark window is all but
    invisible: in the dark theme the boxes get a light outline, and the accent colour when ticked."""
    check = (resources_dir() / "icons" / "check.svg").as_posix()
    box = "width: 13px; height: 13px; border: 1px solid #9aa0a6; border-radius: 3px; background: #17181b;"
    ticked = f"background: #4c8df6; border-color: #4c8df6; image: url({check});"
    return (
        f"QCheckBox::indicator, QGroupBox::indicator {{ {box} }}"
        f"QCheckBox::indicator:checked, QGroupBox::indicator:checked {{ {ticked} }}"
        "QCheckBox::indicator:disabled, QGroupBox::indicator:disabled { border-color: #5f6368; }"
    )


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
