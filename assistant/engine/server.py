"""The engine process: llama.cpp behind an OpenAI-compatible HTTP API, for the app alone.

Runs as ``python -m assistant.engine.server`` (a child of the app) or through ``assistant serve``.
Why a process of its own: DESIGN.md. Why the standard library's HTTP server and not
llama-cpp-python's FastAPI app: that app answers every origin with CORS (``allow_origins=["*"]``),
leaves the Host header unchecked, and streams through ``create_completion``, whose per-token
Python cost is what ``runtime.py`` exists to avoid. What the app needs is a handful of routes,
each a few lines over ``runtime.LoadedModel``.

Endpoints (every one needs ``Authorization: Bearer <key>`` and a loopback Host header):
  GET  /health                  status, the loaded model (with its backend), free GPU memory
  GET  /v1/models               the loaded model, OpenAI-shaped, with n_ctx and backend
  POST /v1/chat/completions     OpenAI chat, streamed (SSE) or not; llama-server's ``timings``; a
                                reasoning model's thinking as ``reasoning_content``; structured output
  POST /v1/completions          raw text continuation (structured output too)
  POST /v1/embeddings           OpenAI embeddings from the embedding model (built in, or /app/load_embedding)
  POST /tokenize, /detokenize   llama-server's shapes
  POST /app/count_chat          tokens a conversation takes with the chat template (the app's own)
  POST /app/score               negative log-likelihood and perplexity of a text, with an optional adapter
  POST /app/load, /app/unload   load or drop a GGUF (the app's own extension)
  POST /v1/rerank, /rerank      relevance of passages to a question from a reranker GGUF (Jina/Cohere
                                shapes, as llama-server's); the app's Library uses it when chosen
  POST /app/load_embedding      load an embedding GGUF beside the chat model

What a request may ask and how it is refused is ``requests.py`` (OpenAI's error shape); schemas
become grammars in ``structured.py``; thinking is split from the answer by ``core.reasoning``.

Why one file: the routes share the handler and the one lock over the model; each route is a few lines.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hmac
import json
import logging
import math
import os
import select
import socket
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from assistant.core.context import fit_messages, reply_reserve
from assistant.core.inference import GenerationParams, Message
from assistant.core.reasoning import ReasoningSplitter, Split, answer_opening
from assistant.core.reply_parts import ReplyParser
from assistant.core.tool_calls import ToolCall, ToolCallCollector
from assistant.engine.requests import (
    CHAT_FIELDS,
    COMPLETION_FIELDS,
    EMBEDDING_FIELDS,
    ApiError,
    Reasoning,
    adapter_fields,
    bad,
    bad_error,
    check_fields,
    context_overflow,
    forced_call_grammar,
    model_refused,
    parse_embedding_input,
    parse_grammar,
    parse_logprobs,
    parse_messages,
    parse_params,
    parse_reasoning,
    parse_rerank,
    parse_tools,
    template_messages,
)
from assistant.errors import AssistantError, ModelFileError, ModelTooLarge, translatable

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 32 * 1024 * 1024
FLUSH_INTERVAL = 0.015
"""Tokens arriving faster than a display frame are sent together: one SSE event per ~15 ms."""
PEER_CHECK_INTERVAL = 0.01
MAX_NAMED_EMBEDDERS = 3
"""Embedding models kept loaded besides the default one (each a few hundred MB at most)."""
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


class ReadWriteLock:
    """Many readers or one writer; a waiting writer goes first so a model switch is not starved.

    Readers are requests that use the loaded model (tokenizing, generating); the writer is a load or
    unload, which frees the model under them.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and not self._writers_waiting)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            self._cond.wait_for(lambda: not self._writing and not self._readers)
            self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class EngineState:
    """The one model, and the locks around it.

    ``model_lock`` keeps the model alive while a request uses it (reading) and lets a load or unload
    replace it (writing). ``context_lock`` serialises generation: a llama.cpp context is not
    thread-safe, but its vocabulary is, so tokenizing (the input box's token counter) never waits
    for a reply to finish.
    """

    def __init__(self, api_key: str, *, loopback_only: bool = True) -> None:
        if not api_key:
            raise ValueError("the engine always needs an API key")
        self.api_key = api_key
        # Served on a network interface (``assistant serve --host``), clients use this machine's
        # own names, which cannot be listed: there the required key is the protection.
        self.loopback_only = loopback_only
        self.model_lock = ReadWriteLock()
        self.context_lock = threading.Lock()
        self.model = None  # runtime.LoadedModel, imported lazily so /health works while llama.cpp loads
        # The embedding model has its own context and lock: embedding never waits for a chat reply.
        self.embedding_lock = threading.Lock()
        self.embedder = None  # embedding.Embedder, loaded on demand (the built-in one) or by /app/load_embedding
        # Embedding models a request named by path (the Library's collections each keep theirs), most
        # recently used last; small, so a few stay loaded beside the default one.
        self.named_embedders: dict[str, Any] = {}

    def load(self, path: Path, options: dict[str, Any]) -> dict[str, object]:
        from assistant.engine.load_options import LoadOptions
        from assistant.engine.runtime import LoadedModel

        opts = LoadOptions.from_dict(options)
        if self.model is not None:  # free the old model first: two may not fit together
            self.model.close()
            self.model = None
        self.model = LoadedModel(path, opts)
        return self.model.describe()

    def unload(self) -> None:
        if self.model is not None:
            self.model.close()
            self.model = None

    def load_embedder(self, path: Path):
        """Under ``embedding_lock``: replace the embedding model."""
        from assistant.engine.embedding import Embedder

        loaded = Embedder(path)  # first: a file that is refused leaves the current one in place
        if self.embedder is not None:
            self.embedder.close()
        self.embedder = loaded
        return loaded

    def embedder_for(self, model: object):
        """Under ``embedding_lock``: the embedding model a request's ``model`` names when it is the
        absolute path of a GGUF file (loaded on first use; ``MAX_NAMED_EMBEDDERS`` kept), else the
        current one (OpenAI clients send a name of their own, such as "text-embedding-3-small")."""
        from assistant.engine.embedding import Embedder

        if not (isinstance(model, str) and model.lower().endswith(".gguf") and Path(model).is_absolute()):
            return self.current_embedder()
        key = str(Path(model).resolve())
        if self.embedder is not None and str(self.embedder.path.resolve()) == key:
            return self.embedder
        found = self.named_embedders.pop(key, None) or Embedder(Path(key))
        self.named_embedders[key] = found
        while len(self.named_embedders) > MAX_NAMED_EMBEDDERS:
            self.named_embedders.pop(next(iter(self.named_embedders))).close()
        return found

    def current_embedder(self):
        """Under ``embedding_lock``: the embedding model, the built-in one loaded on first use."""
        from assistant.models.store import built_in_embedding_path

        if self.embedder is None:
            path = built_in_embedding_path()
            if not path.is_file():
                raise ApiError(
                    HTTPStatus.BAD_REQUEST,
                    translatable(
                        "No embedding model is loaded, and a chat model cannot make embeddings: load an "
                        "embedding model (POST /app/load_embedding) or run the app's set-up, which makes the "
                        "built-in one."
                    ),
                    code="model_not_embedding",
                    param="model",
                    fields={},
                )
            self.load_embedder(path)
        return self.embedder


# -- the handler ------------------------------------------------------------------------------


class _PeerWatch:
    """Notices that the client went away (its "Stop"), cheaply enough to ask after every token."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.gone = False
        self._next_check = 0.0

    def __call__(self) -> bool:
        if self.gone:
            return True
        now = time.perf_counter()
        if now < self._next_check:
            return False
        self._next_check = now + PEER_CHECK_INTERVAL
        try:
            readable, _, _ = select.select([self.sock], [], [], 0)
            # A closed peer makes the socket readable with nothing to read.
            if readable and not self.sock.recv(1, socket.MSG_PEEK):
                self.gone = True
        except (OSError, ValueError):
            self.gone = True
        return self.gone


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "assistant-engine"
    timeout = 120  # a client that stops sending mid-request does not hold a thread forever
    server: EngineHTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_OPTIONS(self) -> None:
        # No CORS: a browser page on another origin gets no preflight approval, ever.
        self._dispatch("OPTIONS")

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS

    # -- plumbing ---------------------------------------------------------------------------

    def _dispatch(self, method: str) -> None:
        state = self.server.state
        try:
            self._check_host(state)
            self._check_auth(state)
            route = ROUTES.get((method, self.path.split("?", 1)[0]))
            if route is None:
                raise ApiError(HTTPStatus.NOT_FOUND, f"no such endpoint: {method} {self.path}", "not_found_error")
            body = self._read_body() if method == "POST" else {}
            route(self, state, body)
        except ApiError as err:
            self._send_json(err.body(), err.status)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as err:  # a bug: report it, keep serving
            log.exception("request failed")
            error = ApiError(HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {err}", "server_error")
            self._send_json(error.body(), error.status)

    def _check_host(self, state: EngineState) -> None:
        # DNS rebinding: a web page that points its own name at 127.0.0.1 sends that name as Host.
        if not state.loopback_only:
            return
        host = (self.headers.get("Host") or "").strip().lower()
        name = host if host.endswith("]") else host.rsplit(":", 1)[0]
        if name not in LOOPBACK_NAMES:
            raise ApiError(HTTPStatus.FORBIDDEN, "Host not allowed", "forbidden")

    def _check_auth(self, state: EngineState) -> None:
        header = self.headers.get("Authorization") or ""
        scheme, _, key = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(key.strip().encode(), state.api_key.encode()):
            raise ApiError(HTTPStatus.UNAUTHORIZED, "missing or wrong API key", "authentication_error")

    def _read_body(self) -> dict[str, Any]:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise bad("bad Content-Length") from None
        if length > MAX_BODY_BYTES:
            self.close_connection = True
            raise ApiError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request larger than {MAX_BODY_BYTES} bytes")
        raw = self.rfile.read(length) if length else b"{}"
        try:
            body = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise bad("request body is not valid JSON", code="invalid_json") from None
        if not isinstance(body, dict):
            raise bad("request body must be a JSON object", code="invalid_json")
        return body

    def _send_json(self, payload: object, status: int = 200) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _start_events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def _event(self, payload: object, watch: _PeerWatch) -> None:
        if watch.gone:
            return
        try:
            self.wfile.write(b"data: " + json.dumps(payload, ensure_ascii=False).encode() + b"\n\n")
        except OSError:
            watch.gone = True


# -- routes -----------------------------------------------------------------------------------


def _model(state: EngineState):
    if state.model is None:
        raise ApiError(
            HTTPStatus.SERVICE_UNAVAILABLE,
            translatable("No model is loaded."),
            "server_error",
            code="model_not_loaded",
            fields={},
        )
    return state.model


def health(h: Handler, state: EngineState, body: dict[str, Any]) -> None:
    from assistant.engine.backend import detect

    model = state.model
    backend = detect()
    h._send_json(
        {
            "status": "ok" if model else "no model",
            "pid": os.getpid(),
            "model": model.describe() if model else None,
            # For the model manager's fit estimates: what a newly loaded model could use now.
            "gpu_free_bytes": sum(d.free_bytes for d in backend.gpus) if backend.gpu_offload else 0,
        }
    )


def models(h: Handler, state: EngineState, body: dict[str, Any]) -> None:
    model = state.model
    data = (
        []
        if model is None
        else [{"object": "model", "owned_by": "local", "meta": model.describe(), "id": model.info.name}]
    )
    h._send_json({"object": "list", "data": data})


def load(h: Handler, state: EngineState, body: dict[str, Any]) -> None:
    path = body.get("path")
    if not isinstance(path, str) or not path:
        raise bad("'path' must name a GGUF file")
    options = body.get("options") or {}
    if not isinstance(options, dict):
        raise bad("'options' must be an object")
    with state.model_lock.writing():
        try:
            described = state.load(Path(path), options)
        except (ModelFileError, ModelTooLarge) as err:
            raise model_refused(err) from None
        except TypeError as err:
            raise bad(f"bad load options: {err}", "options") from None
    h._send_json(described)


def load_embedding(h: Handler, state: EngineState, body: dict[str, Any]) -> None:
    path = body.get("path")
    if not isinstance(path, str) or not path:
        raise bad("'path' must name a GGUF file", "path")
    with state.embedding_lock:
        try:
            embedder = state.load_embedder(Path(path))
        except ModelFileError as err:
            raise model_refused(err) from None
        h._send_json(embedder.describe())


def embeddings(h: Handler, state: EngineState, body: dict[str, Any]) -> None:
    """OpenAI's embeddings: unit vectors, as floats or (the ``openai`` client's default) base64."""
    from assistant.engine.embedding import InputTooLong

    check_fields(body, EMBEDDING_FIELDS)
    inputs = parse_embedding_input(body)
    encoding = body.get("encoding_format") or "float"
    if encoding not in ("float", "base64"):
        raise bad("'encoding_format' must be float or base64", "encoding_format")
    with state.embedding_lock:
        try:
            embedder = state.embedder_for(body.get("model"))
        except ModelFileError as err:
            raise model_refused(err) from None
        if embedder.is_reranker:
            raise ApiError(
                HTTPStatus.BAD_REQUEST,
                translatable("{name} is a reranker, not an embedding model: use /v1/rerank"),
                param="model",
                fields={"name": embedder.path.name},
            )
        dimensions = body.get("dimensions")
        if dimensions is not None and dimensions != embedder.n_embd:
            raise bad(f"'dimensions' must be {embedder.n_embd}: this model's vectors cannot be shortened", "dimensions")
        tokens = [embedder.tokenize(item) if isinstance(item, str) else item for item in inputs]
        if body.get("truncate") is True:
            tokens = [embedder.truncated(t) for t in tokens]
        try:
            vectors = embedder.embed(tokens)
        except InputTooLong as err:
            raise context_overflow(err.tokens, err.limit, "input", err) from None
        except AssistantError as err:
            raise bad_error(err, "input") from None
        name = embedder.name
    used = sum(len(t) for t in tokens)
    data = [
        {
            "object": "embedding",
            "index": i,
            "embedding": base64.b64encode(v.astype("<f4").tobytes()).decode() if encoding == "base64" else v.tolist(),
        }
        for i, v in enumerate(vectors)
    ]
    h._send_json(
        {"object": "list", "data": data, "model": name, "usage": {"prompt_tokens": used, "total_tokens": used}}
    )


def rerank(h: Handler, state: EngineState, body: dict[str, Any]) -> None:
    """Scores of passages for a question, best first: ``results`` of ``index`` and ``relevance_score``."""
    query, documents, top_n = parse_rerank(body)
    with state.embedding_lock:
        try:
            ranker = state.embedder_for(body.get("model"))
        except ModelFileError as err:
            raise model_refused(err) from None
        if not ranker.is_reranker:
            raise ApiError(
                HTTPStatus.BAD_REQUEST,
                translatable(
                    "No reranker: name a reranking GGUF (such as bge-reranker or Qwen3-Reranker) by its path in 'model'"
                ),
                code="model_not_reranker",
                param="model",
                fields={},
            )
        pairs = [ranker.pair(query, document) for document in documents]
        scores = ranker.scores(pairs)
        name = ranker.name
    order = sorted(range(len(documents)), key=lambda i: -scores[i])[:top_n]
    results = [
        {"index": i, "relevance_score": scores[i]}
        | ({"document": {"text": documents[i]}} if body.get("return_documents") else {})
        for i in order
    ]
    used = sum(len(p) for p in pairs)
    h._send_json(
        {"object": "list", "model": name, "results": results, "usage": {"prompt_tokens": used, "total_tokens": used}}
    )


def unload(h: Handler, state: EngineState, body: dict[str, Any]) -> None:
    with state.model_lock.writing():
        state.unload()
    h._send_json({"status": "unloaded"})


def tokenize(h: Handler, state: EngineState, body: dict[str, Any]) -> None:
    content = body.get("content")
    if not isinstance(content, str):
        raise bad("'content' must be text")
    with state.model_lock.reading():
        tokens = _model(state).tokenize(content, add_special=bool(body.get("add_special", False)))
    h._send_json({"tokens": tokens})


def count_chat(h: Handler, state: EngineState, body: dict[str, Any]) -> None:
    """Tokens a conversation takes with the model's chat template: the "context used" the app shows."""
    messages = parse_messages(body)
    with state.model_lock.reading():
        model = _model(state)
        try:
            prompt = model.chat_prompt([m.to_dict() for m in messages])
        except AssistantError as err:
            raise bad_error(err) from None
    h._send_json({"tokens": len(prompt.tokens), "n_ctx": model.n_ctx})


def score(h: Handler, state: EngineState, body: dict[str, Any]) -> None:
    """How well the model (with an optional adapter) predicts a text: for held-out perplexity."""
    text = body.get("content")
    if not isinstance(text, str) or not text:
        raise bad("'content' must be non-empty text")
    adapter = adapter_fields(body.get("adapter"))
    with state.model_lock.reading(), state.context_lock:
        try:
            nll, n = _model(state).negative_log_likelihood(
                text, adapter=adapter.get("adapter", ""), adapter_scale=adapter.get("adapter_scale", 1.0)
            )
        except AssistantError as err:
            raise bad_error(err) from None
    h._send_json({"nll": nll, "tokens": n, "perplexity": math.exp(nll / n)})


def detokenize(h: Handler, state: EngineState, body: dict[str, Any]) -> None:
    tokens = body.get("tokens")
    if not isinstance(tokens, list) or not all(isinstance(t, int) and not isinstance(t, bool) for t in tokens):
        raise bad("'tokens' must be a list of integers")
    with state.model_lock.reading():
        model = _model(state)
        vocab_size = model.info.vocab_size or 0
        if any(t < 0 or (vocab_size and t >= vocab_size) for t in tokens):
            raise bad("token id out of range")
        text = model.detokenize(tokens)
    h._send_json({"content": text})


def chat_completions(h: Handler, state: EngineState, body: dict[str, Any]) -> None:
    check_fields(body, CHAT_FIELDS)
    messages = parse_messages(body)
    params = parse_params(body)
    thinking = parse_reasoning(body)
    grammar = parse_grammar(body)
    tools = parse_tools(body)
    logprobs = parse_logprobs(body, chat=True)
    # A last assistant message is continued, not answered (as llama-server does): a reply that
    # reached the length limit goes on in the same message.
    last = messages[-1]
    prefill = last.content if len(messages) > 1 and last.role == "assistant" and not last.tool_calls else ""
    if prefill:
        messages = messages[:-1]
    with state.model_lock.reading(), state.context_lock:
        model = _model(state)
        calling = None
        if tools is not None and tools.choice != "none":
            if model.tool_format is None:
                raise ApiError(
                    HTTPStatus.BAD_REQUEST,
                    translatable("The chat template of {name} has no support for tools, so it cannot call them."),
                    code="tools_unsupported",
                    param="tools",
                    fields={"name": model.info.name},
                )
            forced = forced_call_grammar(tools)
            if forced and grammar:
                raise bad("a required tool call and 'response_format' cannot be combined", "tool_choice")
            grammar = grammar or forced
            calling = ToolCallCollector(model.tool_format, tools.names, forced=forced is not None)
        _check_grammar(model, grammar)
        extra = thinking.template_vars
        if (grammar or prefill) and "enable_thinking" in model.thinking_switches and "enable_thinking" not in extra:
            extra = extra | {"enable_thinking": False}  # no room for thinking: a grammar, or an answer begun
        offered = tools.tools if tools else None

        def count(msgs: list[Message]) -> int:
            return len(model.chat_prompt(template_messages(msgs), extra, offered).tokens)

        begun = model.tokenize(prefill, add_special=False, parse_special=False) if prefill else []
        try:
            reserve = reply_reserve(model.n_ctx, params.max_tokens) + len(begun)
            fitted = fit_messages(messages, count, model.n_ctx, reserve)
            prompt = model.chat_prompt(template_messages(fitted.messages), extra, offered)
        except AssistantError as err:
            raise bad_error(err) from None
        tokens, prompt_text = prompt.tokens, prompt.text
        if prefill:
            opening = answer_opening(prompt_text, model.thinking)
            opened = model.tokenize(opening, add_special=False, parse_special=True) if opening else []
            tokens = tokens + opened + begun
            prompt_text += opening
        if len(tokens) >= model.n_ctx:
            raise context_overflow(len(tokens), model.n_ctx)
        warnings = [w for w in (model.template_warning, prompt.warning) if w]
        meta = {"dropped_messages": fitted.dropped, "warnings": warnings}
        _generate(
            h,
            model,
            tokens,
            params,
            body,
            meta,
            chat=True,
            grammar=grammar,
            thinking=(thinking, prompt_text),
            calling=calling,
            logprobs=logprobs,
        )


def completions(h: Handler, state: EngineState, body: dict[str, Any]) -> None:
    check_fields(body, COMPLETION_FIELDS)
    prompt = body.get("prompt")
    if isinstance(prompt, list) and len(prompt) == 1:
        prompt = prompt[0]
    if not isinstance(prompt, str) or not prompt:
        raise bad("'prompt' must be non-empty text", "prompt")
    params = parse_params(body)
    grammar = parse_grammar(body)
    logprobs = parse_logprobs(body, chat=False)
    with state.model_lock.reading(), state.context_lock:
        model = _model(state)
        _check_grammar(model, grammar)
        tokens = model.tokenize(prompt, add_special=True, parse_special=False)
        if len(tokens) >= model.n_ctx:
            raise context_overflow(len(tokens), model.n_ctx, "prompt")
        meta = {"dropped_messages": 0, "warnings": []}
        _generate(h, model, tokens, params, body, meta, chat=False, grammar=grammar, logprobs=logprobs)


def _check_grammar(model, grammar: str | None) -> None:
    if grammar is not None and not model.check_grammar(grammar):
        raise ApiError(
            HTTPStatus.BAD_REQUEST,
            translatable("The output grammar could not be parsed by llama.cpp."),
            code="invalid_grammar",
            param="grammar",
            fields={},
        )


def _generate(
    h: Handler,
    model,
    tokens: list[int],
    params: GenerationParams,
    body: dict[str, Any],
    meta: dict[str, Any],
    *,
    chat: bool,
    grammar: str | None = None,
    thinking: tuple[Reasoning, str] | None = None,
    calling: ToolCallCollector | None = None,
    logprobs: int | None = None,
) -> None:
    """Run one generation and send it: as SSE events when ``stream`` is set, else one JSON reply.

    ``thinking``: what the request asked of a thinking model, and the rendered prompt (the splitter
    needs to know whether the template opened a thinking block). ``calling``: the request offered tools,
    so calls in the answer are taken out of it and sent as ``tool_calls``. ``logprobs``: alternatives
    per token to report (None: no log-probabilities)."""
    from assistant.engine.runtime import GenerationStats

    started = time.perf_counter()
    rid = ("chatcmpl-" if chat else "cmpl-") + uuid.uuid4().hex[:24]
    kind = "chat.completion" if chat else "text_completion"
    watch = _PeerWatch(h.connection)
    stats = GenerationStats()
    first_at: list[float] = []
    offset = 0  # completions' text_offset: where each token's text starts in the reply
    calls: list[ToolCall] = []
    # Under a grammar the reply is the structured output itself, thinking or not.
    splitter = (
        ReasoningSplitter(model.thinking, thinking[1]) if thinking and thinking[0].split and not grammar else None
    )
    parser = ReplyParser(splitter, calling)

    def envelope(part: Split | None, finish: str | None, streaming: bool) -> dict[str, Any]:
        if chat:
            message: dict[str, Any] = (
                {} if streaming else {"role": "assistant", "content": part.content if part else ""}
            )
            if part and part.content and streaming:
                message["content"] = part.content
            if part and part.reasoning:
                message["reasoning_content"] = part.reasoning
            if calls and not streaming:
                message["tool_calls"] = [c.to_openai(i) for i, c in enumerate(calls)]
                message["content"] = message["content"] or None  # OpenAI: calls and no text
            choice: dict[str, Any] = {"index": 0, "finish_reason": finish, "delta" if streaming else "message": message}
        else:
            choice = {"index": 0, "text": part.content if part else "", "finish_reason": finish}
        if logprobs is not None and (part is not None or not streaming):
            choice["logprobs"] = take_logprobs()
        return {
            "id": rid,
            "object": kind + (".chunk" if streaming and chat else ""),
            "created": int(time.time()),
            "model": model.info.name,
            "choices": [choice],
        }

    def take_logprobs() -> dict[str, Any]:
        """The log-probabilities of the tokens generated since the last event, OpenAI-shaped."""
        nonlocal offset
        entries, stats.logprobs[:] = list(stats.logprobs), []
        if chat:
            return {"content": [_chat_logprob(e) for e in entries]}
        texts = [e.token.decode("utf-8", errors="replace") for e in entries]
        offsets = []
        for text in texts:
            offsets.append(offset)
            offset += len(text)
        return {
            "tokens": texts,
            "token_logprobs": [e.logprob for e in entries],
            "top_logprobs": [{t.decode("utf-8", errors="replace"): lp for t, lp in e.top} for e in entries],
            "text_offset": offsets,
        }

    def pieces() -> Iterator[Split]:
        # Thinking and tool-call markers may be control tokens, which are text only when asked for.
        special = (splitter is not None and model.thinking.special_tokens) or calling is not None
        try:
            for piece in model.generate(
                tokens, params, watch, stats, grammar=grammar, special=special, logprobs=logprobs
            ):
                if not first_at:
                    first_at.append(time.perf_counter())
                part = parser.feed(piece)
                if part:
                    yield part
            tail, found = parser.finish()
            calls.extend(found)
            if tail:
                yield tail
        except AssistantError as err:
            raise ApiError.of(HTTPStatus.INTERNAL_SERVER_ERROR, err, "server_error", code="engine_error") from None
        except Exception as err:  # a bug: the stream may have started, so it must end in an error event
            log.exception("generation failed")
            raise ApiError(HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {err}", "server_error") from None

    def finish_reason() -> str:
        return "tool_calls" if calls else stats.finish_reason

    def summary() -> dict[str, Any]:
        return {
            "usage": {
                "prompt_tokens": len(tokens),
                "completion_tokens": stats.predicted_n,
                "total_tokens": len(tokens) + stats.predicted_n,
            },
            "timings": _timings(stats, model, started, first_at),
            "x_assistant": meta,
        }

    if not body.get("stream"):
        whole = Split()
        for part in pieces():
            whole.add(part)
        h._send_json(envelope(whole, finish_reason(), streaming=False) | summary())
        return

    h._start_events()
    head = envelope(None, None, streaming=True)
    if chat:
        head["choices"][0]["delta"] = {"role": "assistant", "content": ""}
    h._event(head | {"x_assistant": meta}, watch)
    pending = Split()
    last_flush = 0.0
    try:
        for part in pieces():
            pending.add(part)
            now = time.perf_counter()
            if now - last_flush >= FLUSH_INTERVAL:
                h._event(envelope(pending, None, streaming=True), watch)
                pending = Split()
                last_flush = now
    except ApiError as err:
        h._event(err.body(), watch)
        return
    if pending:
        h._event(envelope(pending, None, streaming=True), watch)
    if calls:  # each call whole, in one delta (clients join argument pieces; one piece is the simple case)
        event = envelope(Split(), None, streaming=True)
        event["choices"][0]["delta"]["tool_calls"] = [c.to_openai(i) for i, c in enumerate(calls)]
        h._event(event, watch)
    h._event(envelope(None, finish_reason(), streaming=True) | summary(), watch)
    if not watch.gone:
        with contextlib.suppress(OSError):  # the client may leave right after the last chunk
            h.wfile.write(b"data: [DONE]\n\n")


def _chat_logprob(entry) -> dict[str, Any]:
    def one(token: bytes, logprob: float) -> dict[str, Any]:
        return {"token": token.decode("utf-8", errors="replace"), "logprob": logprob, "bytes": list(token)}

    return one(entry.token, entry.logprob) | {"top_logprobs": [one(t, lp) for t, lp in entry.top]}


def _timings(stats, model, started: float, first_at: list[float]) -> dict[str, Any]:
    return {
        "prompt_n": stats.prompt_n,
        "prompt_ms": round(stats.prompt_ms, 3),
        "prompt_per_second": stats.prompt_n / stats.prompt_ms * 1000 if stats.prompt_ms > 0 else 0.0,
        "predicted_n": stats.predicted_n,
        "predicted_ms": round(stats.predicted_ms, 3),
        # Like llama-server: tokens after the first over the time after the first.
        "predicted_per_second": stats.predicted_n / stats.predicted_ms * 1000 if stats.predicted_ms > 0 else 0.0,
        "ttft_ms": round((first_at[0] - started) * 1000, 3) if first_at else 0.0,
        "cache_n": stats.cache_n,
        "draft_n": stats.draft_n,
        "draft_n_accepted": stats.draft_accepted,
        "backend": model.backend_label,
    }


ROUTES: dict[tuple[str, str], Callable[[Handler, EngineState, dict[str, Any]], None]] = {
    ("GET", "/health"): health,
    ("GET", "/v1/models"): models,
    ("POST", "/v1/chat/completions"): chat_completions,
    ("POST", "/v1/completions"): completions,
    ("POST", "/v1/embeddings"): embeddings,
    ("POST", "/v1/rerank"): rerank,
    ("POST", "/rerank"): rerank,
    ("POST", "/app/load_embedding"): load_embedding,
    ("POST", "/tokenize"): tokenize,
    ("POST", "/detokenize"): detokenize,
    ("POST", "/app/count_chat"): count_chat,
    ("POST", "/app/score"): score,
    ("POST", "/app/load"): load,
    ("POST", "/app/unload"): unload,
}


class EngineHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: EngineState) -> None:
        self.state = state
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_NAMES or host.startswith("127.")


def make_server(host: str, port: int, api_key: str) -> EngineHTTPServer:
    """The API server; the model runs in this process (the engine process, or ``assistant serve``)."""
    _quiet_llama_logs()
    return EngineHTTPServer((host, port), EngineState(api_key, loopback_only=is_loopback(host)))


def _quiet_llama_logs() -> None:
    # llama-cpp-python prints every llama.cpp log line to stderr unless its logger says otherwise.
    logging.getLogger("llama-cpp-python").setLevel(logging.WARNING)


def _exit_when_parent_goes(stream) -> None:
    """The app holds our stdin open; when it dies, stdin hits EOF and we must not linger on the GPU."""

    def watch() -> None:
        try:
            while stream.read(1 << 16):
                pass
        finally:
            log.info("parent went away: exiting")
            os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the child process. The parent sends one JSON line on stdin with the key."""
    parser = argparse.ArgumentParser(prog="python -m assistant.engine.server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = json.loads(sys.stdin.readline() or "{}")
    server = make_server(args.host, args.port, config.get("api_key", ""))
    _exit_when_parent_goes(sys.stdin)
    # The one line the parent waits for: where we listen.
    sys.stdout.write(json.dumps({"port": server.server_address[1], "pid": os.getpid()}) + "\n")
    sys.stdout.flush()
    server.serve_forever(poll_interval=0.5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
