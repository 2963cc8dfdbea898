"""Documents as the app sees them: a name, a fingerprint, and the text cut into labelled sections.

Every reader (PDF pages, Word and Markdown headings, plain paragraphs, pasted text) produces the same
shape, so Write and Summarize never care where the text came from. Each section's label ("page 3",
"§ Introduction", "paragraph 12") lets an answer point back to where it read something.

Files are parsed in a sandboxed child process (``sandbox.py``), so these types travel between
processes as JSON (``Document.to_dict`` / ``Document.from_dict``).

``SectionBuilder`` and ``TextSections`` live here rather than in ``extract.py`` because pasted text
(``from_text``, in the app's own process) is cut into sections by exactly the same rules as files.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from assistant.errors import AssistantError, translatable

KINDS = frozenset({"txt", "md", "pdf", "docx", "html", "text"})
"""Where a document came from: a file of that type, or "text" for pasted text."""

PASTED_TEXT_NAME = "Pasted text"

MAX_SECTION_CHARS = 8_000
"""A section is cut before it grows past this (about 1,300 English words): small enough that one
section fits a small model's context with room to spare, and that a link back lands near the passage."""

MIN_GROUP_CHARS = 1_200
"""Outside headed sections, short paragraphs are grouped until a group reaches this (about 200
words), so a file of one-line paragraphs does not become thousands of tiny sections."""


class DocumentError(AssistantError):
    """A document could not be read. The message, in plain words, names the file and says why."""


@dataclass(frozen=True)
class Section:
    label: str
    """Where the text is, for links back: "page 3", "§ Introduction", "paragraph 12", "paragraphs 4–9"."""
    text: str
    index: int
    """Position in the document, from 0."""


@dataclass(frozen=True)
class Document:
    name: str
    """The file's name (not its folder), or "Pasted text"."""
    sha256: str
    """Hex SHA-256 of the file's bytes (of the UTF-8 text for pasted text): tells the same document apart."""
    size: int
    """Bytes: the file's size, or the pasted text's UTF-8 length."""
    kind: str
    """One of ``KINDS``."""
    sections: tuple[Section, ...]

    def text(self) -> str:
        """The whole text, sections separated by a blank line."""
        return "\n\n".join(section.text for section in self.sections)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "sha256": self.sha256,
            "size": self.size,
            "kind": self.kind,
            "sections": [{"label": s.label, "text": s.text, "index": s.index} for s in self.sections],
        }

    @classmethod
    def from_dict(cls, data: Any) -> Document:
        """The inverse of ``to_dict``. Raises ``ValueError`` if ``data`` is not such a dict: it
        comes from another process, so it is checked rather than trusted."""
        try:
            sections = tuple(
                Section(label=_string(s["label"]), text=_string(s["text"]), index=_integer(s["index"]))
                for s in data["sections"]
            )
            document = cls(
                name=_string(data["name"]),
                sha256=_string(data["sha256"]),
                size=_integer(data["size"]),
                kind=_string(data["kind"]),
                sections=sections,
            )
        except (KeyError, TypeError) as err:
            raise ValueError(f"not a document: {err!r}") from err
        if document.kind not in KINDS:
            raise ValueError(f"not a document: unknown kind {document.kind!r}")
        return document


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _integer(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def from_text(text: str, name: str = PASTED_TEXT_NAME) -> Document:
    """A document from pasted text: sections by Markdown headings if it has any, else by paragraphs."""
    builder = SectionBuilder()
    lines = TextSections(builder)
    for line in text.splitlines():
        lines.line(line)
    sections = lines.finish()
    if not sections:
        raise DocumentError(translatable("{name} is empty: there is no text to read."), name=name)
    # surrogatepass: text from a clipboard may hold lone surrogates, which must not stop hashing.
    data = text.encode("utf-8", "surrogatepass")
    return Document(name, hashlib.sha256(data).hexdigest(), len(data), "text", sections)


class SectionBuilder:
    """Collects headings and paragraphs in document order and cuts them into sections.

    A heading starts a section labelled "§ Heading" (its text begins with the heading itself).
    Paragraphs before the first heading, or in a document without headings, are grouped into
    sections of at least ``MIN_GROUP_CHARS`` labelled by paragraph number ("paragraph 3",
    "paragraphs 4–9"). No section grows past ``MAX_SECTION_CHARS``: a long headed section continues
    as "§ Heading (part 2)", and a single huge paragraph is split at line, sentence or word ends.
    """

    def __init__(self) -> None:
        self._sections: list[Section] = []
        self._heading: str | None = None
        """Title of the headed section being filled; None while grouping paragraphs."""
        self._part = 1
        self._pieces: list[str] = []
        self._chars = 0
        self._paragraphs = 0
        """Paragraphs seen so far: paragraph labels count from 1 over the whole document."""
        self._first = self._last = 0
        """Numbers of the first and last paragraphs in ``_pieces``."""

    def heading(self, title: str) -> None:
        title = " ".join(title.split())
        if not title:
            return
        self._flush()
        self._heading, self._part = title, 1
        self._pieces, self._chars = [title], len(title)

    def paragraph(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        self._paragraphs += 1
        for piece in split_long(text, MAX_SECTION_CHARS):
            if self._pieces and self._chars + len(piece) > MAX_SECTION_CHARS:
                self._flush()
            if not self._pieces:
                self._first = self._paragraphs
            self._pieces.append(piece)
            self._last = self._paragraphs
            self._chars += len(piece) + 2
            if self._heading is None and self._chars >= MIN_GROUP_CHARS:
                self._flush()

    def build(self) -> tuple[Section, ...]:
        self._flush()
        return tuple(self._sections)

    def _flush(self) -> None:
        if not self._pieces:
            return
        if self._heading is not None:
            label = f"§ {self._heading}" if self._part == 1 else f"§ {self._heading} (part {self._part})"
            self._part += 1
        elif self._first == self._last:
            label = f"paragraph {self._first}"
        else:
            label = f"paragraphs {self._first}–{self._last}"
        self._sections.append(Section(label, "\n\n".join(self._pieces), len(self._sections)))
        self._pieces, self._chars = [], 0


def split_long(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at the last line end, else sentence
    end, else space in the second half of each window (a hard cut only for text with no spaces)."""
    pieces = []
    while len(text) > limit:
        cut = limit
        for separator in ("\n", ". ", "。", " "):
            at = text.rfind(separator, limit // 2, limit)
            if at > 0:
                cut = at + len(separator)
                break
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


class TextSections:
    """Feeds plain text or Markdown, line by line, to a ``SectionBuilder``.

    Markdown ATX headings ("# Title" … "###### Title") start sections; blank lines end paragraphs;
    a fenced code block stays one paragraph and a "# comment" inside it is not a heading. Line by
    line so that a large file is cut into sections as it is read, never held twice.
    """

    def __init__(self, builder: SectionBuilder) -> None:
        self.builder = builder
        self._lines: list[str] = []
        self._fence: str | None = None
        """The opening fence ("```" or "~~~") while inside a fenced code block."""

    def line(self, line: str) -> None:
        line = line.rstrip()
        fence = _FENCE.match(line)
        if self._fence is not None:
            self._lines.append(line)
            if fence and fence.group(1)[0] == self._fence[0] and len(fence.group(1)) >= len(self._fence):
                self._fence = None
            return
        if fence:
            self._fence = fence.group(1)
            self._lines.append(line)
            return
        heading = _HEADING.match(line)
        if heading and heading.group(1).strip():
            self._end_paragraph()
            self.builder.heading(heading.group(1))
        elif not line.strip():
            self._end_paragraph()
        else:
            self._lines.append(line)

    def finish(self) -> tuple[Section, ...]:
        self._end_paragraph()
        return self.builder.build()

    def _end_paragraph(self) -> None:
        if self._lines:
            self.builder.paragraph("\n".join(self._lines))
            self._lines = []
