"""Cutting documents into chunks that fit a prompt, along their structure, each with a readable span.

A chunk is consecutive sections of one document (or parts of one section), sized with the model's
own token counter; splits follow structure (sections, then paragraphs, then sentences), so a chunk
reads as "report.pdf, pages 3–5". Summarize maps over these chunks; ``passage_sections`` turns a
span back into the sections it covers, to show a point's passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

SECTION_OVERHEAD = 2
"""Tokens per section or note for the blank line between them and tokenization at the joins."""
MIN_BUDGET = 64
"""A window too small for the scaffolding still gets chunks of some size (the engine then cuts replies
short) rather than an error."""


@dataclass(frozen=True)
class SourceSection:
    """One structural piece of an input document, as the document reader found it."""

    document: str
    """File name, e.g. "report.pdf"."""
    label: str
    """Where it is in the document: "page 3", "§ Introduction", "paragraph 12"."""
    text: str


@dataclass(frozen=True)
class SourceRef:
    chunk: int
    document: str
    label: str
    """The chunk's span in the document: "page 3", "pages 3–5", "§ Intro – § Methods"."""


@dataclass(frozen=True)
class SourceChunk:
    """Consecutive sections (or parts of one) of a single document, summarized in one map call.

    Named so as not to clash with ``inference.Chunk``, a piece of a streamed reply.
    """

    index: int
    sections: tuple[int, ...]
    """Indices into the input sections (a section split in parts appears in several chunks)."""
    text: str
    """What the model is shown: each section under a "[label]" line."""
    tokens: int
    """Size estimate used for packing (sum of the parts' counts plus overheads); at most the budget."""
    document: str
    label: str
    """The span, as in ``SourceRef.label``."""

    @property
    def ref(self) -> SourceRef:
        return SourceRef(self.index, self.document, self.label)

    @property
    def heading(self) -> str:
        """How prompts name it: "report.pdf, pages 3–5"."""
        return f"{self.document}, {self.label}"


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+|[。！？]+[」』”’）]*\s*")
_NUMBERED_LABEL = re.compile(r"^(?P<word>[^\W\d_]+) (?P<number>\d+)$")


@dataclass(frozen=True)
class _Unit:
    """A section, or part of one, ready to pack: rendered under its label, counted once."""

    section: int
    document: str
    label: str
    text: str
    tokens: int


def span_label(first: str, last: str) -> str:
    """ "page 3" + "page 5" -> "pages 3–5"; otherwise "first – last" (or just ``first`` when equal)."""
    if first == last:
        return first
    a, b = _NUMBERED_LABEL.match(first), _NUMBERED_LABEL.match(last)
    if a and b and a["word"] == b["word"] and a["word"].isascii():
        return f"{a['word']}s {a['number']}–{b['number']}"
    return f"{first} – {last}"


_PART = re.compile(r"^(.*) \(part \d+\)$")
_NUMBERED_SPAN = re.compile(r"^(?P<word>[^\W\d_]+)s (?P<first>\d+)–(?P<last>\d+)$")
_SPAN_JOIN = " – "


def passage_sections(sections: Sequence[SourceSection], label: str) -> list[SourceSection]:
    """The sections (of one document, in order) that a chunk labelled ``label`` was made from.

    Chunk labels come from ``span_label``: a section's own label, "label (part N)" for
    part of a long section, "pages 3–5" for a run of numbered sections, or "first – last". Empty when
    the label names no section here.
    """
    labels = [s.label for s in sections]

    def find(name: str, start: int = 0) -> int | None:
        names = [name]
        part = _PART.match(name)
        if part:
            names.append(part[1])
        for candidate in names:
            for i in range(start, len(labels)):
                if labels[i] == candidate:
                    return i
        return None

    single = find(label)
    if single is not None:
        return [sections[single]]
    numbered = _NUMBERED_SPAN.match(label)
    if numbered:
        first = find(f"{numbered['word']} {numbered['first']}")
        last = find(f"{numbered['word']} {numbered['last']}", first) if first is not None else None
        if first is not None and last is not None:
            return list(sections[first : last + 1])
    at = label.find(_SPAN_JOIN)
    while at >= 0:
        first = find(label[:at])
        last = find(label[at + len(_SPAN_JOIN) :], first) if first is not None else None
        if first is not None and last is not None:
            return list(sections[first : last + 1])
        at = label.find(_SPAN_JOIN, at + 1)
    return []


def _render(label: str, text: str) -> str:
    return f"[{label}]\n{text}"


def _cut(text: str, boundary: re.Pattern[str]) -> list[str]:
    """Slices of ``text`` ending after each boundary, so that joining them gives ``text`` back."""
    ends = [m.end() for m in boundary.finditer(text) if 0 < m.end() < len(text)]
    starts = [0, *ends]
    return [text[a:b] for a, b in zip(starts, [*ends, len(text)], strict=True)]


def _halve(text: str) -> list[str]:
    """Last resort for a "sentence" too long for the budget: cut at the space nearest the middle."""
    middle = len(text) // 2
    left, right = text.rfind(" ", 0, middle), text.find(" ", middle)
    candidates = [i + 1 for i in (left, right) if 0 <= i < len(text) - 1]
    cut = min(candidates, key=lambda i: abs(i - middle)) if candidates else middle
    return [text[:cut], text[cut:]]


def _small_pieces(text: str, count_tokens: Callable[[str], int], limit: int) -> list[tuple[str, int]]:
    """``text`` in consecutive pieces of at most ``limit`` tokens each (with their counts), cut at
    paragraph breaks first, then sentence ends, then spaces."""
    tokens = count_tokens(text)
    if tokens <= limit or len(text) <= 1:
        return [(text, tokens)]
    for boundary in (_PARAGRAPH_BREAK, _SENTENCE_END):
        parts = _cut(text, boundary)
        if len(parts) > 1:
            break
    else:
        parts = _halve(text)
    return [piece for part in parts for piece in _small_pieces(part, count_tokens, limit)]


def _split_section(
    index: int, section: SourceSection, text: str, count_tokens: Callable[[str], int], budget: int
) -> list[_Unit]:
    """A section larger than the budget, as parts "label (part 1)", "label (part 2)", ... that each fit."""
    # Room for the "[label (part N)]" line, measured once with a wide N.
    header = count_tokens(f"[{section.label} (part 999)]") + SECTION_OVERHEAD
    limit = max(1, budget - header)
    groups: list[list[tuple[str, int]]] = [[]]
    size = 0
    for piece, tokens in _small_pieces(text, count_tokens, limit):
        cost = tokens + 1  # the join between pieces
        if groups[-1] and size + cost > limit:
            groups.append([])
            size = 0
        groups[-1].append((piece, tokens))
        size += cost
    units = []
    for number, group in enumerate(groups, start=1):
        part_text = "".join(piece for piece, _ in group).strip()
        if not part_text:
            continue
        label = f"{section.label} (part {number})"
        tokens = header + sum(t + 1 for _, t in group)
        units.append(_Unit(index, section.document, label, _render(label, part_text), tokens))
    return units


def _chunk(index: int, units: Sequence[_Unit]) -> SourceChunk:
    sections = tuple(dict.fromkeys(u.section for u in units))
    return SourceChunk(
        index=index,
        sections=sections,
        text="\n\n".join(u.text for u in units),
        tokens=sum(u.tokens for u in units),
        document=units[0].document,
        label=span_label(units[0].label, units[-1].label),
    )


def plan_chunks(
    sections: Sequence[SourceSection], count_tokens: Callable[[str], int], budget: int
) -> list[SourceChunk]:
    """Pack consecutive sections into chunks of at most ``budget`` tokens (``MIN_BUDGET`` at least).

    Each section is counted once and the counts summed (plus a small overhead per section), rather than
    re-counting a growing string: with a remote engine every count is a request. A chunk holds one
    document only, so that its source reads "report.pdf, pages 3–5". Empty sections are skipped.
    """
    budget = max(MIN_BUDGET, budget)
    units: list[_Unit] = []
    for index, section in enumerate(sections):
        text = section.text.strip()
        if not text:
            continue
        rendered = _render(section.label, text)
        tokens = count_tokens(rendered) + SECTION_OVERHEAD
        if tokens <= budget:
            units.append(_Unit(index, section.document, section.label, rendered, tokens))
        else:
            units.extend(_split_section(index, section, text, count_tokens, budget))

    chunks: list[SourceChunk] = []
    current: list[_Unit] = []
    size = 0
    for unit in units:
        if current and (unit.document != current[0].document or size + unit.tokens > budget):
            chunks.append(_chunk(len(chunks), current))
            current, size = [], 0
        current.append(unit)
        size += unit.tokens
    if current:
        chunks.append(_chunk(len(chunks), current))
    return chunks
