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
    # The light theme is Fusion's own: a white box, outlined in grey.
    assert _indicator_contrast(qtbot, checked=False) > 0.15


def test_each_panel_has_an_icon_drawn_in_the_themes_text_colour(qtbot) -> None:
    from assistant import paths as paths_mod
    from assistant import settings as settings_mod
    from assistant.app import build_window

    from scripted_engine import ScriptedEngine

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = build_window(paths_mod.get(), engine=ScriptedEngine())
    qtbot.addWidget(window)

    def icon_lightness() -> list[float]:
        values = []
        for index in range(window.panels.count()):
            image = window.panels.panel_icon(index).pixmap(24, 24).toImage()
            pixels = [image.pixelColor(x, y) for x in range(24) for y in range(24)]
            ink = [c for c in pixels if c.alpha() > 200]
            assert ink, f"tab {index} has no icon"
            values.append(sum(c.lightnessF() for c in ink) / len(ink))
        return values

    assert window.panels.count() == 5 and all(v < 0.3 for v in icon_lightness())  # dark ink on light
    try:
        window.apply_settings(
            settings_mod.Settings(engine=window.settings.engine, ui=settings_mod.UiSettings(theme="dark"))
        )
        assert all(v > 0.7 for v in icon_lightness())  # light ink on dark
    finally:
        theme.apply(app, "light")
    window.close()


def test_messages_are_blocks_the_users_tinted(qtbot) -> None:
    from assistant.ui.chat.transcript_view import MessageItem, TranscriptView

    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.set_messages([MessageItem(1, "user", "Hello there."), MessageItem(2, "assistant", "Hi! How can I help?")])
    view.show()
    qtbot.waitUntil(lambda: view._widgets[2].isVisible())

    def inside(message_id: int) -> QColor:
        """A pixel inside the message's block, left of its text."""
        widget = view._widgets[message_id]
        return widget.grab().toImage().pixelColor(4, widget.height() // 2)

    user, model = inside(1), inside(2)
    highlight = view.palette().color(view.palette().ColorRole.Highlight)
    assert user != model, "the user's block is tinted, the model's is not"
    # The tint leans to the accent colour: its blue share is above the model block's.
    assert user.blueF() - user.redF() > model.blueF() - model.redF() and highlight.blueF() > highlight.redF()


def _accent_pixels(widget, accent: QColor) -> int:
    image = widget.grab().toImage()
    target = accent.getRgb()[:3]
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if sum(abs(a - b) for a, b in zip(QColor(image.pixel(x, y)).getRgb()[:3], target, strict=True)) < 60
    )


def test_the_keyboard_focus_is_a_visible_ring_in_both_themes(qtbot) -> None:
    """Tab onto a button, a drop-down and a check box: each gets a ring in the accent colour
    (Fusion's own light-theme button focus is a faint outline no user finds)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QVBoxLayout, QWidget

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        for name in ("light", "dark"):
            theme.apply(app, name)
            window = QWidget()
            qtbot.addWidget(window)
            layout = QVBoxLayout(window)
            start, button, combo, box = QLineEdit(), QPushButton("Send"), QComboBox(), QCheckBox("Pin")
            combo.addItems(["one", "two"])
            for widget in (start, button, combo, box):
                layout.addWidget(widget)
            window.show()
            qtbot.waitUntil(window.isActiveWindow)
            start.setFocus()
            accent = app.palette().color(app.palette().ColorRole.Highlight)
            for widget in (button, combo, box):
                unfocused = _accent_pixels(widget, accent)
                qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
                assert widget.hasFocus()
                assert _accent_pixels(widget, accent) > unfocused + 100, f"{name}: no focus ring on {widget}"
            window.close()
    finally:
        theme.apply(app, "light")


def test_layouts_follow_the_spacing_scale(qtbot) -> None:
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, "light")
    widget = QWidget()
    qtbot.addWidget(widget)
    layout = QHBoxLayout(widget)
    margins = layout.contentsMargins()
    assert {margins.left(), margins.top(), layout.spacing()} <= set(theme.SPACE)
