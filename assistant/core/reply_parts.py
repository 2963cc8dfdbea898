"""A generated reply taken apart as it streams: thinking, answer text and tool calls.

The engine's server feeds each generated piece through here, and the tests feed scripted replies of
each model family (rendered after the family's real template) the same way. Standard library only.
"""

from __future__ import annotations

from assistant.core.reasoning import ReasoningSplitter, Split
from assistant.core.tool_calls import ToolCall, ToolCallCollector


class ReplyParser:
    """``splitter``: the model's thinking format, when the reply may think; ``calling``: when tools
    were offered. With neither, every piece is answer text."""

    def __init__(self, splitter: ReasoningSplitter | None = None, calling: ToolCallCollector | None = None) -> None:
        self.splitter = splitter
        self.calling = calling

    def feed(self, piece: str) -> Split:
        part = self.splitter.feed(piece) if self.splitter else Split(content=piece)
        if self.calling is not None:
            # Calls are looked for in the answer only: a model may think about calling a tool.
            part.content = self.calling.feed(part.content)
        return part

    def finish(self) -> tuple[Split, list[ToolCall]]:
        """What was held back, and the tool calls found (the text they were written in is not in the answer)."""
        tail = self.splitter.finish() if self.splitter else Split()
        if self.calling is None:
            return tail, []
        tail.content = self.calling.feed(tail.content)
        rest, calls = self.calling.finish()
        tail.content += rest
        return tail, calls

    def parse(self, text: str) -> tuple[Split, list[ToolCall]]:
        """A whole reply at once."""
        whole = self.feed(text)
        tail, calls = self.finish()
        whole.add(tail)
        return whole, calls
