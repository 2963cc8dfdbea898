"""The app's client for any OpenAI-compatible server: its own engine process or a remote one.

Standard library only (``http.client``): the GUI process imports this, and it must stay light.
Streams are Server-Sent Events parsed line by line into ``Chunk``s. Cancelling shuts the socket
down, which wakes a blocked read at once and tells the server to stop generating.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

from assistant.core.cancel import CancelToken
from assistant.core.inference import Chunk, GenerationParams, Message, Timings
from assistant.errors import (
    Cancelled,
    E,
    EngineAuthError,
    EngineRequestError,
    EngineUnavailable,
    NoModelLoaded,
    rebuilt,
    translatable,
)

log = logging.getLogger(__name__)


class ConnectionLost(EngineUnavailable):
    """The connection broke mid-request. For the local engine this usually means it died."""


class EngineTimeout(EngineUnavailable):
    """The engine did not answer within the request's time limit."""


class EngineClient:
    """Talks to one server at ``base_url`` (e.g. ``http://127.0.0.1:8080`` or ``https://host/v1``)."""

    def __init__(self, base_url: str, api_key: str = "", *, timeout: float = 600.0) -> None:
        parts = urlsplit(base_url.rstrip("/"))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise EngineUnavailable(
                translatable("'{url}' is not a server address (it should look like http://host:port)."), url=base_url
            )
        self.base_url = base_url
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port
        # OpenAI base URLs end in /v1; the endpoints below add it themselves.
        path = parts.path
        self._prefix = path[: -len("/v1")] if path.endswith("/v1") else path
        self._api_key = api_key
        self.timeout = timeout

    # -- transport ----------------------------------------------------------------------------

    def _connect(self, timeout: float | None) -> http.client.HTTPConnection:
        cls = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
        return cls(self._host, self._port, timeout=timeout or self.timeout)

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        return headers

    def _send(
        self, method: str, path: str, body: dict[str, Any] | None, timeout: float | None, cancel: CancelToken | None
    ) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse, Callable[[], None]]:
        """Send a request; returns the connection, the response and a function that unhooks ``cancel``.

        Cancelling shuts the socket down, which wakes a read blocked anywhere (even while the server
        is still evaluating the prompt, before it has sent a byte) and tells the server to stop.
        The socket is kept here because http.client drops ``conn.sock`` once a response says
        ``Connection: close``.
        """
        conn = self._connect(timeout)
        data = None if body is None else json.dumps(body).encode()
        unhook: Callable[[], None] = _nothing
        try:
            conn.connect()
            if cancel is not None:
                sock = conn.sock
                unhook = cancel.on_cancel(lambda: _shutdown(sock))
            conn.request(method, self._prefix + path, body=data, headers=self._headers())
            return conn, conn.getresponse(), unhook
        except (ConnectionRefusedError, socket.gaierror) as err:
            error: EngineUnavailable = EngineUnavailable(
                translatable("Could not reach the model engine at {url} ({reason})."),
                url=self.base_url,
                reason=_reason(err),
            )
            cause: BaseException = err
        except TimeoutError as err:
            error = EngineTimeout(translatable("The model engine at {url} did not answer in time."), url=self.base_url)
            cause = err
        except (http.client.HTTPException, OSError) as err:
            error, cause = _broke(err), err
        unhook()
        conn.close()
        if cancel is not None and cancel.cancelled:
            raise Cancelled() from cause
        raise error from cause

    def _raise_for_status(self, resp: http.client.HTTPResponse) -> None:
        if resp.status < 400:
            return
        try:
            payload = json.loads(resp.read() or b"{}")
            error = payload.get("error", payload)
            message = error.get("message") if isinstance(error, dict) else str(error)
            code = error.get("code", "") if isinstance(error, dict) else ""
        except (ValueError, AttributeError, OSError, http.client.HTTPException):  # not JSON, or not an object
            error, message, code = None, "", ""
        message = str(message) if message else f"HTTP {resp.status} {resp.reason}"
        if resp.status == 401:
            raise EngineAuthError(
                translatable(
                    "The model engine at {url} refused the API key ({message}). Check the key in the engine settings."
                ),
                url=self.base_url,
                message=message,
            )
        if resp.status == 503 and code == "model_not_loaded":
            raise server_error(NoModelLoaded, error, message)
        raise server_error(EngineRequestError, error, message)

    def request_json(
        self, method: str, path: str, body: dict[str, Any] | None = None, *, timeout: float | None = None
    ) -> dict[str, Any]:
        conn, resp, _ = self._send(method, path, body, timeout, None)
        try:
            self._raise_for_status(resp)
            try:
                return json.loads(resp.read())
            except (http.client.HTTPException, OSError) as err:
                raise _broke(err) from err
            except ValueError as err:
                raise EngineRequestError(
                    translatable("The engine at {url} sent a reply that is not JSON."), url=self.base_url
                ) from err
        finally:
            conn.close()

    # -- API ----------------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        return self.request_json("GET", "/health", timeout=10)

    def models(self) -> list[dict[str, Any]]:
        return self.request_json("GET", "/v1/models", timeout=30).get("data", [])

    def load_model(self, path: str, options: dict[str, Any], *, timeout: float | None = None) -> dict[str, Any]:
        """Our engine's extension: load a GGUF, replacing the current model."""
        return self.request_json("POST", "/app/load", {"path": path, "options": options}, timeout=timeout)

    def unload_model(self) -> None:
        self.request_json("POST", "/app/unload", {})

    def tokenize(self, text: str) -> list[int]:
        return self.request_json("POST", "/tokenize", {"content": text}, timeout=60)["tokens"]

    def count_tokens(self, text: str) -> int:
        try:
            return len(self.tokenize(text))
        except EngineRequestError:
            # Servers without /tokenize (vLLM's differs, Ollama has none): estimate.
            return max(1, len(text) // 4)

    def score(self, text: str, *, adapter: str = "", adapter_scale: float = 1.0) -> dict[str, Any]:
        """{"nll", "tokens", "perplexity"} of ``text`` under the loaded model (this app's engine only)."""
        body: dict[str, Any] = {"content": text}
        if adapter:
            body["adapter"] = {"path": adapter, "scale": adapter_scale}
        return self.request_json("POST", "/app/score", body, timeout=600)

    def embed(self, texts: Sequence[str], model: str = "", *, truncate: bool = False) -> list[list[float]]:
        """Unit vectors for ``texts``, in order (OpenAI's /v1/embeddings, batched by the server), from
        ``model`` (our engine: an embedding GGUF's path) or the server's own; with ``truncate``, a
        text longer than the model takes is embedded by its start rather than refused."""
        body: dict[str, Any] = {"input": list(texts), "encoding_format": "float"}
        if model:
            body["model"] = model
        if truncate:
            body["truncate"] = True
        reply = self.request_json("POST", "/v1/embeddings", body, timeout=600)
        return [item["embedding"] for item in sorted(reply["data"], key=lambda item: item["index"])]

    def rerank(self, query: str, documents: Sequence[str], model: str = "") -> list[float]:
        """Relevance of each of ``documents`` to ``query`` (higher is better), in the documents' order,
        from the reranker ``model`` (our engine: a reranking GGUF's path) or the server's own
        (llama-server started with ``--reranking``)."""
        body: dict[str, Any] = {"query": query, "documents": list(documents)}
        if model:
            body["model"] = model
        reply = self.request_json("POST", "/v1/rerank", body, timeout=600)
        scores = {int(item["index"]): float(item["relevance_score"]) for item in reply["results"]}
        return [scores[i] for i in range(len(documents))]

    def load_embedding_model(self, path: str) -> dict[str, Any]:
        """Our engine's extension: load an embedding GGUF beside the chat model."""
        return self.request_json("POST", "/app/load_embedding", {"path": path}, timeout=300)

    def count_chat(self, messages: Sequence[Message]) -> int:
        """Tokens the conversation takes as a prompt, chat template included."""
        try:
            body = {"messages": [m.to_dict() for m in messages]}
            return int(self.request_json("POST", "/app/count_chat", body, timeout=60)["tokens"])
        except EngineRequestError:
            # Other servers: the messages' own tokens plus a few per message for the template.
            return sum(self.count_tokens(m.content) + 4 for m in messages)

    def chat(
        self, messages: Sequence[Message], params: GenerationParams, cancel: CancelToken | None = None
    ) -> Iterator[Chunk]:
        body = {"messages": [m.to_dict() for m in messages], "stream": True, **params.to_request()}
        return self._stream("/v1/chat/completions", body, cancel or CancelToken(), chat=True)

    def complete(self, prompt: str, params: GenerationParams, cancel: CancelToken | None = None) -> Iterator[Chunk]:
        body = {"prompt": prompt, "stream": True, **params.to_request(chat=False)}
        return self._stream("/v1/completions", body, cancel or CancelToken(), chat=False)

    # -- streaming ----------------------------------------------------------------------------

    def _stream(self, path: str, body: dict[str, Any], cancel: CancelToken, *, chat: bool) -> Iterator[Chunk]:
        if cancel.cancelled:
            yield Chunk(finish_reason="cancelled")
            return
        started = time.perf_counter()
        try:
            conn, resp, unhook = self._send("POST", path, body, None, cancel)
        except Cancelled:
            yield Chunk(finish_reason="cancelled")
            return
        first = last = 0.0
        pieces = 0
        try:
            self._raise_for_status(resp)
            for event in _events(resp, cancel):
                if "error" in event:
                    err = event["error"]
                    message = str(err.get("message", err)) if isinstance(err, dict) else str(err)
                    raise server_error(EngineRequestError, err, message)
                meta = event.get("x_assistant")
                choice = (event.get("choices") or [{}])[0]
                delta = choice.get("delta") or {}
                text = delta.get("content") if chat else choice.get("text")
                # llama-server's and DeepSeek's field for a reasoning model's thinking.
                reasoning = delta.get("reasoning_content") if chat else None
                finish = choice.get("finish_reason")
                if text or reasoning:
                    last = time.perf_counter()
                    first = first or last
                    pieces += 1
                if finish:
                    timings = _timings(event, started, first, last, pieces, self.base_url)
                    yield Chunk(text=text or "", reasoning=reasoning or "", finish_reason=finish, timings=timings)
                    return
                if text or reasoning or meta:
                    yield Chunk(
                        text=text or "",
                        reasoning=reasoning or "",
                        dropped_messages=int((meta or {}).get("dropped_messages", 0)),
                        warnings=tuple((meta or {}).get("warnings", ())),
                    )
            if cancel.cancelled:
                yield Chunk(finish_reason="cancelled")
                return
            raise ConnectionLost(translatable("The model engine closed the connection before the reply was complete."))
        except (http.client.HTTPException, OSError) as err:
            if cancel.cancelled:
                yield Chunk(finish_reason="cancelled")
                return
            raise _broke(err) from err
        finally:
            unhook()
            conn.close()


def server_error(cls: type[E], error: object, message: str) -> E:
    """``cls`` for an error a server sent: rebuilt from the ``template`` and ``fields`` our engine adds
    to OpenAI's error object, so that the GUI can show it translated; from ``message`` alone when there
    are none (another server) or they do not make ``message`` again."""
    if isinstance(error, dict):
        return rebuilt(cls, message, error.get("template"), error.get("fields"))
    return cls(message)


def _broke(err: BaseException) -> ConnectionLost:
    return ConnectionLost(translatable("The connection to the model engine broke ({reason})."), reason=_reason(err))


def _events(resp: http.client.HTTPResponse, cancel: CancelToken) -> Iterator[dict[str, Any]]:
    """Parse SSE ``data:`` lines into JSON objects until ``[DONE]`` or the end of the stream."""
    while not cancel.cancelled:
        line = resp.readline()
        if not line:
            return
        if not line.startswith(b"data:"):
            continue  # blank separators, comments, "event:" lines
        data = line[5:].strip()
        if data == b"[DONE]":
            return
        try:
            yield json.loads(data)
        except ValueError:
            log.warning("ignoring a malformed event from the engine: %r", data[:200])


def _timings(event: dict[str, Any], started: float, first: float, last: float, pieces: int, url: str) -> Timings:
    """The server's timings (llama-server's names) if it sent them, else what the client measured.
    Time to first token is always measured here: it is what the user waits for."""
    ttft = (first - started) * 1000 if first else 0.0
    raw = event.get("timings")
    if isinstance(raw, dict):
        return Timings.from_dict({**raw, "ttft_ms": ttft or raw.get("ttft_ms", 0.0)})
    usage = event.get("usage") or {}
    n = int(usage.get("completion_tokens") or pieces)
    span = (last - first) * 1000
    return Timings(
        prompt_n=int(usage.get("prompt_tokens") or 0),
        predicted_n=n,
        predicted_ms=span,
        predicted_per_second=(n - 1) / span * 1000 if span > 0 and n > 1 else 0.0,
        ttft_ms=ttft,
        backend=url,
    )


def _shutdown(sock: socket.socket | None) -> None:
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed: nothing left to interrupt
            sock.shutdown(socket.SHUT_RDWR)


def _nothing() -> None:
    pass


def _reason(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower()
    return str(err) or type(err).__name__
