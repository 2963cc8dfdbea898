"""Start, watch and restart the engine process, and be the app's ``Engine`` on top of it.

``EngineProcess`` is the child itself: started with a fresh random key (sent on stdin, never on
the command line where other users could read it), a random port it reports back, and its
output appended to ``engine.log`` so that a crash can be explained from what llama.cpp printed.

``LocalEngine`` is what the app talks to: it starts the process on first use, loads the model,
turns a broken connection into one ``EngineCrashed`` with a reason in plain words, and starts a
new process on the next request. A model whose load killed the engine is remembered
(``quarantine.json``) and is not loaded automatically at the next start.
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
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from assistant.core.cancel import CancelToken
from assistant.core.inference import Chunk, GenerationParams, Message
from assistant.engine.client import ConnectionLost, EngineClient, EngineTimeout
from assistant.errors import EngineCrashed, EngineUnavailable
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
            raise EngineUnavailable(f"The model engine could not be started: {reason}.")
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


class Quarantine:
    """Models whose loading killed the engine, kept in ``state_dir/quarantine.json``."""

    def __init__(self, paths: Paths) -> None:
        self.file = paths.state_dir / "quarantine.json"

    def entries(self) -> dict[str, str]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def reason(self, path: Path) -> str | None:
        return self.entries().get(str(path))

    def add(self, path: Path, reason: str) -> None:
        self._write({**self.entries(), str(path): reason})

    def remove(self, path: Path) -> None:
        entries = self.entries()
        if entries.pop(str(path), None) is not None:
            self._write(entries)

    def _write(self, entries: dict[str, str]) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(".tmp")
        tmp.write_text(json.dumps(entries, indent=1), encoding="utf-8")
        os.replace(tmp, self.file)


class LocalEngine:
    """The app's engine: a child process started on demand and restarted after a crash.

    Thread-safety: one caller at a time for generation (the GUI runs it on a single worker);
    ``cancel`` tokens may be set from any thread.
    """

    def __init__(
        self,
        paths: Paths,
        model_path: Path,
        load_options: dict[str, Any] | None = None,
        *,
        load_timeout: float | None = None,
    ) -> None:
        self.paths = paths
        self.model_path = model_path
        self.load_options = dict(load_options or {})
        self.load_timeout = load_timeout
        """Seconds a load may take; None: ``load_time_limit`` of the file."""
        self.quarantine = Quarantine(paths)
        self.model: dict[str, Any] | None = None
        """What the engine said about the loaded model (``/app/load``'s reply)."""
        self._process: EngineProcess | None = None
        self._client: EngineClient | None = None
        self._lock = threading.RLock()

    # -- process lifetime ---------------------------------------------------------------------

    @property
    def process(self) -> EngineProcess | None:
        return self._process

    def _ensure_process(self) -> EngineClient:
        if self._process is not None and self._process.alive() and self._client is not None:
            return self._client
        if self._process is not None:
            self._process.stop()
        self.model = None
        process = EngineProcess(self.paths)
        process.start()
        self._process, self._client = process, EngineClient(process.base_url, process.api_key)
        return self._client

    def ensure_ready(self) -> dict[str, Any]:
        """Start the engine and load the model if needed. Returns the model's description."""
        with self._lock:
            client = self._ensure_process()
            if self.model is None:
                self.model = self._load(client, self.model_path)
            return self.model

    def load_model(self, path: Path, options: dict[str, Any] | None = None) -> dict[str, Any]:
        """Switch to another model (the user chose it, so a quarantined one is tried again)."""
        with self._lock:
            if options is not None:
                self.load_options = dict(options)
            client = self._ensure_process()
            self.model = None
            self.model = self._load(client, path)
            self.model_path = path
            return self.model

    def _load(self, client: EngineClient, path: Path) -> dict[str, Any]:
        marker = self.paths.state_dir / "loading.json"
        marker.write_text(json.dumps({"path": str(path)}), encoding="utf-8")
        limit = self.load_timeout if self.load_timeout is not None else load_time_limit(path)
        try:
            described = client.load_model(str(path), self.load_options, timeout=limit)
        except EngineTimeout as err:
            # A file that makes llama.cpp loop would hold the engine for good: stop it instead.
            if self._process is not None:
                self._process.stop(timeout=1.0)
            reason = f"it took longer than {limit:.0f} s to load"
            self.quarantine.add(path, reason)
            raise EngineUnavailable(
                f"{path.name} was not loaded: {reason}, so the engine was stopped. "
                "That model will not be loaded automatically again; your conversations are safe."
            ) from err
        except EngineUnavailable as err:
            # Refused or broken while the process still runs is a network problem, not a crash.
            if not isinstance(err, ConnectionLost) and self._process is not None and self._process.alive():
                raise
            reason = self._crash_reason()
            self.quarantine.add(path, reason)
            raise EngineCrashed(
                f"The model engine stopped while loading {path.name} ({reason}). "
                "That model will not be loaded automatically again; your conversations are safe."
            ) from err
        finally:
            marker.unlink(missing_ok=True)
        self.quarantine.remove(path)
        return described

    def _crash_reason(self) -> str:
        process = self._process
        if process is None:
            return "unknown reason"
        process.wait(2.0)  # the socket can close a moment before the process is reaped
        return process.exit_description()

    def close(self) -> None:
        with self._lock:
            if self._process is not None:
                self._process.stop()
            self._process = self._client = None
            self.model = None

    # -- the Engine protocol ------------------------------------------------------------------

    def chat(
        self, messages: Sequence[Message], params: GenerationParams, cancel: CancelToken | None = None
    ) -> Iterator[Chunk]:
        return self._guard(lambda client: client.chat(messages, params, cancel))

    def complete(self, prompt: str, params: GenerationParams, cancel: CancelToken | None = None) -> Iterator[Chunk]:
        return self._guard(lambda client: client.complete(prompt, params, cancel))

    def count_tokens(self, text: str) -> int:
        return self._call(lambda client: client.count_tokens(text))

    def count_chat(self, messages: Sequence[Message]) -> int:
        return self._call(lambda client: client.count_chat(messages))

    def score(self, text: str, *, adapter: str = "", adapter_scale: float = 1.0) -> dict:
        """Negative log-likelihood and perplexity of ``text``, with an optional LoRA adapter."""
        return self._call(lambda client: client.score(text, adapter=adapter, adapter_scale=adapter_scale))

    def gpu_free(self) -> int:
        """GPU memory free now as the engine's llama.cpp sees it (0 on a CPU build), for fit estimates."""
        return int(self._call(lambda client: client.health().get("gpu_free_bytes") or 0))

    def _call(self, request: Callable[[EngineClient], T]) -> T:
        """One request to a started engine; a broken connection to a dead engine is EngineCrashed."""
        self.ensure_ready()
        assert self._client is not None
        try:
            return request(self._client)
        except EngineUnavailable as err:
            if self._died():
                raise self._crashed() from err
            raise

    def _died(self) -> bool:
        """After a broken connection: did the process die? (It can close its socket a moment
        before the OS reports it gone, so give it a moment.)"""
        process = self._process
        return process is not None and (not process.alive() or process.wait(1.0) is not None)

    def _guard(self, start: Callable[[EngineClient], Iterator[Chunk]]) -> Iterator[Chunk]:
        """The streaming twin of ``_call``: the stream is checked for a crash as it runs."""
        self.ensure_ready()
        assert self._client is not None
        try:
            yield from start(self._client)
        except EngineUnavailable as err:
            if self._died():
                raise self._crashed() from err
            raise

    def _crashed(self) -> EngineCrashed:
        reason = self._crash_reason()
        log.error("engine crashed: %s", reason)
        with self._lock:
            if self._process is not None:
                self._process.stop(timeout=1.0)
            self._process = self._client = None
            self.model = None
        return EngineCrashed(
            f"The model stopped unexpectedly ({reason}). Your conversation is saved; "
            "the engine starts again with your next message."
        )


def startup_model(paths: Paths, configured: str, default: Path) -> tuple[Path, str | None]:
    """The model to load when the app starts, and a notice when the configured one is skipped."""
    if not configured:
        return default, None
    path = Path(configured).expanduser()
    reason = Quarantine(paths).reason(path)
    if reason is not None:
        return default, (
            f"{path.name} was not loaded because the engine stopped while loading it last time ({reason}). "
            "The default model is used instead; choose it again to retry."
        )
    if not path.is_file():
        return default, f"The model {path} set in the settings is missing; the default model is used instead."
    return path, None
