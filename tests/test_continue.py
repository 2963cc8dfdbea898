"""A reply cut off at the length limit says so, and Continue writes on from where it stopped, in the
same message: the engine continues a last assistant message (as llama-server does), the session
stores the new text after the old, the window shows the notice and the button, the CLI says it.
Real engine and default model, real SQLite, real Qt (offscreen), real llama-server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openai
import pytest

from assistant.core.cancel import CancelToken
from assistant.core.inference import GenerationParams, Message
from assistant.core.reasoning import GEMMA4, HARMONY, THINK_TAGS, answer_opening, split_text
from assistant.engine.local import LocalEngine
from assistant.engine.remote import RemoteEngine
from assistant.jobs.chat import SOURCES_KEY, ChatSession
from assistant.storage.db import Database

COUNT = [Message("user", "Count from 1 to 30, separated by commas.")]
BEGUN = "1, 2, 3, 4, 5, 6, 7,"
GREEDY = GenerationParams(max_tokens=12, temperature=0.0, seed=1)
LONG = "Write a long story about a dragon who learns to bake bread."


def text_of(chunks) -> str:
    return "".join(c.text for c in chunks)


def test_a_last_assistant_message_is_continued_not_answered(engine: LocalEngine) -> None:
    client = openai.OpenAI(
        base_url=f"http://127.0.0.1:{engine.process.port}/v1", api_key=engine.process.api_key, max_retries=0
    )
    asked = [{"role": "user", "content": COUNT[0].content}]
    fresh = client.chat.completions.create(model="any", messages=asked, max_tokens=12, temperature=0)
    more = client.chat.completions.create(
        model="any", messages=[*asked, {"role": "assistant", "content": BEGUN}], max_tokens=12, temperature=0
    )
    assert more.choices[0].message.content.lstrip().startswith("8, 9"), more.choices[0].message.content
    assert more.usage.prompt_tokens > fresh.usage.prompt_tokens, "the text so far is part of the prompt"
    assert more.choices[0].finish_reason == "length"


def test_llama_server_continues_the_same_way(engine: LocalEngine, default_model: Path) -> None:
    """The remote engine's Continue works against llama-server: it prefills a last assistant message too."""
    from test_remote_engine import KEY, LlamaServer

    server = LlamaServer(default_model)
    try:
        theirs = text_of(RemoteEngine(server.url, KEY).chat([*COUNT, Message("assistant", BEGUN)], GREEDY))
    finally:
        server.close()
    ours = text_of(engine.chat([*COUNT, Message("assistant", BEGUN)], GREEDY))
    assert theirs == ours and ours.lstrip().startswith("8")


def test_a_thinking_models_continued_answer_is_answer_not_thinking(session_paths, thinking_model: Path) -> None:
    local = LocalEngine(session_paths, thinking_model, {"n_ctx": 1024})
    try:
        chunks = list(local.chat([*COUNT, Message("assistant", BEGUN)], GREEDY))
    finally:
        local.close()
    assert text_of(chunks).lstrip().startswith("8") and not "".join(c.reasoning for c in chunks)


@pytest.mark.parametrize(
    ("fmt", "prompt", "opening"),
    [
        (THINK_TAGS, "<|im_start|>assistant\n", ""),
        (THINK_TAGS, "<|im_start|>assistant\n<think>\n", "</think>\n\n"),  # the template opened the block
        (THINK_TAGS, "<|im_start|>assistant\n<think>\n\n</think>\n\n", ""),
        (GEMMA4, "<start_of_turn>model\n<|channel>thought\n", "<channel|>\n\n"),
        (HARMONY, "<|start|>assistant", "<|channel|>final<|message|>"),
        (HARMONY, "<|start|>assistant<|channel|>final<|message|>", ""),
        (HARMONY, "<|start|>assistant<|channel|>analysis<|message|>",
         "<|end|><|start|>assistant<|channel|>final<|message|>"),
    ],
)  # fmt: skip
def test_the_answer_is_opened_in_each_thinking_format(fmt, prompt: str, opening: str) -> None:
    assert answer_opening(prompt, fmt) == opening
    split = split_text(" and more.", fmt, prompt + opening + "Some")
    assert split.content == " and more." and not split.reasoning


def test_continue_writes_on_in_the_same_message_and_keeps_what_it_had(engine: LocalEngine, tmp_path: Path) -> None:
    with Database.open(tmp_path / "chat.db") as db:
        session = ChatSession(db, GREEDY)
        session.ensure()
        reply = session.send(LONG)
        list(session.reply_stream(reply, engine)(CancelToken()))
        cut = db.get_message(reply.reply_id)
        assert cut.meta["finish_reason"] == "length" and cut.content
        db.finish_reply(cut.id, cut.content, meta={**cut.meta, SOURCES_KEY: []})  # something of its own to keep

        again = session.continue_reply(cut.id)
        assert again is not None and again.reply_id == cut.id and again.continuing == cut.content
        assert db.get_message(cut.id).status == "streaming"
        new = text_of(session.reply_stream(again, engine)(CancelToken()))
        done = db.get_message(cut.id)
        assert new and done.content == cut.content + new and done.status == "complete"
        assert SOURCES_KEY in done.meta and done.meta["finish_reason"] in ("length", "stop")
        assert [m.id for m in session.branch()] == [reply.reply_id - 1, cut.id], "no new message"
        assert session.continue_reply(reply.reply_id - 1) is None, "a user message is not continued"


def test_the_window_says_the_reply_was_cut_and_continue_extends_it(qtbot) -> None:
    from test_gui import REPLY_TIMEOUT_MS, open_window, path_of, send

    window = open_window(qtbot)
    window.chat.base_params = GREEDY
    send(qtbot, window, LONG)
    reply = path_of(window)[-1]
    widget = window.chat.transcript.message_widget(reply.id)
    assert widget.cut_row.isVisible() and "length limit" in widget.cut_label.text()
    before = window.chat.transcript.message_text(reply.id)
    ids = [m.id for m in path_of(window)]
    widget.continue_button.click()
    assert not widget.cut_row.isVisible(), "no Continue while it writes"
    qtbot.waitUntil(lambda: window.chat.job is None, timeout=REPLY_TIMEOUT_MS)
    after = path_of(window)
    assert [m.id for m in after] == ids and after[-1].id == reply.id, "the same message, no new one"
    assert after[-1].content.startswith(before) and len(after[-1].content) > len(before)
    assert window.chat.transcript.message_text(reply.id) == after[-1].content
    assert window.chat.transcript.message_ids() == [after[0].id, reply.id]


def test_the_command_line_says_a_reply_was_cut(default_model: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "--max-tokens", "4", "Count from 1 to 30."],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0 and "length limit" in done.stderr and "--max-tokens" in done.stderr
