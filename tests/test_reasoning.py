"""core/reasoning.py: thinking split from the answer, however the stream happens to be cut."""

from __future__ import annotations

import itertools

import pytest

from assistant.core.reasoning import (
    HARMONY,
    MISTRAL,
    THINK_TAGS,
    ReasoningSplitter,
    Split,
    detect,
    split_text,
    switches,
)


def streamed(text: str, fmt, prompt: str = "", *, cuts: list[int]) -> Split:
    """The reply fed in pieces cut at ``cuts``: what a client would see, joined up."""
    splitter = ReasoningSplitter(fmt, prompt)
    total = Split()
    bounds = [0, *cuts, len(text)]
    for start, end in itertools.pairwise(bounds):
        part = splitter.feed(text[start:end])
        total.reasoning += part.reasoning
        total.content += part.content
    tail = splitter.finish()
    return Split(total.reasoning + tail.reasoning, total.content + tail.content)


def every_split(text: str, fmt, prompt: str = "") -> list[Split]:
    """The reply cut at every single position, and one character at a time."""
    results = [streamed(text, fmt, prompt, cuts=[i]) for i in range(1, len(text))]
    results.append(streamed(text, fmt, prompt, cuts=list(range(1, len(text)))))
    return results


CASES = [
    # (name, format, prompt, reply, reasoning, content)
    (
        "qwen3",
        THINK_TAGS,
        "<|im_start|>assistant\n",
        "<think>\nLet me add 2 and 2.\n</think>\n\n4",
        "\nLet me add 2 and 2.\n",
        "4",
    ),
    ("no thinking", THINK_TAGS, "<|im_start|>assistant\n", "Four.", "", "Four."),
    (
        "template opened it (DeepSeek-R1)",
        THINK_TAGS,
        "<｜Assistant｜><think>\n",
        "2 and 2 make 4.\n</think>\n\nThe answer is 4.",
        "2 and 2 make 4.\n",
        "The answer is 4.",
    ),
    ("opened, model opens again", THINK_TAGS, "A: <think>\n", "<think>hmm</think>ok", "hmm", "ok"),
    ("opened, cut off while thinking", THINK_TAGS, "A: <think>\n", "Still thinking about", "Still thinking about", ""),
    ("cut off in an open block", THINK_TAGS, "", "<think>Still thinking", "Still thinking", ""),
    ("thinking switched off (empty block)", THINK_TAGS, "", "<think>\n\n</think>\n\nHello", "\n\n", "Hello"),
    ("a tag later in the answer is text", THINK_TAGS, "", "Use <think> tags.", "", "Use <think> tags."),
    ("leading spaces before the tag", THINK_TAGS, "", "  <think>a</think>b", "a", "b"),
    ("magistral", MISTRAL, "[INST]hi[/INST]", "[THINK]Greet back.[/THINK]Hello!", "Greet back.", "Hello!"),
    (
        "gpt-oss",
        HARMONY,
        "<|start|>assistant",
        "<|channel|>analysis<|message|>User greets.<|end|><|start|>assistant<|channel|>final<|message|>Hi there!",
        "User greets.",
        "Hi there!",
    ),
    ("gpt-oss, straight to final", HARMONY, "<|start|>assistant", "<|channel|>final<|message|>Hi!", "", "Hi!"),
    (
        "gpt-oss, cut off in analysis",
        HARMONY,
        "<|start|>assistant",
        "<|channel|>analysis<|message|>Thinking hard",
        "Thinking hard",
        "",
    ),
    (
        "gpt-oss, the prompt opened the final channel",
        HARMONY,
        "<|start|>assistant<|channel|>final<|message|>",
        "Just the answer.",
        "",
        "Just the answer.",
    ),
    ("gpt-oss template, model ignores harmony", HARMONY, "<|start|>assistant", "Plain words.", "", "Plain words."),
]


@pytest.mark.parametrize(
    ("fmt", "prompt", "reply", "reasoning", "content"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_split_whole_and_in_every_cut(fmt, prompt, reply, reasoning, content):
    assert split_text(reply, fmt, prompt) == Split(reasoning, content)
    for result in every_split(reply, fmt, prompt):
        assert result == Split(reasoning, content)


def test_no_marker_piece_reaches_either_channel_while_streaming():
    # The closing tag arrives a character at a time: none of it may show as thinking or answer.
    splitter = ReasoningSplitter(THINK_TAGS)
    seen = Split()
    for ch in "<think>abc</think>xyz":
        part = splitter.feed(ch)
        seen.reasoning += part.reasoning
        seen.content += part.content
        assert "<" not in seen.reasoning and "<" not in seen.content
    assert seen == Split("abc", "xyz")
    assert splitter.thought


def test_thought_flag():
    splitter = ReasoningSplitter(THINK_TAGS)
    splitter.feed("Hello")
    assert not splitter.thought
    assert ReasoningSplitter(THINK_TAGS, "x<think>\n").thought


def test_detect_and_switches():
    qwen3 = "{%- if enable_thinking is defined and enable_thinking is false %}<think>\n\n</think>{% endif %}"
    assert detect(qwen3) is THINK_TAGS and switches(qwen3) == {"enable_thinking"}
    oss = "<|start|>assistant<|channel|>analysis<|message|>{{ reasoning_effort }}"
    assert detect(oss) is HARMONY and "reasoning_effort" in switches(oss)
    assert detect("[SYSTEM_PROMPT][THINK]") is MISTRAL
    assert detect(None) is THINK_TAGS and switches(None) == frozenset()
