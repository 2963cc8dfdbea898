"""Refuse XML that declares a DTD before any XML parser reads it.

Entity bombs ("billion laughs") and external entities (XXE, which would copy a local file such as
~/.ssh/id_rsa into the text) both need a document type declaration, and no Office document ever
carries one. So a part that declares one is refused outright, by this check, with the app's own
message. It runs before lxml or python-docx see a byte: how a parser treats a DTD changes between
releases (lxml 6.2 began refusing bombs itself, in its own words), and a parser's own guard is the
second lock, not the first.

Why not ask a parser whether there is a DTD: that is the very code the check protects. Instead the
text encoding is found as an XML parser would find it (a byte-order mark, the pattern of the first
four bytes, then the encoding declaration: XML 1.0, appendix F), and the whole part is searched for
``<!DOCTYPE`` and ``<!ENTITY`` in that encoding. Only encodings Office writes are accepted: in any
other (UTF-7, EBCDIC, ...) the same declaration could be spelled in bytes this search would not
recognise, so such a part is refused too.
"""

from __future__ import annotations

import codecs
import re
from typing import IO

_HEAD = 1024
"""Enough of a part for its byte-order mark and its XML declaration."""
_BLOCK = 1 << 20
_DECLARATION = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARATION_BYTES = re.compile(_DECLARATION.pattern.encode("ascii"), re.IGNORECASE)
_OVERLAP = 64
"""Carried from one block to the next, so that a declaration split between blocks is still seen."""
_ENCODING_DECLARATION = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']""")

_BOMS = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
_ONE_BYTE = frozenset({"utf-8", "ascii", "latin-1", "cp1252"})
"""Encodings in which "<!DOCTYPE" is spelled in ASCII bytes: searched without decoding."""
_EBCDIC_START = b"\x4c\x6f\xa7\x94"  # "<?xm" in EBCDIC


class UnsafeXml(Exception):
    """A part this app will not hand to an XML parser. ``str()`` says why, in words that follow
    "its part NAME"; ``encoding`` is the text encoding that could not be checked, or None when the
    part declares a DTD or an entity (for the caller's message to the user, one whole sentence)."""

    def __init__(self, reason: str, encoding: str | None = None) -> None:
        super().__init__(reason)
        self.encoding = encoding


def check_xml_part(part: IO[bytes]) -> None:
    """Raise ``UnsafeXml`` if ``part`` is XML that declares a DTD or an entity, or XML in an encoding
    that cannot be checked. Anything that does not begin as XML (an image) passes: a parser refuses it."""
    head = part.read(_HEAD)
    encoding = _encoding(head)
    if encoding is None:
        return
    found = _search_bytes(head, part) if encoding in _ONE_BYTE else _search_text(head, part, encoding)
    if found:
        raise UnsafeXml(
            "contains an XML entity or document type declaration, which Word documents never need and which could "
            "hide an entity bomb or read other files on this computer"
        )


def _encoding(head: bytes) -> str | None:
    """The Python codec an XML parser would read ``head`` with; None if it is not XML at all."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return _agreeing(head, codec)
    first = head[:4]
    if len(first) == 4 and first.count(0) == 3:
        return _agreeing(head, "utf-32-be" if first[3] else "utf-32-le")
    if len(first) == 4 and first[0] == 0 and first[2] == 0 and first[1] and first[3]:
        return _agreeing(head, "utf-16-be")
    if len(first) == 4 and first[1] == 0 and first[3] == 0 and first[0] and first[2]:
        return _agreeing(head, "utf-16-le")
    if head.startswith(_EBCDIC_START):
        _refuse_encoding("EBCDIC")
    if not head.lstrip(b" \t\r\n").startswith(b"<"):
        return None  # not XML: no parser would read a DTD out of it
    declared = _declared(head)
    if declared is None:
        return "utf-8"  # XML without a declaration or a byte-order mark is UTF-8
    codec = _codec(declared)
    if codec not in _ONE_BYTE:
        _refuse_encoding(declared)
    return codec


def _agreeing(head: bytes, codec: str) -> str:
    """``codec``, found from the first bytes, if the declaration (if any) names the same family."""
    text = head.decode(codec, errors="replace").lstrip("\ufeff").encode("ascii", errors="replace")
    declared = _declared(text)
    if declared is not None and _codec(declared)[:6] != codec[:6]:
        _refuse_encoding(declared)
    return codec


def _declared(head: bytes) -> str | None:
    match = _ENCODING_DECLARATION.match(head)
    return match.group(1).decode("ascii") if match else None


def _codec(name: str) -> str:
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return name
    return "latin-1" if codec == "iso8859-1" else codec


def _refuse_encoding(name: str) -> None:
    raise UnsafeXml(
        f"is XML in the {name} text encoding, which Word never writes, so it could not be checked for hidden "
        "entity declarations",
        encoding=name,
    )


def _search_bytes(head: bytes, part: IO[bytes]) -> bool:
    carry = b""
    block = head
    while block:
        window = carry + block
        if _DECLARATION_BYTES.search(window):
            return True
        carry = window[-_OVERLAP:]
        block = part.read(_BLOCK)
    return False


def _search_text(head: bytes, part: IO[bytes], codec: str) -> bool:
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    carry = ""
    block = head
    while True:
        final = not block
        window = carry + decoder.decode(block, final=final)
        if _DECLARATION.search(window):
            return True
        if final:
            return False
        carry = window[-_OVERLAP:]
        block = part.read(_BLOCK)
