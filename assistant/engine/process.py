"""The engine process: the child that runs llama.cpp behind the app's HTTP API.

Started with a fresh random key (sent on stdin, never on the command line where other users could
read it), a random port it reports back, and its output appended to ``engine.log`` so that a crash
can be explained from what llama.cpp printed. ``engine.local.LocalEngine`` starts and restarts it.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TypeVar

from assistant.errors import EngineUnavailable, translatable
from assistant.paths import Paths

log = logging.getLogger(__name__)
T = TypeVar("T")

START_TIMEOUT = 60.0
LOAD_TIMEOUT_BASE = 120.0
ENGINE_SERVER_COMMAND = "engine-server"
_LOG_TAIL_BYTES = 16_384
_LOG_ROTATE_BYTES = 5_000_000
# Lines llama.cpp and the CUDA runtime print just before dying, most telling first.
_CRASH_MARKERS = ("out of memory", "GGML_ASSERT", "CUDA error", "error:", "Segmentation fault", "Aborted")


class EngineProcess:
    """One engine child process."""

    def __init__(self, paths: Paths, *, python: str = sys.executable) -> None:
        self.paths = paths
        self.python = python
        self.api_key = secrets.token_urlsafe(32)
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_offset = 0
        self.port = 0

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = START_TIMEOUT) -> None:
        self.paths.ensure()
        log_path = self.paths.engine_log_file
        if log_path.exists() and log_path.stat().st_size > _LOG_ROTATE_BYTES:
            os.replace(log_path, log_path.with_name(log_path.name + ".1"))  # keep one older log
        with open(log_path, "ab") as log_file:
            self._log_offset = log_file.tell()
            log_file.write(f"\n=== engine starting {time.strftime('%Y-%m-%d %H:%M:%S')} ===\n".encode())
            log_file.flush()
            env = dict(os.environ, PYTHONUNBUFFERED="1")
            self._proc = subprocess.Popen(
                [*engine_command(self.python), "--host", "127.0.0.1", "--port", "0"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log_file,
                env=env,
                # Its own process group: a Ctrl-C in the terminal reaches the app, which then stops
                # generation itself; the engine must not die of the same signal mid-reply.
                start_new_session=True,
            )
        assert self._proc.stdin and self._proc.stdout
        self._proc.stdin.write((json.dumps({"api_key": self.api_key}) + "\n").encode())
        self._proc.stdin.flush()  # stdin stays open: its closing tells the engine we are gone
        line = _readline_with_timeout(self._proc.stdout, timeout)
        if not line:
            reason = self.exit_description() if self._proc.poll() is not None else "it did not start in time"
            self.stop()
            raise EngineUnavailable(translatable("The model engine could not be started: {reason}."), reason=reason)
        self.port = int(json.loads(line)["port"])
        log.info("engine process %s listening on port %s", self._proc.pid, self.port)

    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def wait(self, timeout: float) -> int | None:
        if self._proc is None:
            return None
        try:
            return self._proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def exit_description(self) -> str:
        """Why it ended, in words: the signal or exit code, and the telling line from its log."""
        code = self._proc.poll() if self._proc else None
        if code is None:
            how = "it stopped responding"
        elif code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            how = {
                "SIGKILL": "it was killed (SIGKILL, possibly by the system for lack of memory)",
                "SIGSEGV": "it crashed (segmentation fault)",
                "SIGABRT": "it aborted (SIGABRT)",
            }.get(name, f"it was ended by {name}")
        else:
            how = f"it exited with code {code}"
        detail = self._log_clue()
        return f"{how}: {detail}" if detail else how

    def _log_clue(self) -> str:
        try:
            with open(self.paths.engine_log_file, "rb") as f:
                f.seek(max(self._log_offset, f.seek(0, os.SEEK_END) - _LOG_TAIL_BYTES))
                lines = f.read().decode("utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        for marker in _CRASH_MARKERS:
            for line in reversed(lines):
                if marker in line:
                    return line.strip()[:300]
        return ""

    def stop(self, timeout: float = 5.0) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin:
                proc.stdin.close()  # the engine exits on its own when stdin closes
        except OSError:
            pass
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
        if proc.stdout:
            proc.stdout.close()


def load_time_limit(path: Path) -> float:
    """How long loading ``path`` may take before the engine is judged stuck: two minutes, plus the
    time to read the file at a slow disk's 50 MB/s."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return LOAD_TIMEOUT_BASE + size / 50e6


def engine_command(python: str = sys.executable) -> list[str]:
    """How to start the engine: ``python -m assistant.engine.server``, or, in a packaged build (where
    the executable is the app itself, not Python), the app's hidden ``engine-server`` command."""
    if getattr(sys, "frozen", False):
        return [sys.executable, ENGINE_SERVER_COMMAND]
    return [python, "-m", "assistant.engine.server"]


def _readline_with_timeout(stream, timeout: float) -> bytes:
    fd = stream.fileno()
    deadline = time.monotonic() + timeout
    buf = b""
    while not buf.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0:
            return b""
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return b""
        chunk = os.read(fd, 4096)
        if not chunk:
            return b""
        buf += chunk
    return buf
