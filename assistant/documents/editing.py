"""Opening a file into the Write panel's editor and saving it back: .txt, .md and .docx.

Plain text is decoded here exactly as it is (line breaks and spacing kept, since the user edits
it); decoding bytes runs no parser, so it needs no sandbox. A .docx goes through the sandboxed
reader (``sandbox.read_document``), being a ZIP of XML that can be hostile. Saving writes to a
temporary file first and renames it, so a full disk or a crash never leaves half a file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from assistant.documents.document import DocumentError
from assistant.documents.extract import BOMS, MIXED_UTF8_CP1252
from assistant.errors import translatable
from assistant.units import MB, format_bytes

MAX_EDIT_BYTES = 20 * MB
"""Bigger than any text a person edits by hand; the editor would crawl on more."""


def read_for_editing(path: Path) -> str:
    """The file's text for the editor; DocumentError with a plain message when it cannot be."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise DocumentError(
            translatable("{name} could not be opened ({reason})."), name=path.name, reason=str(err.strerror)
        ) from None
    if size > MAX_EDIT_BYTES:
        raise DocumentError(
            translatable("{name} is {size}, too big to edit here (the limit is {limit}). Summarize can read it."),
            name=path.name,
            size=format_bytes(size),
            limit=format_bytes(MAX_EDIT_BYTES),
        )
    if path.suffix.lower() == ".docx":
        from assistant.documents.sandbox import read_document

        return read_document(path).text()
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DocumentError(
            translatable("{name} could not be read ({reason})."), name=path.name, reason=str(err.strerror)
        ) from None
    text = _decode(data)
    if "\x00" in text:
        raise DocumentError(translatable("{name} looks like binary data, not text."), name=path.name)
    return text


_LATIN_HIGH_BYTES = 0.4
"""In Western text in a legacy encoding, accented letters and curly quotes are a minority of bytes;
in Cyrillic, Greek or CJK legacy encodings most letters are high bytes."""


def _decode(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    high = sum(1 for b in data if b >= 0x80)
    if high <= len(data) * _LATIN_HIGH_BYTES:
        # UTF-8 with stray Windows-1252 bytes, or plain Windows-1252 (the same decoding for both).
        # A statistical guess on a short Western text is unreliable (it offers cp1251 for "Café").
        return data.decode("utf-8", errors=MIXED_UTF8_CP1252)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("cp1252", errors="replace")


def save_edited(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 text, or as a Word document for .docx."""
    path = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise DocumentError(
            translatable("{name} could not be saved ({reason})."), name=path.name, reason=str(err.strerror)
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            if path.suffix.lower() == ".docx":
                _write_docx(out, text)
            else:
                out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise DocumentError(
            translatable("{name} could not be saved ({reason}); the file was left as it was."),
            name=path.name,
            reason=str(err.strerror),
        ) from None


def _write_docx(out, text: str) -> None:
    import docx

    document = docx.Document()
    # One Word paragraph per line: blank lines stay blank paragraphs, so the layout survives.
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(out)
