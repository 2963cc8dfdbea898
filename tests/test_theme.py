"""Both themes stay readable: real Qt (offscreen), real rendering, pixels measured."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox

from assistant.ui import theme


def _indicator_contrast(qtbot, checked: bool) -> float:
    """The largest difference in lightness between the window and any pixel of a check box's box."""
    box = QCheckBox("")
    box.setChecked(checked)
    qtbot.addWidget(box)
    box.resize(box.sizeHint())
    box.show()
    image = box.grab().toImage()
    window = box.palette().window().color().lightnessF()
    side = min(image.width(), image.height(), 18)
    return max(
        abs(QColor(image.pixel(x, y)).lightnessF() - window) for x in range(side) for y in range(image.height())
    )


def test_check_boxes_are_visible_in_the_dark_theme(qtbot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        assert theme.apply(app, "dark")
        # An empty box's outline, and a ticked box, stand out from the dark window.
        assert _indicator_contrast(qtbot, checked=False) > 0.35
        assert _indicator_contrast(qtbot, checked=True) > 0.35
    finally:
        theme.apply(app, "light")
    assert app.styleSheet() == ""  # the light theme is Fusion's own: a white box, outlined in grey
    assert _indicator_contrast(qtbot, checked=False) > 0.15
