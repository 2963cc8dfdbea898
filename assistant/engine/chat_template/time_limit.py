"""A deadline for the Python code running on this thread (``sys.settrace``)."""

from __future__ import annotations

import sys
import time
import types
from collections.abc import Callable
from typing import Any

from assistant.engine.chat_template.failures import Abort
from assistant.engine.chat_template.limits import UNTRACED_CODE

TraceFunction = Callable[[types.FrameType, str, Any], Any]


class TimeLimit:
    """A deadline for the Python code that runs on this thread, enforced with ``sys.settrace``.

    Why a trace function: a Python thread cannot be killed from outside, the sandbox has no time limit,
    and signals (SIGALRM) reach only the main thread while templates render on workers. The trace
    function runs on each line of Python (the template's compiled code, Jinja2's runtime, our checks)
    and raises once the deadline has passed. C calls are not interrupted; the size caps keep each one
    short.

    A trace function already set (a debugger, coverage) is chained to, and put back afterwards by the
    caller (see ``ChatTemplate._guarded``). Restoring happens in the caller's untraced frame, so no
    check can fire halfway through it.
    """

    def __init__(self, seconds: float, *, lines: bool = True) -> None:
        self.seconds = seconds
        # Checking on every line costs a Python call per line. Rendering needs it (a template loop can
        # spin without calling anything), compiling does not (Jinja2's lexer and parser call functions
        # all the time), so compiling checks only when functions are called and runs several times faster.
        self.lines = lines
        self.deadline = 0.0
        self.active = False
        self.previous: TraceFunction | None = None
        # Bound once: sys.gettrace() is compared by identity, and a fresh bound method per line is waste.
        self.on_call: TraceFunction = self._on_call
        self._on_line_bound: TraceFunction = self._on_line

    def start(self) -> None:
        self.previous = sys.gettrace()
        self.deadline = time.perf_counter() + self.seconds
        self.active = True
        sys.settrace(self.on_call)

    def _expired(self) -> Abort:
        return Abort(f"it took longer than {self.seconds:g} s")

    def _on_call(self, frame: types.FrameType, event: str, arg: Any) -> TraceFunction | None:
        previous = self.previous
        if not self.active or frame.f_code in UNTRACED_CODE:
            return previous(frame, event, arg) if previous is not None else None
        if time.perf_counter() > self.deadline:
            raise self._expired()
        if previous is None:
            return self._on_line_bound if self.lines else None
        inner = previous(frame, event, arg)
        if sys.gettrace() is not self.on_call:
            # coverage.py's C tracer puts itself back as the thread's tracer when called; take it back.
            sys.settrace(self.on_call)
        return self._chain(inner) if self.lines else inner

    def _on_line(self, frame: types.FrameType, event: str, arg: Any) -> TraceFunction | None:
        if event == "line" and self.active and time.perf_counter() > self.deadline:
            raise self._expired()
        return self._on_line_bound

    def _chain(self, inner: TraceFunction | None) -> TraceFunction:
        def local(frame: types.FrameType, event: str, arg: Any) -> TraceFunction | None:
            nonlocal inner
            if inner is not None:
                inner = inner(frame, event, arg)
            if not self.active:
                return inner
            if event == "line" and time.perf_counter() > self.deadline:
                raise self._expired()
            return local

        return local
