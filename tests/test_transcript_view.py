"""The transcript view with real Qt (offscreen): building, streaming, following, per-message actions."""

from __future__ import annotations

import argparse
import json
import time

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QAbstractButton, QToolButton

from assistant.ui.chat import bench
from assistant.ui.chat.bench import history_items, reply_pieces
from assistant.ui.chat.transcript_view import MessageItem, MessageWidget, TranscriptView


def make_view(qtbot, items: list[MessageItem] | None = None, size: tuple[int, int] = (800, 600)) -> TranscriptView:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(*size)
    if items:
        view.set_messages(items)
    view.show()
    qtbot.waitExposed(view)
    return view


def widget(view: TranscriptView, message_id: int) -> MessageWidget:
    w = view.message_widget(message_id)
    assert w is not None
    return w


def settle_at_bottom(qtbot, view: TranscriptView) -> None:
    """Wait until the layout has settled (the scroll range holds still) with the view at the bottom."""
    settle(qtbot, view, at_bottom=True)


def settle(qtbot, view: TranscriptView, *, at_bottom: bool = False) -> None:
    """Wait until the layout has settled: the scroll range holds still for four looks in a row."""
    bar = view.verticalScrollBar()
    seen: list[int] = []

    def settled() -> bool:
        seen.append(bar.maximum())
        still = len(seen) >= 4 and len(set(seen[-4:])) == 1 and bar.maximum() > 0
        return still and (not at_bottom or bar.value() == bar.maximum())

    deadline = time.monotonic() + 5
    while not settled():
        assert time.monotonic() < deadline, f"the layout did not settle: {seen[-10:]}"
        qtbot.wait(25)


def stream_lines(qtbot, view: TranscriptView, message_id: int, lines: int) -> None:
    for i in range(lines):
        view.stream_text(message_id, f"Line {i} of the reply, with some **bold** words.\n\n")
        if i % 10 == 9:
            qtbot.wait(20)  # let frames render, as they would between network reads
    qtbot.wait(50)


def click_text(qtbot, w: MessageWidget, text: str) -> None:
    """Click a word in a message's text, as a user would."""
    doc = w.text.document()
    found = doc.find(text)
    assert not found.isNull(), f"{text!r} not in the message"
    cursor = QTextCursor(doc)
    cursor.setPosition(found.selectionStart() + 1)
    point = w.text.cursorRect(cursor).center()
    qtbot.mouseClick(w.text.viewport(), Qt.MouseButton.LeftButton, pos=point)


# -- data in ------------------------------------------------------------------------------------


def test_two_hundred_messages_show_quickly(qtbot) -> None:
    items = history_items(200)  # paragraphs, lists, tables and code, like real replies
    view = make_view(qtbot)
    started = time.perf_counter()
    view.set_messages(items)
    settle_at_bottom(qtbot, view)
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"200 messages took {elapsed:.2f} s"
    assert view.message_ids() == [item.id for item in items]
    assert view.message_text(2) == items[1].content
    assert "Copy code" in widget(view, 2).text.toPlainText()
    # A second conversation replaces the first.
    view.set_messages(items[:3])
    assert view.message_ids() == [1, 2, 3]


def test_streamed_pieces_give_exactly_the_text(qtbot) -> None:
    view = make_view(qtbot, history_items(4))
    pieces = reply_pieces(2000)
    view.begin_stream(MessageItem(99, "assistant", ""))
    for i, piece in enumerate(pieces):
        view.stream_text(99, piece)
        if i % 50 == 49:
            qtbot.wait(5)
    view.finish_stream(99)
    expected = "".join(pieces)
    w = widget(view, 99)
    assert view.message_text(99) == expected
    assert w.content == expected and w.renderer.text == expected
    assert w.renderer.code_blocks()
    # Rendering was coalesced into frames, not done per piece.
    assert w.renderer.units_rendered < len(pieces) / 2
    assert w.item.status == "complete" and not w.badge.isVisibleTo(w)


def test_streaming_renders_only_the_streaming_message(qtbot) -> None:
    view = make_view(qtbot, history_items(40))
    before = {i: widget(view, i).renderer.units_rendered for i in view.message_ids()}
    view.begin_stream(MessageItem(100, "assistant", ""))
    for piece in reply_pieces(600):
        view.stream_text(100, piece)
        if piece.endswith("."):
            qtbot.wait(1)  # frames render now and then, with the history's widgets laid out again
    view.finish_stream(100)
    qtbot.wait(50)
    assert {i: widget(view, i).renderer.units_rendered for i in before} == before


def test_follows_the_stream_at_the_bottom(qtbot) -> None:
    view = make_view(qtbot, history_items(20))
    settle_at_bottom(qtbot, view)
    bar = view.verticalScrollBar()
    start_max = bar.maximum()
    view.begin_stream(MessageItem(50, "assistant", ""))
    stream_lines(qtbot, view, 50, 60)
    view.finish_stream(50)
    qtbot.waitUntil(lambda: bar.maximum() > start_max + 500 and bar.value() == bar.maximum(), timeout=5000)
    assert view.following


def test_does_not_move_a_reader_who_scrolled_up(qtbot) -> None:
    view = make_view(qtbot, history_items(20))
    settle_at_bottom(qtbot, view)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    reading, start_max = bar.value(), bar.maximum()
    view.begin_stream(MessageItem(50, "assistant", ""))
    stream_lines(qtbot, view, 50, 60)
    view.finish_stream(50)
    settle(qtbot, view)
    assert bar.maximum() > start_max + 500, "the reply did grow"
    assert bar.value() == reading
    assert not view.following
    # Back at the bottom, it follows again.
    bar.setValue(bar.maximum())
    view.begin_stream(MessageItem(51, "assistant", ""))
    stream_lines(qtbot, view, 51, 20)
    qtbot.waitUntil(lambda: bar.value() == bar.maximum(), timeout=5000)


def test_update_and_remove(qtbot) -> None:
    view = make_view(qtbot, [MessageItem(1, "user", "Hi"), MessageItem(2, "assistant", "Hello **there**")])
    view.update_message(MessageItem(2, "assistant", "Hello again", status="error"))
    assert widget(view, 2).text.toPlainText() == "Hello again"
    assert widget(view, 2).badge.text() == "Error"
    view.remove_message(1)
    assert view.message_ids() == [2] and view.message_text(1) == ""
    view.append_message(MessageItem(3, "user", "More"))
    assert view.message_ids() == [2, 3]


# -- actions ------------------------------------------------------------------------------------


def test_buttons_ask_for_their_action_with_the_message_id(qtbot) -> None:
    view = make_view(qtbot, [MessageItem(10, "user", "Question?"), MessageItem(11, "assistant", "An *answer*.")])
    user, reply = widget(view, 10), widget(view, 11)
    assert user.edit_button.isVisibleTo(user) and not user.regenerate_button.isVisibleTo(user)
    assert reply.regenerate_button.isVisibleTo(reply) and not reply.edit_button.isVisibleTo(reply)
    cases = [
        (view.copy_requested, reply.copy_button, 11),
        (view.edit_requested, user.edit_button, 10),
        (view.regenerate_requested, reply.regenerate_button, 11),
        (view.delete_requested, user.delete_button, 10),
        (view.delete_requested, reply.delete_button, 11),
    ]
    for signal, button, expected in cases:
        with qtbot.waitSignal(signal, timeout=1000) as blocker:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert blocker.args == [expected], button.accessibleName()
    assert QGuiApplication.clipboard().text() == "An *answer*."


def test_alternatives_switch(qtbot) -> None:
    view = make_view(qtbot, [MessageItem(7, "assistant", "Second try", sibling_index=1, sibling_count=3)])
    w = widget(view, 7)
    assert w.alt_label.isVisibleTo(w) and w.alt_label.text() == "2/3"
    assert w.alt_label.accessibleName() == "Alternative 2 of 3"
    for button, step in ((w.prev_button, -1), (w.next_button, 1)):
        with qtbot.waitSignal(view.alternative_requested, timeout=1000) as blocker:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert blocker.args == [7, step]
    view.update_message(MessageItem(7, "assistant", "First try", sibling_index=0, sibling_count=3))
    assert w.alt_label.text() == "1/3" and not w.prev_button.isEnabled() and w.next_button.isEnabled()
    view.update_message(MessageItem(7, "assistant", "Only one"))
    assert not w.alt_label.isVisibleTo(w) and not w.next_button.isVisibleTo(w)


def test_copy_code_link_puts_the_code_on_the_clipboard(qtbot) -> None:
    code = 'print("one")\nprint("two")'
    content = f"Try this:\n\n```python\n{code}\n```\n\nand [the docs](https://example.com/docs)."
    view = make_view(qtbot, [MessageItem(1, "assistant", content)])
    w = widget(view, 1)
    QGuiApplication.clipboard().setText("something else")
    click_text(qtbot, w, "Copy code")
    assert QGuiApplication.clipboard().text() == code
    with qtbot.waitSignal(view.link_activated, timeout=1000) as blocker:
        click_text(qtbot, w, "the docs")
    assert blocker.args == [QUrl("https://example.com/docs")]


def test_every_button_is_named_and_reachable_by_keyboard(qtbot) -> None:
    items = [
        MessageItem(1, "user", "Hi"),
        MessageItem(2, "assistant", "Hello", sibling_index=1, sibling_count=2),
        MessageItem(3, "assistant", "Cut", status="interrupted"),
    ]
    view = make_view(qtbot, items)
    buttons = view.findChildren(QAbstractButton)
    assert len(buttons) >= 12
    for button in buttons:
        assert button.accessibleName(), button.text()
        assert button.toolTip(), button.accessibleName()
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus, button.accessibleName()
    chain, w = [], view.nextInFocusChain()
    while w is not view and len(chain) < 500:
        chain.append(w)
        w = w.nextInFocusChain()
    visible = [b for b in view.findChildren(QToolButton) if b.isVisibleTo(view)]
    assert visible and all(b in chain for b in visible)
    assert all(widget(view, i).text.accessibleName() for i in (1, 2, 3))


def test_status_badges(qtbot) -> None:
    items = [
        MessageItem(1, "assistant", "a", status="interrupted"),
        MessageItem(2, "assistant", "b", status="error"),
        MessageItem(3, "assistant", "c", status="damaged"),
        MessageItem(4, "assistant", "d"),
    ]
    view = make_view(qtbot, items)
    badges = {i: widget(view, i).badge for i in range(1, 5)}
    shown = [b.text() for i, b in badges.items() if b.isVisibleTo(widget(view, i))]
    assert shown == ["Interrupted", "Error", "Damaged"]
    assert badges[1].accessibleName() == "Status: Interrupted"
    view.begin_stream(MessageItem(5, "assistant", ""))
    w = widget(view, 5)
    assert w.badge.text() == "Writing…" and not w.regenerate_button.isEnabled()
    view.stream_text(5, "Partial")
    view.finish_stream(5, "interrupted")
    assert w.badge.isVisibleTo(w) and w.badge.text() == "Interrupted"
    assert w.regenerate_button.isEnabled() and view.message_text(5) == "Partial"


def test_dark_mode_switches_code_colors(qtbot) -> None:
    view = make_view(qtbot, [MessageItem(1, "assistant", "```python\nx = 1\n```")])
    doc = widget(view, 1).text.document()
    before = doc.lastBlock().blockFormat().background().color().name()
    view.set_dark(True)
    assert doc.lastBlock().blockFormat().background().color().name() != before
    assert doc.lastBlock().text() == "x = 1"


# -- the benchmark ------------------------------------------------------------------------------


def test_bench_ui_runs(qapp, capsys) -> None:
    args = argparse.Namespace(tokens=300, rate=3000, history=10, json=False, baseline_limit=20)
    assert bench.main(args) == 0
    out = capsys.readouterr().out
    assert "(a) app" in out and "(b) naive" in out
    assert "p99 stall ratio" in out and "goal" in out and "300/300" in out
    args.json = True
    assert bench.main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert {r["tokens_fed"] for r in report["results"]} == {300}
    assert all(r["text_ok"] for r in report["results"])
    assert report["qt"] and report["machine"]["cpu"] and "p99_ratio" in report


def test_thinking_streams_into_a_folded_block_apart_from_the_answer(qtbot) -> None:
    view = make_view(qtbot, [MessageItem(id=1, role="user", content="What is 2+2?")])
    view.begin_stream(MessageItem(id=2, role="assistant", content="", status="streaming"))
    view.stream_reasoning(2, "The user asks a sum. ")
    view.stream_reasoning(2, "2+2 is 4.")
    w = widget(view, 2)
    qtbot.waitUntil(lambda: not w.thinking_button.isHidden())  # shown with the next frame, like text
    assert w.thinking_button.text() == "Thinking…"
    assert w.thinking_text.isHidden(), "folded until asked"
    view.stream_text(2, "It is **4**.")
    view.finish_stream(2)
    assert w.thinking_button.text().startswith("Thought for")
    qtbot.mouseClick(w.thinking_button, Qt.MouseButton.LeftButton)
    assert not w.thinking_text.isHidden() and w.thinking_text.text() == "The user asks a sum. 2+2 is 4."
    assert view.message_text(2) == "It is **4**.", "Copy takes the answer, not the thinking"
    assert "sum" not in w.text.toPlainText()


def test_stored_thinking_shows_its_duration_and_empty_thinking_shows_nothing(qtbot) -> None:
    view = make_view(
        qtbot,
        [
            MessageItem(id=1, role="assistant", content="4", reasoning="adding", meta={"thought_seconds": 12.4}),
            MessageItem(id=2, role="assistant", content="Hi", reasoning="\n\n"),
        ],
    )
    assert widget(view, 1).thinking_button.text() == "Thought for 12 s"
    assert widget(view, 2).thinking_button.isHidden()
