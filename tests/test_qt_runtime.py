"""Guards against Qt binding releases that break the app in ways no other test would pin down."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    chunk = Signal(object)


def test_signal_emit_keeps_bool_refcounts(qapp) -> None:
    """PySide6 6.12.0 returned True/False from emit() without a reference: every emit took one
    reference from True, and on Python 3.11 (where True is not immortal) the app aborted with
    "bool_dealloc" after a few hundred streamed chunks. pyproject.toml excludes that release."""
    emitter = _Emitter()
    emitter.chunk.connect(lambda _value: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.chunk.emit("piece")
    assert sys.getrefcount(True) >= before - 10, "emit() is dropping references to True"
