"""Chat templates from model files, rendered so that a hostile one cannot harm the app.

Why this module exists: a GGUF file carries its prompt format as a Jinja2 template
(``tokenizer.chat_template``), so the template is code from a downloaded, untrusted file.
CVE-2024-34359 in llama-cpp-python was exactly that: a template rendered in an unsandboxed Jinja2
environment ran arbitrary Python. Here templates are rendered in Jinja2's
``ImmutableSandboxedEnvironment`` (jinja2 >= 3.1.6: earlier releases could be escaped through ``|attr``
and ``str.format``), which refuses access to Python internals. This module adds what the sandbox lacks:

* A time cap. ``sys.settrace`` on the rendering thread aborts the template's Python code once a deadline
  passes, because a Python thread cannot be killed and the sandbox has no time limit.
* Size caps, checked *before* the work where a small expression can ask for a huge result:
  ``'x' * 10**10``, ``9 ** (9**9)``, ``'%999999999s' % 1``, ``'{:>999999999}'.format(1)``, ``|center``,
  ``|join``, ``|replace``, ``~``, macro output and so on. That work runs in C, where the time cap cannot
  stop it, and it would use up the machine's memory before any check afterwards could run. The output
  is also counted as it streams.
* No escape gadgets. ``lipsum``, ``cycler`` and ``joiner`` are removed (chat templates never use them,
  and they are the classic way into module globals). Reaching for an unsafe attribute fails at once,
  instead of quietly giving an undefined value that the template could test and keep probing with.

Any failure becomes :class:`~assistant.errors.TemplateRejected` with a reason in plain words. Then
:func:`load_template` falls back to a built-in format (ChatML), so the model is still usable.

Known limits: the caps are estimates tuned for chat templates. A template may still use some hundred MB
for a moment before a check stops it, and a single C call can run past the deadline by the time it
takes (bounded by the size caps). Compiling gets its own, longer cap (MIN_COMPILE_TIME_LIMIT), so a
hostile file can delay loading its model by about that much once. Jinja2 tests (``is divisibleby``
...) are not wrapped; they only compare values. ``sandbox._CodeGenerator`` relies on the shape of
Jinja2 3.1's code generator for ``~`` (a test checks it).

The package: ``failures`` (how a render fails, in words), ``limits`` (the size caps and their checks),
``sandbox`` (the hardened environment), ``time_limit`` (the deadline); this module is the public API.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple, TypeVar

from assistant.engine.chat_template.failures import Abort, Rejected, TemplateRaised, explain, reason_of
from assistant.engine.chat_template.limits import MIN_OUTPUT_CHARS, Budget
from assistant.engine.chat_template.sandbox import Environment
from assistant.engine.chat_template.time_limit import TimeLimit
from assistant.errors import TemplateRejected, translatable

log = logging.getLogger(__name__)

T = TypeVar("T")
Message = dict[str, Any]

DEFAULT_TIME_LIMIT = 2.0  # seconds; real chat templates render in milliseconds
# Compiling is Jinja2's own lexer and parser over the source, linear in its length: a large (100 KB)
# template takes about a second on a slow machine, so it gets more time than rendering does.
MIN_COMPILE_TIME_LIMIT = 10.0
MAX_SOURCE_CHARS = 1024 * 1024  # the same bound gguf_info puts on the metadata string

NO_TEMPLATE_WARNING = "This model has no chat template; a built-in format (ChatML) is used."
REJECTED_WARNING = "This model's chat template was rejected ({reason}), so a built-in format (ChatML) is used instead."
CALL_FALLBACK_WARNING = (
    "This model's chat template failed on this conversation ({reason}), "
    "so a built-in format (ChatML) was used for this reply."
)

# A short conversation with every role that matters; a template must render it to be accepted.
SAMPLE_CONVERSATION: list[Message] = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "Hello!"},
    {"role": "assistant", "content": "Hi! How can I help you today?"},
    {"role": "user", "content": "What is 2 + 2?"},
]


class ChatTemplate:
    """A model's chat template, compiled in the hardened sandbox. ``render`` turns messages into a prompt.

    Both the constructor and ``render`` raise only TemplateRejected, with a reason in plain words.
    ``time_limit`` caps each render; compiling may take up to ``max(time_limit, MIN_COMPILE_TIME_LIMIT)``.
    """

    def __init__(
        self, source: str, *, bos_token: str = "", eos_token: str = "", time_limit: float = DEFAULT_TIME_LIMIT
    ) -> None:
        self.bos_token = bos_token
        self.eos_token = eos_token
        self.time_limit = time_limit
        self._env = Environment()
        if len(source) > MAX_SOURCE_CHARS:
            reason = f"it is longer than {MAX_SOURCE_CHARS:,} characters"
            raise Rejected(translatable("The chat template could not be read: {reason}."), reason, reason=reason)
        # Compiling runs template-controlled code too (Jinja2 folds constant expressions), so it is guarded.
        self._template = self._guarded(lambda: self._env.from_string(source), Budget(MIN_OUTPUT_CHARS), compiling=True)

    def render(
        self,
        messages: list[Message],
        *,
        add_generation_prompt: bool = True,
        extra: dict[str, Any] | None = None,
        tools: list[dict[str, Any]] | None = None,
    ) -> str:
        """``extra``: more template variables (``enable_thinking``, ``reasoning_effort``: a request's
        ``chat_template_kwargs``); they cannot replace the ones below. ``tools``: OpenAI's tools."""
        budget = Budget.for_messages([*messages, extra or {}, tools or []])
        # Llama 3.x's templates put "Today Date" in the system prompt and fall back to a fixed day in
        # 2024 when not told; llama.cpp tells them, and so does the app (a request may say otherwise).
        variables = (
            {"date_string": datetime.now().strftime("%d %b %Y")}
            | (extra or {})
            | {
                # The variables transformers' apply_chat_template passes.
                "messages": [dict(message) for message in messages],
                "add_generation_prompt": bool(add_generation_prompt),
                "bos_token": self.bos_token,
                "eos_token": self.eos_token,
                "tools": tools or None,
                "documents": None,
            }
        )
        return self._guarded(lambda: self._stream(variables, budget), budget)

    def _stream(self, variables: dict[str, Any], budget: Budget) -> str:
        pieces: list[str] = []
        total = 0
        generator = self._template.generate(**variables)
        try:
            for piece in generator:
                total += len(piece)
                if total > budget.limit:
                    raise Abort(f"it produced more than {budget.limit:,} characters")
                pieces.append(piece)
        finally:
            generator.close()
        return "".join(pieces)

    def _guarded(self, work: Callable[[], T], budget: Budget, *, compiling: bool = False) -> T:
        """Runs ``work`` under the time cap and ``budget``; turns every failure into TemplateRejected."""
        if compiling:
            limit = TimeLimit(max(self.time_limit, MIN_COMPILE_TIME_LIMIT), lines=False)
        else:
            limit = TimeLimit(self.time_limit)
        failure: BaseException
        self._env.local.budget = budget
        limit.start()
        # From here to the `finally`, this frame runs untraced (it started before settrace). It only
        # stores attributes and calls C functions, so no check can fire inside the cleanup.
        try:
            return work()
        except (Abort, Exception) as err:
            failure = err
        finally:
            limit.active = False
            sys.settrace(limit.previous)
            self._env.local.budget = None
        if isinstance(failure, TemplateRejected):
            raise failure
        log.debug("Chat template failed", exc_info=failure)
        reason = explain(failure)
        if compiling and not isinstance(failure, Abort):
            raise Rejected(translatable("The chat template could not be read: {reason}."), reason, reason=reason)
        raise Rejected(translatable("The chat template was rejected: {reason}."), reason, reason=reason)


def chatml(messages: list[Message], *, add_generation_prompt: bool = True) -> str:
    """The built-in fallback format (ChatML). Many instruct models were trained on it, SmolLM2 among them."""
    parts = [f"<|im_start|>{m.get('role') or 'user'}\n{m.get('content') or ''}<|im_end|>\n" for m in messages]
    if add_generation_prompt:
        parts.append("<|im_start|>assistant\n")
    return "".join(parts)


class Rendered(NamedTuple):
    """A rendered prompt. ``warning`` is None unless this call had to fall back to ChatML."""

    text: str
    warning: str | None = None


def _merge_system(messages: list[Message]) -> list[Message] | None:
    """The conversation with its leading system message folded into the first user message.

    Some templates (Gemma's, for one) refuse a system role with raise_exception; this is the usual workaround.
    None when there is nothing to merge.
    """
    if not messages or messages[0].get("role") != "system":
        return None
    rest = [dict(m) for m in messages[1:]]
    for message in rest:
        if message.get("role") == "user":
            message["content"] = f"{messages[0].get('content') or ''}\n\n{message.get('content') or ''}"
            return rest
    return None


class TemplateRenderer:
    """What load_template returns: call it with messages to get a :class:`Rendered` prompt.

    It renders with the model's template when load_template accepted it, otherwise with ChatML (and
    load_template's warning said so). If the accepted template still fails on a real conversation,
    that call falls back to ChatML and its ``Rendered.warning`` says why (also logged). The caller
    learns of a fallback through that warning, which is None on every normal call.
    """

    def __init__(self, template: ChatTemplate | None) -> None:
        self.template = template

    @property
    def uses_model_template(self) -> bool:
        return self.template is not None

    def __call__(
        self,
        messages: list[Message],
        *,
        add_generation_prompt: bool = True,
        extra: dict[str, Any] | None = None,
        tools: list[dict[str, Any]] | None = None,
    ) -> Rendered:
        if self.template is None:
            return Rendered(chatml(messages, add_generation_prompt=add_generation_prompt))
        failure: TemplateRejected
        kwargs = {"add_generation_prompt": add_generation_prompt, "extra": extra, "tools": tools}
        try:
            return Rendered(self.template.render(messages, **kwargs))
        except TemplateRaised as err:
            failure = err
            merged = _merge_system(messages)
            if merged is not None:
                try:
                    text = self.template.render(merged, **kwargs)
                except TemplateRejected:
                    pass
                else:
                    log.info(
                        "The chat template refuses system messages; the system prompt went into the first user message."
                    )
                    return Rendered(text)
        except TemplateRejected as err:
            failure = err
        warning = CALL_FALLBACK_WARNING.format(reason=reason_of(failure))
        log.warning("%s", warning)
        return Rendered(chatml(messages, add_generation_prompt=add_generation_prompt), warning)


SAMPLE_TOOLS: list[dict[str, Any]] = [
    {
        "type": "function",
        "function": {
            "name": "get_time",
            "description": "The time now in a time zone.",
            "parameters": {"type": "object", "properties": {"zone": {"type": "string"}}, "required": ["zone"]},
        },
    }
]


def _trial_render(template: ChatTemplate, tools: list[dict[str, Any]] | None) -> None:
    """Raises TemplateRejected unless the template renders a short sample conversation."""
    try:
        template.render(SAMPLE_CONVERSATION, tools=tools)
    except TemplateRaised:
        # A template may refuse system messages and still be fine (TemplateRenderer merges them).
        merged = _merge_system(SAMPLE_CONVERSATION)
        assert merged is not None
        template.render(merged, tools=tools)


def load_template(
    source: str | None, *, bos_token: str = "", eos_token: str = "", for_tools: bool = False
) -> tuple[TemplateRenderer, str | None]:
    """The render function for a model's chat template, and a warning (None when the model's own is used).

    With no template, or one that fails to compile or to render a sample conversation, the function
    renders ChatML and the warning says why. ``for_tools``: the template is only ever given requests
    with tools (a model's "tool_use" template), so it is tried with a tool.
    """
    if source is None or not source.strip():
        log.info("%s", NO_TEMPLATE_WARNING)
        return TemplateRenderer(None), NO_TEMPLATE_WARNING
    try:
        template = ChatTemplate(source, bos_token=bos_token, eos_token=eos_token)
        _trial_render(template, SAMPLE_TOOLS if for_tools else None)
    except TemplateRejected as err:
        warning = REJECTED_WARNING.format(reason=reason_of(err))
        log.warning("%s", warning)
        return TemplateRenderer(None), warning
    return TemplateRenderer(template), None
