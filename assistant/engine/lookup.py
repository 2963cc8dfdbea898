"""Prompt-lookup drafting: guess the next tokens by finding where the reply is in the prompt.

When the reply mostly repeats the input (proofreading, light rewrites, translation of names and
numbers), the next tokens are usually the ones that followed the same few tokens in the prompt.
The engine decodes such a draft in one batch and keeps the longest prefix the model agrees with,
so several tokens cost about one decoding step. Pure Python, no llama.cpp: the engine's token loop
asks ``draft`` and reports back through ``accept``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

NGRAM_SIZES = (3, 2)
"""Longest match first. Single tokens ("the", ",") match everywhere and would mostly draft wrong."""


class PromptLookup:
    def __init__(self, source: Sequence[int]) -> None:
        self.source = list(source)
        self.cursor = 0
        """Where in the source the reply is believed to be: the copy usually goes on in order."""
        self._drafted_at = 0
        self._diverged = False
        self._index: dict[tuple[int, ...], list[int]] = {}
        for n in NGRAM_SIZES:
            for end in range(n, len(self.source)):
                # Positions are where the text after the n-gram starts; appended in increasing order.
                self._index.setdefault(tuple(self.source[end - n : end]), []).append(end)

    def draft(self, history: Sequence[int], k: int) -> list[int]:
        """Up to ``k`` tokens likely to follow ``history`` (the reply so far, ending with the token
        just chosen), or none."""
        if k <= 0 or not history:
            return []
        # The common case: the reply copies the source where it left off, or has just replaced one
        # token of it (a correction) and goes on with the rest.
        if 0 < self.cursor < len(self.source) and (self._diverged or self.source[self.cursor - 1] == history[-1]):
            return self._take(self.cursor, k)
        for n in NGRAM_SIZES:
            if len(history) < n:
                continue
            positions = self._index.get(tuple(history[-n:]))
            if positions:
                # Prefer the next occurrence at or after the cursor; else the last one.
                at = bisect_left(positions, self.cursor)
                return self._take(positions[at] if at < len(positions) else positions[-1], k)
        return []

    def _take(self, start: int, k: int) -> list[int]:
        self._drafted_at = start
        return self.source[start : start + k]

    def accept(self, drafted: int, accepted: int) -> None:
        """The model agreed with ``accepted`` of the ``drafted`` tokens, then chose one of its own,
        which stands where the next source token stood (a copy, or a correction of it)."""
        if drafted:
            self.cursor = self._drafted_at + accepted + 1
            self._diverged = accepted < drafted
        else:
            self._diverged = False
