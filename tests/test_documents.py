"""Reading documents: real files built here in tmp_path, read through the real sandboxed child process.

Every hostile or broken input must end in one ``DocumentError`` that names the file, within a time
bound, with no child process left behind and this process unaffected. PDFs are written by hand
(a few objects and an xref table), Word files with python-docx, and attacks by rewriting a real
.docx's word/document.xml.
"""

from __future__ import annotations

import io
import json
import os
import re
import threading
import time
import zipfile
from pathlib import Path

import docx
import psutil
import pytest
from lxml import etree
from pypdf import PdfReader, PdfWriter

from assistant.core.cancel import CancelToken
from assistant.documents.document import (
    MAX_SECTION_CHARS,
    Document,
    DocumentError,
    Section,
    from_text,
)
from assistant.documents.extract import extract, main
from assistant.documents.sandbox import _refusal, read_document
from assistant.errors import Cancelled

MB = 1_000_000  # decimal, as the app's messages count (assistant.units)


@pytest.fixture(autouse=True)
def no_leftover_children():
    """Every test must leave no reader process behind (children from before, such as a shared
    engine, are not this module's business)."""
    me = psutil.Process()
    before = {child.pid for child in me.children(recursive=True)}
    yield
    left = [child for child in me.children(recursive=True) if child.pid not in before]
    assert not left, f"reader processes left running: {left}"


def refused(path: Path, *, within: float = 10.0, **options) -> str:
    """Read ``path`` through the sandbox, expecting a refusal that names the file in time."""
    started = time.monotonic()
    with pytest.raises(DocumentError) as caught:
        read_document(path, **options)
    elapsed = time.monotonic() - started
    message = str(caught.value)
    assert path.name in message, message
    assert elapsed < within, f"took {elapsed:.1f} s: {message}"
    return message


def labels(document: Document) -> list[str]:
    return [section.label for section in document.sections]


# -- hand-made PDFs -------------------------------------------------------------------------------


def pdf_bytes(objects: list[bytes], *, prev_points_to_itself: bool = False) -> bytes:
    """A PDF from numbered object bodies (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if prev_points_to_itself:
        out += b" /Prev %d" % xref  # "the previous xref section is ... this one": a loop
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def text_pdf_objects(pages: list[bytes]) -> list[bytes]:
    """Catalog, page tree, Helvetica, then a page and its content stream for each content."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, content in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    return objects


def line_of_text(text: str) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("ascii")


def text_pdf(texts: list[str]) -> bytes:
    return pdf_bytes(text_pdf_objects([line_of_text(text) for text in texts]))


@pytest.fixture
def slow_pdf(tmp_path: Path) -> Path:
    """2,000 pages of 40 lines: pypdf needs seconds for it (about 5 s on a 2-core machine)."""
    body = b" ".join(b"(Line %d of a long page of text) Tj T*" % j for j in range(40))
    page = b"BT /F1 12 Tf 14 TL 72 720 Td " + body + b" ET"
    path = tmp_path / "slow.pdf"
    path.write_bytes(pdf_bytes(text_pdf_objects([page] * 2000)))
    return path


# -- Word files -----------------------------------------------------------------------------------


def real_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Quarterly report", level=0)  # style "Title"
    document.add_paragraph("Prepared for the board.")
    document.add_heading("Introduction", level=1)
    document.add_paragraph("Sales rose in every region.")
    document.add_paragraph("The north grew fastest.")
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, [("Region", "Growth"), ("North", "12%")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_heading("Outlook", level=2)
    document.add_paragraph("We expect more of the same.")
    document.save(str(path))
    return path


def docx_with_document_xml(tmp_path: Path, name: str, document_xml: bytes) -> Path:
    """A real .docx (made by python-docx) whose word/document.xml is replaced by ``document_xml``."""
    return docx_with_part(tmp_path, name, "word/document.xml", document_xml)


def docx_with_part(tmp_path: Path, name: str, part_name: str, data: bytes) -> Path:
    """A real .docx (made by python-docx) whose part ``part_name`` is replaced by ``data``."""
    original = real_docx(tmp_path / f"original-{name}")
    target = tmp_path / name
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        names = [item.filename for item in source.infolist()]
        assert part_name in names, f"python-docx wrote no {part_name}: {names}"
        for item in source.infolist():
            out.writestr(item, data if item.filename == part_name else source.read(item))
    return target


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def word_xml(dtd: str, text: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"{dtd}\n"
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>'
    )


BILLION_LAUGHS = (
    '<!DOCTYPE w:document [\n<!ENTITY lol0 "lol">\n'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    + "]>"
)


def xxe(canary: Path) -> str:
    return f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{canary.as_uri()}">]>'


@pytest.fixture
def canary(tmp_path: Path) -> tuple[Path, str]:
    secret = "CANARY-7f3a9c1e-must-never-leak"
    path = tmp_path / "canary.txt"
    path.write_text(secret)
    return path, secret


# -- text files -----------------------------------------------------------------------------------


def test_empty_file_is_refused(tmp_path: Path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert refused(path) == "empty.txt is empty."


def test_blank_text_file_is_refused(tmp_path: Path):
    path = tmp_path / "blank.md"
    path.write_text("\n   \n\t\n")
    assert "has no text" in refused(path)


def test_binary_junk_named_txt_is_refused(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_bytes(os.urandom(64 * 1024))
    assert refused(path) == "notes.txt looks like binary data, not text."


def test_over_the_size_limit_is_refused_before_reading(tmp_path: Path):
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.write(b"A line of real text at the start of a very large file.\n" * 20_000)
        f.truncate(200 * MB)  # the rest is a hole: 200 MB to stat, seconds saved writing it
    # A 128 MB memory cap proves it: reading 200 MB of it would not fit.
    message = refused(path, within=5, memory_bytes=128 * MB)
    assert message == "big.txt is 200 MB; the limit is 100 MB."


def test_a_large_file_streams_when_the_limit_is_raised(tmp_path: Path):
    path = tmp_path / "large.txt"
    paragraph = b"Paragraph %07d holds a sentence of plain words, long enough to read like text.\n\n"
    with path.open("wb") as f:
        for start in range(0, 260_000, 52_000):
            f.write(b"".join(paragraph % i for i in range(start, start + 52_000)))
        f.write(b"The very last paragraph.\n")
    assert path.stat().st_size > 20 * MB
    started = time.monotonic()
    document = read_document(path, max_bytes=32 * MB)
    elapsed = time.monotonic() - started
    assert elapsed < 10, f"{elapsed:.1f} s"
    assert document.size == path.stat().st_size and document.kind == "txt"
    # Grouped: not 250,000 tiny sections, and none too large.
    assert 1000 < len(document.sections) < 30_000
    assert all(len(section.text) <= MAX_SECTION_CHARS for section in document.sections)
    assert document.sections[0].label.startswith("paragraphs 1–")
    assert document.sections[-1].text.endswith("The very last paragraph.")
    assert "Paragraph 0123456 holds" in document.text()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "windows.txt",
            "He said “hello” to the café owner. It’s naïve — but it works.\n".encode("cp1252"),
            ["“hello”", "café", "It’s naïve — but"],
        ),
        (
            "chinese.txt",
            "中文文本测试。这是一个用于检测编码的段落。\n我们需要足够多的文字，让检测器正常工作。\n北京欢迎你。\n".encode(
                "gb18030"
            ),
            ["中文文本测试", "北京欢迎你"],
        ),
        ("bom16.txt", "Grüße aus Köln\n\nZweiter Absatz: Straße.\n".encode("utf-16"), ["Grüße aus Köln", "Straße"]),
        (
            "one-bad-byte.txt",
            "Première ligne : café crème.\n\n".encode() + b"stray \xff byte\n\n" + "Deuxième : naïve.\n".encode(),
            ["Première ligne : café crème.", "stray ÿ byte", "Deuxième : naïve."],
        ),
        (
            "mixed.txt",
            "UTF-8 part: café, Grüße, ½.\n\n".encode() + b"Pasted from Windows: na\xefve \x93quoted\x94.\n",
            ["café, Grüße, ½", "naïve “quoted”"],
        ),
    ],
)
def test_text_in_any_usual_encoding_comes_out_readable(tmp_path: Path, name: str, data: bytes, expected: list[str]):
    path = tmp_path / name
    path.write_bytes(data)
    text = read_document(path).text()
    for words in expected:
        assert words in text, text


def test_markdown_headings_become_sections(tmp_path: Path):
    path = tmp_path / "notes.md"
    path.write_text(
        "Intro line before any heading.\n\n"
        "# Introduction\n\nFirst paragraph.\nSame paragraph.\n\nSecond paragraph.\n\n"
        "## Method ##\n\n```bash\n# a comment, not a heading\n\necho hi\n```\n\n"
        "#hashtag is not a heading either\n"
    )
    document = read_document(path)
    assert document.kind == "md"
    assert labels(document) == ["paragraph 1", "§ Introduction", "§ Method"]
    assert document.sections[1].text == "Introduction\n\nFirst paragraph.\nSame paragraph.\n\nSecond paragraph."
    method = document.sections[2].text
    assert "# a comment, not a heading\n\necho hi" in method and "#hashtag is not a heading either" in method
    assert [s.index for s in document.sections] == [0, 1, 2]


# -- HTML -----------------------------------------------------------------------------------------


def test_html_drops_scripts_and_styles_and_sections_by_heading(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Tab title</title><style>body { color: red }</style>"
        "<script>var secret = 'SCRIPT-TEXT';</script></head><body>"
        "<h1>Main &amp; only</h1><p>Caf&eacute; &#8220;quoted&#8221; &lt;tag&gt;</p>"
        "<script>alert('SCRIPT-TWO')</script><noscript>Enable JavaScript</noscript>"
        "<h2>Second <em>part</em></h2><p>Line one<br>Line two</p>"
        "<ul><li>Item A</li><li>Item B</li></ul>"
        "<table><tr><th>Name</th><th>Score</th></tr><tr><td>Ada</td><td>10</td></tr></table>"
        "<pre>keep   these\n   spaces</pre></body></html>",
        encoding="utf-8",
    )
    document = read_document(path)
    assert document.kind == "html"
    assert labels(document) == ["§ Main & only", "§ Second part"]
    text = document.text()
    for absent in ("SCRIPT", "color", "Tab title", "Enable JavaScript"):
        assert absent not in text
    assert "Café “quoted” <tag>" in document.sections[0].text
    second = document.sections[1].text
    assert "Line one\nLine two" in second and "- Item A" in second and "- Item B" in second
    assert "Name | Score" in second and "Ada | 10" in second
    assert "keep   these\n   spaces" in second


def test_html_declared_latin1_is_read_as_windows_1252(tmp_path: Path):
    path = tmp_path / "old.htm"
    path.write_bytes(b'<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 \x93ok\x94</p></body></html>')
    assert read_document(path).text() == "Café “ok”"


# -- PDF ------------------------------------------------------------------------------------------


def test_text_pdf_has_one_section_per_page(tmp_path: Path):
    path = tmp_path / "three.pdf"
    path.write_bytes(text_pdf(["Hello page one", "Hello page two", "Hello page three"]))
    document = read_document(path)
    assert document.kind == "pdf"
    assert [(s.label, s.text) for s in document.sections] == [
        ("page 1", "Hello page one"),
        ("page 2", "Hello page two"),
        ("page 3", "Hello page three"),
    ]


def test_binary_junk_named_pdf_is_refused(tmp_path: Path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(os.urandom(64 * 1024))
    assert refused(path) == "junk.pdf is not a PDF (it looks like binary data)."


def test_pdf_named_txt_is_read_as_pdf_and_a_note_about_pdfs_as_text(tmp_path: Path):
    disguised = tmp_path / "disguised.txt"
    disguised.write_bytes(text_pdf(["Still a PDF"]))
    assert read_document(disguised).kind == "pdf"
    note = tmp_path / "note.md"
    note.write_text("Every PDF starts with %PDF-1.x, then objects.\n")
    document = read_document(note)
    assert document.kind == "md" and "%PDF-1.x" in document.text()


def test_text_named_pdf_is_refused(tmp_path: Path):
    path = tmp_path / "fake.pdf"
    path.write_text("Just some text, saved with the wrong extension.\n")
    assert refused(path) == "fake.pdf is not a PDF (it is plain text)."


def read_or_refused(path: Path, **options) -> Document | str:
    """A damaged file either reads (the parser recovered) or is refused in the app's words, in time;
    which of the two is the PDF library's choice and may change between its releases."""
    started = time.monotonic()
    try:
        outcome: Document | str = read_document(path, **options)
    except DocumentError as err:
        outcome = str(err)
        assert outcome.startswith(f"{path.name} is damaged"), outcome
        assert outcome.endswith(")."), outcome
    assert time.monotonic() - started < 10
    return outcome


def test_pdf_whose_xref_chain_loops_reads_or_is_refused_in_time(tmp_path: Path):
    path = tmp_path / "loop-xref.pdf"
    path.write_bytes(pdf_bytes(text_pdf_objects([line_of_text("Looped but readable")]), prev_points_to_itself=True))
    outcome = read_or_refused(path, timeout=10)
    if isinstance(outcome, Document):
        assert [(s.label, s.text) for s in outcome.sections] == [("page 1", "Looped but readable")]


def test_pdf_whose_page_tree_contains_itself_reads_or_is_refused_in_time(tmp_path: Path):
    path = tmp_path / "loop-pages.pdf"
    objects = text_pdf_objects([line_of_text("Only once")])
    objects[1] = b"<< /Type /Pages /Kids [4 0 R 2 0 R] /Count 2 >>"  # the page tree lists itself as a kid
    path.write_bytes(pdf_bytes(objects))
    outcome = read_or_refused(path, timeout=10)
    if isinstance(outcome, Document):  # never the same page over and over
        assert outcome.text().count("Only once") == 1


def test_password_protected_pdf_is_refused(tmp_path: Path):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(["Top secret"]))))
    writer.encrypt(user_password="open sesame")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as f:
        writer.write(f)
    assert refused(path) == "locked.pdf is password-protected; remove the password and try again."


def test_pdf_with_only_an_owner_password_opens(tmp_path: Path):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(["Readable by anyone"]))))
    writer.encrypt(user_password="", owner_password="owner only")
    path = tmp_path / "permissions.pdf"
    with path.open("wb") as f:
        writer.write(f)
    assert read_document(path).text() == "Readable by anyone"


def test_scanned_pdf_without_text_layer_is_refused(tmp_path: Path):
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.add_blank_page(width=612, height=792)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as f:
        writer.write(f)
    assert refused(path) == (
        "scan.pdf has no text layer (it is probably scanned images); there is no text to summarise."
    )


# -- Word -----------------------------------------------------------------------------------------


def test_word_document_sections_by_heading_with_tables(tmp_path: Path):
    document = read_document(real_docx(tmp_path / "report.docx"))
    assert document.kind == "docx"
    assert labels(document) == ["§ Quarterly report", "§ Introduction", "§ Outlook"]
    assert document.sections[0].text == "Quarterly report\n\nPrepared for the board."
    assert document.sections[1].text == (
        "Introduction\n\nSales rose in every region.\n\nThe north grew fastest.\n\nRegion | Growth\nNorth | 12%"
    )
    assert document.sections[2].text == "Outlook\n\nWe expect more of the same."


DECLARATION_REFUSED = (
    "contains an XML entity or document type declaration, which Word documents never need and which could "
    "hide an entity bomb or read other files on this computer."
)


def test_word_entity_bomb_is_refused_quickly_within_little_memory(tmp_path: Path):
    path = docx_with_document_xml(tmp_path, "laughs.docx", word_xml(BILLION_LAUGHS, "&lol9;").encode())
    # 256 MB: expanded, the bomb would be 3 GB of "lol".
    message = refused(path, within=10, memory_bytes=256 * MB)
    assert message == f"laughs.docx was not opened: its part word/document.xml {DECLARATION_REFUSED}"


def test_declarations_are_refused_before_any_xml_parser_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The app's own check comes first, so its message does not depend on what lxml or libxml2
    do with a DTD (lxml 6.2 began refusing bombs itself, with a message of its own)."""

    def no_parser(*args, **kwargs):
        raise AssertionError("an XML parser was handed a part that declares a DTD")

    path = docx_with_document_xml(tmp_path, "laughs.docx", word_xml(BILLION_LAUGHS, "&lol9;").encode())
    for parse in ("XMLParser", "iterparse", "fromstring", "parse", "XML"):
        monkeypatch.setattr(etree, parse, no_parser)
    monkeypatch.setattr(docx, "Document", no_parser)
    with pytest.raises(DocumentError) as caught:
        extract(path)
    assert str(caught.value) == f"laughs.docx was not opened: its part word/document.xml {DECLARATION_REFUSED}"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_word_external_entity_never_reads_the_local_file(tmp_path: Path, canary: tuple[Path, str], encoding: str):
    canary_path, secret = canary
    xml = word_xml(xxe(canary_path), "before &xxe; after")
    if encoding != "utf-8":  # a byte search for "<!DOCTYPE" would not see these (the -le/-be ones have no BOM)
        xml = xml.replace('encoding="UTF-8"', f'encoding="{encoding.upper()[:6]}"')
    path = docx_with_document_xml(tmp_path, "xxe.docx", xml.encode(encoding))
    message = refused(path)
    assert message == f"xxe.docx was not opened: its part word/document.xml {DECLARATION_REFUSED}"
    assert secret not in message
    # And in this process, without the sandbox in between: refused too, the secret nowhere.
    with pytest.raises(DocumentError) as caught:
        extract(path)
    assert secret not in str(caught.value)


def test_a_declaration_in_any_part_is_refused(tmp_path: Path, canary: tuple[Path, str]):
    canary_path, _secret = canary
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a long comment first -->' + " " * 100_000 + "\n"
        + xxe(canary_path)
        + f'<w:styles xmlns:w="{W_NS}">&xxe;</w:styles>'
    )  # fmt: skip
    path = docx_with_part(tmp_path, "styled.docx", "word/styles.xml", styles.encode())
    assert refused(path) == f"styled.docx was not opened: its part word/styles.xml {DECLARATION_REFUSED}"


@pytest.mark.parametrize(
    ("label", "data"),
    [
        # UTF-7 hides "<!DOCTYPE" from a byte search; libxml2 decodes it when iconv knows UTF-7.
        ("UTF-7", b'<?xml version="1.0" encoding="UTF-7"?>\n' + "<!DOCTYPE x []>".encode("utf-7")),
        ("EBCDIC", '<?xml version="1.0" encoding="IBM037"?><w:document/>'.encode("cp037")),
        ("UTF-16 declared in one-byte text", b'<?xml version="1.0" encoding="UTF-16"?><w:document/>'),
    ],
    ids=["utf-7", "ebcdic", "utf-16-declared-in-one-byte-text"],
)
def test_xml_in_an_encoding_word_never_writes_is_refused(tmp_path: Path, label: str, data: bytes):
    path = docx_with_document_xml(tmp_path, "odd.docx", data)
    message = refused(path)
    assert message.startswith("odd.docx was not opened: its part word/document.xml is XML in the "), (label, message)
    assert message.endswith(
        " text encoding, which Word never writes, so it could not be checked for hidden entity declarations."
    )


def test_word_document_in_utf16_without_a_dtd_is_read(tmp_path: Path):
    xml = word_xml("", "Written by an old exporter").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = docx_with_document_xml(tmp_path, "wide.docx", xml.encode("utf-16"))
    assert read_document(path).text() == "Written by an old exporter"


def test_web_page_with_an_entity_bomb_is_read_without_expanding_it(tmp_path: Path):
    """HTML is read by the standard library's tokenizer, which never expands declared entities, so
    a page's DTD (every page starts with <!DOCTYPE html>) is harmless there and is not refused."""
    path = tmp_path / "laughs.html"
    page = "\n<html><body><p>Hello &lol9; world</p></body></html>"
    path.write_text(BILLION_LAUGHS.replace("w:document", "html") + page)
    started = time.monotonic()
    text = read_document(path, memory_bytes=256 * MB).text()
    assert time.monotonic() - started < 10
    assert "Hello" in text and "world" in text
    assert "lollol" not in text and len(text) < 10_000


def test_python_docx_parser_resolves_no_entities(canary: tuple[Path, str]):
    """What stands behind the app's own check: python-docx's parser neither reads external
    entities nor expands an entity bomb. (Whether libxml2 refuses the bomb or leaves it
    unexpanded depends on its version; either way nothing grows.)"""
    from docx.oxml.parser import parse_xml

    canary_path, secret = canary
    element = parse_xml(word_xml(xxe(canary_path), "&xxe;").encode())
    assert secret not in etree.tostring(element, encoding="unicode")
    assert secret not in "".join(element.itertext())

    started = time.monotonic()
    try:
        bomb = parse_xml(word_xml(BILLION_LAUGHS, "&lol9;").encode())
    except etree.XMLSyntaxError:
        pass  # refused by libxml2's own guard
    else:
        assert len(etree.tostring(bomb)) < 100_000  # left unexpanded
    assert time.monotonic() - started < 2


def test_zip_of_something_else_named_docx_is_refused(tmp_path: Path):
    path = tmp_path / "photos.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday/beach.txt", "not a Word document")
    assert refused(path) == "photos.docx is not a Word document (it is a ZIP archive without word/document.xml)."


def test_plain_text_named_docx_is_refused(tmp_path: Path):
    path = tmp_path / "letter.docx"
    path.write_text("Dear Sir, this was never a Word file.\n")
    assert refused(path) == "letter.docx is not a Word document (it is plain text)."


def test_old_word_or_encrypted_office_file_is_refused(tmp_path: Path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    assert "old-style Office file (.doc) or a password-protected Office document" in refused(path)


def test_word_zip_bomb_is_refused_by_unpacked_size(tmp_path: Path):
    path = docx_with_document_xml(tmp_path, "bomb.docx", word_xml("", "x" * (8 * MB)).encode())
    assert path.stat().st_size < 200_000  # 8 MB of "x" deflates to almost nothing
    message = refused(path, max_bytes=1 * MB)
    assert re.fullmatch(r"bomb\.docx unpacks to 8\.\d MB; the limit is 1 MB\.", message)


# -- the sandbox itself ---------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)  # opening it to read would wait for a writer forever
    assert "is not a regular file" in refused(path, within=5)


def test_folder_is_refused(tmp_path: Path):
    path = tmp_path / "folder.md"
    path.mkdir()
    assert refused(path) == "folder.md is a folder, not a document."


def test_missing_file_is_refused(tmp_path: Path):
    assert "does not exist" in refused(tmp_path / "gone.txt")


def test_reader_that_takes_too_long_is_stopped(slow_pdf: Path):
    message = refused(slow_pdf, within=3, timeout=0.5)
    assert message == (
        "slow.pdf took longer than 0.5 s to read and was stopped (it may be damaged or built to hang a reader)."
    )
    # (no_leftover_children checks that the child is gone)


def test_slow_pdf_reads_within_the_default_limit(slow_pdf: Path):
    document = read_document(slow_pdf)
    assert len(document.sections) == 2000 and document.sections[-1].label == "page 2000"


@pytest.mark.skipif(os.name != "posix", reason="the memory cap needs rlimits")
def test_reader_that_needs_too_much_memory_is_stopped(tmp_path: Path):
    path = tmp_path / "heavy.txt"
    block = b"Plain text that the reader must keep in memory to return it.\n\n" * 16_384  # 1 MB
    with path.open("wb") as f:
        for _ in range(80):
            f.write(block)
    message = refused(path, within=20, max_bytes=200 * MB, memory_bytes=64 * MB)
    assert message == "heavy.txt needed more than 64 MB of memory to read and was stopped."


def test_cancel_stops_the_reader_at_once(slow_pdf: Path):
    token = CancelToken()
    cancelled_at: list[float] = []

    def stop() -> None:
        cancelled_at.append(time.monotonic())
        token.cancel()

    timer = threading.Timer(0.3, stop)
    timer.daemon = True
    timer.start()
    try:
        with pytest.raises(Cancelled):
            read_document(slow_pdf, cancel=token)
        assert time.monotonic() - cancelled_at[0] < 0.5
    finally:
        timer.cancel()
        timer.join()


def test_cancelled_before_start_starts_nothing(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("text")
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        read_document(path, cancel=token)


def test_child_entry_point_reports_refusals_as_json_with_status_0(tmp_path: Path, capsys: pytest.CaptureFixture):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    assert main([str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "error": "empty.md is empty.",
        "template": "{name} is empty.",
        "fields": {"name": "empty.md"},
    }

    good = tmp_path / "good.md"
    good.write_text("# Hi\n\nthere\n")
    out = tmp_path / "out.json"
    assert main([str(good), "--out", str(out)]) == 0
    document = Document.from_dict(json.loads(out.read_text()))
    assert document.name == "good.md" and labels(document) == ["§ Hi"]


def sandboxed_refusal(path: Path, **options) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        read_document(path, **options)
    return caught.value


def test_a_refusal_keeps_its_template_and_fields_across_the_process_boundary(tmp_path: Path):
    """The GUI shows a refusal translated, from the template and fields it was made of: the child
    sends them along with the message, and the sandbox rebuilds the very same error."""
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(os.urandom(64 * 1024))
    err = sandboxed_refusal(junk)
    assert str(err) == "junk.pdf is not a PDF (it looks like binary data)."
    assert err.template == "{name} is not a PDF (it looks like binary data)."
    assert err.fields == {"name": "junk.pdf"}
    extract_source = (Path(__file__).parents[1] / "assistant/documents/extract.py").read_text()
    assert f'translatable("{err.template}")' in extract_source  # what `make i18n` collects

    big = tmp_path / "big.md"
    big.write_text("text\n" * 1000)  # 5 kB against a 1 kB limit: above it, the sandbox asks the child
    err = sandboxed_refusal(big, max_bytes=1000)
    assert str(err) == "big.md is 5 KB; the limit is 1 KB."
    assert err.template == "{name} is {size}; the limit is {limit}."
    assert err.fields == {"name": "big.md", "size": "5 KB", "limit": "1 KB"}

    bomb = docx_with_document_xml(tmp_path, "laughs.docx", word_xml(BILLION_LAUGHS, "&lol9;").encode())
    err = sandboxed_refusal(bomb, memory_bytes=256 * MB)
    assert str(err) == f"laughs.docx was not opened: its part word/document.xml {DECLARATION_REFUSED}"
    assert err.template.startswith("{name} was not opened: its part {part} contains an XML entity")
    assert err.fields == {"name": "laughs.docx", "part": "word/document.xml"}


def test_a_refusal_without_a_template_that_fits_keeps_its_message():
    plain = _refusal({"error": "old.pdf is damaged."})
    assert (str(plain), plain.template, plain.fields) == ("old.pdf is damaged.", "old.pdf is damaged.", {})
    for template, fields in [("{name} is {what}.", {"name": "old.pdf"}), ("{name} is odd.", {"name": "new.pdf"})]:
        err = _refusal({"error": "old.pdf is damaged.", "template": template, "fields": fields})
        assert (str(err), err.template, err.fields) == ("old.pdf is damaged.", "old.pdf is damaged.", {})


# -- pasted text and the data types ---------------------------------------------------------------


def test_pasted_markdown_is_cut_at_headings():
    document = from_text("# One\n\nfirst\n\n## Two\n\nsecond\n")
    assert document.name == "Pasted text" and document.kind == "text"
    assert [(s.label, s.text) for s in document.sections] == [("§ One", "One\n\nfirst"), ("§ Two", "Two\n\nsecond")]
    assert document.text() == "One\n\nfirst\n\nTwo\n\nsecond"
    assert document.size == len(b"# One\n\nfirst\n\n## Two\n\nsecond\n")


def test_pasted_paragraphs_are_grouped_and_long_ones_split():
    short = "\n\n".join(f"Short paragraph number {i}." for i in range(1, 2001))
    document = from_text(short, name="clipboard")
    assert document.name == "clipboard"
    assert 10 < len(document.sections) < 100  # grouped, not 2,000 sections
    assert document.sections[0].label.startswith("paragraphs 1–")
    assert document.sections[-1].label.endswith("–2000")
    assert document.text().replace("\n\n", " ").split() == short.replace("\n\n", " ").split()

    words = " ".join(f"word{i}" for i in range(20_000))  # one paragraph of 20,000 words
    long = from_text(words)
    assert all(len(s.text) <= MAX_SECTION_CHARS for s in long.sections)
    assert {s.label for s in long.sections} == {"paragraph 1"}
    assert " ".join(s.text for s in long.sections) == words


def test_pasted_nothing_is_refused():
    with pytest.raises(DocumentError, match="Pasted text is empty"):
        from_text(" \n\n ")


def test_document_round_trips_through_json_and_rejects_junk():
    document = Document("a.txt", "0" * 64, 3, "txt", (Section("paragraph 1", "abc", 0),))
    assert Document.from_dict(json.loads(json.dumps(document.to_dict()))) == document
    junk: list[object] = [
        None,
        [],
        {"name": "a"},
        {**document.to_dict(), "kind": "exe"},
        {**document.to_dict(), "size": "3"},
    ]
    for bad in junk:
        with pytest.raises(ValueError):
            Document.from_dict(bad)
