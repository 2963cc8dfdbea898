"""Read a document in a child process, so that a hostile or broken file costs one clear error, never the app.

The readers in ``extract.py`` parse untrusted files with libraries that have had infinite loops
(pypdf) and that can be driven to eat memory. So ``read_document`` runs them in a fresh Python
process with a memory cap (RLIMIT_AS) and a time limit, kills it on timeout or when the user
presses Stop, and turns every way it can end into a ``DocumentError`` in plain words, or
``Cancelled``. The child writes its answer to a file in a private temporary folder (see
``extract.py`` for the protocol), so the parent only has to wait for it, polling for cancel.

On platforms without ``resource`` (Windows) there is no memory cap: the time limit alone protects.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from assistant.core.cancel import CancelToken
from assistant.documents.document import Document, DocumentError
from assistant.documents.extract import CLI_COMMAND, DEFAULT_MAX_BYTES, EXIT_OUT_OF_MEMORY, extract_plain_text
from assistant.errors import Cancelled, rebuilt, translatable
from assistant.units import GB, MB, format_bytes

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MEMORY", "DEFAULT_TIMEOUT", "extract_command", "read_document"]

DEFAULT_TIMEOUT = 30.0
DEFAULT_MEMORY = 1 * GB
IN_PROCESS_TEXT_BYTES = 1 * MB
"""Plain text up to this size is read without a child process (``extract.extract_plain_text``): a
child costs about 0.1 s to start, which for a folder of 20,000 notes would be most of an hour."""
_POLL_SECONDS = 0.05
"""How often the wait checks for cancel: Stop takes effect within this, plus the time to kill."""
_STDERR_TAIL = 8192
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]
"""The folder holding the ``assistant`` package: the child imports this same copy of the app."""


def read_document(
    path: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    memory_bytes: int = DEFAULT_MEMORY,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cancel: CancelToken | None = None,
) -> Document:
    """Read ``path`` in a sandboxed child process (plain text up to ``IN_PROCESS_TEXT_BYTES``: here).

    Raises ``DocumentError`` (naming the file) when the file is refused (``max_bytes``: the largest
    file read), takes longer than ``timeout`` seconds (the child's start of about 0.1 s included),
    needs more than ``memory_bytes`` or crashes the reader, and ``Cancelled`` when ``cancel`` is set
    meanwhile. The child is always gone when this returns or raises. Blocks: call it off the GUI thread.
    """
    name = path.name or str(path)
    if cancel is not None:
        cancel.raise_if_cancelled()
    try:
        small = path.stat().st_size <= min(IN_PROCESS_TEXT_BYTES, max_bytes)
    except OSError:
        small = False  # the child says what is wrong with it, in words
    if small:
        text = extract_plain_text(path, max_bytes=max_bytes)
        if text is not None:
            return text
    started = time.monotonic()
    # A private folder (0700): the document's text is written there.
    with tempfile.TemporaryDirectory(prefix="assistant-document-") as folder:
        out = Path(folder) / "document.json"
        stderr_path = Path(folder) / "stderr.txt"
        command = [*extract_command(), str(path.absolute()), "--max-bytes", str(max_bytes), "--out", str(out)]
        try:
            with stderr_path.open("wb") as stderr:
                proc = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                    cwd=folder,  # nothing in the user's current folder can shadow a module
                    env=_child_env(),
                    preexec_fn=_child_limits(memory_bytes, timeout),  # see _child_limits
                )
        except (OSError, subprocess.SubprocessError) as err:
            raise DocumentError(
                translatable("{name} could not be read (the reader could not start: {reason})."),
                name=name,
                reason=str(err),
            ) from err
        try:
            stopped = _wait(proc, timeout, cancel)
        finally:
            if proc.returncode is None:  # stopped, or this thread was interrupted: never leave it running
                proc.kill()
                proc.wait()
        if stopped == "cancelled":
            log.info("reading %s: cancelled", name)
            raise Cancelled()
        if stopped == "timeout":
            raise _too_slow(name, timeout)
        document = _outcome(name, proc.returncode, out, stderr_path, memory_bytes, timeout)
    log.info("read %s: %d sections in %.2f s", name, len(document.sections), time.monotonic() - started)
    return document


def extract_command() -> list[str]:
    """How to start the reader: ``python -m assistant.documents.extract``, or in a packaged build
    (where ``sys.executable`` is the app itself, not Python) the app's hidden command."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CLI_COMMAND]
    return [sys.executable, "-m", "assistant.documents.extract"]


def _child_env() -> dict[str, str]:
    """The app's environment, minus every ``PYTHON*`` variable: a PYTHONPATH, PYTHONSTARTUP or
    PYTHONHOME meant for other work must not change which code the child runs or how. Then the
    child is pointed at this very copy of the app, and kept from adding its folder to sys.path."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    if not getattr(sys, "frozen", False):
        env["PYTHONPATH"] = str(_PACKAGE_ROOT)
    env["PYTHONSAFEPATH"] = "1"
    return env


def _child_limits(memory_bytes: int, timeout: float) -> Callable[[], None] | None:
    """The ``preexec_fn`` that caps the child's address space (RLIMIT_AS) and CPU time; None where
    there are no rlimits.

    ``preexec_fn`` runs in the forked child before it execs Python. Python warns that it can
    deadlock when the parent has threads (the GUI has several): only the forking thread exists in
    the child, so a lock another thread held at fork time stays locked forever. This function takes
    no such lock: no import (``resource`` is imported above), no logging, no I/O, just two
    ``setrlimit`` system calls, so the danger does not apply. Limits set by the child itself
    (in ``main``) would arrive only after the interpreter had started, and not at all if the
    packaged app's command line were changed.

    The CPU limit is a backstop for when the app dies before it can kill the child: a reader stuck
    in a loop then ends on its own shortly after the time limit, by SIGXCPU.
    """
    if resource is None:
        return None
    cpu_seconds = math.ceil(timeout) + 5

    def apply() -> None:
        # A platform that refuses a limit (macOS may) must not stop the reader: the time limit still holds.
        with contextlib.suppress(ValueError, OSError):
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))

    return apply


def _wait(proc: subprocess.Popen[bytes], timeout: float, cancel: CancelToken | None) -> str | None:
    """Wait for the child to end; "timeout" or "cancelled" if it must be stopped instead."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            proc.wait(timeout=max(0.0, min(_POLL_SECONDS, deadline - time.monotonic())))
            return None
        except subprocess.TimeoutExpired:
            pass
        if cancel is not None and cancel.cancelled:
            return "cancelled"
        if time.monotonic() >= deadline:
            return "timeout"


def _outcome(name: str, status: int, out: Path, stderr_path: Path, memory_bytes: int, timeout: float) -> Document:
    """What the child's exit means: its document, its own refusal, or how it died."""
    tail = _tail(stderr_path)
    if status == 0:
        try:
            with out.open(encoding="ascii") as f:
                payload = json.load(f)
            if isinstance(payload, dict) and isinstance(payload.get("error"), str):
                raise _refusal(payload)
            return Document.from_dict(payload)
        except (OSError, ValueError) as err:  # no file, not JSON, not a document
            log.warning("document reader for %s gave no usable answer (%s); stderr:\n%s", name, err, tail)
            raise DocumentError(
                translatable("{name} could not be read (the reader gave no usable answer)."), name=name
            ) from err
    killed = -status if status < 0 else 0
    # SIGKILL that we did not send comes from the kernel's out-of-memory killer.
    if status == EXIT_OUT_OF_MEMORY or killed == getattr(signal, "SIGKILL", None) or "MemoryError" in tail:
        raise DocumentError(
            translatable("{name} needed more than {memory} of memory to read and was stopped."),
            name=name,
            memory=format_bytes(memory_bytes),
        )
    if killed and killed == getattr(signal, "SIGXCPU", None):
        raise _too_slow(name, timeout)
    log.warning("document reader for %s exited with status %s; stderr:\n%s", name, status, tail)
    raise DocumentError(
        translatable("{name} could not be read (the reader crashed: {reason})."),
        name=name,
        reason=_crash_reason(status, tail),
    )


def _refusal(payload: dict) -> DocumentError:
    """The child's refusal (``extract.error_payload``) as the error it raised there: from its template
    and fields when they rebuild its very message, else (an older or odd answer) from the message alone."""
    return rebuilt(DocumentError, payload["error"], payload.get("template"), payload.get("fields"))


def _too_slow(name: str, timeout: float) -> DocumentError:
    return DocumentError(
        translatable(
            "{name} took longer than {timeout:g} s to read and was stopped "
            "(it may be damaged or built to hang a reader)."
        ),
        name=name,
        timeout=timeout,
    )


def _crash_reason(status: int, tail: str) -> str:
    if status < 0:
        try:
            return f"killed by {signal.Signals(-status).name}"
        except ValueError:
            return f"killed by signal {-status}"
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    # The last line of a Python traceback is the exception itself ("KeyError: '/Root'").
    return lines[-1][:200] if lines else f"exit status {status}"


def _tail(path: Path) -> str:
    try:
        with path.open("rb") as f:
            f.seek(max(0, f.seek(0, os.SEEK_END) - _STDERR_TAIL))
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""
