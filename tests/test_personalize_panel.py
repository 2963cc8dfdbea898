"""The Personalize panel with real Qt (offscreen), the real engine and the real training process."""

from __future__ import annotations

import json
import random
from pathlib import Path

import gguf
from PySide6.QtCore import Qt
from test_finetune import keeper_text

from assistant import paths as paths_mod
from assistant.app import build_window
from assistant.finetune import adapters

TIMEOUT_MS = 300_000


def open_panel(qtbot, engine):
    window = build_window(paths_mod.get(), engine=engine)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.host.model is not None, timeout=TIMEOUT_MS)
    window.panels.setCurrentWidget(window.personalize)
    return window, window.personalize


def make_writing(folder: Path, n: int = 24) -> Path:
    folder.mkdir()
    rng = random.Random(5)
    for i in range(n):
        (folder / f"note{i:02d}.txt").write_text(keeper_text(rng) + "\n")
    return folder


def quick_settings(panel, steps: int) -> None:
    panel.advanced.setChecked(True)
    panel.steps.setValue(steps)
    panel.seq.setValue(64)
    panel.lr.setValue(0.002)


def test_describe_train_stop_resume_compare_and_list(qtbot, engine, tmp_path) -> None:
    window, panel = open_panel(qtbot, engine)
    panel.add_sources([make_writing(tmp_path / "writing")])
    qtbot.waitUntil(lambda: "24 documents" in panel.description.text(), timeout=30_000)
    assert "kept aside to measure" in panel.description.text() and "min on this computer" in panel.description.text()

    quick_settings(panel, 8)
    panel.name.setText("Keeper")
    panel.train()
    assert not panel.train_button.isEnabled() and panel.stop_button.isEnabled()
    # Stopped midway, the training is resumed from its checkpoint, and its curve goes on.
    qtbot.waitUntil(lambda: panel.progress.value() >= 2, timeout=TIMEOUT_MS)
    panel.stop()
    qtbot.waitUntil(lambda: panel.result.text().startswith("Stopped."), timeout=TIMEOUT_MS)
    assert panel.resume_button.isEnabled() and panel.train_button.isEnabled()
    assert panel.adapter_list.count() == 0
    stopped_at = panel.progress.value()
    assert 2 <= stopped_at < 8
    panel.resume()
    qtbot.waitUntil(lambda: panel.result.text().startswith("Done."), timeout=TIMEOUT_MS)
    assert panel.progress.value() == 8 and len(panel.chart.values) == 8
    assert panel.chart.values[-1] < panel.chart.values[0]
    assert panel.adapter_list.count() == 1 and panel.adapter_list.item(0).text().startswith("Keeper")
    qtbot.waitUntil(panel.train_button.isEnabled, timeout=30_000)  # the process has ended
    assert not panel.stop_button.isEnabled()

    panel.compare()
    qtbot.waitUntil(lambda: "…" not in (panel.without.toPlainText() + panel.with_adapter.toPlainText()),
                    timeout=120_000)  # fmt: skip
    assert panel.without.toPlainText() and panel.with_adapter.toPlainText()
    assert panel.without.toPlainText() != panel.with_adapter.toPlainText()

    panel.train()  # the same name again is refused, nothing starts
    assert "exists" in panel.result.text() and panel.train_button.isEnabled()

    # "My style" in Chat: offered for this model, remembered by the conversation, sent to the engine.
    style = window.chat.style_picker
    assert not style.isHidden() and style.combo.itemText(1) == "My style: Keeper"
    style.combo.setCurrentIndex(1)
    style.combo.activated.emit(1)
    window.chat.input.setPlainText("Tell me about the harbour.")
    qtbot.keyClick(window.chat.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.chat.job is None, timeout=120_000)
    conversation = window.db.get_conversation(window.chat.conversation_id)
    assert conversation.params["adapter"].endswith("adapter.gguf") and conversation.params["adapter_scale"] == 1.0
    reply = window.db.path(window.chat.conversation_id)[-1]
    assert reply.role == "assistant" and reply.content and reply.status == "complete"
    window.chat.open_conversation(None)  # a new chat starts without it
    assert style.adapter_path() == ""
    window.chat.open_conversation(conversation.id)  # and the old one shows its own choice again
    assert style.adapter_path() == conversation.params["adapter"]
    window.close()


def test_writing_that_cannot_be_learned_from_is_explained(qtbot, engine, tmp_path) -> None:
    window, panel = open_panel(qtbot, engine)
    empty = tmp_path / "empty"
    empty.mkdir()
    panel.add_sources([empty])
    qtbot.waitUntil(lambda: "no text to learn from" in panel.description.text(), timeout=30_000)
    panel.pasted.setPlainText("Just one short note.")
    qtbot.waitUntil(lambda: "Too little" in panel.description.text(), timeout=30_000)
    window.close()


def test_export_the_adapter_or_the_model_with_it_built_in(qtbot, engine, tmp_path, default_model) -> None:
    from test_merge import random_adapter, register

    adapter = register(paths_mod.get().data_dir, "Letters", random_adapter(tmp_path / "a.gguf"), default_model)
    window, panel = open_panel(qtbot, engine)
    panel.refresh_adapters()
    panel.adapter_list.setCurrentRow(0)
    assert [a.text() for a in panel.export_button.menu().actions()][1].endswith("F16…")

    job = panel.export(adapter, tmp_path / "letters-q8.gguf", "q8_0")
    qtbot.waitUntil(lambda: job.done, timeout=120_000)
    assert panel.export_status.text() == f"Saved {tmp_path / 'letters-q8.gguf'}."
    assert panel.export_progress.maximum() > 200 and panel.export_button.isEnabled()
    assert gguf.GGUFReader(str(tmp_path / "letters-q8.gguf")).fields["general.file_type"].contents() == 7

    job = panel.export(adapter, tmp_path / "letters-lora.gguf", None)
    qtbot.waitUntil(lambda: job.done, timeout=30_000)
    assert (tmp_path / "letters-lora.gguf").read_bytes() == adapter.path.read_bytes()

    # Trained on another model (it changed on disk since): refused in words, nothing written.
    summary = {**adapter.summary, "base_fingerprint": "0" * 64}
    (adapter.folder / "adapter.json").write_text(json.dumps(summary))
    [changed] = adapters.list_adapters(paths_mod.get().data_dir)
    job = panel.export(changed, tmp_path / "other.gguf", "f16")
    qtbot.waitUntil(lambda: job.done, timeout=30_000)
    assert "was trained on" in panel.export_status.text() and not (tmp_path / "other.gguf").exists()
    window.close()


def test_buttons_that_cannot_act_are_off_and_say_why(qtbot, engine, tmp_path, default_model) -> None:
    from test_merge import random_adapter, register

    window, panel = open_panel(qtbot, engine)
    # Nothing chosen to learn from: Train is off with the reason, and a direct call says it too.
    assert not panel.train_button.isEnabled() and "your writing" in panel.train_button.toolTip()
    panel.train()
    assert panel.result.text() == panel.train_button.toolTip() and not panel.training.running
    assert not panel.stop_button.isEnabled() and not panel.resume_button.isEnabled()
    assert not panel.remove_source_button.isEnabled()
    assert not panel.compare_button.isEnabled() and panel.compare_button.toolTip()
    for button in (panel.rename_button, panel.delete_button, panel.export_button):
        assert not button.isEnabled() and "No adapters yet" in button.toolTip()

    panel.pasted.setPlainText("A paragraph of mine.")
    assert panel.train_button.isEnabled() and panel.train_button.toolTip() == ""
    panel.pasted.clear()
    panel.add_sources([make_writing(tmp_path / "writing", n=2)])
    assert panel.train_button.isEnabled() and not panel.remove_source_button.isEnabled()
    panel.sources.setCurrentRow(0)
    assert panel.remove_source_button.isEnabled()
    panel.remove_source_button.click()
    assert panel.sources.count() == 0 and not panel.train_button.isEnabled()

    register(paths_mod.get().data_dir, "Letters", random_adapter(tmp_path / "a.gguf"), default_model)
    panel.refresh_adapters()
    for button in (panel.rename_button, panel.delete_button, panel.export_button):
        assert not button.isEnabled() and "Choose an adapter" in button.toolTip()
    panel.adapter_list.setCurrentRow(0)
    assert panel.rename_button.isEnabled() and panel.delete_button.isEnabled() and panel.compare_button.isEnabled()
    # The export button's own tooltip comes back once it can act.
    assert panel.export_button.isEnabled() and "GGUF" in panel.export_button.toolTip()
    window.close()


def test_a_training_process_that_fails_without_a_word_is_still_reported(qtbot, default_model, tmp_path) -> None:
    from assistant.finetune.launch import TrainingRequest
    from assistant.workers.training_process import TrainingProcess

    process = TrainingProcess()
    # No data at all: the training process's argument parser refuses it (exit status 2) on stderr.
    with qtbot.waitSignal(process.finished, timeout=120_000) as ended:
        process.start(TrainingRequest(base=default_model, out=tmp_path / "out", data=[], name="x"))
    status, error = ended.args
    assert status == 2 and "exit status 2" in error
