"""Markdown rendering: block splitting, incremental rendering that matches a one-shot render, code
highlighting, and the rule that the chat view never fetches anything (checked with a real server)."""

from __future__ import annotations

import http.server
import re
import threading
import time
import urllib.request

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QTextCursor, QTextDocument

from assistant.ui.chat.bench import reply_pieces
from assistant.ui.chat.markdown import (
    CODE_BLOCK_PROPERTY,
    CODE_CHUNK_LINES,
    Block,
    MarkdownRenderer,
    SafeTextDocument,
    safe_markdown,
    split_blocks,
)
from assistant.ui.chat.transcript_view import MessageItem, TranscriptView

# -- helpers ------------------------------------------------------------------------------------


def blocks_of(doc: QTextDocument):
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()


def describe(doc: QTextDocument) -> list[tuple]:
    """Each block's text and the formats that make it look the way it does."""
    out = []
    for b in blocks_of(doc):
        fmt = b.blockFormat()
        out.append(
            (
                b.text(),
                b.textList().format().style() if b.textList() else None,
                fmt.headingLevel(),
                fmt.topMargin(),
                fmt.bottomMargin(),
                fmt.property(CODE_BLOCK_PROPERTY),
                QTextCursor(b).currentTable() is not None,
            )
        )
    return out


def code_lines(doc: QTextDocument) -> list[str]:
    return [b.text() for b in blocks_of(doc) if b.blockFormat().hasProperty(CODE_BLOCK_PROPERTY)]


def fragments(doc: QTextDocument):
    for b in blocks_of(doc):
        it = b.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid():
                yield b, frag
            it += 1


def table_count(doc: QTextDocument) -> int:
    return len({t.firstPosition() for b in blocks_of(doc) if (t := QTextCursor(b).currentTable())})


def render(text: str, dark: bool = False) -> MarkdownRenderer:
    r = MarkdownRenderer(dark=dark)
    r.set_text(text)
    return r


# -- split_blocks -------------------------------------------------------------------------------


def test_split_keeps_paragraphs_lists_tables_and_headings_apart() -> None:
    text = (
        "# Title\n\nFirst paragraph\nstill first.\n\n- a\n- b\n\n- c, same loose list\n\n  continued item c\n\n"
        "| x | y |\n|---|---|\n| 1 | 2 |\n\nLast."
    )
    blocks = split_blocks(text)
    assert [b.text for b in blocks] == [
        "# Title",
        "First paragraph\nstill first.",
        "- a\n- b\n\n- c, same loose list\n\n  continued item c",
        "| x | y |\n|---|---|\n| 1 | 2 |",
        "Last.",
    ]
    assert all(b.kind == "markdown" for b in blocks)
    assert [b.complete for b in blocks] == [True, True, True, True, False]
    assert [text[b.start : b.start + len(b.text)] for b in blocks] == [b.text for b in blocks]


def test_split_fences_backtick_and_tilde_with_language() -> None:
    text = "Intro\n```python\nx = 1\n\n\ny = 2\n```\nbetween\n~~~ Rust extra\nfn main() {}\n~~~\nend"
    blocks = split_blocks(text)
    assert [(b.kind, b.text, b.language, b.complete) for b in blocks] == [
        ("markdown", "Intro", "", True),
        ("code", "x = 1\n\n\ny = 2", "python", True),
        ("markdown", "between", "", True),
        ("code", "fn main() {}", "rust", True),
        ("markdown", "end", "", False),
    ]


def test_a_fence_closes_only_with_its_own_kind_and_length() -> None:
    text = "````md\n```python\nprint(1)\n```\n~~~\n````\nafter"
    blocks = split_blocks(text)
    assert blocks[0] == Block("code", "```python\nprint(1)\n```\n~~~", "md", True, 0)
    assert blocks[1].text == "after"


def test_inline_triple_backticks_are_not_a_fence() -> None:
    assert [b.kind for b in split_blocks("Use ```code``` inline\n\nok")] == ["markdown", "markdown"]


def test_unclosed_fence_is_an_open_code_block() -> None:
    blocks = split_blocks("Look:\n\n```js\nconst a = 1;\n\nconst b = 2;\n")
    assert blocks[-1] == Block("code", "const a = 1;\n\nconst b = 2;", "js", False, 7)
    # A closing fence still arriving is not shown as code.
    assert split_blocks("```js\nx\n``")[-1].text == "x"
    assert split_blocks("```js\nx\n```")[-1].complete is True


def test_fence_inside_a_list_is_a_code_block_and_the_numbering_goes_on(qapp) -> None:
    text = "1. Install:\n   ```bash\n   pip install thing\n\n   thing --help\n   ```\n2. Run it."
    blocks = split_blocks(text)
    assert [(b.kind, b.text) for b in blocks] == [
        ("markdown", "1. Install:"),
        ("code", "pip install thing\n\nthing --help"),
        ("markdown", "2. Run it."),
    ]
    doc = render(text).document
    run = next(b for b in blocks_of(doc) if b.text() == "Run it.")
    assert run.textList() is not None and run.textList().itemText(run) == "2."


# -- incremental rendering ----------------------------------------------------------------------


def stream(renderer: MarkdownRenderer, pieces: list[str]) -> list[int]:
    rendered = []
    text = renderer.text
    for piece in pieces:
        text += piece
        renderer.set_text(text)
        rendered.append(renderer.last_rendered)
    return rendered


def test_streaming_piece_by_piece_gives_the_one_shot_document(qapp) -> None:
    pieces = reply_pieces(900)  # headings, lists, tables, code in four languages
    final = "".join(pieces)
    streamed = MarkdownRenderer()
    stream(streamed, pieces)
    one_shot = render(final)
    assert streamed.document.toPlainText() == one_shot.document.toPlainText()
    assert describe(streamed.document) == describe(one_shot.document)
    assert streamed.code_blocks() == one_shot.code_blocks() and len(one_shot.code_blocks()) >= 4
    assert code_lines(one_shot.document)
    assert table_count(one_shot.document) >= 2
    assert "def fibonacci(n: int) -> list[int]:" in code_lines(streamed.document)


def test_rendering_matches_qt_set_markdown_for_plain_markdown(qapp) -> None:
    text = "# Title\n\nSome *text*.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n\n3. three\n4. four"
    reference = QTextDocument()
    reference.setMarkdown(text, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    assert describe(render(text).document) == describe(reference)


def test_only_the_tail_is_rendered_again(qapp) -> None:
    head = "# Title\n\nA first paragraph.\n\n- a\n- b\n\n```python\nx = 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    r = render(head + "The tail")
    initial = r.units_rendered
    doc = r.document
    first = doc.begin()
    first.setUserState(42)  # a mark that a re-rendered block would not have
    code = next(b for b in blocks_of(doc) if b.text() == "x = 1")
    code.setUserState(7)
    rendered = stream(r, [" grows", " word", " by word.", "\n\nA new paragraph", " and more.", "\n\n- a list"])
    assert rendered == [1, 1, 1, 1, 1, 1], "one unit per append: the last block (or the new one)"
    assert doc.begin().userState() == 42 and doc.begin().text() == "Title"
    assert next(b for b in blocks_of(doc) if b.text() == "x = 1").userState() == 7
    assert r.units_rendered == initial + 6


def test_a_huge_code_block_streams_at_constant_cost(qapp) -> None:
    lines = [f"    total += compute({i}, 'value')  # step {i}" for i in range(4000)]
    r = MarkdownRenderer()
    text = "```python\n"
    worst = 0.0
    for line in lines:
        text += line + "\n"
        started = time.perf_counter()
        r.set_text(text)
        worst = max(worst, time.perf_counter() - started)
        assert r.last_rendered <= 2, "only the last chunk of lines (and a new one) is rendered"
    assert worst < 0.25, f"slowest line took {worst * 1000:.0f} ms"
    started = time.perf_counter()
    one_shot = render(text + "```\n")
    assert time.perf_counter() - started < 5
    assert code_lines(one_shot.document)[1:] == lines
    assert len(r._units) == 1 + -(-len(lines) // CODE_CHUNK_LINES)


def test_editing_the_start_renders_everything_again(qapp) -> None:
    r = render("one\n\ntwo\n\nthree")
    r.set_text("ONE\n\ntwo\n\nthree")
    assert r.last_rendered == 3
    assert r.document.toPlainText() == render("ONE\n\ntwo\n\nthree").document.toPlainText()
    r.set_text("ONE")
    assert r.document.toPlainText() == "ONE"


# -- code ---------------------------------------------------------------------------------------


def code_colors(doc: QTextDocument) -> set[str]:
    """The text colours of code lines (not of the "Copy code" header line)."""
    return {
        frag.charFormat().foreground().color().name()
        for b, frag in fragments(doc)
        if b.blockFormat().hasProperty(CODE_BLOCK_PROPERTY) and not b.text().startswith("Copy code")
    }


def code_backgrounds(doc: QTextDocument) -> set[str]:
    return {
        b.blockFormat().background().color().name()
        for b in blocks_of(doc)
        if b.blockFormat().hasProperty(CODE_BLOCK_PROPERTY)
    }


PYTHON = '```python\ndef greet(name: str) -> str:\n    return f"hello {name}"  # say it\n```'


def test_python_code_is_highlighted(qapp) -> None:
    r = render(PYTHON)
    assert r.code_blocks() == ['def greet(name: str) -> str:\n    return f"hello {name}"  # say it']
    keyword = next(frag for _, frag in fragments(r.document) if frag.text() == "def")
    assert keyword.charFormat().foreground().color() != QColor("#1f2328")
    assert keyword.charFormat().fontFixedPitch()
    assert len(code_colors(r.document)) >= 4, "keywords, names, strings and comments differ"
    assert "Copy code" in r.document.toPlainText()


def test_unknown_language_is_plain_text(qapp) -> None:
    r = render("```nosuchlanguage\nx = 1 # not a comment\n```")
    assert code_lines(r.document)[1:] == ["x = 1 # not a comment"]
    assert len(code_colors(r.document)) == 1


def test_dark_mode_changes_the_code_colors(qapp) -> None:
    prose = "Intro paragraph.\n\nSecond paragraph.\n\n"
    r = render(prose + PYTHON)
    # Not the paragraph right before the code: Qt resets the user state of the block that the
    # removal of what follows merges into, though its text and formats stay.
    r.document.begin().setUserState(3)
    light_colors, light_bg = code_colors(r.document), code_backgrounds(r.document)
    r.set_dark(True)
    assert code_colors(r.document) != light_colors
    assert code_backgrounds(r.document) != light_bg
    assert r.document.begin().userState() == 3, "prose is not rendered again for a colour change"
    assert describe(r.document) == describe(render(prose + PYTHON, dark=True).document)


# -- safety -------------------------------------------------------------------------------------


def image_count(doc: QTextDocument) -> int:
    return sum(1 for _, frag in fragments(doc) if frag.charFormat().isImageFormat())


def anchors(doc: QTextDocument) -> dict[str, str]:
    return {frag.text(): frag.charFormat().anchorHref() for _, frag in fragments(doc) if frag.charFormat().isAnchor()}


def test_images_become_links(qapp) -> None:
    text = (
        "Inline ![a cat](http://example.com/cat.png) here.\n\n"
        "Reference ![a dog][dog] and shortcut ![bird].\n\n"
        'HTML <img src="http://example.com/fish.png" alt="a fish"> too.\n\n'
        "Code stays `![code](http://example.com/x.png)`.\n\n"
        "[dog]: http://example.com/dog.png\n[bird]: http://example.com/bird.png"
    )
    r = render(text)
    assert image_count(r.document) == 0
    links = anchors(r.document)
    assert links["🖼 a cat"] == "http://example.com/cat.png"
    assert links["🖼 a dog"] == "http://example.com/dog.png"
    assert links["🖼 bird"] == "http://example.com/bird.png"
    assert links["🖼 a fish"] == "http://example.com/fish.png"
    assert "![code](http://example.com/x.png)" in r.document.toPlainText()
    assert "![" not in safe_markdown(text).replace("`![code]", "")


def test_raw_html_shows_as_text(qapp) -> None:
    r = render('<script>alert("hi")</script>\n\nText <iframe src="http://example.com/"></iframe> <b>bold?</b>')
    text = r.document.toPlainText()
    assert '<script>alert("hi")</script>' in text
    assert '<iframe src="http://example.com/"></iframe>' in text and "<b>bold?</b>" in text
    assert not any(frag.charFormat().fontWeight() > 400 for _, frag in fragments(r.document))


def test_safe_document_refuses_remote_and_local_resources(qapp, tmp_path) -> None:
    doc = SafeTextDocument()
    picture = tmp_path / "p.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    for url in ("http://127.0.0.1:9/x.png", "https://example.com/x.png", picture.as_uri(), "p.png"):
        assert doc.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url)) is None


class _CountingServer:
    def __init__(self) -> None:
        self.requests: list[str] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> _CountingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


def all_laid_out(view: TranscriptView) -> bool:
    widgets = [view.message_widget(i) for i in view.message_ids()]
    return all(w is not None and w.isVisible() and w.text.document().size().height() > 0 for w in widgets)


def test_the_transcript_fetches_nothing_from_the_network(qtbot) -> None:
    with _CountingServer() as server:
        base = f"http://127.0.0.1:{server.port}"
        content = (
            f"Look: ![x]({base}/pixel.png)\n\n"
            f'<img src="{base}/a.png">\n\n'
            f"Reference ![y][r]\n\n[r]: {base}/ref.png\n\n"
            f"<link rel=stylesheet href='{base}/s.css'> <iframe src='{base}/frame'></iframe>"
        )
        view = TranscriptView()
        qtbot.addWidget(view)
        view.resize(800, 600)
        view.set_messages([MessageItem(1, "assistant", content)])
        view.begin_stream(MessageItem(2, "assistant", ""))
        for piece in re.findall(r"\s*\S+", content):
            view.stream_text(2, piece)
        view.show()
        view.finish_stream(2)
        # The last lock on its own: an <img> that reaches the document as HTML still loads nothing.
        widget = view.message_widget(1)
        assert widget is not None
        QTextCursor(widget.text.document()).insertHtml(f'<img src="{base}/direct.png" width="10" height="10">')
        # Laying out and painting is when Qt asks for an image (synchronously): once every message is
        # laid out and painted, any request would already have reached the server.
        qtbot.waitUntil(lambda: all_laid_out(view), timeout=5000)
        for message_id in (1, 2):
            view.message_widget(message_id).text.viewport().repaint()
        assert server.requests == []
        assert image_count(view.message_widget(2).text.document()) == 0
        # The server does count requests: one made on purpose arrives.
        urllib.request.urlopen(f"{base}/control.png", timeout=5).close()
        assert server.requests == ["/control.png"]


@pytest.mark.parametrize("text", ["", "\n\n\n", "```", "~~~\n", "- ", "| a |", "#"])
def test_degenerate_input_renders(qapp, text: str) -> None:
    r = render(text)
    assert r.document.toPlainText() == render(text).document.toPlainText()
