"""Chat that draws on the Library: a conversation chooses collections, each reply is given the passages
that match the user's message (kept with the reply and listed under it), its citations link to them,
and a question the documents do not answer gets "not found" from the app itself. Real engine, real
built-in embedding model, real licences from /usr/share/common-licenses, real SQLite and real Qt."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from assistant import paths as paths_mod
from assistant import settings as settings_mod
from assistant.app import build_window
from assistant.core.cancel import CancelToken
from assistant.core.inference import GenerationParams, Message
from assistant.errors import AssistantError
from assistant.jobs.chat import SOURCES_KEY, ChatSession, Sources
from assistant.jobs.library import index_collection
from assistant.library import answer
from assistant.library.store import LibraryStore
from assistant.settings import LibrarySettings
from assistant.storage.db import Database
from assistant.ui.chat.transcript_view import PASSAGE_SCHEME, MessageItem

LICENSES = Path("/usr/share/common-licenses")
CORPUS = ("Apache-2.0", "Artistic", "BSD", "CC0-1.0", "GFDL-1.3", "GPL-3", "LGPL-2.1", "MPL-2.0")
PARAMS = GenerationParams(max_tokens=48, temperature=0.0, seed=1)
REPLY_TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, engine) -> LibraryStore:
    """One indexed collection of licences, shared by the tests that only read it."""
    root = tmp_path_factory.mktemp("library")
    docs = root / "docs"
    docs.mkdir()
    for name in CORPUS:
        shutil.copyfile(LICENSES / name, docs / name)
    store = LibraryStore(root / "library.sqlite3")
    collection = store.create("Licences", [docs], "all-MiniLM-L6-v2")
    list(index_collection(store, collection, engine.embed))
    yield store
    store.close()


@pytest.fixture
def db(tmp_path: Path):
    with Database.open(tmp_path / "chat.db") as database:
        yield database


def run(work) -> list:
    return list(work(CancelToken()))


def test_a_reply_is_given_the_matching_passages_and_keeps_them(db, engine, library) -> None:
    session = ChatSession(db, PARAMS, library=library, models_dir=paths_mod.get().models_dir)
    session.ensure("You are terse.")
    session.set_library(["Licences"])
    assert session.collections() == ("Licences",)
    reply = session.send("Can I give away copies of the Package under the Artistic License?")
    items = run(session.reply_stream(reply, engine))

    sources = items[0]
    assert isinstance(sources, Sources) and 1 <= len(sources.hits) <= 5
    assert Path(sources.hits[0].passage.path).name == "Artistic"
    stored = db.get_message(reply.reply_id)
    assert stored.status == "complete" and stored.content.strip()
    assert stored.content != answer.NOT_FOUND
    kept = stored.meta[SOURCES_KEY]
    assert [s["path"] for s in kept] == [h.passage.path for h in sources.hits]
    assert kept[0]["label"] and "Package" in kept[0]["text"]

    # The choice is the conversation's: a reopened session still draws on it, a new chat does not.
    again = ChatSession(db, PARAMS, session.conversation_id, library=library, models_dir=paths_mod.get().models_dir)
    assert again.collections() == ("Licences",)
    assert ChatSession(db, PARAMS, library=library, models_dir=paths_mod.get().models_dir).collections() == ()


def test_a_question_the_documents_do_not_answer_gets_not_found_from_the_app(db, engine, library) -> None:
    session = ChatSession(db, PARAMS, library=library, models_dir=paths_mod.get().models_dir)
    session.ensure()
    session.set_library(["Licences"])
    items = run(session.reply_stream(session.send("Who painted the Mona Lisa?"), engine))
    assert isinstance(items[0], Sources) and items[0].hits == ()
    text = "".join(chunk.text for chunk in items[1:])
    assert text == answer.NOT_FOUND
    stored = session.branch()[-1]
    assert stored.content == answer.NOT_FOUND and stored.status == "complete" and stored.meta[SOURCES_KEY] == []

    # The threshold is a setting: at 0 the nearest passages are given to the model instead.
    loose = ChatSession(db, PARAMS, session.conversation_id, library=library, models_dir=paths_mod.get().models_dir,
                        library_settings=LibrarySettings(min_similarity=0.0, passages=2))  # fmt: skip
    items = run(loose.reply_stream(loose.regenerate_last(), engine))
    assert len(items[0].hits) == 2


def test_a_removed_collection_is_said_in_words_and_the_message_stays(db, engine, library, tmp_path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    library.create("Gone soon", [gone], "all-MiniLM-L6-v2")
    # Chosen before it holds anything (still indexing): the answer says so, not "not found".
    early = ChatSession(db, PARAMS, library=library, models_dir=paths_mod.get().models_dir)
    early.ensure()
    early.set_library(["Gone soon"])
    items = run(early.reply_stream(early.send("What does the licence say?"), engine))
    assert "".join(c.text for c in items[1:]) == answer.nothing_indexed(["Gone soon"])
    session = ChatSession(db, PARAMS, library=library, models_dir=paths_mod.get().models_dir)
    session.ensure()
    session.set_library(["Gone soon"])
    library.remove("Gone soon")
    reply = session.send("What does the licence say?")
    with pytest.raises(AssistantError, match=r"Gone soon.*Choose the documents"):
        run(session.reply_stream(reply, engine))
    branch = session.branch()
    assert branch[0].content == "What does the licence say?" and branch[-1].status == "error"


def test_the_prompt_keeps_the_conversation_and_hands_passages_over_as_data(library, engine) -> None:
    from assistant.library.search import search

    hits = search(library, library.get("Licences"), "public domain dedication waiver", engine.embed, limit=2)
    prompt = [
        Message("system", "Answer like a pirate."),
        Message("user", "Hi"),
        Message("assistant", "Ahoy"),
        Message("user", "How do I waive my copyright?"),
    ]
    sent = answer.grounded(prompt, [answer.source_record(h) for h in hits])
    assert sent[0].role == "system" and sent[0].content.startswith("Answer like a pirate.")
    assert answer.SYSTEM_PROMPT in sent[0].content
    assert [(m.role, m.content) for m in sent[1:3]] == [("user", "Hi"), ("assistant", "Ahoy")]
    assert "<<<BEGIN PASSAGES>>>" in sent[-1].content and sent[-1].content.endswith("How do I waive my copyright?")
    assert "[1]" in sent[-1].content and "[2]" in sent[-1].content


def test_citations_become_links_only_to_passages_that_were_given() -> None:
    linked = answer.link_citations("Yes [1]. Also [2, 3]. Not [9]. Code `x[0]`.", 3, "passage")
    assert "[[1](passage:1)]" in linked and "[[2](passage:2), [3](passage:3)]" in linked
    assert "Not [9]" in linked and "x[0]" in linked


def test_the_window_chats_with_a_collection_and_opens_the_passages(qtbot, engine, library) -> None:
    paths = paths_mod.get().ensure()
    # The window opens its own Library file: make it a copy of the indexed one.
    with sqlite3.connect(library.path) as source, sqlite3.connect(paths.library_file) as copy:
        source.backup(copy)
    window = build_window(paths, engine=engine)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.host.model is not None, timeout=REPLY_TIMEOUT_MS)
    chat = window.chat
    chat.base_params = PARAMS

    assert chat.documents.isVisible() and chat.documents.text() == "Documents: off"
    chat.documents.menu().aboutToShow.emit()
    actions = {a.text(): a for a in chat.documents.menu().actions()}
    assert "Licences" in actions and actions["Licences"].isCheckable()
    actions["Licences"].setChecked(True)
    assert chat.documents.text() == "Documents: Licences"
    assert window.library.collections.count() == 1  # the Library panel lists it too

    chat.input.setPlainText("May I link a proprietary program with the library?")
    chat.send()
    qtbot.waitUntil(lambda: chat.job is None, timeout=REPLY_TIMEOUT_MS)
    reply = window.db.path(chat.conversation_id)[-1]
    widget = chat.transcript.message_widget(reply.id)
    assert widget is not None and widget.sources_label.isVisibleTo(widget)
    assert "LGPL-2.1" in widget.sources_label.text() and f'href="{PASSAGE_SCHEME}:1"' in widget.sources_label.text()

    # Clicking passage 1 shows it, the question's words marked, with its file one click away.
    dialog = chat.open_source(reply.id, 1)
    assert dialog is not None and dialog.isVisible()
    assert dialog.matched and "background-color" in dialog.text.toHtml()
    assert dialog.open_button.isEnabled() and dialog.path.name == Path(reply.meta[SOURCES_KEY][0]["path"]).name
    dialog.close()
    assert chat.open_source(reply.id, 99) is None

    # A citation in an answer is a link to its passage; a number that was not given is not.
    sources = reply.meta[SOURCES_KEY]
    chat.transcript.append_message(
        MessageItem(id=10**6, role="assistant", content="Yes, you may [1]. See also [7].", sources=sources)
    )
    cited = chat.transcript.message_widget(10**6)
    html = cited.text.toHtml()
    assert f'href="{PASSAGE_SCHEME}:1"' in html and f"{PASSAGE_SCHEME}:7" not in html
    clicked: list[tuple[int, int]] = []
    chat.transcript.source_requested.connect(lambda m, n: clicked.append((m, n)))
    cited._on_anchor(QUrl(f"{PASSAGE_SCHEME}:1"))
    assert clicked == [(10**6, 1)]

    # Reopened later, the reply still lists its passages; after the file went, Open says so.
    window.open_conversation(chat.conversation_id)
    reopened = chat.transcript.message_widget(reply.id)
    assert reopened.sources_label.isVisibleTo(reopened)
    moved = Path(sources[0]["path"])
    aside = moved.with_name(moved.name + ".moved")
    moved.rename(aside)
    try:
        dialog = chat.open_source(reply.id, 1)
        assert not dialog.open_button.isEnabled() and dialog.open_button.toolTip()
        dialog.close()
    finally:
        aside.rename(moved)
    window.close()


def test_the_settings_dialog_keeps_sections_it_does_not_show_and_edits_the_threshold(qtbot) -> None:
    from assistant.ui.settings_dialog import SettingsDialog

    original = settings_mod.Settings(models=settings_mod.ModelSettings(folders=["/models"], other_apps=False))
    dialog = SettingsDialog(original, paths_mod.get())
    qtbot.addWidget(dialog)
    dialog.min_similarity.setValue(0.4)
    dialog.passages.setValue(8)
    result = dialog.collect()
    assert result.models == original.models
    assert result.library == LibrarySettings(min_similarity=0.4, passages=8)
    path = paths_mod.get().ensure().settings_file
    settings_mod.save(result, path)
    assert settings_mod.load(path) == (result, None)
