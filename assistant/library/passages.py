"""A document's sections cut into passages: the unit the Library indexes, finds and cites.

A passage stays inside one section (so it keeps the section's "page 3" or "§ Licence" label) and is
cut at paragraph, then sentence, then word boundaries, so it reads as a whole. Its size is measured in
characters, not tokens: indexing a folder must not ask the model to count tokens for every paragraph,
and ``MAX_CHARS`` leaves the embedding model (512 positions for the built-in one) ample room.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.documents.document import Document

MAX_CHARS = 1_000
"""About 170 English words: one idea, and far inside an embedding model's window."""
MIN_CHARS = 200
"""A short last piece joins the one before it rather than standing alone as a passage of a few words."""

_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"(?<=[.!?。！？])\s+"), re.compile(r"\s+"))


@dataclass(frozen=True)
class Passage:
    section: int
    """The section's index in the document."""
    label: str
    """The section's label: where a citation points ("page 3", "§ Grant of Patent License")."""
    start: int
    """Where the passage starts in the section's text (characters)."""
    end: int
    text: str


def passages(document: Document, max_chars: int = MAX_CHARS) -> list[Passage]:
    out = []
    for section in document.sections:
        for start, end in _spans(section.text, 0, len(section.text), max_chars, 0):
            text = section.text[start:end].strip()
            if text:
                out.append(Passage(section.index, section.label, start, end, text))
    return out


def _spans(text: str, start: int, end: int, limit: int, level: int) -> Iterator[tuple[int, int]]:
    """(start, end) spans of ``text[start:end]`` no longer than ``limit``, cut at the coarsest
    boundary that works, with neighbours packed together up to the limit."""
    if end - start <= limit:
        yield start, end
        return
    if level == len(_BREAKS):  # one unbroken run of characters: cut it
        for at in range(start, end, limit):
            yield at, min(at + limit, end)
        return
    cuts = [m.end() for m in _BREAKS[level].finditer(text, start, end)]
    pieces = []
    for piece_start, piece_end in zip([start, *cuts], [*cuts, end], strict=True):
        if piece_end > piece_start:
            pieces.extend(_spans(text, piece_start, piece_end, limit, level + 1))
    packed: list[list[int]] = []
    for piece_start, piece_end in pieces:
        if packed and piece_end - packed[-1][0] <= limit:
            packed[-1][1] = piece_end
        else:
            packed.append([piece_start, piece_end])
    if len(packed) > 1 and packed[-1][1] - packed[-1][0] < MIN_CHARS:
        last = packed.pop()
        packed[-1][1] = last[1]  # a little over the limit beats a scrap of a passage
    yield from ((s, e) for s, e in packed)
