"""One way to turn a control off: disabled, with the reason as its tooltip.

A greyed-out button that does not say why is a puzzle, and an enabled one that does nothing when
clicked is worse (issue 15): every control that cannot act right now goes through ``allow``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

_USUAL_TIP = "usual_tool_tip"


def allow(widget: QWidget, why_not: str = "") -> None:
    """Enable ``widget``, or (``why_not`` given) disable it and show why when the pointer rests on it.
    The widget's own tooltip comes back when it is enabled again."""
    usual = widget.property(_USUAL_TIP)
    if usual is None:
        usual = widget.toolTip()
        widget.setProperty(_USUAL_TIP, usual)
    widget.setEnabled(not why_not)
    widget.setToolTip(why_not or usual)
    widget.setAccessibleDescription(why_not)
