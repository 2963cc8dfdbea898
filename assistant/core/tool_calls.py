"""Tool calls in a model's reply: the formats model families write them in, found and parsed.

A model that was given tools (OpenAI's ``tools``) answers either with text or with calls, each in its
family's own markup. This module knows the common families:

* **Hermes** (Qwen 2.5, Qwen3, Hermes, many fine-tunes): ``<tool_call>{"name": …, "arguments": {…}}</tool_call>``,
  one block per call.
* **Llama 3.1-3.3**: the reply *is* ``{"name": …, "parameters": {…}}`` (or ``"arguments"``), or follows
  ``<|python_tag|>``; several calls are separated by ``;``.
* **Mistral**: ``[TOOL_CALLS][{"name": …, "arguments": {…}}, …]``, or the newer
  ``[TOOL_CALLS]name[ARGS]{…}`` per call.
* **Phi-4-mini**: ``<|tool_call|>[{"name": …, "arguments": {…}}]<|/tool_call|>``.
* **gpt-oss** (harmony): a ``commentary`` message addressed ``to=functions.NAME`` whose body is the
  arguments (the engine's reasoning splitter leaves that message in the content as written).
* **Gemma 4**: ``<|tool_call>call:NAME{city:<|"|>Paris<|"|>}<tool_call|>``: not JSON but close to it
  (keys bare or quoted, strings quoted by ``<|"|>``), turned into JSON here.

``ToolCallCollector`` lets the text before a call stream out while holding back everything from the
first sign of a call, so that markup never reaches the answer. Standard library only.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass

from assistant.core.text import partial_marker

HERMES, LLAMA3, MISTRAL, PHI4, HARMONY, GEMMA4 = "hermes", "llama3", "mistral", "phi4", "harmony", "gemma4"
MISTRAL_ID_LENGTH = 9
"""Mistral's templates refuse a conversation whose tool-call ids are not 9 letters and digits."""


@dataclass(frozen=True)
class ToolCall:
    name: str
    arguments: str
    """The arguments as a JSON object's text (OpenAI's ``function.arguments``)."""
    id: str = ""

    def to_openai(self, index: int) -> dict[str, object]:
        return {
            "index": index,
            "id": self.id or new_call_id(),
            "type": "function",
            "function": {"name": self.name, "arguments": self.arguments},
        }


def new_call_id(fmt: str | None = None) -> str:
    """An id for a call, in the shape the format's template takes back (clients return it with the result)."""
    if fmt == MISTRAL:
        return uuid.uuid4().hex[:MISTRAL_ID_LENGTH]
    return "call_" + uuid.uuid4().hex[:24]


def detect(template: str | None) -> str | None:
    """The tool-call format a chat template implies, or None when it has no tools support at all."""
    source = template or ""
    if not re.search(r"\btools\b", source):
        return None
    if "<|channel|>" in source:
        return HARMONY
    if "<|tool_call>call:" in source:
        return GEMMA4
    if "[TOOL_CALLS]" in source:
        return MISTRAL
    if "<|tool_call|>" in source:
        return PHI4
    if "<|python_tag|>" in source or "ipython" in source:
        return LLAMA3
    return HERMES


# Where a call starts, per format: the collector holds back from here on. A reply that starts with
# JSON may be a call whose marker is a control token the engine did not render (Llama's
# <|python_tag|>, Mistral's [TOOL_CALLS]), or a bare call a grammar forced.
_BARE = ("{", "[")
_STARTS = {
    HERMES: ("<tool_call>", *_BARE),
    LLAMA3: ("<|python_tag|>", *_BARE),
    MISTRAL: ("[TOOL_CALLS]", *_BARE),
    PHI4: ("<|tool_call|>", *_BARE),
    HARMONY: ("<|channel|>commentary to=", " to=functions.", "to=functions."),
    GEMMA4: ("<|tool_call>", *_BARE),
}
_AT_START_ONLY = frozenset(_BARE)
"""Markers that count only at the very start of the reply."""


class ToolCallCollector:
    """Feed the reply's answer text; get back what may be shown now. ``finish`` returns the rest of
    the text and the calls found. ``forced``: the whole reply is a call (a grammar made it so)."""

    def __init__(self, fmt: str, names: frozenset[str], *, forced: bool = False) -> None:
        self.format = fmt
        self.names = names
        self.forced = forced
        self._shown = ""
        self._held = ""
        self._holding = forced

    def feed(self, text: str) -> str:
        if self._holding:
            self._held += text
            return ""
        pending = self._held + text
        at = self._first_start(pending)
        if at is not None:
            out, self._held, self._holding = pending[:at], pending[at:], True
        else:
            keep = partial_marker(pending, _STARTS[self.format])
            out, self._held = pending[: len(pending) - keep], pending[len(pending) - keep :]
        self._shown += out
        return out

    def finish(self) -> tuple[str, list[ToolCall]]:
        """(text not yet shown that is not a call, the calls). Markup that parses to no known tool
        is given back as text: a model that only mentions a tag has not called anything."""
        held, self._held = self._held, ""
        calls = parse(held, self.format, self.names, bare=self.forced)
        if calls:
            return "", calls
        return held, []

    def _first_start(self, text: str) -> int | None:
        best = None
        for marker in _STARTS[self.format]:
            if marker in _AT_START_ONLY:  # only before any answer text
                stripped = text.lstrip()
                at = len(text) - len(stripped) if not self._shown.strip() and stripped.startswith(marker) else -1
            else:
                at = text.find(marker)
            if at >= 0 and (best is None or at < best):
                best = at
        return best


def parse(text: str, fmt: str, names: frozenset[str], *, bare: bool = False) -> list[ToolCall]:
    """The calls in ``text`` written in ``fmt``; only calls to tools in ``names`` count.
    ``bare``: the text may be just the JSON of a call or a list of calls (a forced call)."""
    found: list[tuple[str, object]] = []
    if fmt == HERMES:
        for body in re.findall(r"<tool_call>(.*?)(?:</tool_call>|$)", text, re.S):
            found += _json_calls(body)
    elif fmt == PHI4:
        for body in re.findall(r"<\|tool_call\|>(.*?)(?:<\|/tool_call\|>|$)", text, re.S):
            found += _json_calls(body)
    elif fmt == MISTRAL:
        for body in text.split("[TOOL_CALLS]")[1:]:
            if "[ARGS]" in body:
                name, _, args = body.partition("[ARGS]")
                found.append((name.strip(), _loads(args.strip())))
            else:
                found += _json_calls(body)
    elif fmt == LLAMA3:
        body = text.split("<|python_tag|>", 1)[-1]
        for part in _split_top_level(body, ";"):
            found += _json_calls(part)
    elif fmt == GEMMA4:
        for name, body in re.findall(r"<\|tool_call>call:([\w.-]+)(.*?)(?:<tool_call\|>|$)", text, re.S):
            found.append((name, _loads(gemma_to_json(body))))
    elif fmt == HARMONY:
        for name, args in re.findall(
            r"to=functions\.([\w.-]+)[^<]*(?:<\|constrain\|>\w+)?<\|message\|>(.*?)(?:<\|call\|>|$)", text, re.S
        ):
            found.append((name, _loads(args.strip())))
    if not found and (bare or text.lstrip()[:1] in _BARE):
        found += _json_calls(text)
    calls = []
    for name, args in found:
        if name in names and isinstance(args, dict):
            calls.append(ToolCall(name, json.dumps(args, ensure_ascii=False), new_call_id(fmt)))
    return calls


_GEMMA_QUOTE = '<|"|>'
_GEMMA_BARE_KEY = re.compile(r"([{,]\s*)([^\s\"{}\[\],:][^{}\[\],:]*?)\s*:")


def gemma_to_json(text: str) -> str:
    """Gemma 4's argument syntax as JSON text: strings between ``<|"|>`` marks become JSON strings,
    then bare keys are quoted. Numbers, true/false/null, brackets and braces are JSON already."""
    pieces = text.split(_GEMMA_QUOTE)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:  # inside a quoted string (an unclosed last string is taken as it is)
            out.append(json.dumps(piece, ensure_ascii=False))
        else:
            out.append(_GEMMA_BARE_KEY.sub(lambda m: f"{m.group(1)}{json.dumps(m.group(2).strip())}:", piece))
    return "".join(out)


def _json_calls(text: str) -> list[tuple[str, object]]:
    """``{"name", "arguments"|"parameters"}`` or a list of them, from JSON text (surrounding text allowed)."""
    value = _loads(text.strip())
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            args = item.get("arguments", item.get("parameters", {}))
            if isinstance(args, str):
                args = _loads(args)
            out.append((item["name"], args))
    return out


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        # A call followed by text (or an end token): take the first JSON value.
        try:
            return json.JSONDecoder().raw_decode(text)[0]
        except ValueError:
            return None


def _split_top_level(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside JSON strings and brackets."""
    parts, depth, start, in_string, escaped = [], 0, 0, False, False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
        elif ch == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p for p in parts if p.strip()]
