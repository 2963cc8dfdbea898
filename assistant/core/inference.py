"""What the app asks of a model engine and what comes back: messages in, chunks out.

``Engine`` is the protocol every caller codes against (the GUI, the CLI, the benchmarks, the tests);
``engine/client.py`` implements it over HTTP. Field names in ``Timings`` follow llama.cpp's
``llama-server`` so that its responses and ours read the same.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal, Protocol, get_args

from assistant.core.cancel import CancelToken
from assistant.sampling import BY_NAME, NAMES
from assistant.settings import GenerationSettings

Role = Literal["system", "user", "assistant", "tool"]
FinishReason = Literal["stop", "length", "cancelled", "tool_calls"]


Thinking = Literal["auto", "on", "off"]
THINKING_MODES: tuple[str, ...] = get_args(Thinking)


@dataclass(frozen=True)
class Message:
    role: Role
    content: str
    reasoning: str = ""
    """An assistant message's thinking (``core.reasoning``). Sent back to the model only by API
    clients that pass it; the chat template decides whether it goes into the prompt."""
    tool_calls: tuple[dict[str, Any], ...] = ()
    """An assistant message's calls, OpenAI-shaped (``{"id", "type", "function": {"name", "arguments"}}``)."""
    tool_call_id: str = ""
    """A ``tool`` message: which call this is the result of."""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"role": self.role, "content": self.content}
        if self.reasoning:
            d["reasoning_content"] = self.reasoning
        if self.tool_calls:
            d["tool_calls"] = [dict(call) for call in self.tool_calls]
        if self.tool_call_id:
            d["tool_call_id"] = self.tool_call_id
        return d


@dataclass(frozen=True)
class GenerationParams:
    # The sampling values (``assistant.sampling`` says what each does and allows); the engine may stop
    # before max_tokens when the context is full.
    max_tokens: int = int(BY_NAME["max_tokens"].default)
    temperature: float = BY_NAME["temperature"].default
    top_p: float = BY_NAME["top_p"].default
    top_k: int = int(BY_NAME["top_k"].default)
    min_p: float = BY_NAME["min_p"].default
    repeat_penalty: float = BY_NAME["repeat_penalty"].default
    seed: int = int(BY_NAME["seed"].default)
    frequency_penalty: float = 0.0
    presence_penalty: float = 0.0
    """OpenAI's penalties (per occurrence, and once per token seen), over the last 64 tokens."""
    stop: tuple[str, ...] = ()
    """Extra stop strings; the model's own end-of-turn tokens always stop it."""
    thinking: Thinking = "auto"
    """Whether a reasoning model thinks before answering: "auto" leaves it to the model's template,
    "on"/"off" use the template's own switch (``enable_thinking``; "off" also asks gpt-oss for low
    effort). Templates without a switch ignore it. The thinking never reaches ``Chunk.text``."""
    json_schema: str = ""
    """A JSON Schema (as JSON text) the reply must follow, enforced by a grammar; empty for free text."""
    grammar: str = ""
    """A GBNF grammar the reply must follow (llama.cpp's format; llama-server takes it too): how the
    app makes key points come out as points. Empty for free text."""
    ignore_eos: bool = False
    """Keep generating past end-of-turn (benchmarks only: fixes the number of tokens)."""
    prompt_lookup: bool = False
    """Draft tokens by copying from the prompt and let the model verify several per step (prompt-lookup
    decoding): faster when the reply repeats the input (proofreading, light rewrites) and the hardware
    evaluates a batch of tokens for about the price of one (GPUs). It keeps greedy decoding's choice
    rule, so the text is the same except where batched arithmetic rounds a near-tie differently.
    Applies to greedy decoding (temperature 0, no repeat penalty); other servers ignore it."""
    adapter: str = ""
    """A LoRA adapter (llama.cpp adapter GGUF) to apply on top of the model for this request, e.g. the
    user's "My style"; empty for none. Switching it does not reload the model. Other servers ignore it."""
    adapter_scale: float = 1.0
    """The adapter's strength: 0 is the base model, 1 as trained."""

    def without_thinking(self) -> GenerationParams:
        """These settings with thinking off unless the caller turned it on: for Write and Summarize,
        whose results are made of the answer alone, so thinking would only cost time."""
        return self if self.thinking != "auto" else replace(self, thinking="off")

    @classmethod
    def from_settings(cls, g: GenerationSettings, **overrides: object) -> GenerationParams:
        """The user's defaults (settings.toml's [generation]), with per-request ``overrides``."""
        values = {name: getattr(g, name) for name in NAMES}
        return cls(**{**values, **{k: v for k, v in overrides.items() if v is not None}})  # type: ignore[arg-type]

    def to_request(self, *, chat: bool = True) -> dict[str, object]:
        """The OpenAI request fields, plus llama.cpp's extensions that other servers ignore. ``chat``:
        for /v1/chat/completions (thinking switches go through the chat template, which completions lack)."""
        body: dict[str, object] = {
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
            "top_p": self.top_p,
            "top_k": self.top_k,
            "min_p": self.min_p,
            "repeat_penalty": self.repeat_penalty,
        }
        if self.seed >= 0:
            body["seed"] = self.seed
        if self.frequency_penalty:
            body["frequency_penalty"] = self.frequency_penalty
        if self.presence_penalty:
            body["presence_penalty"] = self.presence_penalty
        if self.thinking != "auto" and chat:
            on = self.thinking == "on"
            body["chat_template_kwargs"] = {"enable_thinking": on} | ({} if on else {"reasoning_effort": "low"})
        if self.grammar:
            body["grammar"] = self.grammar
        if self.json_schema:
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "reply", "strict": True, "schema": json.loads(self.json_schema)},
            }
        if self.stop:
            body["stop"] = list(self.stop)
        if self.ignore_eos:
            body["ignore_eos"] = True
        if self.prompt_lookup:
            body["prompt_lookup"] = True
        if self.adapter:
            body["adapter"] = {"path": self.adapter, "scale": self.adapter_scale}
        return body


@dataclass(frozen=True)
class Timings:
    """How fast one reply was. Rates are tokens per second; times are milliseconds."""

    prompt_n: int = 0
    """Prompt tokens evaluated for this reply (excluding those reused from the cache)."""
    prompt_ms: float = 0.0
    prompt_per_second: float = 0.0
    predicted_n: int = 0
    """Tokens generated."""
    predicted_ms: float = 0.0
    predicted_per_second: float = 0.0
    ttft_ms: float = 0.0
    """Time to first token, from the request to the first generated text."""
    cache_n: int = 0
    """Prompt tokens reused from the previous request's cache."""
    draft_n: int = 0
    """Tokens drafted by prompt lookup (llama-server's name), and how many the model kept."""
    draft_n_accepted: int = 0
    backend: str = ""
    """What ran it: "CUDA: <device>", "CPU (<n> threads)", or the remote server's URL."""

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Timings:
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})  # type: ignore[arg-type]


@dataclass(frozen=True)
class Chunk:
    """One piece of a streamed reply. The last chunk has ``finish_reason`` and ``timings``."""

    text: str = ""
    reasoning: str = ""
    """Thinking streamed before the answer (a reasoning model's); never part of ``text``."""
    finish_reason: FinishReason | None = None
    timings: Timings | None = None
    dropped_messages: int = 0
    """Older turns left out so the conversation fits the context window (on the first chunk)."""
    warnings: tuple[str, ...] = field(default=())
    """Things the user should know that did not stop the reply (e.g. a rejected chat template)."""


class Engine(Protocol):
    """A loaded model that turns messages into a stream of chunks."""

    def chat(
        self, messages: Sequence[Message], params: GenerationParams, cancel: CancelToken | None = None
    ) -> Iterator[Chunk]:
        """Stream a reply. Cancelling ends the stream with ``finish_reason="cancelled"``."""
        ...

    def complete(self, prompt: str, params: GenerationParams, cancel: CancelToken | None = None) -> Iterator[Chunk]:
        """Stream a continuation of raw text (no chat template)."""
        ...

    def count_tokens(self, text: str) -> int:
        """Tokens ``text`` takes with the loaded model."""
        ...

    def count_chat(self, messages: Sequence[Message]) -> int:
        """Tokens ``messages`` take as a prompt, chat template included (the context they use)."""
        ...
