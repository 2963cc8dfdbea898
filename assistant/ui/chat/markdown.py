"""Markdown to a ``QTextDocument``, incrementally, for replies that arrive a token at a time.

Why not ``QTextDocument.setMarkdown`` on every token: it parses and lays out the whole message
again, so each token costs more than the one before and a long reply stalls the UI (``assistant
bench ui`` measures exactly that baseline). Here the text is cut into top-level blocks
(``split_blocks``, plain Python), each block becomes one or more *units* of the document (a
Markdown block is one unit; a code block is a header unit plus one unit per ``CODE_CHUNK_LINES``
lines), and ``MarkdownRenderer.set_text`` removes and re-inserts the document only from the first
unit whose source changed. While a reply streams that is the last unit, so the cost of a token
depends on the size of the tail, not on the size of the message.

Security: the chat view never fetches anything. Images (inline, reference-style and HTML
``<img>``) are rewritten into links before Qt sees the text, raw HTML is shown as text (Qt's
``MarkdownNoHTML``), and ``SafeTextDocument`` refuses to load any resource that is not
``data:`` or ``qrc:`` in case something slips through.

Why one file: splitting into blocks, rendering and the document's unit bookkeeping must agree block
for block.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
)

from assistant.ui import theme

log = logging.getLogger(__name__)

# Lines of code per unit. A streaming code block re-highlights only its last chunk, so a
# 5,000-line block costs the same per token as a 40-line one. The price: pygments starts each
# chunk in its initial state, so a string or comment spanning a chunk border is coloured as code
# from the border on (until that chunk ends).
CODE_CHUNK_LINES = 32
# Code past this many characters of one block is shown without colours: lexing it would cost
# more than it is worth, and the block still reads and copies the same.
HIGHLIGHT_LIMIT = 64_000
# Set on the block format of every code line (value: the code block's index in the message), so
# views and tests can tell code from prose without guessing from fonts.
CODE_BLOCK_PROPERTY = QTextFormat.Property.UserProperty + 1
# The href of a code block's "Copy code" link: ``copy-code:N``, N indexing ``code_blocks()``.
COPY_CODE_SCHEME = "copy-code"

# GitHub's dialect (tables, task lists, strikethrough, autolinks) minus raw HTML, which then shows
# as the text the model wrote instead of becoming markup.
MARKDOWN_FEATURES = QTextDocument.MarkdownFeature.MarkdownDialectGitHub | QTextDocument.MarkdownFeature.MarkdownNoHTML

_LIGHT_STYLE = "default"
_DARK_STYLE = "github-dark"
_IMAGE_MARK = "🖼"


# -- splitting --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Block:
    """One top-level piece of a message."""

    kind: str
    """"markdown" or "code"."""
    text: str
    """Markdown source, or the code without its fences (and without the fence's indentation)."""
    language: str = ""
    """A code block's language, the first word of its info string ("" when none)."""
    complete: bool = False
    """No more text can change it: a closed fence, or Markdown that something else follows."""
    start: int = 0
    """Where the block begins in the source (the opening fence's line for code)."""


_FENCE_OPEN = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")
_LIST_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_CONTINUATION = re.compile(r"^(?: {2,}|\t)\S")


def _is_list_item(line: str) -> bool:
    return bool(_LIST_ITEM.match(line)) and not _THEMATIC_BREAK.match(line)


def split_blocks(text: str) -> list[Block]:
    """Cut Markdown into fenced code blocks and the Markdown between them, split at blank lines.

    A list stays one block across blank lines (loose lists, indented continuation paragraphs), and
    a table, having no blank lines, stays one block anyway. Fences (``` or ~~~, any indentation, so
    a fence inside a list item becomes its own code block; Qt keeps the list's numbering across it)
    end Markdown blocks; a fence that is not closed runs to the end as an open code block.
    """
    return _split(text, 0)


def _split(text: str, offset: int) -> list[Block]:
    blocks: list[Block] = []
    n = len(text)
    md_lines: list[str] = []
    md_start = 0
    md_is_list = False
    blank_pending = False

    def flush_markdown(complete: bool) -> None:
        if md_lines:
            blocks.append(Block("markdown", "\n".join(md_lines), "", complete, md_start))
            md_lines.clear()

    i = offset
    while i < n:
        nl = text.find("\n", i)
        end = n if nl < 0 else nl
        line = text[i:end]
        following = n if nl < 0 else nl + 1
        fence = _FENCE_OPEN.match(line) if ("`" in line or "~" in line) else None
        if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
            flush_markdown(True)
            blank_pending = False
            block, i = _scan_code(text, i, following, fence)
            blocks.append(block)
            continue
        if not line.strip():
            blank_pending = bool(md_lines)
        elif md_lines and blank_pending:
            if md_is_list and (_is_list_item(line) or _CONTINUATION.match(line)):
                md_lines.append("")
                md_lines.append(line)
            else:
                flush_markdown(True)
                md_start, md_is_list = i, _is_list_item(line)
                md_lines.append(line)
            blank_pending = False
        else:
            if not md_lines:
                md_start, md_is_list = i, _is_list_item(line)
            md_lines.append(line)
        i = following
    flush_markdown(False)
    return blocks


@functools.lru_cache(maxsize=32)
def _closing_fence(char: str) -> re.Pattern[str]:
    return re.compile(rf"[ \t]*{re.escape(char)}+[ \t]*")


def _find_closing(text: str, i: int, mark: str) -> tuple[int, int] | None:
    """The (start, end) of the first line from ``i`` on that closes a fence opened with ``mark``.

    Searches for the fence characters with ``str.find`` and checks only the lines holding them: a
    streaming code block is scanned again every frame and may be thousands of lines long.
    """
    pattern = _closing_fence(mark[0])
    n = len(text)
    pos = text.find(mark, i)
    while pos >= 0:
        line_start = text.rfind("\n", i, pos) + 1 or i
        line_end = text.find("\n", pos)
        line_end = n if line_end < 0 else line_end
        m = pattern.fullmatch(text, line_start, line_end)
        if m and text.count(mark[0], line_start, line_end) >= len(mark):
            return line_start, line_end
        pos = text.find(mark, line_end)
    return None


def _scan_code(text: str, start: int, i: int, fence: re.Match[str]) -> tuple[Block, int]:
    """The code block whose opening fence is the line at ``start``; returns it and where the text goes on.

    The closing fence is found with one regex search, not line by line: a streaming code block is
    re-scanned every frame and may be thousands of lines long.
    """
    indent = len(fence.group(1).expandtabs(4))
    mark = fence.group(2)
    info = fence.group(3).strip()
    language = info.split()[0].strip("{}.").lower() if info else ""
    n = len(text)
    # A closing fence at the very end, newline or not, closes: the reply may end right there.
    closing = _find_closing(text, i, mark) if i < n else None
    if closing is not None:
        body, after, complete = text[i : max(i, closing[0] - 1)], min(n, closing[1] + 1), True
    else:
        body, after, complete = text[i:n], n, False
        last = body.rfind("\n") + 1
        tail = body[last:].strip()
        if tail and set(tail) <= {mark[0]}:
            body = body[:last]  # a closing fence still arriving, not code
        if body.endswith("\n"):
            body = body[:-1]  # as in a closed block: the newline ends the last line, it adds none
    if indent and body:
        # CommonMark: a fence indented N spaces removes up to N spaces from each of its lines.
        body = re.sub(rf"(?m)^ {{1,{indent}}}", "", body)
    return Block("code", body, language, complete, start), after


# -- making Markdown safe ---------------------------------------------------------------------

_BACKTICKS = re.compile(r"`+")
_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n)")
_IMAGE = re.compile(r"!\[((?:\\.|[^\]\\])*)\](\(|\[((?:\\.|[^\]\\])*)\])?")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = r"\b{}\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))"
_SRC = re.compile(_ATTR.format("src"), re.IGNORECASE)
_ALT = re.compile(_ATTR.format("alt"), re.IGNORECASE)
_REF_DEF = re.compile(r"^ {0,3}\[((?:\\.|[^\]\\])+)\]:[ \t]*\S.*$", re.MULTILINE)


def _outside_code(text: str, fn) -> str:
    """Apply ``fn`` to the parts of ``text`` that are not inline code spans.

    Follows CommonMark: a run of N backticks opens a span that the next run of exactly N closes;
    an unmatched run is literal; a backslash makes one backtick literal; spans never cross a
    paragraph break (the caller splits there).
    """
    if "`" not in text:
        return fn(text)
    runs: list[tuple[int, int]] = []
    for m in _BACKTICKS.finditer(text):
        s, e = m.start(), m.end()
        backslashes = 0
        while s - backslashes - 1 >= 0 and text[s - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2:
            s += 1
        if e > s:
            runs.append((s, e))
    out: list[str] = []
    pos = 0
    k = 0
    while k < len(runs):
        s, e = runs[k]
        close = next((j for j in range(k + 1, len(runs)) if runs[j][1] - runs[j][0] == e - s), None)
        if close is None:
            k += 1
            continue
        out.append(fn(text[pos:s]))
        out.append(text[s : runs[close][1]])
        pos = runs[close][1]
        k = close + 1
    out.append(fn(text[pos:]))
    return "".join(out)


def _image_to_link(m: re.Match[str]) -> str:
    alt, follow, ref = m.group(1), m.group(2), m.group(3)
    label = f"{_IMAGE_MARK} {alt}".rstrip()
    if follow == "(":
        return f"[{label}]("
    if ref:
        return f"[{label}][{ref}]"
    # ![alt] and ![alt][] refer to the definition named alt; the link keeps referring to it.
    return f"[{label}][{alt}]" if alt else f"[{_IMAGE_MARK}]"


def _html_img_to_link(m: re.Match[str]) -> str:
    tag = m.group(0)
    src_m, alt_m = _SRC.search(tag), _ALT.search(tag)
    src = next((g for g in src_m.groups() if g is not None), "") if src_m else ""
    alt = next((g for g in alt_m.groups() if g is not None), "") if alt_m else ""
    alt = re.sub(r"([\[\]\\])", r"\\\1", alt) or "image"
    if not src or any(c in src for c in "<>\n"):
        return f"{_IMAGE_MARK} {alt}"
    return f"[{_IMAGE_MARK} {alt}](<{src}>)"


def _defang(text: str) -> str:
    if "![" in text:
        text = _IMAGE.sub(_image_to_link, text)
    if "<" in text:
        text = _HTML_IMG.sub(_html_img_to_link, text)
    return text


@functools.lru_cache(maxsize=2048)
def safe_markdown(text: str) -> str:
    """``text`` with every image turned into a link to it (``[🖼 alt](url)``), code spans untouched.

    No ``![`` is left outside code, so Qt's parser can produce no image at all.
    """
    if "![" not in text and "<" not in text:
        return text
    parts = _PARAGRAPH_BREAK.split(text)
    return "".join(part if i % 2 else _outside_code(part, _defang) for i, part in enumerate(parts))


@functools.lru_cache(maxsize=2048)
def _reference_definitions(text: str) -> tuple[tuple[str, str], ...]:
    if "]:" not in text:
        return ()
    return tuple((m.group(1).strip().lower(), m.group(0)) for m in _REF_DEF.finditer(text))


# -- the document -----------------------------------------------------------------------------


class SafeTextDocument(QTextDocument):
    """A document that loads no resource from anywhere but ``data:`` and ``qrc:`` URLs.

    Qt itself has no network access here; this also keeps out local files (``file:``, relative
    paths that a QTextBrowser would resolve) that a reply could name.
    """

    def loadResource(self, type: int, name: QUrl) -> object:
        if name.scheme() in ("data", "qrc"):
            return super().loadResource(type, name)
        log.debug("refused to load %s", name.toDisplayString())
        return None


@dataclass(frozen=True, slots=True)
class _Unit:
    """What one unit of the document was rendered from; equal keys mean equal rendered text."""

    kind: str  # "markdown" | "code-head" | "code"
    source: str
    language: str = ""
    index: int = 0  # the code block's index
    plain: bool = False


class _Theme:
    """Formats for code blocks in one colour scheme, built once per scheme."""

    def __init__(self, dark: bool) -> None:
        from pygments.styles import get_style_by_name
        from pygments.token import Token

        self.dark = dark
        self.style = get_style_by_name(_DARK_STYLE if dark else _LIGHT_STYLE)
        self.background = QColor(self.style.background_color or ("#0d1117" if dark else "#f6f8fa"))
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        base = self.style.style_for_token(Token.Text).get("color")
        self.base = QTextCharFormat()
        self.base.setFontFamilies([fixed.family(), "monospace"])
        self.base.setFontFixedPitch(True)
        self.base.setForeground(QColor(f"#{base}" if base else ("#e6edf3" if dark else "#1f2328")))
        self.muted = QTextCharFormat(self.base)
        self.muted.setForeground(QColor("#8b949e" if dark else "#57606a"))
        self.muted.setFontPointSize(max(fixed.pointSizeF() * theme.TYPE["caption"], 7.0))
        self.link = QTextCharFormat(self.muted)
        self.link.setForeground(QColor("#58a6ff" if dark else "#0969da"))
        self.link.setAnchor(True)
        self.link.setFontUnderline(True)
        self._tokens: dict[object, QTextCharFormat] = {}

    def code_block(self, index: int, first_line: bool) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setBackground(self.background)
        fmt.setProperty(CODE_BLOCK_PROPERTY, index)
        fmt.setLeftMargin(0)
        fmt.setTopMargin(6 if first_line else 0)
        fmt.setBottomMargin(0)
        return fmt

    def token(self, ttype: object) -> QTextCharFormat:
        fmt = self._tokens.get(ttype)
        if fmt is None:
            spec = self.style.style_for_token(ttype)
            fmt = QTextCharFormat(self.base)
            if spec.get("color"):
                fmt.setForeground(QColor(f"#{spec['color']}"))
            if spec.get("bold"):
                fmt.setFontWeight(QFont.Weight.Bold)
            if spec.get("italic"):
                fmt.setFontItalic(True)
            if spec.get("underline"):
                fmt.setFontUnderline(True)
            self._tokens[ttype] = fmt
        return fmt


# Languages whose lexers ``preload`` loads ahead of time (see there).
COMMON_LANGUAGES = (
    "python",
    "bash",
    "javascript",
    "typescript",
    "json",
    "rust",
    "go",
    "c",
    "cpp",
    "java",
    "sql",
    "yaml",
    "html",
    "css",
)


def preload(language: str | None = None) -> None:
    """Load the code colours and the lexer for ``language`` now rather than during a reply.

    Importing a pygments lexer module the first time costs 5 to 30 ms, which would land as one
    stall in the middle of a stream; the view calls this for ``COMMON_LANGUAGES`` at idle time,
    one language per event-loop turn.
    """
    _theme(False)
    _theme(True)
    if language:
        _lexer(language)


@functools.lru_cache(maxsize=64)
def _lexer(language: str):
    """The pygments lexer for a fence's language, or None for plain text (unknown or none)."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    if not language:
        return None
    try:
        # Keep the text exactly as it is: the chunks are joined line for line.
        return get_lexer_by_name(language, stripnl=False, ensurenl=False, stripall=False)
    except ClassNotFound:
        return None


def _markdown_fragment(source: str, *, lead: bool) -> QTextDocumentFragment:
    """The rendered Markdown as a fragment; with ``lead``, one that begins with an empty block.

    Qt merges a fragment's first block into the block at the cursor and keeps *that* block's
    format, so a heading or list inserted after a fresh empty block loses its format (or leaves a
    stray empty line). Inserted at the end of the previous unit's last block, the empty lead block
    merges away into it and every real block arrives whole: the result matches ``setMarkdown`` of
    the two blocks together. At the start of the document Qt applies the first block's format, so
    no lead is needed there.
    """
    if not lead:
        return QTextDocumentFragment.fromMarkdown(source, MARKDOWN_FEATURES)
    scratch = QTextDocument()
    scratch.setUndoRedoEnabled(False)
    scratch.setMarkdown(source, MARKDOWN_FEATURES)
    cursor = QTextCursor(scratch)
    if scratch.begin().text() or scratch.begin().textList() is not None:
        cursor.insertBlock(cursor.blockFormat(), cursor.blockCharFormat())
        cursor.movePosition(QTextCursor.MoveOperation.Start)
    # else: it already leads with an empty block (Qt puts one before a table)
    lead_block = scratch.begin()
    if lead_block.textList() is not None:
        # setBlockFormat keeps list membership, so the lead would stay an (empty) list item.
        lead_block.textList().remove(lead_block)
    cursor.setBlockFormat(QTextBlockFormat())
    cursor.setBlockCharFormat(QTextCharFormat())
    return QTextDocumentFragment(scratch)


@functools.lru_cache(maxsize=2)
def _theme(dark: bool) -> _Theme:
    return _Theme(dark)


def _grew(old: Block, new: Block) -> bool:
    """Whether ``new`` is ``old``, a code block, with lines added."""
    return (
        old.kind == new.kind == "code"
        and old.start == new.start
        and old.language == new.language
        and new.text.startswith(old.text)
    )


def _code_units(block: Block, code_index: int, kept: list[_Unit]) -> list[_Unit]:
    """The header and chunk units of a code block, reusing ``kept`` (its header and full chunks)."""
    lexer = _lexer(block.language)
    units = list(kept)
    offset = sum(len(u.source) + 1 for u in units[1:])
    lines = block.text[offset:].split("\n")
    for at in range(0, len(lines), CODE_CHUNK_LINES):
        chunk = "\n".join(lines[at : at + CODE_CHUNK_LINES])
        units.append(_Unit("code", chunk, block.language, code_index, lexer is None or offset >= HIGHLIGHT_LIMIT))
        offset += len(chunk) + 1
    return units


class MarkdownRenderer:
    """Renders one message's Markdown into one ``QTextDocument``, re-rendering only what changed.

    ``set_text`` keeps every unit whose source is unchanged up to the first one that differs, and
    replaces the document from there (one ``QTextCursor`` removal and inserts at the end, inside
    one edit block so the layout sees one change). Appending text, as streaming does, re-renders
    the last block and any new ones. Editing the start of a message re-renders all of it, which is
    still one ``setMarkdown``'s worth of work.

    ``units_rendered`` counts units rendered over the renderer's life and ``last_rendered`` those
    of the last ``set_text``; they exist to prove (and benchmark) the above.
    """

    def __init__(self, document: QTextDocument | None = None, *, dark: bool = False) -> None:
        self.document = document if document is not None else SafeTextDocument()
        self.document.setUndoRedoEnabled(False)  # nothing to undo in a transcript; it only costs memory
        self._dark = dark
        self._text = ""
        self._blocks: list[Block] = []
        self._block_units: list[tuple[Block, tuple[str, ...], int, list[_Unit]]] = []
        self._units: list[_Unit] = []
        self._positions: list[int] = []  # where each unit begins in the document
        # Per unit: the formats of the empty block it began in, if it began in one (see _restore).
        self._empty_leads: list[tuple[QTextBlockFormat, QTextCharFormat] | None] = []
        self.units_rendered = 0
        self.last_rendered = 0

    @property
    def text(self) -> str:
        return self._text

    @property
    def blocks(self) -> list[Block]:
        return list(self._blocks)

    def code_blocks(self) -> list[str]:
        """The raw text of each code block, in order (``copy-code:N`` links index this list)."""
        return [b.text for b in self._blocks if b.kind == "code"]

    def set_dark(self, dark: bool) -> None:
        if dark == self._dark:
            return
        self._dark = dark
        # Only code has colours of its own: re-render from the first code unit on.
        first = next((k for k, unit in enumerate(self._units) if unit.kind != "markdown"), None)
        if first is not None:
            self._replace_from(first, self._units)

    def set_text(self, text: str) -> None:
        if text == self._text and self._units:
            self.last_rendered = 0
            return
        blocks = self._blocks
        if len(blocks) >= 2 and text.startswith(self._text):
            # Appending cannot change a block that two later blocks follow: its end was fixed by a
            # complete line. The second-to-last can still merge with the last (a list that goes on).
            blocks = blocks[:-2] + _split(text, blocks[-2].start)
        else:
            blocks = _split(text, 0)
        self._text = text
        self._blocks = blocks
        self._render(blocks)

    def clear(self) -> None:
        self._text = ""
        self._blocks, self._units, self._positions, self._block_units = [], [], [], []
        self._empty_leads = []
        self.document.clear()

    # -- internals ------------------------------------------------------------------------------

    def _render(self, blocks: list[Block]) -> None:
        definitions = self._definitions(blocks)
        block_units: list[tuple[Block, tuple[str, ...], int, list[_Unit]]] = []
        units: list[_Unit] = []
        code_index = 0
        for i, block in enumerate(blocks):
            extra = self._extra_definitions(block, definitions) if definitions else ()
            old = self._block_units[i] if i < len(self._block_units) else None
            if old is not None and (old[0] is block or old[0] == block) and old[1] == extra and old[2] == code_index:
                these = old[3]
            elif old is not None and _grew(old[0], block) and old[2] == code_index:
                # A streaming code block: its full chunks stand, only the last one is cut again.
                these = _code_units(block, code_index, old[3][:-1])
            else:
                these = self._units_of(block, extra, code_index)
            block_units.append((block, extra, code_index, these))
            units.extend(these)
            code_index += block.kind == "code"
        first = 0
        limit = min(len(units), len(self._units))
        while first < limit and units[first] == self._units[first]:
            first += 1
        self._block_units = block_units
        if first == len(units) == len(self._units):
            self.last_rendered = 0
            return
        self._replace_from(first, units)

    def _replace_from(self, first: int, units: list[_Unit]) -> None:
        doc = self.document
        if first == 0:
            # clear() also resets the first block's formats, which a removal would leave behind.
            doc.clear()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        try:
            if 0 < first < len(self._positions):
                cursor.setPosition(self._positions[first])
                cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                self._restore(cursor, self._empty_leads[first])
            del self._positions[first:]
            del self._empty_leads[first:]
            theme = _theme(self._dark)
            for k in range(first, len(units)):
                cursor.movePosition(QTextCursor.MoveOperation.End)
                self._positions.append(cursor.position())
                block = cursor.block()
                empty = block.length() == 1 and k > 0
                self._empty_leads.append((block.blockFormat(), block.charFormat()) if empty else None)
                self._insert(cursor, units[k], theme, first_unit=k == 0)
        finally:
            cursor.endEditBlock()
        self._units = units
        self.last_rendered = len(units) - first
        self.units_rendered += self.last_rendered

    @staticmethod
    def _restore(cursor: QTextCursor, lead: tuple[QTextBlockFormat, QTextCharFormat] | None) -> None:
        """Give the block a removed unit began in back the formats it had before that unit.

        When the removal merges a non-empty block with the blocks after it, Qt keeps the first
        block's format; when that block was empty (the one Qt leaves after a table), it keeps the
        format of the block merged into it, so the document would differ from a one-shot render.
        """
        if lead is None:
            return
        block_format, char_format = lead
        block = cursor.block()
        if block.textList() is not None and not block_format.hasProperty(QTextFormat.Property.ObjectIndex):
            block.textList().remove(block)  # setBlockFormat keeps list membership
        cursor.setBlockFormat(block_format)
        cursor.setBlockCharFormat(char_format)

    @staticmethod
    def _definitions(blocks: list[Block]) -> dict[str, list[tuple[int, str]]]:
        found: dict[str, list[tuple[int, str]]] = {}
        for i, block in enumerate(blocks):
            if block.kind == "markdown":
                for label, line in _reference_definitions(block.text):
                    found.setdefault(label, []).append((i, line))
        return found

    def _extra_definitions(self, block: Block, definitions: dict[str, list[tuple[int, str]]]) -> tuple[str, ...]:
        # A block is rendered on its own, so a reference it uses but another block defines is
        # appended to its source (definitions render as nothing).
        if block.kind != "markdown" or "[" not in block.text:
            return ()
        lowered = block.text.lower()
        own = {label for label, _ in _reference_definitions(block.text)}
        return tuple(
            places[0][1] for label, places in definitions.items() if label not in own and f"[{label}]" in lowered
        )

    @staticmethod
    def _units_of(block: Block, extra: tuple[str, ...], code_index: int) -> list[_Unit]:
        if block.kind == "markdown":
            source = safe_markdown(block.text)
            if extra:
                source += "\n\n" + "\n".join(extra)
            return [_Unit("markdown", source)]
        return _code_units(block, code_index, [_Unit("code-head", "", block.language, code_index)])

    @staticmethod
    def _open_block(
        cursor: QTextCursor, block_format: QTextBlockFormat, char_format: QTextCharFormat, first: bool
    ) -> None:
        """Start the unit in a block of its own, with exactly these formats.

        An empty last block (after a table, or the document's first) is reused so that no stray
        empty lines appear; it gets the formats explicitly, as a removal may have left others.
        """
        if not first and cursor.block().length() > 1:
            cursor.insertBlock(block_format, char_format)
        else:
            cursor.setBlockFormat(block_format)
            cursor.setBlockCharFormat(char_format)
            cursor.setCharFormat(char_format)

    def _insert(self, cursor: QTextCursor, unit: _Unit, theme: _Theme, first_unit: bool) -> None:
        if unit.kind == "markdown":
            cursor.insertFragment(_markdown_fragment(unit.source, lead=not first_unit))
        elif unit.kind == "code-head":
            self._open_block(cursor, theme.code_block(unit.index, True), theme.muted, first_unit)
            link = QTextCharFormat(theme.link)
            link.setAnchorHref(f"{COPY_CODE_SCHEME}:{unit.index}")
            link.setToolTip("Copy this code to the clipboard")
            cursor.insertText(QCoreApplication.translate("MarkdownRenderer", "Copy code"), link)
            if unit.language:
                cursor.insertText(f"  ·  {unit.language}", theme.muted)
        else:
            self._open_block(cursor, theme.code_block(unit.index, False), theme.base, first_unit)
            lexer = None if unit.plain else _lexer(unit.language)
            if lexer is None:
                cursor.insertText(unit.source, theme.base)
            else:
                for ttype, value in lexer.get_tokens(unit.source):
                    cursor.insertText(value, theme.token(ttype))
