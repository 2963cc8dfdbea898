"""What a request to the engine's API asks for, checked: OpenAI's fields and llama-server's extensions.

Every refusal is an :class:`ApiError` that the server sends in OpenAI's error shape
(``{"error": {"message", "type", "code", "param"}}``), which the official ``openai`` client turns into
``BadRequestError`` and friends. A field the engine does not support is refused by name, never
ignored: a client that asks for tool calls or log-probabilities must not get a plain answer that
looks like it honoured them.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from assistant.core.inference import GenerationParams, Message
from assistant.errors import AssistantError, plain_fields, translatable
from assistant.sampling import KNOBS

UNLIMITED = 10_000_000
_ROLES = frozenset({"system", "user", "assistant", "tool"})
MAX_TOOLS = 128
MAX_TEMPLATE_KWARGS_CHARS = 16 * 1024
# Variables the engine itself gives the template; a client may not replace them.
_RESERVED_TEMPLATE_VARS = frozenset(
    {"messages", "add_generation_prompt", "bos_token", "eos_token", "tools", "documents"}
)

_COMMON_FIELDS = frozenset(
    {"model", "stream", "stream_options", "max_tokens", "n_predict", "stop", "seed", "ignore_eos", "prompt_lookup",
     "adapter", "frequency_penalty", "presence_penalty", "n", "user", "metadata", "store", "service_tier",
     "cache_prompt", "response_format", "json_schema", "grammar", "logprobs", "top_logprobs", "logit_bias"}
    | {k.name for k in KNOBS}
)  # fmt: skip
CHAT_FIELDS = _COMMON_FIELDS | {
    "messages", "max_completion_tokens", "chat_template_kwargs", "reasoning_format", "reasoning_effort", "tools",
    "tool_choice", "parallel_tool_calls",
}  # fmt: skip
COMPLETION_FIELDS = _COMMON_FIELDS | {"prompt", "echo", "suffix", "best_of"}
EMBEDDING_FIELDS = frozenset({"model", "input", "encoding_format", "dimensions", "user", "truncate"})
"""OpenAI's, and ``truncate`` (ours, as llama-server's /embedding has it): embed the start of an
input longer than the model takes, instead of refusing it."""
MAX_EMBEDDING_INPUTS = 2048
"""OpenAI's own limit on inputs per request."""
RERANK_FIELDS = frozenset({"model", "query", "documents", "top_n", "return_documents"})
"""The rerank API of Jina and Cohere, as llama-server serves it."""

# Fields known to the engine that it cannot honour yet, except at the value that asks for nothing.
_NOT_YET = {
    "n": 1,
    "best_of": 1,
    "echo": False,
    "suffix": None,
    "logit_bias": None,
}
_REASONING_FORMATS = ("auto", "deepseek", "none")
_EFFORTS = ("minimal", "low", "medium", "high")


class ApiError(Exception):
    """A request the engine refuses: the HTTP status, and OpenAI's error fields.

    ``fields``: ``message`` is a template (``errors.translatable``) filled in from them. The body then
    carries both as ``template`` and ``fields`` besides OpenAI's keys, so that the app's client can
    rebuild the error and the GUI show it translated; other clients ignore keys they do not know."""

    def __init__(
        self,
        status: HTTPStatus,
        message: str,
        kind: str = "invalid_request_error",
        *,
        code: str | None = None,
        param: str | None = None,
        extra: dict[str, Any] | None = None,
        fields: dict[str, Any] | None = None,
    ) -> None:
        text = message.format(**fields) if fields else message
        super().__init__(text)
        self.status, self.message, self.kind = status, text, kind
        self.code = code or _DEFAULT_CODES.get(status, "error")
        self.param = param
        self.extra = extra or {}
        self.template = message if fields is not None else None
        self.fields = dict(fields or {})

    @classmethod
    def of(
        cls, status: HTTPStatus, err: AssistantError, kind: str = "invalid_request_error", **kwargs: Any
    ) -> ApiError:
        """``err`` refused in OpenAI's shape, with the template and fields its message was made of."""
        template, fields = getattr(err, "template", None), getattr(err, "fields", None)
        if isinstance(template, str) and isinstance(fields, dict):
            refused = cls(status, template, kind, fields=fields, **kwargs)
            if refused.message == str(err):
                return refused
        return cls(status, str(err), kind, **kwargs)

    def body(self) -> dict[str, Any]:
        error = {"message": self.message, "type": self.kind, "code": self.code, "param": self.param} | self.extra
        if self.template is not None:
            error |= {"template": self.template, "fields": plain_fields(self.fields)}
        return {"error": error}


_DEFAULT_CODES = {
    HTTPStatus.BAD_REQUEST: "invalid_value",
    HTTPStatus.UNAUTHORIZED: "invalid_api_key",
    HTTPStatus.FORBIDDEN: "forbidden",
    HTTPStatus.NOT_FOUND: "not_found",
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE: "request_too_large",
    HTTPStatus.UNPROCESSABLE_ENTITY: "unprocessable_model",
    HTTPStatus.SERVICE_UNAVAILABLE: "model_not_loaded",
    HTTPStatus.INTERNAL_SERVER_ERROR: "internal_error",
}


def bad(message: str, param: str | None = None, code: str | None = None) -> ApiError:
    return ApiError(HTTPStatus.BAD_REQUEST, message, param=param, code=code)


def bad_error(err: AssistantError, param: str | None = None, code: str | None = None) -> ApiError:
    """``bad`` for an error the engine raised: its message, template and fields."""
    return ApiError.of(HTTPStatus.BAD_REQUEST, err, param=param, code=code)


def check_fields(body: dict[str, Any], allowed: frozenset[str]) -> None:
    """Refuse, by name, a field this endpoint does not know or cannot honour."""
    for key in body:
        if key not in allowed:
            raise bad(f"'{key}' is not supported by this engine.", key, "unsupported_parameter")
    for key, harmless in _NOT_YET.items():
        if key in body and body[key] not in (harmless, None) and not (key == "logit_bias" and body[key] == {}):
            raise bad(f"'{key}' is not supported by this engine yet.", key, "unsupported_parameter")


# -- sampling ------------------------------------------------------------------------------------


def _number(body: dict[str, Any], key: str, default: float, lo: float, hi: float, kind: type = float) -> Any:
    value = body.get(key, default)
    if value is None:
        return default
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or (kind is int and not float(value).is_integer())
    ):
        raise bad(f"'{key}' must be a number", key)
    if not lo <= value <= hi:
        raise bad(f"'{key}' must be between {lo} and {hi}", key)
    return kind(value)


def parse_params(body: dict[str, Any]) -> GenerationParams:
    stop = body.get("stop") or ()
    if isinstance(stop, str):
        stop = (stop,)
    if not isinstance(stop, (list, tuple)) or not all(isinstance(s, str) for s in stop) or len(stop) > 16:
        raise bad("'stop' must be a string or a list of at most 16 strings", "stop")
    # OpenAI's old and new names and llama-server's; absent or -1 means "until the context is full".
    limit = next((body[k] for k in ("max_tokens", "max_completion_tokens", "n_predict") if body.get(k) is not None), -1)
    return GenerationParams(
        max_tokens=UNLIMITED if limit == -1 else _number({"max_tokens": limit}, "max_tokens", 0, 1, UNLIMITED, int),
        **{k.name: _number(body, k.name, k.default, k.low, k.high, k.kind) for k in KNOBS if k.name != "max_tokens"},
        frequency_penalty=_number(body, "frequency_penalty", 0.0, -2.0, 2.0),
        presence_penalty=_number(body, "presence_penalty", 0.0, -2.0, 2.0),
        stop=tuple(stop),
        ignore_eos=bool(body.get("ignore_eos", False)),
        prompt_lookup=bool(body.get("prompt_lookup", False)),
        **adapter_fields(body.get("adapter")),
    )


def adapter_fields(raw: object) -> dict[str, Any]:
    """``{"path": "/…/style.gguf", "scale": 0.8}`` → GenerationParams fields (none when absent)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not isinstance(raw.get("path"), str) or not 0 < len(raw["path"]) <= 4096:
        raise bad('\'adapter\' must be {"path": a GGUF adapter file, "scale": a number}', "adapter")
    return {"adapter": raw["path"], "adapter_scale": _number(raw, "scale", 1.0, 0.0, 4.0)}


# -- messages and the template -------------------------------------------------------------------


def parse_messages(body: dict[str, Any]) -> list[Message]:
    raw = body.get("messages")
    if not isinstance(raw, list) or not raw:
        raise bad("'messages' must be a non-empty list", "messages")
    messages = []
    for item in raw:
        if not isinstance(item, dict) or item.get("role") not in _ROLES:
            raise bad("each message needs a role: system, user, assistant or tool", "messages")
        content = item.get("content", "")
        if content is None:
            content = ""
        if isinstance(content, list):  # OpenAI content parts: keep the text ones
            content = "".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text")
        if not isinstance(content, str):
            raise bad("message content must be text", "messages")
        reasoning = item.get("reasoning_content") or ""
        if not isinstance(reasoning, str):
            raise bad("'reasoning_content' must be text", "messages")
        calls = item.get("tool_calls") or []
        if not isinstance(calls, list) or not all(_is_call(c) for c in calls):
            raise bad("'tool_calls' must be a list of {id, type: function, function: {name, arguments}}", "messages")
        call_id = item.get("tool_call_id") or ""
        if not isinstance(call_id, str):
            raise bad("'tool_call_id' must be text", "messages")
        messages.append(Message(item["role"], content, reasoning, tuple(calls), call_id))
    return messages


def _is_call(call: object) -> bool:
    function = call.get("function") if isinstance(call, dict) else None
    return (
        isinstance(function, dict)
        and isinstance(function.get("name"), str)
        and isinstance(function.get("arguments", "{}"), (str, dict))
    )


@dataclass(frozen=True)
class Tools:
    """What a chat request offers the model to call, and how it may answer."""

    tools: list[dict[str, Any]]
    """OpenAI's ``tools``: ``{"type": "function", "function": {"name", "description", "parameters"}}``."""
    choice: str = "auto"
    """"auto" (text or calls), "none" (text only), "required" (a call), or a tool's name (that call)."""

    @property
    def names(self) -> frozenset[str]:
        return frozenset(t["function"]["name"] for t in self.tools)

    def forced(self) -> list[dict[str, Any]]:
        """The tools of which the reply must call one (empty unless "required" or a name)."""
        if self.choice == "required":
            return self.tools
        return [t for t in self.tools if t["function"]["name"] == self.choice]


_TOOL_CHOICE_SHAPE = '\'tool_choice\' must be "auto", "none", "required" or {"type": "function", "function": {"name"}}'


def parse_tools(body: dict[str, Any]) -> Tools | None:
    raw = body.get("tools")
    if raw is None or raw == []:
        if body.get("tool_choice") not in (None, "none", "auto"):
            raise bad("'tool_choice' needs 'tools'", "tool_choice")
        return None
    if not isinstance(raw, list) or len(raw) > MAX_TOOLS:
        raise bad(f"'tools' must be a list of at most {MAX_TOOLS} tools", "tools")
    for tool in raw:
        function = tool.get("function") if isinstance(tool, dict) and tool.get("type") == "function" else None
        if not isinstance(function, dict) or not isinstance(function.get("name"), str) or not function["name"]:
            raise bad('each tool must be {"type": "function", "function": {"name", "parameters"}}', "tools")
        if not isinstance(function.get("parameters", {}), dict):
            raise bad(f"the parameters of '{function['name']}' must be a JSON schema", "tools")
    choice = body.get("tool_choice") or "auto"
    if isinstance(choice, dict):
        name = (choice.get("function") or {}).get("name") if choice.get("type") == "function" else None
        if not isinstance(name, str):
            raise bad(_TOOL_CHOICE_SHAPE, "tool_choice")
        choice = name
    elif choice not in ("auto", "none", "required"):
        raise bad(_TOOL_CHOICE_SHAPE, "tool_choice")
    tools = Tools(raw, choice)
    if choice not in ("auto", "none", "required") and choice not in tools.names:
        raise bad(f"'tool_choice' names '{choice}', which is not among the tools", "tool_choice")
    return tools


def forced_call_grammar(tools: Tools) -> str | None:
    """A grammar that makes the reply one call (as bare JSON) to one of the forced tools; None when
    the model may choose. Raises ApiError when a tool's parameters cannot be enforced."""
    from assistant.engine.structured import SchemaUnsupported, schema_grammar

    forced = tools.forced()
    if not forced:
        return None
    options = [
        {
            "type": "object",
            "properties": {
                "name": {"const": t["function"]["name"]},
                "arguments": t["function"].get("parameters") or {"type": "object"},
            },
            "required": ["name", "arguments"],
        }
        for t in forced
    ]
    try:
        return schema_grammar(options[0] if len(options) == 1 else {"anyOf": options})
    except SchemaUnsupported as err:
        raise bad(f"a tool's parameters cannot be enforced: {err}", "tools", "unsupported_schema") from None


@dataclass(frozen=True)
class Reasoning:
    """What a chat request asks of a thinking model."""

    split: bool = True
    """Thinking goes to ``reasoning_content`` (llama-server's ``reasoning_format`` auto/deepseek);
    False leaves it in ``content`` as the model wrote it (``none``)."""
    template_vars: dict[str, Any] = field(default_factory=dict)
    """Variables for the chat template: the client's ``chat_template_kwargs`` and ``reasoning_effort``."""


def parse_reasoning(body: dict[str, Any]) -> Reasoning:
    fmt = body.get("reasoning_format", "auto")
    if fmt not in _REASONING_FORMATS:
        raise bad(f"'reasoning_format' must be one of {', '.join(_REASONING_FORMATS)}", "reasoning_format")
    kwargs = body.get("chat_template_kwargs") or {}
    if not isinstance(kwargs, dict) or not all(isinstance(k, str) and k.isidentifier() for k in kwargs):
        raise bad("'chat_template_kwargs' must be an object whose keys are names", "chat_template_kwargs")
    if len(json.dumps(kwargs)) > MAX_TEMPLATE_KWARGS_CHARS:
        raise bad(
            f"'chat_template_kwargs' is larger than {MAX_TEMPLATE_KWARGS_CHARS:,} characters", "chat_template_kwargs"
        )
    if taken := sorted(_RESERVED_TEMPLATE_VARS & kwargs.keys()):
        raise bad(f"'chat_template_kwargs' may not set {', '.join(taken)}", "chat_template_kwargs")
    variables = dict(kwargs)
    effort = body.get("reasoning_effort")
    if effort is not None:
        if effort not in _EFFORTS:
            raise bad(f"'reasoning_effort' must be one of {', '.join(_EFFORTS)}", "reasoning_effort")
        variables["reasoning_effort"] = effort
    return Reasoning(split=fmt != "none", template_vars=variables)


# -- structured output ---------------------------------------------------------------------------


def parse_grammar(body: dict[str, Any]) -> str | None:
    """The GBNF grammar a request's ``response_format`` (or llama-server's ``json_schema`` or
    ``grammar``) asks for; None for free text. Raises ApiError naming what cannot be enforced."""
    from assistant.engine.structured import SchemaUnsupported, any_object_grammar, schema_grammar

    asked = [k for k in ("response_format", "json_schema", "grammar") if body.get(k) is not None]
    if len(asked) > 1:
        raise bad(f"give only one of {', '.join(asked)}", asked[1])
    if not asked:
        return None
    key = asked[0]
    value = body[key]
    try:
        if key == "grammar":
            if not isinstance(value, str) or not value.strip():
                raise bad("'grammar' must be a GBNF grammar", key)
            return value
        if key == "json_schema":
            return schema_grammar(value)
        if not isinstance(value, dict):
            raise bad("'response_format' must be an object", key)
        kind = value.get("type")
        if kind == "text":
            return None
        if kind == "json_object":
            # llama-server also takes a schema here.
            return schema_grammar(value["schema"]) if value.get("schema") is not None else any_object_grammar()
        if kind == "json_schema":
            spec = value.get("json_schema")
            if not isinstance(spec, dict) or "schema" not in spec:
                raise bad("'response_format.json_schema' needs a 'schema'", "response_format")
            return schema_grammar(spec["schema"])
        raise bad("'response_format.type' must be text, json_object or json_schema", "response_format")
    except SchemaUnsupported as err:
        raise bad_error(err, key, "unsupported_schema") from None


def parse_embedding_input(body: dict[str, Any]) -> list[str | list[int]]:
    """OpenAI's ``input``: a string, a list of strings, a list of tokens, or a list of token lists."""
    raw = body.get("input")
    if isinstance(raw, str) or (isinstance(raw, list) and raw and all(_is_token(t) for t in raw)):
        items: list[Any] = [raw]
    elif isinstance(raw, list) and raw:
        items = raw
    else:
        raise bad("'input' must be text, a list of texts, or tokens", "input")
    if len(items) > MAX_EMBEDDING_INPUTS:
        raise bad(f"'input' may hold at most {MAX_EMBEDDING_INPUTS} items", "input")
    for item in items:
        if isinstance(item, str):
            if not item:
                raise bad("'input' may not contain empty text", "input")
        elif not (isinstance(item, list) and item and all(_is_token(t) for t in item)):
            raise bad("each 'input' item must be non-empty text or a list of token ids", "input")
    return items


def parse_rerank(body: dict[str, Any]) -> tuple[str, list[str], int]:
    """A rerank request's question, passages (text, or Cohere's ``{"text": ...}``) and ``top_n``."""
    check_fields(body, RERANK_FIELDS)
    query = body.get("query")
    if not isinstance(query, str) or not query.strip():
        raise bad("'query' must be non-empty text", "query")
    raw = body.get("documents")
    if not isinstance(raw, list) or not raw:
        raise bad("'documents' must be a non-empty list of texts", "documents")
    if len(raw) > MAX_EMBEDDING_INPUTS:
        raise bad(f"'documents' may hold at most {MAX_EMBEDDING_INPUTS} items", "documents")
    documents = [d.get("text") if isinstance(d, dict) else d for d in raw]
    if not all(isinstance(d, str) and d for d in documents):
        raise bad("each of 'documents' must be non-empty text", "documents")
    top_n = _number(body, "top_n", len(documents), 1, MAX_EMBEDDING_INPUTS, int)
    return query, documents, top_n


def _is_token(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


MAX_TOP_LOGPROBS = 20


def parse_logprobs(body: dict[str, Any], *, chat: bool) -> int | None:
    """How many alternatives to report per token, or None for no log-probabilities. Chat takes
    ``logprobs: true`` with ``top_logprobs: k``; completions the older ``logprobs: k``."""
    if chat:
        wanted = body.get("logprobs")
        if wanted not in (None, True, False):
            raise bad("'logprobs' must be true or false", "logprobs")
        top = body.get("top_logprobs")
        if top is not None and not wanted:
            raise bad("'top_logprobs' needs 'logprobs': true", "top_logprobs")
        return _number(body, "top_logprobs", 0, 0, MAX_TOP_LOGPROBS, int) if wanted else None
    if body.get("logprobs") is None:
        return None
    return _number(body, "logprobs", 0, 0, MAX_TOP_LOGPROBS, int)


def context_overflow(
    prompt_tokens: int, n_ctx: int, param: str = "messages", err: AssistantError | None = None
) -> ApiError:
    """A prompt (or an input to embed: ``err`` says which) the model cannot hold: the client's mistake,
    in the shapes clients test for (OpenAI's ``context_length_exceeded`` code, llama-server's
    ``exceed_context_size_error`` type), with the numbers."""
    template, fields = (
        (err.template, err.fields)
        if err is not None
        else (
            translatable(
                "The prompt is {tokens:,} tokens, but the context window is {n_ctx:,}. "
                "Shorten it, or load the model with a larger context."
            ),
            {"tokens": prompt_tokens, "n_ctx": n_ctx},
        )
    )
    return ApiError(
        HTTPStatus.BAD_REQUEST,
        template,
        "exceed_context_size_error",
        code="context_length_exceeded",
        param=param,
        extra={"n_prompt_tokens": prompt_tokens, "n_ctx": n_ctx},
        fields=fields,
    )


def model_refused(err: AssistantError) -> ApiError:
    """A model file the engine will not load (damaged, not the right kind, too large): 422, in words."""
    return ApiError.of(HTTPStatus.UNPROCESSABLE_ENTITY, err, type(err).__name__)


def template_messages(messages: list[Message]) -> list[dict[str, Any]]:
    """Messages as chat templates take them: a call's arguments as an object (templates write them
    with ``tojson``), not the JSON text OpenAI clients send."""
    out = []
    for message in messages:
        d = message.to_dict()
        for call in d.get("tool_calls", ()):
            function = call.get("function") or {}
            if isinstance(function.get("arguments"), str):
                with contextlib.suppress(ValueError):
                    call["function"] = function | {"arguments": json.loads(function["arguments"])}
        out.append(d)
    return out
