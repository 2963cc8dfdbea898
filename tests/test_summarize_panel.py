"""The Summarize panel, with real Qt (offscreen), real files in tmp_path read by the real sandboxed reader,
and the real database. Tests about the panel's own behaviour use the scripted engine (fast, deterministic);
one test summarizes a document several times the context window with the real engine and default model,
then stops a second run midway."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTextEdit,
)

from assistant.core.chunking import SourceRef, SourceSection, passage_sections
from assistant.core.inference import GenerationParams
from assistant.core.summarize import Point, Progress, Stage, Summary, to_markdown
from assistant.errors import EngineUnavailable
from assistant.jobs.summarize import summary_from_saved
from assistant.storage.db import Database
from assistant.storage.summaries import Summaries
from assistant.ui.summarize.panel import SummarizePanel
from assistant.workers.engine_host import EngineHost

from scripted_engine import ScriptedEngine

REAL_TIMEOUT_MS = 300_000  # a guard against a hang, not a speed check: two cores, a long document

# What the scripted "model" answers every call with: three points, each made of one input's words.
POINTS_REPLY = (
    "- Volcanoes erupt molten basalt near Pompeii.\n"
    "- Honeybees pollinate almond orchards in Provence.\n"
    "- Lighthouse keepers guided schooners along Cornwall."
)
VOLCANO_TEXT = "# Volcanoes\n\nVolcanoes erupt molten basalt; Pompeii was buried in ash.\n"
BEES_TEXT = "# Bees\n\nHoneybees pollinate almond orchards across Provence every spring.\n"


# -- fixtures and helpers --------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path):
    database = Database.open(tmp_path / "data" / "assistant.sqlite3")
    yield database
    database.close()


@pytest.fixture
def open_panel(qtbot, db):
    """Returns a function that opens the panel on an engine; the panel and its host are stopped after the
    test (the engine is not closed: the real one is shared by the session)."""
    hosts: list[tuple[EngineHost, SummarizePanel]] = []

    def make(engine, database: Database | None = None) -> SummarizePanel:
        host = EngineHost(engine)
        host.start()
        qtbot.waitUntil(lambda: host.model is not None, timeout=REAL_TIMEOUT_MS)
        panel = SummarizePanel(database or db, host)
        qtbot.addWidget(panel)
        panel.resize(1100, 700)
        panel.show()
        hosts.append((host, panel))
        return panel

    yield make
    for host, panel in hosts:
        panel.shutdown()
        host.pool.waitForDone(10_000)
        host.aux_pool.waitForDone(10_000)
    QCoreApplication.processEvents()  # the jobs' last signals, while the database is open


def run(qtbot, panel: SummarizePanel, timeout: int = 20_000) -> None:
    assert panel.start() is not None
    qtbot.waitUntil(lambda: panel.job is None, timeout=timeout)


def scripted(reply: str = POINTS_REPLY, **kwargs) -> ScriptedEngine:
    return ScriptedEngine(reply=reply, **kwargs)


def last_prompt(engine: ScriptedEngine) -> str:
    messages, _params = engine.requests[-1]
    return messages[-1].content


def saved(db: Database):
    return Summaries(db).list()


# Hand-made PDF, as in test_documents.py: catalog, page tree, Helvetica, one page per text.
def pdf_bytes(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def text_pdf(texts: list[str]) -> bytes:
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(texts)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(texts)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, text in enumerate(texts):
        content = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("ascii")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    return pdf_bytes(objects)


def word_file(path: Path, heading: str, text: str) -> Path:
    document = docx.Document()
    document.add_heading(heading, level=1)
    document.add_paragraph(text)
    document.save(str(path))
    return path


# -- inputs ----------------------------------------------------------------------------------------


def test_every_kind_of_input_reaches_the_summary_and_is_saved_with_its_sources(qtbot, open_panel, db, tmp_path):
    files = [tmp_path / "notes.txt", tmp_path / "readme.md", tmp_path / "report.docx", tmp_path / "scan.pdf"]
    files[0].write_text("Plain notes about glaciers calving icebergs into fjords.\n", encoding="utf-8")
    files[1].write_text("# Harbour\n\nThe harbour dredging finished in March.\n", encoding="utf-8")
    word_file(files[2], "Budget", "The budget allocates funds for tramways.")
    files[3].write_bytes(text_pdf(["Page one mentions meteorites.", "Page two mentions auroras."]))
    engine = scripted()
    panel = open_panel(engine)
    panel.add_files(files)
    panel.add_files([files[0]])  # listed once
    assert panel.files.count() == 4 and panel.file_paths() == [f.absolute() for f in files]
    panel.paste.setPlainText("Pasted words about zeppelins.")
    statuses: list[str] = []
    panel.status_changed.connect(statuses.append)

    run(qtbot, panel)

    assert not panel.problem.isVisible()
    assert [s for s in statuses if s.startswith("Reading")] == [f"Reading {f.name}…" for f in files]
    material = last_prompt(engine)
    for word in ("glaciers", "dredging", "tramways", "meteorites", "auroras", "zeppelins"):
        assert word in material
    assert "[§ Harbour]" in material and "[page 2]" in material, "sections keep their labels"
    [summary] = saved(db)
    assert summary.title == "notes.txt and 4 more"
    assert [s["name"] for s in summary.sources] == ["notes.txt", "readme.md", "report.docx", "scan.pdf", "Pasted text"]
    assert all(len(s["sha256"]) == 64 and s["size"] > 0 for s in summary.sources)
    assert summary.request == {"style": "keypoints", "length": "medium", "language": None, "question": None}
    assert summary.text == POINTS_REPLY and not summary.partial
    assert "Volcanoes erupt molten basalt near Pompeii." in panel.result.toPlainText()
    assert statuses[-1] == "Summary saved."
    assert panel.progress.value() == panel.progress.maximum() == 1
    assert panel.progress_label.text() == "Summary saved."

    # Remove drops the selected file only; pasted text alone is an input too (titled "Pasted text").
    panel.files.item(1).setSelected(True)
    panel.remove_button.click()
    assert [p.name for p in panel.file_paths()] == ["notes.txt", "report.docx", "scan.pdf"]
    panel.files.clear()
    run(qtbot, panel)
    assert saved(db)[0].title == "Pasted text"


def test_nothing_to_summarize_says_so(qtbot, open_panel, db):
    engine = scripted()
    panel = open_panel(engine)
    assert panel.start() is None
    assert panel.problem.isVisible() and "Add a file or paste some text" in panel.problem.text()
    assert not engine.requests and panel.job is None


def test_a_file_that_cannot_be_read_stops_with_its_reason_and_nothing_else_is_lost(qtbot, open_panel, db, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A readable file.", encoding="utf-8")
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(bytes(range(256)) * 8)
    engine = scripted()
    panel = open_panel(engine)
    panel.add_files([good, junk])
    panel.paste.setPlainText("Pasted and precious.")
    statuses: list[str] = []
    panel.status_changed.connect(statuses.append)

    run(qtbot, panel)

    assert panel.problem.isVisible()
    assert panel.problem.text() == "junk.pdf is not a PDF (it looks like binary data)."
    assert statuses[-1] == panel.problem.text()
    assert [p.name for p in panel.file_paths()] == ["good.txt", "junk.pdf"]
    assert panel.paste.toPlainText() == "Pasted and precious."
    assert not engine.requests and not saved(db)
    assert panel.summarize_button.isEnabled() and not panel.stop_button.isEnabled()
    # Fix the input and go again: the problem line clears and the summary comes.
    panel.files.item(1).setSelected(True)
    panel.remove_selected()
    run(qtbot, panel)
    assert not panel.problem.isVisible() and len(saved(db)) == 1


def test_a_summary_the_full_disk_cannot_take_says_so_and_stays_on_screen(qtbot, open_panel, db):
    """SQLite's own "disk is full" (the database may grow no more pages): the summary is shown, the
    problem said in words, the inputs kept, and nothing half-saved."""
    import sqlite3

    reply = "\n".join(f"- Point {n}: volcanoes erupt molten basalt near Pompeii." for n in range(12))
    panel = open_panel(scripted(reply))
    panel.paste.setPlainText("Pasted and precious.")
    # The app's own connection (max_page_count is per connection), autocommitting: the database may
    # grow no more, and the room left in the summaries' own page is taken by placeholder rows.
    c = db._conn
    c.execute(f"PRAGMA max_page_count = {c.execute('PRAGMA page_count').fetchone()[0]}")
    placeholder = (
        "INSERT INTO summaries (created, title, request, text, points, sources) VALUES (0, '-', '{}', ?, '[]', '[]')"
    )
    with pytest.raises(sqlite3.OperationalError, match="full"):
        while True:
            c.execute(placeholder, ("x" * 40,))

    run(qtbot, panel)

    assert panel.problem.isVisible() and "disk is full" in panel.problem.text()
    assert "Point 0: volcanoes" in panel.result.toPlainText()
    assert panel.paste.toPlainText() == "Pasted and precious."
    c.execute("PRAGMA max_page_count = 1073741823")
    assert {s.title for s in saved(db)} == {"-"}  # nothing of this run was half-saved


def test_engine_failure_is_a_line_in_the_panel_and_the_inputs_stay(qtbot, open_panel, db):
    class Failing(ScriptedEngine):
        def chat(self, messages, params, cancel=None):
            raise EngineUnavailable("The engine is not running. Restart it from the toolbar.")

    panel = open_panel(Failing())
    panel.paste.setPlainText("Some text to summarize.")
    run(qtbot, panel)
    assert panel.problem.isVisible() and panel.problem.text().startswith("The engine is not running")
    assert panel.paste.toPlainText() == "Some text to summarize." and not saved(db)
    assert panel.summarize_button.isEnabled()


def test_dropped_files_join_the_list(qtbot, open_panel, tmp_path):
    panel = open_panel(scripted())
    first, second = tmp_path / "a.txt", tmp_path / "b.md"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(first)), QUrl("https://example.com/c.txt")])
    drop = QDropEvent(
        QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    panel.dropEvent(drop)
    assert [p.name for p in panel.file_paths()] == ["a.txt"], "only local files"
    # A file dropped on the text box joins the list rather than becoming its path as text.
    mime2 = QMimeData()
    mime2.setUrls([QUrl.fromLocalFile(str(second))])
    assert panel.paste.canInsertFromMimeData(mime2)
    panel.paste.insertFromMimeData(mime2)
    assert [p.name for p in panel.file_paths()] == ["a.txt", "b.md"] and panel.paste.toPlainText() == ""


# -- options ---------------------------------------------------------------------------------------


def test_question_style_requires_a_question_and_options_reach_the_model(qtbot, open_panel, db):
    engine = scripted()
    panel = open_panel(engine)
    panel.paste.setPlainText(VOLCANO_TEXT)
    assert not panel.question.isEnabled(), "only for the question style"
    panel.style_combo.setCurrentIndex(panel.style_combo.findData("question"))
    assert panel.question.isEnabled()
    assert panel.start() is None
    assert "question" in panel.problem.text() and not engine.requests

    panel.question.setText("What buried Pompeii?")
    panel.length.setCurrentIndex(panel.length.findData("short"))
    panel.language.setCurrentIndex(panel.language.findData("French"))
    assert panel.language.currentText() == "French (Français)" and panel.output_language() == "French"
    run(qtbot, panel)
    prompt = last_prompt(engine)
    assert '"What buried Pompeii?"' in prompt and "Write in French." in prompt
    assert saved(db)[0].request == {
        "style": "question",
        "length": "short",
        "language": "French",
        "question": "What buried Pompeii?",
    }
    # Any language can be typed; the first entry means the source's own.
    panel.language.setEditText("Klingon")
    assert panel.output_language() == "Klingon"
    panel.language.setCurrentIndex(0)
    assert panel.output_language() is None


# -- results ---------------------------------------------------------------------------------------


def fragments(view):
    """The text fragments of a view's document, each with one character format."""
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            yield it.fragment()
            it += 1
        block = block.next()


def highlights_of(view, word: str) -> set[str]:
    """The background colours (#rrggbb) of the fragments that hold ``word``."""
    return {
        fragment.charFormat().background().color().name()
        for fragment in fragments(view)
        if word in fragment.text() and fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush
    }


def test_points_link_to_their_passages_by_mouse_and_keyboard(qtbot, open_panel, tmp_path):
    volcano, bees = tmp_path / "volcano.txt", tmp_path / "bees.md"
    volcano.write_text(VOLCANO_TEXT, encoding="utf-8")
    bees.write_text(BEES_TEXT, encoding="utf-8")
    panel = open_panel(scripted())
    panel.add_files([volcano, bees])
    run(qtbot, panel)

    assert {"point:0", "point:1"} <= {fragment.charFormat().anchorHref() for fragment in fragments(panel.result)}
    assert "volcano.txt, § Volcanoes" in panel.result.toPlainText(), "each point says where it came from"
    panel.result.anchorClicked.emit(QUrl("point:0"))
    passage = panel.passage.toPlainText()
    assert "volcano.txt — § Volcanoes" in passage and "Pompeii was buried in ash" in passage
    assert "Honeybees" not in passage
    assert highlights_of(panel.passage, "basalt") == {"#fff176"}, "the point's words"
    panel.set_dark(True)
    assert highlights_of(panel.passage, "basalt") == {"#6b5800"}, "the highlight follows the theme"
    panel.result.anchorClicked.emit(QUrl("https://example.com/"))  # never followed, nothing changes
    assert panel.passage.toPlainText() == passage

    panel.passage.clear()
    panel.result.setFocus()
    qtbot.keyClick(panel.result, Qt.Key.Key_Tab)
    qtbot.keyClick(panel.result, Qt.Key.Key_Return)
    assert "volcano.txt — § Volcanoes" in panel.passage.toPlainText(), "Tab then Enter opens the first point"


def test_partial_results_show_while_running_and_stop_saves_what_was_done(qtbot, open_panel, db, tmp_path):
    # A small window makes three map calls; the scripted model is slowed so that Stop lands in the second.
    engine = scripted(delay=0.03)
    engine.model = dict(engine.model, n_ctx=700)
    topics = ("volcanoes basalt", "honeybees almonds", "lighthouses schooners")
    text = "\n\n".join(f"# Part {i}\n\n" + " ".join([f"Sentence about {t}."] * 80) for i, t in enumerate(topics))
    source = tmp_path / "long.md"
    source.write_text(text, encoding="utf-8")
    panel = open_panel(engine)
    panel.add_files([source])
    assert panel.start() is not None
    assert panel.stop_button.isEnabled() and not panel.summarize_button.isEnabled()
    qtbot.waitUntil(lambda: "Part 1 of 3" in panel.result.toPlainText(), timeout=20_000)
    assert "Volcanoes erupt molten basalt" in panel.result.toPlainText(), "the first part's key points"
    total = panel.progress.maximum()  # three map calls, the final one and the reduce calls planned for
    assert total >= 4 and panel.progress.value() == 1
    label = panel.progress_label.text()
    assert label.startswith("Reading part 2 of 3 · about ") and label.endswith(" s left"), label
    panel.stop_button.click()
    qtbot.waitUntil(lambda: panel.job is None, timeout=10_000)

    assert "Stopped early: made from the parts done." in panel.result.toPlainText()
    [summary] = saved(db)
    assert summary.partial and summary.title == "long.md" and "Volcanoes erupt" in summary.text
    assert all(p["sources"][0]["chunk"] == 0 for p in summary.points), "each point is linked to the part done"
    assert "(stopped early)" in panel.history.currentText()
    panel.show_point(0)
    assert "long.md — § Part 0" in panel.passage.toPlainText()
    assert panel.summarize_button.isEnabled() and not panel.stop_button.isEnabled()


def test_progress_text_says_the_step_and_time_left(open_panel):
    panel = open_panel(scripted())
    reading, combining = Stage.READING, Stage.COMBINING
    assert panel._progress_text(Progress(3, 12, 40.2, reading, 9)) == "Reading part 4 of 9 · about 40 s left"
    assert panel._progress_text(Progress(3, 12, 300, reading, 9)) == "Reading part 4 of 9 · about 5 min left"
    assert panel._progress_text(Progress(0, 12, None, reading, 9)) == "Reading part 1 of 9"
    combined = panel._progress_text(Progress(10, 12, 20, combining, 9))
    assert combined == "Combining the notes of 9 parts · about 20 s left"
    assert panel._progress_text(Progress(11, 12, None, Stage.WRITING, 9)) == "Writing the summary"


def test_history_shows_saved_summaries_again_and_exports_markdown(qtbot, open_panel, db, tmp_path):
    volcano, bees = tmp_path / "volcano.txt", tmp_path / "bees.md"
    volcano.write_text(VOLCANO_TEXT, encoding="utf-8")
    bees.write_text(BEES_TEXT, encoding="utf-8")
    panel = open_panel(scripted())
    panel.add_files([volcano])
    run(qtbot, panel)
    first_export = tmp_path / "first.md"
    assert panel.export_to(first_export)
    panel.add_files([bees])
    run(qtbot, panel)
    assert panel.history.count() == 2
    assert [panel.history.itemText(i).split(" · ")[0] for i in range(2)] == ["volcano.txt and 1 more", "volcano.txt"]
    assert panel.history.currentIndex() == 0, "the new summary is the one selected"

    panel.history.activated.emit(1)  # the user picks the older one
    assert panel.history.currentIndex() == 1
    assert "Volcanoes erupt molten basalt" in panel.result.toPlainText()
    panel.show_point(0)
    assert "Pompeii was buried in ash" in panel.passage.toPlainText(), "made in this session: passages kept"
    again = tmp_path / "again.md"
    assert panel.export_to(again)
    assert again.read_text(encoding="utf-8") == first_export.read_text(encoding="utf-8")
    exported = again.read_text(encoding="utf-8")
    assert exported.startswith("# volcano.txt\n") and "## Sources" in exported
    assert "- Volcanoes erupt molten basalt near Pompeii. — volcano.txt, § Volcanoes" in exported

    # After a restart the documents are no longer loaded: the passage says so, the rest still works.
    other = open_panel(scripted())
    assert other.history.count() == 2 and other.history.currentIndex() == -1
    other.history.activated.emit(1)
    other.show_point(0)
    passage = other.passage.toPlainText()
    assert "volcano.txt — § Volcanoes" in passage and "volcano.txt is not loaded" in passage
    rebuilt = tmp_path / "rebuilt.md"
    assert other.export_to(rebuilt)
    assert rebuilt.read_text(encoding="utf-8") == exported


def test_the_result_views_never_fetch_anything(qtbot, open_panel, db, tmp_path):
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        secret = tmp_path / "secret.png"
        secret.write_bytes(b"not really a png")
        text = (
            f"A point with an image ![x]({base}/a.png) and raw HTML <img src='{base}/b.png'>.\n\n"
            f'- A bullet <img src="{secret}"> and [a link]({base}/c) inside.'
        )
        summary_id = Summaries(db).save(
            "Hostile",
            request={},
            text=text,
            points=[
                {"text": "A bullet", "sources": [{"chunk": 0, "document": f"<img src='{base}/d.png'>", "label": "x"}]}
            ],
            sources=[],
        )
        panel = open_panel(scripted())
        panel.show_saved(summary_id)
        panel.show_point(0)
        # The browsers themselves refuse too, whatever is put in them.
        panel.result.setMarkdown(f"![y]({base}/e.png)")
        panel.passage.setHtml(f"<img src='{base}/f.png'><img src='{secret}'>")
        assert panel.result.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(f"{base}/g.png")) is None
        assert (
            panel.result.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl.fromLocalFile(str(secret)))
            is None
        )
        # Laying out and painting is when Qt asks for an image (synchronously, see test_markdown).
        panel.show()
        for browser in (panel.result, panel.passage):
            qtbot.waitUntil(lambda b=browser: b.isVisible() and b.document().size().height() > 0, timeout=5000)
            browser.viewport().repaint()
        assert requests == []
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_every_control_has_an_accessible_name(open_panel):
    panel = open_panel(scripted())
    unnamed = []
    for cls in (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView, QProgressBar):
        for widget in panel.findChildren(cls):
            inside_combo = isinstance(widget.parent(), QComboBox) or any(
                isinstance(a, QComboBox) for a in _ancestors(widget, panel)
            )
            if isinstance(widget, QAbstractItemView) and inside_combo:
                continue  # a combo's own popup list
            if not widget.accessibleName().strip():
                unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert not unnamed, f"controls without an accessible name: {unnamed}"
    assert panel.accessibleName() == "Summarize"


def _ancestors(widget, stop):
    parent = widget.parent()
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.parent()


def test_passage_sections_follow_the_chunk_labels():
    sections = [SourceSection("r.pdf", f"page {n}", f"text {n}") for n in range(1, 7)] + [
        SourceSection("r.pdf", "§ Intro", "intro"),
        SourceSection("r.pdf", "§ Intro (part 2)", "more intro"),
    ]
    labels = lambda found: [s.label for s in found]  # noqa: E731
    assert labels(passage_sections(sections, "page 2")) == ["page 2"]
    assert labels(passage_sections(sections, "pages 3–5")) == ["page 3", "page 4", "page 5"]
    assert labels(passage_sections(sections, "page 6 – § Intro")) == ["page 6", "§ Intro"]
    assert labels(passage_sections(sections, "page 6 (part 2)")) == ["page 6"]
    assert labels(passage_sections(sections, "§ Intro (part 2) (part 1) – § Intro (part 2) (part 3)")) == [
        "§ Intro (part 2)"
    ]
    assert passage_sections(sections, "page 9") == []


# -- the real engine --------------------------------------------------------------------------------

TOPICS = (
    ("Volcanoes", "magma", "basalt", "caldera"),
    ("Honeybees", "pollen", "hive", "queen"),
    ("Lighthouses", "lantern", "keeper", "foghorn"),
    ("Glaciers", "moraine", "crevasse", "icefield"),
    ("Railways", "locomotive", "timetable", "signal box"),
    ("Coffee", "arabica", "roastery", "espresso"),
    ("Chess", "gambit", "endgame", "grandmaster"),
    ("Satellites", "orbit", "transponder", "telemetry"),
    ("Tides", "moon", "estuary", "spring tide"),
    ("Violins", "bow", "rosin", "luthier"),
    ("Deserts", "dune", "oasis", "caravan"),
    ("Bridges", "suspension", "girder", "abutment"),
)


def long_document(path: Path) -> Path:
    """Twelve "pages" (Markdown sections) of distinct text, together several times a 2,048-token window."""
    pages = []
    for number, (topic, a, b, c) in enumerate(TOPICS, start=1):
        sentences = [
            f"{topic} depend on the {a}, and in {1900 + number * 7} engineers measured the {b} near the {c}.",
            f"Every report on {topic.lower()} since then describes how the {c} shapes the {a}.",
            f"The {b} of the {topic.lower()} was studied by teams from {number * 3} universities.",
            f"Nobody expected the {a} to matter so much for the {c}, yet the records show it did.",
        ]
        body = " ".join(sentences[i % len(sentences)] for i in range(18))
        pages.append(f"# Page {number}: {topic}\n\n{body}")
    path.write_text("\n\n".join(pages) + "\n", encoding="utf-8")
    return path


def test_real_model_summarizes_a_long_document_then_stops_midway(qtbot, open_panel, db, engine, tmp_path):
    source = long_document(tmp_path / "almanac.md")
    panel = open_panel(engine)
    assert panel.host.model["n_ctx"] == 2048
    assert engine.count_tokens(source.read_text(encoding="utf-8")) > 2 * 2048, "several windows long"
    panel.add_files([source])
    panel.length.setCurrentIndex(panel.length.findData("short"))
    # Greedy final call: the tiny model's summary then reliably restates the material it read.
    panel.set_params(GenerationParams(temperature=0.0, seed=0))
    values: list[int] = []
    panel.progress.valueChanged.connect(values.append)

    run(qtbot, panel, timeout=REAL_TIMEOUT_MS)

    assert not panel.problem.isVisible(), panel.problem.text()
    assert values == sorted(values) and panel.progress.value() == panel.progress.maximum() >= 4, values
    [summary] = saved(db)
    assert summary.text.strip() and not summary.partial and summary.title == "almanac.md"
    assert summary.sources[0]["name"] == "almanac.md"
    linked = [i for i, p in enumerate(summary.points) if p["sources"]]
    assert linked, f"no point links to a source: {summary.points}"
    panel.show_point(linked[0])
    ref = summary.points[linked[0]]["sources"][0]
    assert f"almanac.md — {ref['label']}" in panel.passage.toPlainText()
    assert "Page " in panel.passage.toPlainText(), "the passage's own text"

    # Again, stopped once the first part's key points are in: a partial summary, shown and saved.
    assert panel.start() is not None
    qtbot.waitUntil(lambda: "Part 1 of" in panel.result.toPlainText(), timeout=REAL_TIMEOUT_MS)
    panel.stop()
    qtbot.waitUntil(lambda: panel.job is None, timeout=30_000)
    assert "Stopped early: made from the parts done." in panel.result.toPlainText()
    latest = saved(db)[0]
    assert len(saved(db)) == 2 and latest.partial and latest.text.strip()
    assert panel.history.count() == 2 and "(stopped early)" in panel.history.currentText()
    assert panel.summarize_button.isEnabled() and not panel.stop_button.isEnabled()
    assert panel.file_paths() == [source.absolute()], "the inputs stay for another run"


def test_saved_points_rebuild_the_summary(db):
    summary_id = Summaries(db).save(
        "t",
        request={},
        text="- a point",
        points=[{"text": "a point", "sources": [{"chunk": "x", "document": "d", "label": "l"}]}, "junk"],
        sources=[],
        partial=True,
    )
    rebuilt = summary_from_saved(Summaries(db).get(summary_id))
    assert isinstance(rebuilt, Summary) and rebuilt.partial and len(rebuilt.points) == 1
    assert to_markdown(rebuilt, "t").endswith("- a point — d, l\n")


def test_a_point_no_passage_matches_is_marked_not_cited(open_panel):
    panel = open_panel(ScriptedEngine())
    found = Point("The train leaves at nine.", (SourceRef(0, "notes.md", "lines 1–3"),))
    unfound = Point("Bring an umbrella.", ())
    summary = Summary("- The train leaves at nine.\n- Bring an umbrella.", (found, unfound), partial=False, chunks=1)
    shown = panel._summary_html(summary)
    assert '<a href="point:0">' in shown and "notes.md, lines 1–3" in shown
    assert 'href="point:1"' not in shown and "Bring an umbrella. <span" in shown and "no source found" in shown
