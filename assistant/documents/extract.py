"""The document readers: plain text and Markdown, PDF (pypdf), Word .docx (python-docx) and HTML.

They run inside a child process that ``sandbox.py`` starts with a time limit and a memory cap,
because the files are untrusted: pypdf has had infinite-loop bugs, a .docx is a ZIP of XML that can
carry entity bombs or external entities, and any file can be huge, or binary junk behind a
misleading extension. What can be checked cheaply is checked here, each with its own clear message:
the size (from ``stat``, before anything is read), what the content really is (magic bytes first,
the extension second), ZIP bombs and DTDs in Word files (``xml_guard``). What cannot be checked (a parser that
loops, or eats memory) is stopped by the sandbox. The functions are importable, for tests; the app
itself goes through ``sandbox.read_document``.

The child's protocol::

    python -m assistant.documents.extract PATH [--max-bytes N] [--out FILE]

(in a packaged build: ``assistant document-extract ...``, which the CLI routes to ``main``). It
writes the document as JSON (``Document.to_dict``) to FILE, or to stdout without ``--out``. The
sandbox always passes ``--out``: unlike a pipe, a file needs no reader running alongside while the
parent polls for timeout and cancel, and ``json.dump`` streams even a 100 MB document into it. A
file that is refused gives ``{"error": "<message>", "template": ..., "fields": {...}}`` (the message, and
what it was made of, so that the parent rebuilds the same ``DocumentError``) and still exit status 0, so
the parent can tell a clean refusal from a crash (any other status). Running out of memory exits with
``EXIT_OUT_OF_MEMORY``.

pypdf, python-docx (and its lxml) and charset_normalizer are imported only by the reader that needs them:
``sandbox.py`` imports this module into the GUI process, and each child loads only what its file
needs, which also leaves more of the memory cap for the file.

Why one file: it is the reader process's whole program; each reader is a function of its own.
"""

from __future__ import annotations

import argparse
import codecs
import hashlib
import json
import logging
import re
import stat
import sys
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from assistant.documents.document import (
    Document,
    DocumentError,
    Section,
    SectionBuilder,
    TextSections,
)
from assistant.documents.xml_guard import UnsafeXml, check_xml_part
from assistant.errors import plain_fields, translatable
from assistant.units import MB, format_bytes

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 100 * MB
CLI_COMMAND = "document-extract"
"""The packaged app's hidden command that runs ``main`` (there, ``sys.executable`` is the app, not Python)."""
EXIT_OUT_OF_MEMORY = 3

_SNIFF_BYTES = 64 * 1024
"""How much of the file decides what it is (magic bytes, HTML, binary or text)."""
_SNIFF_CHARS = 64 * 1024
_CHUNK = 1 << 20
"""Text files are read this much at a time, never whole."""
_SAMPLE_BYTES = 256 * 1024
"""How much of a non-UTF-8 text file charset_normalizer looks at to guess its encoding."""
_NOT_TEXT_RATIO = 0.02
"""Decoded text with more than this share of control characters or undecodable bytes is binary data."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
_ASCII = bytes(range(128))
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f") + b"\x7f"
_NOT_TEXT_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
# UTF-32 first: its little-endian BOM begins with UTF-16's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf8_else_cp1252(err: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: bytes that are not UTF-8 are read as Windows-1252.

    A mostly-UTF-8 file with a few stray bytes is nearly always one with a piece pasted in from an
    older Windows program, so "café" stays "café" where a single guessed encoding for the whole
    file would garble every other accent.
    """
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start : err.end].decode("cp1252", errors="replace"), err.end


# Registered once, under a name of our own; the handler keeps no state, so sharing it is harmless.
_MIXED = "assistant.utf8-else-cp1252"
codecs.register_error(_MIXED, _utf8_else_cp1252)
MIXED_UTF8_CP1252 = _MIXED
"""Error handler name for ``bytes.decode("utf-8", errors=...)``: stray bytes read as Windows-1252."""


# -- choosing the reader --------------------------------------------------------------------------


def extract(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read ``path`` into a ``Document``; ``DocumentError`` (naming the file) if it cannot be."""
    document = _extract(path, max_bytes, only_text=False)
    assert document is not None
    return document


def extract_plain_text(path: Path, *, max_bytes: int) -> Document | None:
    """``path`` read if its content is plain text or Markdown, else None (it needs a reader that
    must run in the sandbox). The text readers only decode, line by line: they cannot loop, and
    their memory grows with the file, which ``max_bytes`` bounds."""
    return _extract(path, max_bytes, only_text=True)


def _extract(path: Path, max_bytes: int, *, only_text: bool) -> Document | None:
    name = path.name or str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(translatable("{name} is a folder, not a document."), name=name)
        if not stat.S_ISREG(info.st_mode):
            # A named pipe would block the reader and a device (/dev/zero) would never end.
            raise DocumentError(
                translatable("{name} is not a regular file (it is a pipe or a device), so it is not read."), name=name
            )
        if info.st_size > max_bytes:
            raise DocumentError(
                translatable("{name} is {size}; the limit is {limit}."),
                name=name,
                size=format_bytes(info.st_size),
                limit=format_bytes(max_bytes),
            )
        if info.st_size == 0:
            raise DocumentError(translatable("{name} is empty."), name=name)
        with path.open("rb") as f:
            head = f.read(_SNIFF_BYTES)
            f.seek(0)
            digest = hashlib.file_digest(f, "sha256").hexdigest()
        suffix = path.suffix.lower()
        kind = _content_kind(name, suffix, head)
        if only_text and kind not in ("txt", "md"):
            return None
        if kind == "pdf":
            sections = _read_pdf(path, name)
        elif kind == "docx":
            sections = _read_docx(path, name, suffix, max_bytes)
        elif kind == "html":
            sections = _read_html(path, name, head)
        else:
            sections = _read_text(path, name, head)
    except FileNotFoundError:
        raise DocumentError(
            translatable("{name} does not exist (it may have been moved or deleted)."), name=name
        ) from None
    except PermissionError:
        raise DocumentError(translatable("{name} could not be opened: permission denied."), name=name) from None
    except OSError as err:
        raise DocumentError(
            translatable("{name} could not be read ({reason})."), name=name, reason=err.strerror or str(err)
        ) from err
    return Document(name=name, sha256=digest, size=info.st_size, kind=kind, sections=sections)


def _content_kind(name: str, suffix: str, head: bytes) -> str:
    """Which reader fits: the content decides first (a PDF named .txt is still a PDF), the
    extension second; an extension the content contradicts is an error that says what the file is."""
    # Readers tolerate a little junk before a PDF's header; only trust that in a .pdf, so that a note
    # which merely mentions "%PDF-" near its start is still read as text.
    if head.startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in head[:1024]):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):  # a ZIP archive; _read_docx checks it is a Word document
        return "docx"
    if head.startswith(_OLE_MAGIC):
        raise DocumentError(
            translatable(
                "{name} is an old-style Office file (.doc) or a password-protected Office document; "
                "open it in Word and save it as .docx without a password."
            ),
            name=name,
        )
    if suffix == ".pdf":
        if _bytes_look_like_text(head):
            raise DocumentError(translatable("{name} is not a PDF (it is plain text)."), name=name)
        raise DocumentError(translatable("{name} is not a PDF (it looks like binary data)."), name=name)
    if suffix == ".docx":
        if _bytes_look_like_text(head):
            raise DocumentError(translatable("{name} is not a Word document (it is plain text)."), name=name)
        raise DocumentError(translatable("{name} is not a Word document (it looks like binary data)."), name=name)
    if suffix in _HTML_SUFFIXES or _looks_like_html(head):
        return "html"
    return "md" if suffix in _MARKDOWN_SUFFIXES else "txt"


def _bytes_look_like_text(head: bytes) -> bool:
    if any(head.startswith(bom) for bom, _ in BOMS):
        return True
    controls = len(head) - len(head.translate(None, delete=_CONTROL_BYTES))
    return b"\0" not in head and controls <= len(head) * _NOT_TEXT_RATIO


def _looks_like_html(head: bytes) -> bool:
    start = head.removeprefix(codecs.BOM_UTF8).lstrip()[:64].lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _reason(err: BaseException) -> str:
    """An exception in a few words, for the end of a message."""
    text = str(err).strip() or type(err).__name__
    return text if len(text) <= 200 else text[:200] + "…"


# -- plain text and Markdown ----------------------------------------------------------------------


def _read_text(path: Path, name: str, head: bytes) -> tuple[Section, ...]:
    lines = TextSections(SectionBuilder())
    with _open_text(path, name, head) as stream:
        for line in _text_lines(stream, name):
            lines.line(line)
    sections = lines.finish()
    if not sections:
        raise DocumentError(translatable("{name} has no text (only blank lines)."), name=name)
    return sections


def _text_lines(stream: IO[str], name: str) -> Iterator[str]:
    """The lines of a text stream, read as they come; the first 64 K characters are checked to be text."""
    head = stream.read(_SNIFF_CHARS)
    _check_looks_like_text(head, name)
    head += stream.readline()  # finish the line the first read cut
    lines = head.split("\n")
    if lines[-1] == "":  # the head ended with a line end, not with an empty line
        lines.pop()
    yield from lines
    for line in stream:
        yield line.rstrip("\n")


def _open_text(path: Path, name: str, head: bytes, declared: str | None = None) -> IO[str]:
    """``path`` opened as text in the encoding ``_choose_encoding`` picks, with universal newlines."""
    codec, errors = _choose_encoding(path, name, head, declared)
    log.debug("%s: reading as %s", name, codec)
    return open(path, encoding=codec, errors=errors, newline=None)


def _choose_encoding(path: Path, name: str, head: bytes, declared: str | None) -> tuple[str, str]:
    """(codec, error handler) for a text file: its BOM, else the encoding an HTML page declares,
    else UTF-8 (tolerating a few stray Windows-1252 bytes), else charset_normalizer's best guess."""
    for bom, codec in BOMS:
        if head.startswith(bom):
            return codec, "replace"
    if declared:
        return declared, "replace"
    if b"\0" in head:
        # Text never holds NUL bytes, except UTF-16/32 without a BOM, which charset_normalizer recognises.
        codec = _guess_unicode_without_bom(head)
        if codec is None:
            raise _binary_data(name)
        return codec, "replace"
    return _scan_for_utf8(path, name)


def _binary_data(name: str) -> DocumentError:
    return DocumentError(translatable("{name} looks like binary data, not text."), name=name)


def _guess_unicode_without_bom(head: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
        return best.encoding
    return None


def _scan_for_utf8(path: Path, name: str) -> tuple[str, str]:
    """Read the file once, in blocks, counting non-ASCII bytes that are valid UTF-8 and bytes that
    are not. All valid, or mostly valid: UTF-8 (stray bytes read as Windows-1252). Mostly invalid:
    a legacy encoding, guessed by charset_normalizer from the text around the first invalid byte."""
    valid = invalid = 0
    sample = b""
    with path.open("rb") as f:
        for block in _whole_utf8_blocks(f):
            if b"\0" in block:
                raise _binary_data(name)
            non_ascii = len(block.translate(None, delete=_ASCII))
            try:
                block.decode("utf-8")
            except UnicodeDecodeError as err:
                # "ignore" drops exactly the invalid bytes; encoding again gives the valid ones back.
                bad = len(block) - len(block.decode("utf-8", "ignore").encode("utf-8"))
                invalid += bad
                non_ascii -= bad
                if not sample:
                    sample = _sample_around(block, err.start)
            valid += non_ascii
            if invalid > 1000 and invalid > valid:
                break  # clearly not UTF-8: no need to read on
    if invalid <= valid:  # also when both are 0: ASCII
        return "utf-8", _MIXED
    return _guess_legacy_encoding(sample, name), "replace"


def _whole_utf8_blocks(f: IO[bytes]) -> Iterator[bytes]:
    """The file in blocks of about ``_CHUNK`` bytes, each cut so that no UTF-8 sequence is split."""
    carry = b""
    while block := f.read(_CHUNK):
        block = carry + block
        cut = _utf8_boundary(block)
        block, carry = block[:cut], block[cut:]
        if block:
            yield block
    if carry:
        yield carry


def _utf8_boundary(block: bytes) -> int:
    """Where ``block`` ends if an incomplete UTF-8 sequence at its end is left for the next block."""
    for back in range(1, min(4, len(block)) + 1):
        byte = block[-back]
        if byte < 0x80:
            return len(block)
        if byte >= 0xC0:  # the lead byte of the last sequence: is the sequence complete?
            needed = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return len(block) if back >= needed else len(block) - back
    return len(block)


def _sample_around(block: bytes, position: int) -> bytes:
    """Up to ``_SAMPLE_BYTES`` of ``block`` from a line start before ``position`` to a line end,
    so that a two-byte encoding (GB18030, Big5) is not sampled from the middle of a character."""
    start = block.rfind(b"\n", 0, max(0, position - 1024)) + 1
    end = block.rfind(b"\n", start, start + _SAMPLE_BYTES)
    return block[start : end if end > start else start + _SAMPLE_BYTES]


def _guess_legacy_encoding(sample: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        raise _binary_data(name)
    # charset_normalizer ranks equally good candidates in no useful order (for French or English it
    # offers Central European cp1250 first, which turns "naïve" into "naďve"). Windows-1252 is by far
    # the most common legacy encoding, so it wins a tie.
    for match in matches:
        if (match.chaos, match.coherence) == (best.chaos, best.coherence) and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return best.encoding


def _check_looks_like_text(text: str, name: str) -> None:
    if len(_NOT_TEXT_CHARS.findall(text)) > len(text) * _NOT_TEXT_RATIO:
        raise _binary_data(name)


# -- HTML -----------------------------------------------------------------------------------------


def _read_html(path: Path, name: str, head: bytes) -> tuple[Section, ...]:
    page = _HtmlText()
    with _open_text(path, name, head, declared=_declared_charset(head)) as stream:
        first = stream.read(_SNIFF_CHARS)
        _check_looks_like_text(first, name)
        page.feed(first)
        while chunk := stream.read(_CHUNK):
            page.feed(chunk)
    page.close()
    sections = page.builder.build()
    if not sections:
        raise DocumentError(translatable("{name} is a web page without text."), name=name)
    return sections


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)


def _declared_charset(head: bytes) -> str | None:
    """The codec a page's ``<meta charset>`` names, corrected as browsers do (WHATWG Encoding).
    None for UTF-8 (the UTF-8 scan then also copes with stray bytes) and for a missing or unknown one."""
    match = _META_CHARSET.search(head[:4096])
    if not match:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    if codec in ("iso8859-1", "ascii"):  # pages that say Latin-1 or ASCII are really Windows-1252
        return "cp1252"
    if codec in ("gb2312", "gbk"):  # GB18030 is their superset
        return "gb18030"
    if codec == "utf-8" or codec.startswith(("utf-16", "utf-32")):  # UTF-16 without a BOM is never meant
        return None
    return codec


_SKIPPED = frozenset({"script", "style", "template", "noscript", "title", "head"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "html", "li", "main", "nav", "ol", "p",
        "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
    }
)  # fmt: skip
_SPACES = re.compile(r"\s+")
_BLANK_LINE = re.compile(r"\n\s*\n")


class _HtmlText(HTMLParser):
    """The text of a web page for a ``SectionBuilder``: script, style and head dropped, headings
    h1–h6 starting sections, block elements ending paragraphs, ``<pre>`` kept as it is, entities
    decoded (``convert_charrefs``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = SectionBuilder()
        self._skipping: list[str] = []
        self._buffer: list[str] = []
        self._in_heading = False
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" and "head" in self._skipping:  # a page that never closed its head
            self._skipping.clear()
        if self._skipping:
            return
        if tag in _SKIPPED:
            self._skipping.append(tag)
        elif tag in _HEADINGS:
            self._end_block()
            self._in_heading = True
        elif tag == "pre":
            self._end_block()
            self._pre += 1
        elif tag == "br":
            self._buffer.append("\n")
        elif tag in ("td", "th") and "".join(self._buffer).strip():
            self._buffer.append(" | ")
        elif tag in _BLOCKS:
            self._end_block()
            if tag == "li":
                self._buffer.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            return
        if tag in _HEADINGS and self._in_heading:
            title, self._buffer = "".join(self._buffer), []
            self._in_heading = False
            self.builder.heading(title)
        elif tag == "pre" and self._pre:
            self._end_block()
            self._pre -= 1
        elif tag in _BLOCKS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._buffer.append(data if self._pre else _SPACES.sub(" ", data))

    def close(self) -> None:
        super().close()
        self._in_heading = False
        self._end_block()

    def _end_block(self) -> None:
        if self._in_heading:  # a block inside a heading (<h1><div>…) stays part of the heading
            return
        text, self._buffer = "".join(self._buffer), []
        if self._pre:
            self.builder.paragraph("\n".join(line.rstrip() for line in text.split("\n")))
            return
        lines = "\n".join(" ".join(line.split()) for line in text.split("\n"))
        for paragraph in _BLANK_LINE.split(lines):  # <br><br> separates paragraphs on older pages
            self.builder.paragraph(paragraph)


# -- PDF ------------------------------------------------------------------------------------------


def _read_pdf(path: Path, name: str) -> tuple[Section, ...]:
    """One section per page with text, labelled "page N" (1-based, as viewers number them)."""
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(path, strict=False)
        # Many PDFs are "encrypted" only to set permissions, with an empty password to open them.
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise DocumentError(
                translatable("{name} is password-protected; remove the password and try again."), name=name
            )
        pages = reader.pages
        count = len(pages)
    except DocumentError:
        raise
    except DependencyError as err:
        raise DocumentError(
            translatable("{name} uses an encryption this app cannot open ({reason})."), name=name, reason=_reason(err)
        ) from err
    except MemoryError:
        raise
    except Exception as err:
        # pypdf parses hostile input in pure Python: a damaged file can raise almost anything.
        raise DocumentError(
            translatable("{name} is damaged and could not be read ({reason})."), name=name, reason=_reason(err)
        ) from err
    if count == 0:
        raise DocumentError(translatable("{name} has no pages."), name=name)
    sections: list[Section] = []
    failed = 0
    for number in range(count):
        try:
            text = pages[number].extract_text()
        except MemoryError:
            raise
        except Exception as err:
            # One broken page should not cost the others.
            log.warning("%s: page %d could not be read: %s", name, number + 1, _reason(err))
            failed += 1
            continue
        text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
        if text:
            sections.append(Section(f"page {number + 1}", text, len(sections)))
    if not sections:
        if failed == count:
            raise DocumentError(
                translatable("{name} is damaged: none of its {count} pages could be read."), name=name, count=count
            )
        raise DocumentError(
            translatable("{name} has no text layer (it is probably scanned images); there is no text to summarise."),
            name=name,
        )
    return tuple(sections)


# -- Word -----------------------------------------------------------------------------------------


def _read_docx(path: Path, name: str, suffix: str, max_bytes: int) -> tuple[Section, ...]:
    """Paragraphs and tables in document order; paragraphs styled "Heading …" or "Title" start sections."""
    _check_word_package(path, name, suffix, max_bytes)
    import docx
    from docx.table import Table

    builder = SectionBuilder()
    try:
        document = docx.Document(str(path))
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                builder.paragraph(_table_text(block))
            elif _is_heading(block.style.name if block.style is not None else ""):
                builder.heading(block.text)
            else:
                builder.paragraph(block.text)
    except MemoryError:
        raise
    except Exception as err:
        # python-docx on a damaged package raises KeyError, ValueError, lxml errors...
        raise DocumentError(
            translatable("{name} is damaged or not a Word document ({reason})."), name=name, reason=_reason(err)
        ) from err
    sections = builder.build()
    if not sections:
        raise DocumentError(translatable("{name} is a Word document without text."), name=name)
    return sections


def _is_heading(style_name: str | None) -> bool:
    # Word stores built-in style names in English ("Heading 1") whatever the language of its menus.
    return bool(style_name) and (style_name.startswith("Heading") or style_name == "Title")


def _table_text(table: Any) -> str:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # A merged cell is returned once per grid column it spans: keep it once.
            if not cells or cells[-1] != text:
                cells.append(text)
        rows.append(" | ".join(cells))
    return "\n".join(rows)


def _check_word_package(path: Path, name: str, suffix: str, max_bytes: int) -> None:
    """Refuse what python-docx should never be handed: a ZIP that is not a Word document, one that
    unpacks to more than ``max_bytes`` (a ZIP bomb), and any part that declares a DTD (``xml_guard``)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if not any(member.filename == "word/document.xml" for member in members):
                if suffix == ".docx":
                    raise DocumentError(
                        translatable("{name} is not a Word document (it is a ZIP archive without word/document.xml)."),
                        name=name,
                    )
                raise DocumentError(
                    translatable("{name} is a ZIP archive, not a document this app can read."), name=name
                )
            unpacked = sum(member.file_size for member in members)
            if unpacked > max_bytes:
                # zipfile stops at the declared size, so a member cannot unpack to more than this.
                raise DocumentError(
                    translatable("{name} unpacks to {size}; the limit is {limit}."),
                    name=name,
                    size=format_bytes(unpacked),
                    limit=format_bytes(max_bytes),
                )
            # Every part, not only *.xml: a part's name says nothing about how python-docx parses it.
            for member in members:
                with archive.open(member) as part:
                    try:
                        check_xml_part(part)
                    except UnsafeXml as err:
                        raise _unsafe_part(name, member.filename, err) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as err:
        # RuntimeError: an encrypted member; NotImplementedError: an unknown compression method.
        raise DocumentError(
            translatable("{name} is damaged (its ZIP archive cannot be read: {reason})."),
            name=name,
            reason=_reason(err),
        ) from err


def _unsafe_part(name: str, part: str, err: UnsafeXml) -> DocumentError:
    """The refusal of a Word document one of whose parts ``xml_guard`` refused, as one sentence."""
    if err.encoding is None:
        return DocumentError(
            translatable(
                "{name} was not opened: its part {part} contains an XML entity or document type declaration, "
                "which Word documents never need and which could hide an entity bomb or read other files on "
                "this computer."
            ),
            name=name,
            part=part,
        )
    return DocumentError(
        translatable(
            "{name} was not opened: its part {part} is XML in the {encoding} text encoding, which Word never "
            "writes, so it could not be checked for hidden entity declarations."
        ),
        name=name,
        part=part,
        encoding=err.encoding,
    )


# -- the child's entry point ----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=CLI_COMMAND, description="Read one document and write it as JSON (the app's sandboxed document reader)."
    )
    parser.add_argument("path", type=Path)
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger files")
    parser.add_argument("--out", type=Path, help="write the JSON to this file instead of stdout")
    args = parser.parse_args(argv)
    # Library warnings (pypdf's about damaged files) go to stderr, which the sandbox keeps for crash reports.
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(levelname)s: %(message)s")
    try:
        try:
            payload = extract(args.path, max_bytes=args.max_bytes).to_dict()
        except DocumentError as err:
            payload = error_payload(err)
        _write_json(payload, args.out)
    except MemoryError:
        # The memory cap was reached. The exit status says so: writing a message could need memory too.
        return EXIT_OUT_OF_MEMORY
    return 0


def error_payload(err: DocumentError) -> dict[str, Any]:
    """A refusal as JSON: its message, and the template and fields it was made of (for the GUI to
    show it translated; ``sandbox`` rebuilds the error from them). Fields that JSON cannot carry as
    they are travel as text."""
    return {"error": str(err), "template": err.template, "fields": plain_fields(err.fields)}


def _write_json(payload: dict[str, Any], out: Path | None) -> None:
    # ASCII JSON: lone surrogates or odd characters in a document cannot break the encoding.
    if out is None:
        json.dump(payload, sys.stdout)
        sys.stdout.write("\n")
        sys.stdout.flush()
        return
    with out.open("w", encoding="ascii") as f:
        json.dump(payload, f)


if __name__ == "__main__":
    sys.exit(main())
