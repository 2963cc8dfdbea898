"""A reasoning model's thinking, kept apart from its answer.

Reasoning models (Qwen3, QwQ, DeepSeek-R1 and its distills, SmolLM3, GLM, Magistral, gpt-oss) write
what they think before they answer, in a format their chat template knows. The engine splits the
stream it generates into ``reasoning`` and ``content`` here, so that the thinking reaches clients as
``reasoning_content`` (llama-server's and DeepSeek's field) and never as the answer: a proofread, a
summary or a title is made of ``content`` alone.

The formats:
* **Think tags**: ``<think>…</think>`` before the answer. Some templates open the block themselves
  (the prompt ends in ``<think>``: DeepSeek-R1's, Qwen3's with thinking on in some versions), so the
  reply has only the closing tag, or none when it was cut off while thinking. This is also the
  fallback for a model whose template says nothing: a reply that *starts* with ``<think>`` is thinking.
* **Mistral** (Magistral): ``[THINK]…[/THINK]``; the markers are control tokens.
* **Gemma 4**: ``<|channel>thought…<channel|>`` before the answer (with thinking off, the template
  writes an empty block itself); the markers are control tokens.
* **Harmony** (gpt-oss): messages ``<|channel|>analysis<|message|>…<|end|>`` and
  ``<|start|>assistant<|channel|>final<|message|>…``; the analysis channel is the thinking, the final
  (and commentary) channels the answer. The markers are control tokens.

Where a format's markers are control tokens, llama.cpp renders them as nothing unless asked, so the
engine asks (``ThinkingFormat.special_tokens``). Standard library only: the splitter is exercised
with scripted text in awkward splits by the tests, as well as by the engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.core.text import partial_marker

Channel = Literal["reasoning", "content"]


@dataclass(frozen=True)
class ThinkingFormat:
    name: str
    open: str
    close: str
    special_tokens: bool
    """Its markers are control tokens, which the engine must render as text to see them."""


THINK_TAGS = ThinkingFormat("think", "<think>", "</think>", special_tokens=False)
MISTRAL = ThinkingFormat("mistral", "[THINK]", "[/THINK]", special_tokens=True)
GEMMA4 = ThinkingFormat("gemma4", "<|channel>thought", "<channel|>", special_tokens=True)
HARMONY = ThinkingFormat("harmony", "<|channel|>", "<|end|>", special_tokens=True)

_HARMONY_MARKERS = ("<|start|>", "<|channel|>", "<|message|>", "<|end|>", "<|return|>", "<|call|>", "<|constrain|>")
_MAX_HEADER = 512
"""A harmony header longer than this is not one: the model is not writing harmony, so it is content."""


def detect(template: str | None) -> ThinkingFormat:
    """The thinking format a chat template's source implies (think tags when it implies none)."""
    source = template or ""
    if "<|channel|>" in source and "<|message|>" in source:
        return HARMONY
    if "[THINK]" in source:
        return MISTRAL
    if GEMMA4.open in source:
        return GEMMA4
    return THINK_TAGS


def switches(template: str | None) -> frozenset[str]:
    """The template variables that turn thinking on or off, or set its effort, that the template reads."""
    source = template or ""
    return frozenset(
        name for name in ("enable_thinking", "reasoning_effort", "thinking") if re.search(rf"\b{name}\b", source)
    )


@dataclass
class Split:
    reasoning: str = ""
    content: str = ""

    def __bool__(self) -> bool:
        return bool(self.reasoning or self.content)

    def add(self, more: Split) -> None:
        """Append ``more``, which came after (a stream's pieces joined up)."""
        self.reasoning += more.reasoning
        self.content += more.content


class ReasoningSplitter:
    """Feed the reply's text as it streams; get back what is thinking and what is answer so far.

    Text that might be the start of a marker is held back until the next piece shows what it is, so
    a tag cut across two pieces never leaks into either channel.
    """

    def __init__(self, fmt: ThinkingFormat, prompt: str = "") -> None:
        self.format = fmt
        self._buffer = ""
        self._trim = False
        self.thought = False
        """Whether any thinking was seen (the UI says "Thought for …" only then)."""
        if fmt is HARMONY:
            self._channel: Channel | None = _harmony_opened(prompt)
            self._at_start = False
        else:
            # The template opened the block: the reply starts inside it.
            self._channel = "reasoning" if _opened(prompt, fmt) else None
            self._at_start = True
        self.thought = self._channel == "reasoning"

    def feed(self, text: str) -> Split:
        self._buffer += text
        return self._drain(final=False)

    def finish(self) -> Split:
        """The end of the reply: what was held back. An unclosed thinking block stays thinking."""
        return self._drain(final=True)

    # -- the two kinds of format -----------------------------------------------------------------

    def _drain(self, *, final: bool) -> Split:
        if self.format is HARMONY:
            return self._drain_harmony(final)
        return self._drain_tags(final)

    def _drain_tags(self, final: bool) -> Split:
        fmt, out = self.format, Split()
        while self._buffer:
            if self._channel is None:  # the start: is this thinking?
                stripped = self._buffer.lstrip()
                if stripped.startswith(fmt.open):
                    self._buffer = stripped[len(fmt.open) :]
                    self._channel, self.thought = "reasoning", True
                    continue
                if not final and fmt.open.startswith(stripped):
                    return out  # maybe the opening tag, not all here yet
                self._channel = "content"
                continue
            if self._channel == "content":
                if self._trim:  # the blank lines between the closing tag and the answer
                    self._buffer = self._buffer.lstrip()
                    if not self._buffer:
                        break
                    self._trim = False
                out.content += self._buffer
                self._buffer = ""
                break
            # In the thinking block: up to the closing tag.
            if self._at_start:
                # A model whose template opened the block may open it again.
                stripped = self._buffer.lstrip()
                if stripped.startswith(fmt.open):
                    self._buffer = stripped[len(fmt.open) :]
                elif not final and stripped and fmt.open.startswith(stripped):
                    return out
                self._at_start = False
            at = self._buffer.find(fmt.close)
            if at >= 0:
                out.reasoning += self._buffer[:at]
                self._buffer = self._buffer[at + len(fmt.close) :]
                self._channel, self._trim = "content", True
                continue
            keep = 0 if final else partial_marker(self._buffer, (fmt.close,))
            out.reasoning += self._buffer[: len(self._buffer) - keep]
            self._buffer = self._buffer[len(self._buffer) - keep :]
            break
        return out

    def _drain_harmony(self, final: bool) -> Split:
        out = Split()
        while self._buffer:
            if self._channel is None:  # in a header: up to <|message|>
                at = self._buffer.find("<|message|>")
                if at < 0:
                    if len(self._buffer) > _MAX_HEADER or (final and "<|" not in self._buffer):
                        self._channel = "content"  # not harmony after all
                        continue
                    if final:
                        self._buffer = ""
                    return out
                header, self._buffer = self._buffer[:at], self._buffer[at + len("<|message|>") :]
                self._channel = "reasoning" if "analysis" in _harmony_channel(header) else "content"
                self.thought = self.thought or self._channel == "reasoning"
                if " to=" in header:
                    # A tool call: its header says which tool, so it stays in the content as written
                    # for the tool-call parser (core.tool_calls) to read.
                    out.content += header[header.find("<|channel|>") :] + "<|message|>"
                continue
            at, marker = _first_marker(self._buffer)
            if marker:
                self._emit(out, self._buffer[:at])
                self._buffer = self._buffer[at:]
                # A message ends at <|end|>/<|return|>/<|call|>; whatever marker comes next starts a header.
                if marker in ("<|end|>", "<|return|>", "<|call|>", "<|start|>"):
                    self._buffer = self._buffer[len(marker) :]
                self._channel = None
                continue
            keep = 0 if final else partial_marker(self._buffer, _HARMONY_MARKERS)
            self._emit(out, self._buffer[: len(self._buffer) - keep])
            self._buffer = self._buffer[len(self._buffer) - keep :]
            break
        return out

    def _emit(self, out: Split, text: str) -> None:
        if self._channel == "reasoning":
            out.reasoning += text
        else:
            out.content += text


def split_text(text: str, fmt: ThinkingFormat = THINK_TAGS, prompt: str = "") -> Split:
    """A whole reply, split (for stored replies and tests)."""
    splitter = ReasoningSplitter(fmt, prompt)
    whole = splitter.feed(text)
    whole.add(splitter.finish())
    return whole


def answer_opening(prompt: str, fmt: ThinkingFormat) -> str:
    """What to write after a rendered prompt (ending with the generation prompt) so that what follows
    is the answer: how the engine continues an assistant message cut off at the length limit. It
    closes a thinking block the template opened, and in harmony opens the final channel."""
    if fmt is HARMONY:
        channel = _harmony_opened(prompt)
        if channel == "content":
            return ""
        closing = "<|end|><|start|>assistant" if channel == "reasoning" else ""
        return closing + "<|channel|>final<|message|>"
    return fmt.close + "\n\n" if _opened(prompt, fmt) else ""


def _opened(prompt: str, fmt: ThinkingFormat) -> bool:
    """Whether the prompt ends inside an open thinking block (the template opened it)."""
    at = prompt.rfind(fmt.open)
    return at >= 0 and fmt.close not in prompt[at:] and not prompt[at + len(fmt.open) :].strip()


def _harmony_opened(prompt: str) -> Channel | None:
    """The channel the prompt left open (it ends with ``<|message|>``), or None: the reply starts with a header."""
    tail = prompt.rstrip()
    if not tail.endswith("<|message|>"):
        return None
    header = tail[tail.rfind("<|channel|>") :]
    return "reasoning" if "analysis" in _harmony_channel(header) else "content"


def _harmony_channel(header: str) -> str:
    at = header.find("<|channel|>")
    if at < 0:
        return ""
    name = header[at + len("<|channel|>") :]
    return name.split("<|", 1)[0].split(None, 1)[0] if name.strip() else ""


def _first_marker(text: str) -> tuple[int, str]:
    best, found = len(text), ""
    for marker in _HARMONY_MARKERS:
        if marker == "<|message|>" or marker == "<|constrain|>":
            continue  # these belong inside a header
        at = text.find(marker)
        if 0 <= at < best:
            best, found = at, marker
    return best, found
