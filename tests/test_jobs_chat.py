"""jobs.chat.ChatSession: the chat flow the Chat panel and ``assistant chat`` share, on a real database
and the real engine (the ScriptedEngine only where a test is about storage, not about the model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.cancel import CancelToken
from assistant.core.inference import GenerationParams
from assistant.core.presets import Preset
from assistant.jobs.chat import ChatSession, PresetEdit
from assistant.storage.db import Database

from scripted_engine import ScriptedEngine


@pytest.fixture
def db(tmp_path: Path):
    with Database.open(tmp_path / "chat.db") as database:
        yield database


def run(work) -> list:
    return list(work(CancelToken()))


def test_a_first_exchange_is_stored_and_titled_by_the_real_model(db: Database, engine) -> None:
    session = ChatSession(db, GenerationParams(max_tokens=24, temperature=0.0, seed=1))
    conversation_id, created = session.ensure("Answer in one sentence.")
    assert created and session.ensure("ignored") == (conversation_id, False)
    reply = session.send("What colour is the sky on a clear day?")
    # The reply's row exists before the first token, and the model gets the branch without it.
    assert db.get_message(reply.reply_id).status == "streaming"
    assert [(m.role, m.content) for m in reply.messages] == [
        ("system", "Answer in one sentence."),
        ("user", "What colour is the sky on a clear day?"),
    ]
    streamed = "".join(chunk.text for chunk in run(session.reply_stream(reply, engine)))
    stored = db.get_message(reply.reply_id)
    assert stored.status == "complete" and stored.content == streamed and streamed.strip()
    assert stored.meta["finish_reason"] in ("stop", "length")

    [title] = run(session.title_work(engine))
    assert session.set_title(conversation_id, title)
    assert db.get_conversation(conversation_id).title == title != "New chat"
    assert session.title_work(engine) is None  # titled once


def test_a_title_never_overwrites_a_name_the_user_gave(db: Database) -> None:
    session = ChatSession(db, GenerationParams(max_tokens=8))
    conversation_id, _ = session.ensure()
    run(session.reply_stream(session.send("Hello"), ScriptedEngine()))
    work = session.title_work(ScriptedEngine(reply="A greeting"))
    db.rename_conversation(conversation_id, "Mine")  # while the title was being written
    [title] = run(work)
    assert not session.set_title(conversation_id, title)
    assert db.get_conversation(conversation_id).title == "Mine"


def test_editing_a_sent_message_makes_a_branch_and_regenerate_an_alternative(db: Database) -> None:
    engine = ScriptedEngine(reply="Fine thanks")
    session = ChatSession(db, GenerationParams(max_tokens=8))
    session.ensure()
    first = session.send("How are you?")
    run(session.reply_stream(first, engine))
    user_id = db.path(first.conversation_id)[0].id

    edited = session.send("How are you today?", replacing=user_id)
    run(session.reply_stream(edited, engine))
    assert [m.content for m in session.branch()] == ["How are you today?", "Fine thanks"]
    assert [m.content for m in edited.messages] == ["How are you today?"]  # not the original question

    again = session.regenerate_last()
    assert again is not None and [m.content for m in again.messages] == ["How are you today?"]
    run(session.reply_stream(again, engine))
    reply = session.branch()[-1]
    assert (reply.sibling_index, reply.sibling_count) == (1, 2)

    # The original question is one flip away, with its own reply.
    assert session.flip(session.branch()[0].id, -1)
    assert [m.content for m in session.branch()] == ["How are you?", "Fine thanks"]
    assert not session.flip(session.branch()[-1].id, 1)  # that reply has no alternative


def test_a_stopped_reply_is_kept_and_sent_again_as_said(db: Database) -> None:
    session = ChatSession(db, GenerationParams(max_tokens=200))
    session.ensure()
    reply = session.send("Tell me a long story")
    cancel = CancelToken()
    chunks = session.reply_stream(reply, ScriptedEngine(delay=0.01))(cancel)
    for n, _chunk in enumerate(chunks, start=1):
        if n == 5:
            cancel.cancel()
    stored = db.get_message(reply.reply_id)
    assert stored.status == "interrupted" and stored.content
    follow = session.send("Go on")
    assert [m.content for m in follow.messages] == ["Tell me a long story", stored.content, "Go on"]


def test_delete_undoes_and_drafts_follow_the_conversation(db: Database) -> None:
    session = ChatSession(db, GenerationParams(max_tokens=4))
    session.save_draft("half a thought")  # the new-chat box
    session.ensure()
    assert session.draft() == ""  # the text became this conversation's first message
    reply = session.send("half a thought")
    run(session.reply_stream(reply, ScriptedEngine()))
    undo = session.delete(reply.reply_id)
    assert [m.role for m in session.branch()] == ["user"]
    undo()
    assert [m.role for m in session.branch()] == ["user", "assistant"]
    session.save_draft("next")
    session.open(None)
    assert session.draft() == ""
    session.open(reply.conversation_id)
    assert session.draft() == "next"


def test_my_style_and_overrides_reach_the_model_and_survive_the_dialog(db: Database) -> None:
    session = ChatSession(db, GenerationParams(max_tokens=4, temperature=0.7))
    session.set_style("mine", 0.5)  # chosen before the chat exists
    session.ensure()
    session.apply_settings("Be terse.", {"temperature": 0.1})
    reply = session.send("Hi")
    assert (reply.params.adapter, reply.params.adapter_scale, reply.params.temperature) == ("mine", 0.5, 0.1)
    assert reply.messages[0].content == "Be terse."


def test_preset_edits(db: Database) -> None:
    builtin = Preset("builtin:default", "Default", "", True)
    session = ChatSession(db, GenerationParams())
    conversation_id, _ = session.ensure()
    presets, chosen = session.edit_presets([builtin], builtin, PresetEdit("save", "Pirate"), "Talk like a pirate.")
    pirate = presets[-1]
    assert (pirate.name, pirate.system_prompt, chosen) == ("Pirate", "Talk like a pirate.", pirate.key)
    assert db.get_conversation(conversation_id).preset == pirate.key
    assert session.edit_presets(presets, builtin, PresetEdit("delete"), "") is None  # built-ins stay
    presets, chosen = session.edit_presets(presets, pirate, PresetEdit("delete"), "")
    assert presets == [builtin] and chosen is None and db.list_presets() == []


def test_a_reasoning_models_thinking_is_stored_apart_and_never_sent_back(
    db: Database, session_paths, thinking_model
) -> None:
    from assistant.engine.local import LocalEngine

    local = LocalEngine(session_paths, thinking_model, {"n_ctx": 1024})
    try:
        session = ChatSession(db, GenerationParams(max_tokens=24, temperature=0.0, seed=1))
        session.ensure()
        reply = session.send("What is 2+2?")
        chunks = run(session.reply_stream(reply, local))
        stored = db.get_message(reply.reply_id)
        # The template opened a thinking block the small model never closes: all of it is thinking.
        assert stored.reasoning.strip() and stored.content == "" == "".join(c.text for c in chunks)
        assert stored.reasoning == "".join(c.reasoning for c in chunks)
        assert session.thought_only(reply.reply_id)
        assert "thought_seconds" in stored.meta

        # Think: off goes through the template's own switch, and is remembered by the conversation.
        session.set_thinking("off")
        assert session.params().thinking == "off"
        second = session.send("And 3+3?")
        assert all(not m.reasoning for m in second.messages), "earlier thinking is not sent back"
        run(session.reply_stream(second, local))
        answered = db.get_message(second.reply_id)
        assert answered.content.strip() and not answered.reasoning.strip()
        assert not session.thought_only(second.reply_id)

        # The settings dialog leaves the header's Think choice alone.
        session.apply_settings("Be brief.", {"temperature": 0.3})
        assert session.params().thinking == "off" and session.params().temperature == 0.3
    finally:
        local.close()


def test_think_chosen_before_the_first_message_is_kept_by_the_new_chat(db: Database) -> None:
    session = ChatSession(db, GenerationParams(max_tokens=8))
    session.set_thinking("on")
    assert session.params().thinking == "on"
    session.ensure()
    assert session.params().thinking == "on"
    session.set_thinking("auto")
    assert "thinking" not in session.conversation().params
