"""The app's icons: one set of SVGs in ``resources/icons``, drawn in ``currentColor`` and painted here
in the theme's text colour, so both themes use the same files."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from assistant.paths import resources_dir

_SIZES = (16, 24, 32, 48)


def themed_icon(name: str, color: QColor) -> QIcon:
    """``resources/icons/{name}.svg`` in ``color``, at the sizes toolbars and tabs ask for."""
    svg = (resources_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", color.name()).encode("utf-8")))
    icon = QIcon()
    for size in _SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
