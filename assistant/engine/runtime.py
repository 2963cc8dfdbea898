"""llama.cpp in this process: load a GGUF, tokenize, and run the token loop.

Built on llama-cpp-python's low-level bindings (a thin ctypes mirror of ``llama.h``) rather than
its ``Llama`` class: the streamed ``create_completion`` spends 0.4-0.5 ms of Python per token on
sampling, detokenising and chunk building, which on a fast GPU costs 20-40 % of llama.cpp's
speed. Here a token costs one ``llama_sampler_sample`` on llama.cpp's own sampler chain, one
``llama_token_to_piece``, one incremental UTF-8 decode and one ``llama_decode``.

Only the engine process imports this module (it imports llama_cpp). Not thread-safe: the server
holds one lock around every call.

Why one file: the token loops, the sampler chain and the KV-cache bookkeeping share one context and
change together.
"""

from __future__ import annotations

import codecs
import ctypes
import functools
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import llama_cpp as ll
import numpy as np

from assistant.core import reasoning, tool_calls
from assistant.core.inference import GenerationParams
from assistant.core.text import partial_marker
from assistant.engine import backend as backend_mod
from assistant.engine.chat_template import load_template
from assistant.engine.grammar_sampler import GrammarSampler
from assistant.engine.load_options import LoadOptions
from assistant.engine.lookup import PromptLookup
from assistant.engine.offload import ALL_LAYERS, OffloadPlan, plan_offload
from assistant.errors import EngineRequestError, ModelFileError, translatable
from assistant.models import gguf_info
from assistant.models.memory import available_ram, estimate_memory

log = logging.getLogger(__name__)

_FLASH_ATTN = {"auto": -1, "off": 0, "on": 1}  # enum llama_flash_attn_type
_PENALTY_LAST_N = 64
_DRAFT_MIN, _DRAFT_START, _DRAFT_MAX = 2, 8, 16
_PAUSE_MAX = 32
_PLAIN_PROBE = 2
"""Prompt-lookup draft lengths: a longer draft costs a little more per decode and pays when taken."""
# While the prompt is evaluated, llama.cpp asks this callback between graph nodes whether to
# stop; it lets "Stop" interrupt a long prompt on the CPU. It is installed only for prompt batches:
# per node it costs a Python call, which would slow single-token generation by several percent.
_NO_ABORT = ll.ggml_abort_callback()


@dataclass
class GenerationStats:
    """Filled in by ``LoadedModel.generate`` as it runs; complete when the generator ends."""

    prompt_n: int = 0
    cache_n: int = 0
    prompt_ms: float = 0.0
    predicted_n: int = 0
    predicted_ms: float = 0.0
    finish_reason: str = "stop"
    draft_n: int = 0
    """Tokens drafted by prompt lookup, and how many of them the model kept."""
    draft_accepted: int = 0
    logprobs: list[TokenLogprob] = field(default_factory=list)
    """With ``generate(logprobs=k)``: one entry per generated token, appended as it is chosen (the
    server takes them off the front as it streams)."""


class TokenLogprob(NamedTuple):
    token: bytes
    logprob: float
    top: list[tuple[bytes, float]]
    """The ``k`` likeliest tokens at this step, with their log-probabilities."""


class ChatPrompt(NamedTuple):
    tokens: list[int]
    text: str
    """As rendered: the thinking splitter reads whether the template opened a thinking block."""
    warning: str | None


class StopMatcher:
    """Holds back text that might be the start of a stop string, so a stop string never leaks out."""

    def __init__(self, stops: Sequence[str]) -> None:
        self.stops = tuple(s for s in stops if s)
        self.pending = ""

    def feed(self, text: str) -> tuple[str, bool]:
        """Returns (text safe to emit, whether a stop string was hit)."""
        if not self.stops:
            return text, False
        self.pending += text
        for stop in self.stops:
            at = self.pending.find(stop)
            if at >= 0:
                out, self.pending = self.pending[:at], ""
                return out, True
        # Keep the longest tail that is a prefix of some stop string (none is whole: found above).
        keep = partial_marker(self.pending, self.stops)
        out = self.pending[: len(self.pending) - keep]
        self.pending = self.pending[len(self.pending) - keep :]
        return out, False

    def flush(self) -> str:
        out, self.pending = self.pending, ""
        return out


class _Detokenizer:
    """Tokens → the text that may be shown: whole UTF-8 characters only, and nothing from a stop string on.

    Both generation loops emit through one, so a token becomes text the same way in each."""

    def __init__(self, piece: Callable[[int], bytes], stops: Sequence[str]) -> None:
        self._piece = piece
        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._stops = StopMatcher(stops)

    def add(self, token: int) -> tuple[str, bool]:
        """(text to emit now, whether a stop string was reached: nothing follows it)."""
        return self._stops.feed(self._utf8.decode(self._piece(token)))

    def rest(self) -> str:
        """At the end: text held back as a possible stop string, and an unfinished UTF-8 sequence."""
        return self._stops.flush() + self._utf8.decode(b"", final=True)


def release(ctx, model) -> None:
    """Free a llama.cpp context and then its model (either may be gone already)."""
    if ctx:
        ll.llama_free(ctx)
    if model:
        ll.llama_model_free(model)


def tokenize(vocab, text: str, *, add_special: bool = True, parse_special: bool = True) -> list[int]:
    """``text`` as the tokens of ``vocab`` (a llama.cpp vocabulary)."""
    data = text.encode("utf-8")
    cap = len(data) + 8
    buf = (ll.llama_token * cap)()
    n = ll.llama_tokenize(vocab, data, len(data), buf, cap, add_special, parse_special)
    if n < 0:  # buffer too small: -n is the size needed
        cap = -n
        buf = (ll.llama_token * cap)()
        n = ll.llama_tokenize(vocab, data, len(data), buf, cap, add_special, parse_special)
    if n < 0:
        raise EngineRequestError(translatable("The text could not be tokenized."))
    return list(buf[:n])


def _no_penalties(params: GenerationParams) -> bool:
    return params.repeat_penalty == 1.0 and not params.frequency_penalty and not params.presence_penalty


def _fill_batch(batch, tokens: Sequence[int], first_pos: int) -> None:
    """Put ``tokens`` in ``batch`` at consecutive positions of sequence 0, asking logits for each
    (scoring needs every position's; verifying drafts every drafted one's)."""
    batch.n_tokens = len(tokens)
    for i, t in enumerate(tokens):
        batch.token[i] = t
        batch.pos[i] = first_pos + i
        batch.n_seq_id[i] = 1
        batch.seq_id[i][0] = 0
        batch.logits[i] = 1


class LoadedModel:
    """One GGUF model with one context (one conversation's KV cache, reused across requests)."""

    def __init__(self, path: Path, options: LoadOptions) -> None:
        self.path = path
        self.info = gguf_info.read_info(path)  # validate before llama.cpp sees the file
        self.options = options
        bk = backend_mod.detect()
        n_ctx_train = self.info.context_length or options.n_ctx
        self.n_ctx = max(256, min(options.n_ctx, n_ctx_train))
        self.threads = options.threads or bk.threads
        gpu_free = sum(d.free_bytes for d in bk.gpus) if bk.gpu_offload else 0
        self.plan: OffloadPlan = plan_offload(
            estimate_memory(self.info, self.n_ctx),
            block_count=self.info.block_count or 1,
            model_name=self.info.name,
            n_ctx=self.n_ctx,
            gpu_free=gpu_free,
            ram_free=available_ram(),
            requested_layers=options.n_gpu_layers,
        )
        self.backend_label = bk.label(self.threads) if self.plan.n_gpu_layers else f"CPU ({self.threads} threads)"
        log.info("loading %s: %s", path, self.plan.reason)

        started = time.perf_counter()
        mparams = ll.llama_model_default_params()
        mparams.n_gpu_layers = self.plan.n_gpu_layers
        self._model = ll.llama_model_load_from_file(str(path).encode(), mparams)
        if not self._model:
            raise ModelFileError(
                translatable("llama.cpp could not load {name}; the engine log has the details."), name=path.name
            )
        self._vocab = ll.llama_model_get_vocab(self._model)
        self._n_vocab = ll.llama_vocab_n_tokens(self._vocab)

        cparams = ll.llama_context_default_params()
        cparams.n_ctx = self.n_ctx
        cparams.n_batch = options.n_batch
        cparams.n_ubatch = options.n_ubatch
        cparams.n_threads = self.threads
        cparams.n_threads_batch = self.threads
        cparams.flash_attn_type = _FLASH_ATTN.get(options.flash_attn, -1)
        self._ctx = ll.llama_init_from_model(self._model, cparams)
        if not self._ctx:
            ll.llama_model_free(self._model)
            raise ModelFileError(
                translatable("llama.cpp could not create a context for {name} (n_ctx={n_ctx})."),
                name=path.name,
                n_ctx=self.n_ctx,
            )
        self._memory = ll.llama_get_memory(self._ctx)
        self.load_ms = (time.perf_counter() - started) * 1000

        self._cached: list[int] = []  # tokens whose keys/values are in the KV cache, in order
        # LoRA adapters loaded on top of this model, by path (llama.cpp frees them with the model),
        # and the one applied to the context now, with its scale.
        self._adapters: dict[str, ctypes.c_void_p] = {}
        self._adapter_state: tuple[str, float] | None = None
        self._token_buf = (ll.llama_token * 1)()
        self._piece_buf = ctypes.create_string_buffer(256)
        self._abort_requested: Callable[[], bool] = lambda: False
        # Keep a reference: llama.cpp holds only the C pointer.
        self._abort_cb = ll.ggml_abort_callback(lambda _data: bool(self._abort_requested()))

        self.bos_text = self._token_text(ll.llama_vocab_bos(self._vocab))
        self.eos_text = self._token_text(ll.llama_vocab_eos(self._vocab))
        self.render_chat, self.template_warning = load_template(
            self.info.chat_template, bos_token=self.bos_text, eos_token=self.eos_text
        )
        # How this model thinks (core.reasoning), from the template it actually renders with.
        source = self.info.chat_template if self.render_chat.uses_model_template else None
        self.thinking = reasoning.detect(source)
        self.thinking_switches = reasoning.switches(source)
        # Requests with tools go through the model's tool-use template when it has one that works
        # (as in llama.cpp); its format is the one calls are written in.
        self.render_tools = self.render_chat
        if self.info.tool_use_template:
            renderer, warning = load_template(
                self.info.tool_use_template, bos_token=self.bos_text, eos_token=self.eos_text, for_tools=True
            )
            if warning is None:
                self.render_tools, source = renderer, self.info.tool_use_template
            else:
                log.warning("The tool-use template is not used: %s", warning)
        self.tool_format = tool_calls.detect(source)  # None: the template cannot take tools

    # -- lifetime ---------------------------------------------------------------------------

    def close(self) -> None:
        self._adapters.clear()  # llama.cpp frees them with the model
        release(self._ctx, self._model)
        self._ctx = self._model = None

    def describe(self) -> dict[str, object]:
        info = self.info
        return {
            "id": info.name,
            "path": str(self.path),
            "architecture": info.architecture,
            "quantization": info.quantization,
            "parameters": info.parameters,
            "file_size": info.file_size,
            "n_ctx": self.n_ctx,
            "n_ctx_train": info.context_length,
            "n_gpu_layers": self.plan.n_gpu_layers if self.plan.n_gpu_layers != ALL_LAYERS else info.block_count,
            "n_layers": info.block_count,
            "offload": self.plan.reason,
            "backend": self.backend_label,
            "threads": self.threads,
            "template_warning": self.template_warning,
            # How the model thinks, and the template's switches for it: the chat's Think menu.
            "thinking": {"format": self.thinking.name, "switches": sorted(self.thinking_switches)},
            "tool_format": self.tool_format,
            "load_ms": round(self.load_ms, 1),
            "adapter": {"path": self._adapter_state[0], "scale": self._adapter_state[1]}
            if self._adapter_state
            else None,
        }

    # -- tokens -----------------------------------------------------------------------------

    def _token_text(self, token: int) -> str:
        if token < 0:
            return ""
        raw = ll.llama_vocab_get_text(self._vocab, token)
        return raw.decode("utf-8", errors="replace") if raw else ""

    def tokenize(self, text: str, *, add_special: bool = True, parse_special: bool = True) -> list[int]:
        return tokenize(self._vocab, text, add_special=add_special, parse_special=parse_special)

    def detokenize(self, tokens: Sequence[int]) -> str:
        out = bytearray()
        for token in tokens:
            out += self._piece(token)
        return out.decode("utf-8", errors="replace")

    def _piece(self, token: int, special: bool = False) -> bytes:
        """The token's bytes. Control tokens are empty unless ``special`` (a thinking format's markers)."""
        n = ll.llama_token_to_piece(self._vocab, token, self._piece_buf, len(self._piece_buf), 0, special)
        if n < 0:
            self._piece_buf = ctypes.create_string_buffer(-n)
            n = ll.llama_token_to_piece(self._vocab, token, self._piece_buf, len(self._piece_buf), 0, special)
        return self._piece_buf.raw[:n]

    def _special_piece(self, token: int) -> bytes:
        return self._piece(token, True)

    def check_grammar(self, grammar: str) -> bool:
        """Whether llama.cpp accepts a GBNF grammar for this vocabulary (it logs why not)."""
        sampler = ll.llama_sampler_init_grammar(self._vocab, grammar.encode(), b"root")
        if not sampler:
            return False
        ll.llama_sampler_free(sampler)
        return True

    def chat_prompt(
        self,
        messages: list[dict[str, Any]],
        extra: dict[str, Any] | None = None,
        tools: list[dict[str, Any]] | None = None,
    ) -> ChatPrompt:
        """Render ``messages`` with the model's template (``extra``: more template variables; ``tools``:
        OpenAI's tools) and tokenize."""
        rendered = (self.render_tools if tools else self.render_chat)(messages, extra=extra, tools=tools)
        # Templates that write the BOS token themselves must not get a second one.
        add_special = not (self.bos_text and rendered.text.startswith(self.bos_text))
        tokens = self.tokenize(rendered.text, add_special=add_special, parse_special=True)
        return ChatPrompt(tokens, rendered.text, rendered.warning)

    # -- generation -------------------------------------------------------------------------

    def generate(
        self,
        prompt: list[int],
        params: GenerationParams,
        should_stop: Callable[[], bool],
        stats: GenerationStats,
        *,
        grammar: str | None = None,
        special: bool = False,
        logprobs: int | None = None,
    ) -> Iterator[str]:
        """Yield the reply's text piece by piece. ``should_stop`` is polled between tokens (and
        during long prompt batches); when it returns True the generator ends with
        ``finish_reason="cancelled"``. ``stats`` is filled in as it goes.

        ``grammar`` (GBNF, checked with ``check_grammar``) constrains what may be sampled: structured
        output. ``special`` renders control tokens as text, for thinking formats whose markers are
        control tokens (``core.reasoning``). ``logprobs`` (the number of alternatives, 0-20) fills
        ``stats.logprobs`` with each chosen token's log-probability under the model."""
        if not prompt:
            raise EngineRequestError(translatable("The prompt is empty."))
        if len(prompt) >= self.n_ctx:
            raise EngineRequestError(
                translatable(
                    "The prompt is {tokens:,} tokens, but the context window is {n_ctx:,}. "
                    "Shorten the text or raise the context size in settings."
                ),
                tokens=len(prompt),
                n_ctx=self.n_ctx,
            )
        self._use_adapter(params.adapter, params.adapter_scale)
        started = time.perf_counter()
        if not self._eval_prompt(prompt, should_stop, stats):
            stats.finish_reason = "cancelled"
            return
        stats.prompt_ms = (time.perf_counter() - started) * 1000

        piece = self._special_piece if special else self._piece
        plain = not grammar and logprobs is None
        if params.prompt_lookup and params.temperature <= 0 and _no_penalties(params) and plain:
            # Greedy with no penalty: the model's choice is the argmax, so a drafted token can be
            # checked against it, and the text is what the plain loop would write (up to rounding
            # differences between batched and single-token evaluation in near-ties).
            yield from self._lookup_loop(PromptLookup(prompt), params, piece, should_stop, stats)
            return
        chain = self._sampler_chain(params)
        # Greedy, with penalties that only ever lower a logit: see GrammarSampler.
        argmax = (
            params.temperature <= 0
            and params.repeat_penalty >= 1.0
            and params.frequency_penalty >= 0
            and params.presence_penalty >= 0
        )
        constrained = GrammarSampler(self._vocab, self._n_vocab, chain, grammar, argmax=argmax) if grammar else None
        try:
            sample = constrained.sample if constrained else functools.partial(ll.llama_sampler_sample, chain)
            yield from self._token_loop(sample, params, piece, should_stop, stats, logprobs)
        finally:
            if constrained:
                constrained.close()
            ll.llama_sampler_free(chain)

    # -- scoring ------------------------------------------------------------------------------

    def negative_log_likelihood(self, text: str, *, adapter: str = "", adapter_scale: float = 1.0) -> tuple[float, int]:
        """(summed negative log-likelihood, tokens predicted) of ``text`` under the model (and adapter):
        how well the model, as llama.cpp runs it, predicts each token from the ones before. The text is
        cut at the context size. Perplexity is ``exp(nll / n)``."""
        self._use_adapter(adapter, adapter_scale)
        tokens = self.tokenize(text, add_special=True)[: self.n_ctx]
        if len(tokens) < 2:
            raise EngineRequestError(translatable("The text is too short to score (it needs at least two tokens)."))
        self._reset_cache()
        step = self.options.n_batch
        batch = ll.llama_batch_init(step, 0, 1)
        nll, count = 0.0, 0
        try:
            for start in range(0, len(tokens) - 1, step):
                part = tokens[start : start + step]
                _fill_batch(batch, part, start)
                rc = ll.llama_decode(self._ctx, batch)
                if rc != 0:
                    raise EngineRequestError(
                        translatable("llama.cpp could not evaluate the text (llama_decode returned {rc})."), rc=rc
                    )
                logits = np.ctypeslib.as_array(ll.llama_get_logits(self._ctx), shape=(len(part), self._n_vocab))
                targets = tokens[start + 1 : start + 1 + len(part)]
                rows = logits[: len(targets)].astype(np.float64)
                peak = rows.max(axis=1, keepdims=True)
                log_norm = np.log(np.exp(rows - peak).sum(axis=1)) + peak[:, 0]
                nll += float((log_norm - rows[np.arange(len(targets)), targets]).sum())
                count += len(targets)
        finally:
            ll.llama_batch_free(batch)
            self._reset_cache()
        return nll, count

    # -- LoRA adapters ----------------------------------------------------------------------

    def _use_adapter(self, path: str, scale: float) -> None:
        """Apply the adapter at ``path`` with ``scale`` (none when ``path`` is empty or the scale 0).

        Switching or rescaling sets the adapters on the context (llama.cpp's ``llama_set_adapters_lora``);
        the base model stays loaded. The KV cache is emptied, since keys and values computed under
        other weights would be wrong for the next prompt.
        """
        wanted = (path, float(scale)) if path and scale != 0 else None
        if wanted == self._adapter_state:
            return
        if wanted is None:
            rc = ll.llama_set_adapters_lora(self._ctx, None, 0, None)
        else:
            adapters = (ll.llama_adapter_lora_p_ctypes * 1)(self._adapter(path))
            scales = (ctypes.c_float * 1)(wanted[1])
            rc = ll.llama_set_adapters_lora(self._ctx, adapters, 1, scales)
        if rc != 0:
            raise EngineRequestError(translatable("llama.cpp could not apply the adapter (it returned {rc})."), rc=rc)
        self._adapter_state = wanted
        self._reset_cache()

    def _adapter(self, path: str):
        """The loaded adapter at ``path``, loading it the first time after checking what it says it is."""
        if path in self._adapters:
            return self._adapters[path]
        info = gguf_info.read_adapter_info(Path(path))
        if info.architecture != self.info.architecture:
            raise EngineRequestError(
                translatable(
                    "{adapter} was made for a {architecture} model; {model} is {model_architecture}. "
                    "Choose an adapter trained on this model."
                ),
                adapter=Path(path).name,
                architecture=info.architecture,
                model=self.info.name,
                model_architecture=self.info.architecture,
            )
        adapter = ll.llama_adapter_lora_init(self._model, str(path).encode())
        if not adapter:
            raise EngineRequestError(
                translatable(
                    "{adapter} does not fit {model}: its weights have other names or shapes "
                    "(it was trained on another base model). The engine log has the details."
                ),
                adapter=Path(path).name,
                model=self.info.name,
            )
        self._adapters[path] = adapter
        return adapter

    def _eval_prompt(self, prompt: list[int], should_stop: Callable[[], bool], stats: GenerationStats) -> bool:
        # Reuse the KV cache for the prefix this prompt shares with the last one (a chat's history).
        keep = 0
        for a, b in zip(self._cached, prompt, strict=False):
            if a != b:
                break
            keep += 1
        keep = min(keep, len(prompt) - 1)  # the last prompt token is re-evaluated for fresh logits
        if keep < len(self._cached):
            if not ll.llama_memory_seq_rm(self._memory, -1, keep, -1):
                ll.llama_memory_clear(self._memory, True)
                keep = 0
            del self._cached[keep:]
        stats.cache_n = keep
        todo = prompt[keep:]
        stats.prompt_n = len(todo)

        self._abort_requested = should_stop
        ll.llama_set_abort_callback(self._ctx, self._abort_cb, None)
        try:
            step = self.options.n_batch
            for start in range(0, len(todo), step):
                part = todo[start : start + step]
                arr = (ll.llama_token * len(part))(*part)
                rc = ll.llama_decode(self._ctx, ll.llama_batch_get_one(arr, len(part)))
                if rc == 2 or should_stop():  # 2: aborted by the callback
                    # An aborted batch may have left part of itself in the cache: forget this batch.
                    ll.llama_memory_seq_rm(self._memory, -1, len(self._cached), -1)
                    return False
                if rc != 0:
                    self._reset_cache()
                    raise EngineRequestError(
                        translatable("llama.cpp could not evaluate the prompt (llama_decode returned {rc})."), rc=rc
                    )
                self._cached.extend(part)
        finally:
            ll.llama_set_abort_callback(self._ctx, _NO_ABORT, None)
        return True

    def _reset_cache(self) -> None:
        ll.llama_memory_clear(self._memory, True)
        self._cached.clear()

    def _sampler_chain(self, params: GenerationParams):
        chain = ll.llama_sampler_chain_init(ll.llama_sampler_chain_default_params())
        add = ll.llama_sampler_chain_add
        if params.repeat_penalty != 1.0 or params.frequency_penalty or params.presence_penalty:
            add(
                chain,
                ll.llama_sampler_init_penalties(
                    self._n_vocab,
                    _PENALTY_LAST_N,
                    params.repeat_penalty,
                    params.frequency_penalty,
                    params.presence_penalty,
                ),
            )
        if params.temperature <= 0:
            add(chain, ll.llama_sampler_init_greedy())
            return chain
        if params.top_k > 0:
            add(chain, ll.llama_sampler_init_top_k(params.top_k))
        if params.top_p < 1.0:
            add(chain, ll.llama_sampler_init_top_p(params.top_p, 1))
        if params.min_p > 0.0:
            add(chain, ll.llama_sampler_init_min_p(params.min_p, 1))
        add(chain, ll.llama_sampler_init_temp(params.temperature))
        seed = params.seed if params.seed >= 0 else ll.LLAMA_DEFAULT_SEED
        add(chain, ll.llama_sampler_init_dist(seed))
        return chain

    def _token_loop(
        self,
        sample: Callable[..., int],
        params: GenerationParams,
        piece: Callable[[int], bytes],
        should_stop: Callable[[], bool],
        stats: GenerationStats,
        logprobs: int | None = None,
    ) -> Iterator[str]:
        # Locals: this loop runs once per token, and attribute lookups add up at 1,000 tokens/s.
        ctx, vocab, tok_buf = self._ctx, self._vocab, self._token_buf
        is_eog, decode, batch_one = ll.llama_vocab_is_eog, ll.llama_decode, ll.llama_batch_get_one
        out = _Detokenizer(piece, params.stop)
        add = out.add
        cached = self._cached
        room = self.n_ctx - len(cached)
        limit = min(params.max_tokens, room)
        ignore_eos = params.ignore_eos
        started = time.perf_counter()
        n = 0
        hit = False
        stats.finish_reason = "length"
        while n < limit:
            if should_stop():
                stats.finish_reason = "cancelled"
                break
            token = sample(ctx, -1)
            if not ignore_eos and is_eog(vocab, token):
                stats.finish_reason = "stop"
                break
            n += 1
            if logprobs is not None:
                stats.logprobs.append(self._logprob(token, logprobs, piece))
            text, hit = add(token)
            if text:
                yield text
            if hit:
                stats.finish_reason = "stop"
                break
            if n >= limit:
                break  # no need to evaluate a token nothing will follow
            tok_buf[0] = token
            rc = decode(ctx, batch_one(tok_buf, 1))
            if rc != 0:
                self._reset_cache()
                raise EngineRequestError(
                    translatable("llama.cpp failed while generating (llama_decode returned {rc})."), rc=rc
                )
            cached.append(token)
        stats.predicted_n = n
        stats.predicted_ms = (time.perf_counter() - started) * 1000
        if not hit and (tail := out.rest()):
            yield tail

    def _logprob(self, token: int, top: int, piece: Callable[[int], bytes]) -> TokenLogprob:
        """The chosen token's log-probability under the model (before sampling settings), and the
        ``top`` likeliest: OpenAI's ``logprobs``."""
        logits = np.ctypeslib.as_array(ll.llama_get_logits_ith(self._ctx, -1), shape=(self._n_vocab,))
        shifted = logits - logits.max()
        logsum = float(np.log(np.exp(shifted).sum()))
        best = np.argpartition(-shifted, top)[:top] if top else np.empty(0, dtype=np.int64)
        best = best[np.argsort(-shifted[best])]
        return TokenLogprob(
            piece(token), float(shifted[token]) - logsum, [(piece(int(t)), float(shifted[t]) - logsum) for t in best]
        )

    def _argmax(self, index: int) -> int:
        logits = ll.llama_get_logits_ith(self._ctx, index)
        return int(np.ctypeslib.as_array(logits, shape=(self._n_vocab,)).argmax())

    def _lookup_loop(
        self,
        lookup: PromptLookup,
        params: GenerationParams,
        piece: Callable[[int], bytes],
        should_stop: Callable[[], bool],
        stats: GenerationStats,
    ) -> Iterator[str]:
        """Greedy generation that verifies drafts copied from the prompt, several tokens per decode.

        Each step decodes [the token just chosen, d1…dk] with logits for every position: the model's
        choice after each position is the argmax there, so d1…dm are kept while they match, and the
        choice after the last kept one is the next token, for free. Rejected drafts leave the KV cache.
        """
        vocab, cached = self._vocab, self._cached
        batch = ll.llama_batch_init(_DRAFT_MAX + 1, 0, 1)
        out = _Detokenizer(piece, params.stop)
        limit = min(params.max_tokens, self.n_ctx - len(cached))
        history: list[int] = []
        k = _DRAFT_START
        # Tokens to go without drafting: a few at first, to time plain steps, and more after drafts the
        # model refused or that cost more than they saved.
        pause = _PLAIN_PROBE
        misses = 0
        per_token = {True: 0.0, False: 0.0}  # smoothed seconds per emitted token: drafting, plain
        started = time.perf_counter()
        n = 0
        hit = False
        stats.finish_reason = "length"
        token = self._argmax(-1)  # after the prompt: the logits of its last token
        try:
            while n < limit:
                if should_stop():
                    stats.finish_reason = "cancelled"
                    break
                if not params.ignore_eos and ll.llama_vocab_is_eog(vocab, token):
                    stats.finish_reason = "stop"
                    break
                n += 1
                text, hit = out.add(token)
                if text:
                    yield text
                if hit:
                    stats.finish_reason = "stop"
                    break
                if n >= limit:
                    break
                history.append(token)
                if pause:
                    # Verifying a draft costs logits at every drafted position: when the reply is
                    # not a copy of the prompt, stop paying for drafts for a while.
                    pause -= 1
                    draft = []
                else:
                    draft = lookup.draft(history, min(k, limit - n - 1, self.n_ctx - len(cached) - 2))
                pos = len(cached)
                step_started = time.perf_counter()
                _fill_batch(batch, (token, *draft), pos)
                rc = ll.llama_decode(self._ctx, batch)
                if rc != 0:
                    self._reset_cache()
                    raise EngineRequestError(
                        translatable("llama.cpp failed while generating (llama_decode returned {rc})."), rc=rc
                    )
                cached.append(token)
                accepted = 0
                while accepted < len(draft) and self._argmax(accepted) == draft[accepted]:
                    accepted += 1
                next_token = self._argmax(accepted)
                if accepted < len(draft):  # the rejected drafts leave the cache before the next step
                    ll.llama_memory_seq_rm(self._memory, -1, pos + 1 + accepted, -1)
                stats.draft_n += len(draft)
                stats.draft_accepted += accepted
                lookup.accept(len(draft), accepted)
                # Whether drafting pays depends on the hardware as much as on the text: on a GPU a batch
                # of tokens costs about one, on a small CPU nearly one per token. Time both kinds of step.
                cost = (time.perf_counter() - step_started) / (1 + accepted)
                drafted = bool(draft)
                per_token[drafted] = cost if not per_token[drafted] else 0.8 * per_token[drafted] + 0.2 * cost
                if draft:
                    # Longer drafts while they are taken whole, shorter when the copy breaks off, and
                    # a growing pause after a draft refused outright or when drafting costs more.
                    k = min(_DRAFT_MAX, k * 2) if accepted == len(draft) else max(_DRAFT_MIN, accepted + 1)
                    misses = 0 if accepted else misses + 1
                    pause = min(_PAUSE_MAX, 2**misses - 1) if misses else 0
                    if per_token[False] and per_token[True] > per_token[False]:
                        pause = _PAUSE_MAX
                # Emit the kept drafts as tokens of their own (end of turn, stop strings and the limit
                # apply to each); the cache keeps exactly what was emitted and decoded.
                for d in draft[:accepted]:
                    if n >= limit or (not params.ignore_eos and ll.llama_vocab_is_eog(vocab, d)):
                        break
                    n += 1
                    text, hit = out.add(d)
                    if text:
                        yield text
                    cached.append(d)
                    history.append(d)
                    if hit:
                        break
                else:
                    token = next_token
                    continue
                if hit:
                    stats.finish_reason = "stop"
                elif n < limit:
                    stats.finish_reason = "stop"  # an accepted draft was the end of the turn
                break
        finally:
            ll.llama_batch_free(batch)
            # Whatever was decoded but not emitted (rejected or unused drafts) leaves the cache.
            ll.llama_memory_seq_rm(self._memory, -1, len(cached), -1)
        stats.predicted_n = n
        stats.predicted_ms = (time.perf_counter() - started) * 1000
        if not hit and (tail := out.rest()):
            yield tail
