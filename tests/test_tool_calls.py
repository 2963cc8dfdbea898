"""core/tool_calls.py: each family's way of writing a call, found in whole replies and in streams cut
anywhere, and never mistaken for text (or text for a call)."""

from __future__ import annotations

import itertools
import json

import pytest

from assistant.core.reasoning import HARMONY as HARMONY_THINKING
from assistant.core.reasoning import ReasoningSplitter
from assistant.core.tool_calls import HARMONY, HERMES, LLAMA3, MISTRAL, PHI4, ToolCallCollector, detect, parse

NAMES = frozenset({"get_weather", "get_time"})
PARIS = {"city": "Paris"}

# (family, reply as the model writes it, text shown to the user, calls as (name, arguments))
RECORDED = [
    (
        "qwen2.5",
        HERMES,
        '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>',
        "",
        [("get_weather", PARIS)],
    ),
    (
        "qwen3, text then two calls",
        HERMES,
        'Let me check.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>\n'
        '<tool_call>\n{"name": "get_time", "arguments": {"zone": "CET"}}\n</tool_call>',
        "Let me check.\n",
        [("get_weather", PARIS), ("get_time", {"zone": "CET"})],
    ),
    (
        "llama 3.1 json",
        LLAMA3,
        '{"name": "get_weather", "parameters": {"city": "Paris"}}',
        "",
        [("get_weather", PARIS)],
    ),
    (
        "llama 3.2 python_tag, two calls",
        LLAMA3,
        '<|python_tag|>{"name": "get_weather", "parameters": {"city": "Paris"}}; '
        '{"name": "get_time", "parameters": {"zone": "CET"}}',
        "",
        [("get_weather", PARIS), ("get_time", {"zone": "CET"})],
    ),
    (
        "mistral v3",
        MISTRAL,
        '[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris"}}]',
        "",
        [("get_weather", PARIS)],
    ),
    ("mistral v11", MISTRAL, '[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}', "", [("get_weather", PARIS)]),
    (
        "mistral, marker not rendered",
        MISTRAL,
        '[{"name": "get_weather", "arguments": {"city": "Paris"}}]',
        "",
        [("get_weather", PARIS)],
    ),
    (
        "phi-4-mini",
        PHI4,
        '<|tool_call|>[{"name": "get_weather", "arguments": {"city": "Paris"}}]<|/tool_call|>',
        "",
        [("get_weather", PARIS)],
    ),
    (
        "arguments as a string",
        HERMES,
        '<tool_call>{"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}</tool_call>',
        "",
        [("get_weather", PARIS)],
    ),
    ("plain answer", HERMES, "It is sunny in Paris.", "It is sunny in Paris.", []),
    (
        "a tag mentioned, no call",
        HERMES,
        "Use <tool_call> tags to call tools.",
        "Use <tool_call> tags to call tools.",
        [],
    ),
    (
        "an unknown tool is text",
        HERMES,
        '<tool_call>{"name": "rm_rf", "arguments": {}}</tool_call>',
        '<tool_call>{"name": "rm_rf", "arguments": {}}</tool_call>',
        [],
    ),
    ("json that is not a call", LLAMA3, '{"answer": 42}', '{"answer": 42}', []),
    ("braces later are text", LLAMA3, 'Write {"a": 1} like this.', 'Write {"a": 1} like this.', []),
]


def collect(fmt: str, reply: str, cuts: list[int]) -> tuple[str, list]:
    collector = ToolCallCollector(fmt, NAMES)
    shown = ""
    bounds = [0, *cuts, len(reply)]
    for start, end in itertools.pairwise(bounds):
        shown += collector.feed(reply[start:end])
    rest, calls = collector.finish()
    return shown + rest, [(c.name, json.loads(c.arguments)) for c in calls]


@pytest.mark.parametrize(("fmt", "reply", "text", "calls"), [r[1:] for r in RECORDED], ids=[r[0] for r in RECORDED])
def test_recorded_replies_whole_and_streamed(fmt: str, reply: str, text: str, calls: list) -> None:
    assert [(c.name, json.loads(c.arguments)) for c in parse(reply, fmt, NAMES)] == calls
    for cut in range(1, len(reply)):
        assert collect(fmt, reply, [cut]) == (text, calls)
    assert collect(fmt, reply, list(range(1, len(reply)))) == (text, calls)


def test_no_markup_leaks_while_streaming() -> None:
    collector = ToolCallCollector(HERMES, NAMES)
    shown = ""
    for ch in 'Sure. <tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>':
        shown += collector.feed(ch)
        assert "<" not in shown
    assert shown == "Sure. "


def test_gpt_oss_calls_come_through_the_reasoning_splitter() -> None:
    reply = (
        "<|channel|>analysis<|message|>Need weather.<|end|>"
        '<|start|>assistant<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{"city": "Paris"}'
    )
    splitter = ReasoningSplitter(HARMONY_THINKING, "<|start|>assistant")
    collector = ToolCallCollector(HARMONY, NAMES)
    shown = ""
    reasoning = ""
    for ch in reply:
        part = splitter.feed(ch)
        reasoning += part.reasoning
        shown += collector.feed(part.content)
    tail = splitter.finish()
    shown += collector.feed(tail.content)
    rest, calls = collector.finish()
    assert reasoning == "Need weather." and (shown + rest) == ""
    assert [(c.name, json.loads(c.arguments)) for c in calls] == [("get_weather", PARIS)]


def test_a_forced_call_is_bare_json() -> None:
    collector = ToolCallCollector(HERMES, NAMES, forced=True)
    assert collector.feed('{"name": "get_time", "arguments": {"zone": "UTC"}}') == ""
    rest, calls = collector.finish()
    assert rest == "" and calls[0].name == "get_time"
    assert calls[0].to_openai(0)["id"].startswith("call_")


def test_detect_formats_from_templates() -> None:
    assert detect("{{ messages }}") is None, "no tools variable: no tools support"
    assert detect("{% if tools %}<tool_call>{% endif %}") == HERMES
    assert detect("{% if tools %}<|python_tag|>{% endif %}") == LLAMA3
    assert detect("{% if tools %}[TOOL_CALLS]{% endif %}") == MISTRAL
    assert detect("{% if tools %}<|tool_call|>{% endif %}") == PHI4
    assert detect("{% if tools %}<|channel|>commentary{% endif %}") == HARMONY
