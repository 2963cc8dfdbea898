"""The app's engine on this machine: ``LocalEngine``, on top of the engine process.

It starts the process on first use, loads the model, turns a broken connection into one
``EngineCrashed`` with a reason in plain words, and starts a new process on the next request. A
model whose load killed the engine is remembered (``engine.quarantine``) and is not loaded
automatically at the next start (``startup_model``).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from assistant.core.cancel import CancelToken
from assistant.core.inference import Chunk, GenerationParams, Message
from assistant.engine.client import ConnectionLost, EngineClient, EngineTimeout
from assistant.engine.process import EngineProcess, load_time_limit
from assistant.engine.quarantine import Quarantine
from assistant.errors import EngineCrashed, EngineUnavailable, translatable
from assistant.paths import Paths

log = logging.getLogger(__name__)
T = TypeVar("T")


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
            self.quarantine.add(path, f"it took longer than {limit:.0f} s to load")
            raise EngineUnavailable(
                translatable(
                    "{name} was not loaded: it took longer than {seconds:.0f} s to load, so the engine was stopped. "
                    "That model will not be loaded automatically again; your conversations are safe."
                ),
                name=path.name,
                seconds=limit,
            ) from err
        except EngineUnavailable as err:
            # Refused or broken while the process still runs is a network problem, not a crash.
            if not isinstance(err, ConnectionLost) and self._process is not None and self._process.alive():
                raise
            reason = self._crash_reason()
            self.quarantine.add(path, reason)
            raise EngineCrashed(
                translatable(
                    "The model engine stopped while loading {name} ({reason}). "
                    "That model will not be loaded automatically again; your conversations are safe."
                ),
                name=path.name,
                reason=reason,
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

    def embed(self, texts: Sequence[str], model: str = "", *, truncate: bool = False) -> list[list[float]]:
        """Unit vectors for ``texts`` from the embedding GGUF ``model`` (a path), or from the current
        embedding model (the built-in one unless another was loaded); ``truncate``: see the client."""
        return self._call(lambda client: client.embed(texts, model, truncate=truncate))

    def rerank(self, query: str, documents: Sequence[str], model: str) -> list[float]:
        """Relevance of each document to ``query`` from the reranking GGUF ``model`` (a path)."""
        return self._call(lambda client: client.rerank(query, documents, model))

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
            translatable(
                "The model stopped unexpectedly ({reason}). Your conversation is saved; "
                "the engine starts again with your next message."
            ),
            reason=reason,
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
