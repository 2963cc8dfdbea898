"""The Personalize panel: choose your writing, see what it amounts to, train an adapter, compare.

The corpus is described off the UI thread (documents, words, an estimate of the time) before any
training. Training runs in its own process (``workers/training_process.py``): a live loss curve, a
progress bar with time left, Stop (a checkpoint is saved) and Resume. Afterwards the held-out
perplexity before and after, and the same prompt answered without and with the adapter side by side.

Why one file: it is one screen whose parts (corpus, training, comparison) all act on the same run;
the training itself is in ``finetune/`` and its process in ``workers/``.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assistant.core.cancel import CancelToken
from assistant.core.inference import GenerationParams, Message
from assistant.errors import AssistantError
from assistant.finetune import adapters, corpus
from assistant.finetune.launch import EXIT_STOPPED, TrainingRequest
from assistant.finetune.merge import merging
from assistant.paths import Paths
from assistant.storage.db import Database
from assistant.ui.enabling import allow
from assistant.ui.error_presenter import message_for, show_error
from assistant.ui.personalize.loss_chart import LossChart
from assistant.workers.engine_host import EngineHost
from assistant.workers.runner import GeneratorJob
from assistant.workers.training_process import TrainingProcess

# Rough training speed on a CPU, in tokens per second per billion parameters (SmolLM2-135M trains at
# ~150 tokens/s on 2 cores); only for the estimate shown before training, which says "about".
_CPU_TOKENS_PER_S_PER_BPARAM = 20.0


class PersonalizePanel(QWidget):
    """Signals:
    status_changed(str): a line for the status bar.
    adapters_changed(): an adapter was made, renamed or deleted.
    """

    status_changed = Signal(str)
    adapters_changed = Signal()

    def __init__(self, db: Database, host: EngineHost, paths: Paths, current_model: Callable[[], Path | None]) -> None:
        super().__init__()
        self.setAccessibleName(self.tr("Personalize"))
        self.db, self.host, self.paths = db, host, paths
        self.current_model = current_model
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.training = TrainingProcess(self)
        self.training.event.connect(self._on_event)
        self.training.finished.connect(self._on_finished)
        self.request: TrainingRequest | None = None
        self.adapter_path: Path | None = None
        self._export_job: GeneratorJob | None = None
        self._can_resume = False
        """A training stopped (or failed) with a checkpoint that Resume continues from."""
        self._describe_timer = QTimer(self, singleShot=True, interval=400)
        self._describe_timer.timeout.connect(self.describe)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self._build_sources())
        layout.addWidget(self._build_training())
        layout.addWidget(self._build_compare())
        layout.addWidget(self._build_adapters())
        layout.addStretch(1)
        self._update_controls()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh_adapters()

    # -- building ---------------------------------------------------------------------------------

    def _build_sources(self) -> QWidget:
        box = QGroupBox(self.tr("1. What to learn from"))
        self.sources = QListWidget()
        self.sources.setAccessibleName(self.tr("Files and folders of your writing"))
        self.sources.setMaximumHeight(110)
        add_files = QPushButton(self.tr("Add files…"))
        add_files.clicked.connect(self._choose_files)
        add_folder = QPushButton(self.tr("Add a folder…"))
        add_folder.clicked.connect(self._choose_folder)
        self.remove_source_button = QPushButton(self.tr("Remove"))
        self.remove_source_button.clicked.connect(self._remove_source)
        self.sources.currentRowChanged.connect(lambda _: self._update_controls())
        self.pasted = QPlainTextEdit()
        self.pasted.setAccessibleName(self.tr("Pasted writing"))
        self.pasted.setPlaceholderText(self.tr("Or paste some of your writing here"))
        self.pasted.setMaximumHeight(90)
        self.pasted.textChanged.connect(self._describe_soon)
        self.pasted.textChanged.connect(self._update_controls)
        self.own_messages = QCheckBox(self.tr("Also learn from my messages in this app's conversations"))
        self.own_messages.toggled.connect(self._describe_soon)
        self.own_messages.toggled.connect(self._update_controls)
        self.description = QLabel(self.tr("Add .txt, .md or .docx files of your own writing."))
        self.description.setWordWrap(True)
        self.description.setAccessibleName(self.tr("What will be learned"))
        buttons = QHBoxLayout()
        for button in (add_files, add_folder, self.remove_source_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.sources)
        layout.addLayout(buttons)
        layout.addWidget(self.pasted)
        layout.addWidget(self.own_messages)
        layout.addWidget(self.description)
        return box

    def _build_training(self) -> QWidget:
        box = QGroupBox(self.tr("2. Train"))
        self.name = QLineEdit(self.tr("My style"))
        self.name.setAccessibleName(self.tr("Adapter name"))
        self.advanced = QGroupBox(self.tr("Advanced"))
        self.advanced.setCheckable(True)
        self.advanced.setChecked(False)
        self.rank = QSpinBox(minimum=2, maximum=128, value=16)
        self.rank.setAccessibleName(self.tr("LoRA rank"))
        self.steps = QSpinBox(minimum=0, maximum=100_000, value=0)
        self.steps.setSpecialValueText(self.tr("one pass over the writing"))
        self.steps.setAccessibleName(self.tr("Training steps"))
        self.lr = QDoubleSpinBox(decimals=5, minimum=0.00001, maximum=0.01, singleStep=0.0001, value=0.001)
        self.lr.setAccessibleName(self.tr("Learning rate"))
        self.seq = QSpinBox(minimum=32, maximum=4096, value=256, singleStep=32)
        self.seq.setAccessibleName(self.tr("Tokens per training block"))
        form = QFormLayout(self.advanced)
        form.addRow(self.tr("Rank"), self.rank)
        form.addRow(self.tr("Steps"), self.steps)
        form.addRow(self.tr("Learning rate"), self.lr)
        form.addRow(self.tr("Tokens per block"), self.seq)
        self.weights = QLineEdit()
        self.weights.setPlaceholderText(self.tr("e.g. HuggingFaceTB/SmolLM2-135M-Instruct (optional)"))
        self.weights.setToolTip(
            self.tr(
                "Train on this Hugging Face repository's full-precision safetensors weights (fetched once, "
                "pinned to a commit) instead of the model file's own"
            )
        )
        self.weights.setAccessibleName(self.tr("Full-precision weights"))
        form.addRow(self.tr("Full-precision weights"), self.weights)
        self.train_button = QPushButton(self.tr("Train"))
        self.train_button.clicked.connect(self.train)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setAccessibleName(self.tr("Stop training"))
        self.stop_button.clicked.connect(self.stop)
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.setAccessibleName(self.tr("Resume training"))
        self.resume_button.clicked.connect(self.resume)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Training progress"))
        self.chart = LossChart()
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("Training result"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Name")))
        row.addWidget(self.name, 1)
        for button in (self.train_button, self.stop_button, self.resume_button):
            row.addWidget(button)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.advanced)
        layout.addWidget(self.progress)
        layout.addWidget(self.chart)
        layout.addWidget(self.result)
        return box

    def _build_compare(self) -> QWidget:
        box = QGroupBox(self.tr("3. Compare"))
        self.prompt = QLineEdit(self.tr("Write a short note to a friend about your weekend."))
        self.prompt.setAccessibleName(self.tr("Prompt to compare"))
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.clicked.connect(self.compare)
        self.without = QTextBrowser()
        self.without.setAccessibleName(self.tr("Answer without the adapter"))
        self.with_adapter = QTextBrowser()
        self.with_adapter.setAccessibleName(self.tr("Answer with the adapter"))
        row = QHBoxLayout()
        row.addWidget(self.prompt, 1)
        row.addWidget(self.compare_button)
        answers = QHBoxLayout()
        for title, view in ((self.tr("Without"), self.without), (self.tr("With your style"), self.with_adapter)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(view)
            answers.addLayout(column)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addLayout(answers)
        return box

    def _build_adapters(self) -> QWidget:
        box = QGroupBox(self.tr("Your adapters"))
        self.adapter_list = QListWidget()
        self.adapter_list.setAccessibleName(self.tr("Your adapters"))
        self.adapter_list.setMaximumHeight(120)
        self.adapter_list.currentItemChanged.connect(self._adapter_selected)
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.rename_button.clicked.connect(self.rename_adapter)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(self.delete_adapter)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the adapter, or your model with it built in, as a GGUF file"))
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("Adapter only (for llama.cpp's --lora)…"), lambda: self._choose_export(None))
        menu.addAction(self.tr("Model with the adapter built in, F16…"), lambda: self._choose_export("f16"))
        menu.addAction(self.tr("Model with the adapter built in, Q8_0 (smaller)…"), lambda: self._choose_export("q8_0"))
        self.export_button.setMenu(menu)
        self.export_progress = QProgressBar()
        self.export_progress.setVisible(False)
        self.export_status = QLabel()
        self.export_status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.rename_button)
        row.addWidget(self.delete_button)
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.adapter_list)
        layout.addLayout(row)
        layout.addWidget(self.export_progress)
        layout.addWidget(self.export_status)
        return box

    # -- sources and description ------------------------------------------------------------------

    def add_sources(self, paths: list[Path]) -> None:
        known = {self.sources.item(i).text() for i in range(self.sources.count())}
        for path in paths:
            if str(path) not in known:
                self.sources.addItem(str(path))
        self._describe_soon()
        self._update_controls()

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Your writing"), "",
                                                self.tr("Writing (*.txt *.md *.docx)"))  # fmt: skip
        self.add_sources([Path(n) for n in names])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("A folder of your writing"))
        if folder:
            self.add_sources([Path(folder)])

    def _remove_source(self) -> None:
        row = self.sources.currentRow()
        if row >= 0:
            self.sources.takeItem(row)
            self._describe_soon()
            self._update_controls()

    def _describe_soon(self) -> None:
        self._describe_timer.start()

    def _data_paths(self) -> list[Path]:
        """The sources, plus the pasted text and (if chosen) the user's own messages, written to the
        app's folder so the training process reads them like any file."""
        paths = [Path(self.sources.item(i).text()) for i in range(self.sources.count())]
        extra = self.paths.data_dir / "personalize"
        extra.mkdir(parents=True, exist_ok=True, mode=0o700)
        pasted = extra / "pasted.txt"
        if self.pasted.toPlainText().strip():
            pasted.write_text(self.pasted.toPlainText(), encoding="utf-8")
            paths.append(pasted)
        mine = extra / "my-messages"
        if self.own_messages.isChecked():
            mine.mkdir(exist_ok=True)
            for old in mine.glob("*.txt"):
                old.unlink()
            for conv in self.db.list_conversations():
                texts = [m.content for m in self.db.path(conv.id) if m.role == "user" and m.content.strip()]
                if texts:
                    (mine / f"conversation-{conv.id}.txt").write_text("\n\n".join(texts), encoding="utf-8")
            paths.append(mine)
        return paths

    @Slot()
    def describe(self) -> None:
        paths = self._data_paths()
        if not paths:
            self.description.setText(self.tr("Add .txt, .md or .docx files of your own writing."))
            return
        self.description.setText(self.tr("Reading your writing…"))
        parameters = float((self.host.model or {}).get("parameters") or 135e6)
        on_gpu = bool((self.host.model or {}).get("n_gpu_layers"))

        def work(cancel: CancelToken):
            docs, skipped = corpus.gather(paths, cancel=cancel)
            yield corpus.build(docs, skipped=skipped).describe()

        job = GeneratorJob(work, self)
        job.yielded.connect(lambda summary: self._show_description(summary, parameters, on_gpu))
        job.failed.connect(lambda err: self.description.setText(message_for(err) or ""))
        job.start(self.pool)

    def _show_description(self, summary: dict, parameters: float, on_gpu: bool) -> None:
        tokens = int(summary["train_words"] * 1.3)
        rate = _CPU_TOKENS_PER_S_PER_BPARAM * 1e9 / parameters * (50 if on_gpu else 1)
        minutes = max(1, round(tokens / rate / 60))
        text = self.tr(
            "{0} documents ({1} to learn from, {2} kept aside to measure), {3:,} words, about {4:,} tokens. "
            "One pass takes about {5} min on this computer."
        ).format(summary["documents"], summary["train_documents"], summary["held_out_documents"],
                 summary["words"], tokens, minutes)  # fmt: skip
        if summary["removed_paragraphs"]:
            text += " " + self.tr("{0} repeated paragraphs left out.").format(summary["removed_paragraphs"])
        if summary["skipped"]:
            text += " " + self.tr("Skipped: {0}").format("; ".join(summary["skipped"]))
        self.description.setText(text)

    # -- training -----------------------------------------------------------------------------------

    @Slot()
    def train(self, *, resume: bool = False) -> None:
        base = self.current_model()
        if base is None:
            show_error(self, AssistantError(self.tr("Personalize trains on a model on this computer; load one first.")))
            return
        if not resume and not self.has_writing():
            self.result.setText(self.train_button.toolTip())
            return
        name = self.name.text().strip() or "My style"
        out = adapters.folder_for(self.paths.data_dir, name)
        if not resume and (out / adapters.ADAPTER_FILE).exists():
            self.result.setText(self.tr("An adapter called “{0}” exists: choose another name.").format(name))
            return
        self.request = TrainingRequest(
            base=base, out=out, data=self._data_paths(), name=name, rank=self.rank.value(),
            steps=self.steps.value() or None, lr=self.lr.value(), seq=self.seq.value(), resume=resume,
            weights=(self.weights.text().strip() or None) if self.advanced.isChecked() else None,
        )  # fmt: skip
        if not resume:
            self.chart.reset()
        self.result.setText(self.tr("Loading the model for training…"))
        self.training.start(self.request)
        self._can_resume = False
        self._update_controls()

    @Slot()
    def stop(self) -> None:
        self.training.stop()
        self.result.setText(self.tr("Stopping after this step (the progress is saved)…"))

    @Slot()
    def resume(self) -> None:
        if self.request is not None:
            self.train(resume=True)

    def has_writing(self) -> bool:
        """Whether anything is chosen to learn from (training with nothing would only fail)."""
        return bool(self.sources.count() or self.pasted.toPlainText().strip() or self.own_messages.isChecked())

    @Slot()
    def _update_controls(self) -> None:
        """Every button that cannot act now is off, and says why."""
        training = self.training.running
        running = self.tr("Training is running.") if training else ""
        allow(self.train_button, running or ("" if self.has_writing() else self.tr(
            "Add files or a folder of your writing, paste some, or choose to learn from your messages first."
        )))  # fmt: skip
        allow(self.stop_button, "" if training else self.tr("Nothing is training."))
        allow(self.resume_button, running or ("" if self._can_resume else self.tr("No stopped training to resume.")))
        no_source = "" if self.sources.currentRow() >= 0 else self.tr("Choose a file or folder in the list first.")
        allow(self.remove_source_button, no_source)
        no_compare = "" if self.adapter_path else self.tr("Train an adapter, or choose one in the list, first.")
        allow(self.compare_button, no_compare)
        if self.adapter_list.count() == 0:
            no_adapter = self.tr("No adapters yet: train one above.")
        else:
            no_adapter = "" if self.adapter_list.currentItem() else self.tr("Choose an adapter in the list first.")
        allow(self.rename_button, no_adapter)
        allow(self.delete_button, no_adapter)
        exporting = self._export_job is not None and not self._export_job.done
        allow(self.export_button, no_adapter or (self.tr("An export is running.") if exporting else ""))

    def _on_event(self, event: dict) -> None:
        kind = event.get("event")
        if kind == "ready":
            self.progress.setRange(0, int(event["steps"]))
            self.chart.total_steps = int(event["steps"])
            self.result.setText(self.tr("Training on {0:,} tokens…").format(int(event["train_tokens"])))
        elif kind == "resumed":
            self.progress.setValue(int(event["step"]))
        elif kind == "step":
            self.progress.setValue(int(event["step"]))
            self.chart.add(int(event["step"]), float(event["loss"]))
            left = event.get("eta_s")
            self.progress.setFormat(
                self.tr("step %v of %m · {0} s left").format(round(left)) if left is not None else "%v / %m"
            )
        elif kind == "eval" and event.get("which") == "base":
            self.result.setText(self.tr("Held-out perplexity before training: {0:.2f}").format(event["perplexity"]))
        elif kind == "done":
            ppl = event["held_out_perplexity"]
            self.adapter_path = Path(event["adapter_path"])
            self.result.setText(
                self.tr(
                    "Done. Held-out perplexity {0:.2f} → {1:.2f} (lower: your writing is better predicted)."
                ).format(ppl["base"], ppl["adapted"])
            )
            self.refresh_adapters()
            self.adapters_changed.emit()
            self.status_changed.emit(self.tr("Adapter “{0}” is ready.").format(event["name"]))

    def _on_finished(self, status: int, error: str) -> None:
        stopped = status == EXIT_STOPPED
        self._can_resume = stopped or bool(error)
        self._update_controls()
        if stopped:
            self.result.setText(self.tr("Stopped. The progress is saved: Resume continues from it."))
        elif error:
            shown = message_for(self.training.error) if self.training.error is not None else None
            self.result.setText(html.escape(shown or error))  # in the user's language where it can be

    # -- compare ------------------------------------------------------------------------------------

    @Slot()
    def compare(self) -> None:
        adapter = self.adapter_path
        if adapter is None:
            return
        prompt = self.prompt.text().strip()
        engine = self.host.engine
        base = GenerationParams(max_tokens=160, temperature=0.7, seed=7)
        self.without.setPlainText(self.tr("…"))
        self.with_adapter.setPlainText(self.tr("…"))

        def work(cancel: CancelToken):
            for which, params in (("without", base), ("with", dataclasses.replace(base, adapter=str(adapter)))):
                text = "".join(c.text for c in engine.chat([Message("user", prompt)], params, cancel))
                yield which, text

        job = self.host.run(work)
        job.yielded.connect(self._show_answer)
        job.failed.connect(lambda err: show_error(self, err))

    def _show_answer(self, item: object) -> None:
        which, text = item  # type: ignore[misc]
        (self.without if which == "without" else self.with_adapter).setPlainText(text)

    # -- adapters -----------------------------------------------------------------------------------

    def refresh_adapters(self) -> None:
        self.adapter_list.clear()
        for adapter in adapters.list_adapters(self.paths.data_dir):
            ppl = adapter.scores
            score = self.tr(" · perplexity {0:.1f} → {1:.1f}").format(ppl["base"], ppl["adapted"]) if ppl else ""
            item = QListWidgetItem(
                f"{adapter.name} · {adapter.base_name} · {adapter.summary.get('created', '')}{score}"
            )
            item.setData(Qt.ItemDataRole.UserRole, str(adapter.folder))
            self.adapter_list.addItem(item)
        self._update_controls()

    def _selected_adapter(self) -> adapters.Adapter | None:
        item = self.adapter_list.currentItem()
        if item is None:
            return None
        folder = Path(item.data(Qt.ItemDataRole.UserRole))
        return next((a for a in adapters.list_adapters(self.paths.data_dir) if a.folder == folder), None)

    def _adapter_selected(self, item: QListWidgetItem | None, _previous: object) -> None:
        adapter = self._selected_adapter()
        if adapter is not None:
            self.adapter_path = adapter.path
        self._update_controls()

    @Slot()
    def rename_adapter(self) -> None:
        adapter = self._selected_adapter()
        if adapter is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename adapter"), self.tr("Name:"), text=adapter.name)
        if ok and name.strip():
            adapters.rename(adapter, name)
            self.refresh_adapters()
            self.adapters_changed.emit()

    @Slot()
    def delete_adapter(self) -> None:
        adapter = self._selected_adapter()
        if adapter is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete adapter"),
                          self.tr("Delete the adapter “{0}”?").format(adapter.name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)  # fmt: skip
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda result: self._delete(adapter) if result == QMessageBox.StandardButton.Yes else None)
        box.open()

    def _delete(self, adapter: adapters.Adapter) -> None:
        adapters.delete(adapter, self.paths.data_dir)
        if self.adapter_path == adapter.path:
            self.adapter_path = None
        self.refresh_adapters()
        self.adapters_changed.emit()

    def _choose_export(self, quant: str | None) -> None:
        adapter = self._selected_adapter()
        if adapter is None:
            self.export_status.setText(self.tr("Choose an adapter in the list first."))
            return
        suggested = f"{adapter.folder.name}-lora.gguf" if quant is None else f"{adapter.folder.name}-{quant}.gguf"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), str(Path.home() / suggested),
                                              self.tr("GGUF model (*.gguf)"))  # fmt: skip
        if name:
            self.export(adapter, Path(name), quant)

    def export(self, adapter: adapters.Adapter, out: Path, quant: str | None) -> GeneratorJob:
        """Write the adapter (``quant`` None) or the base merged with it, off the GUI thread."""

        def work(cancel: CancelToken):
            if quant is None:
                adapters.export_file(adapter, out)
                yield 1, 1
                return
            base = adapters.trained_base(adapter)
            yield from merging(base, adapter.path, out, quant=quant, name=f"{base.stem} + {adapter.name}",
                               cancel=cancel)  # fmt: skip

        self.export_progress.setValue(0)
        self.export_progress.setVisible(True)
        self.export_status.setText(self.tr("Writing {0}…").format(out.name))
        job = GeneratorJob(work, self)
        job.yielded.connect(lambda item: self._export_progress(*item))
        job.finished.connect(lambda: self._export_done(out, None))
        job.failed.connect(lambda err: self._export_done(out, err))
        self._export_job = job
        self._update_controls()
        job.start(self.pool)
        return job

    def _export_progress(self, done: int, total: int) -> None:
        self.export_progress.setMaximum(total)
        self.export_progress.setValue(done)

    def _export_done(self, out: Path, error: object) -> None:
        self._export_job = None
        self._update_controls()
        self.export_progress.setVisible(False)
        if error is None:
            self.export_status.setText(self.tr("Saved {0}.").format(str(out)))
        else:
            self.export_status.setText(message_for(error) or self.tr("The export failed."))

    def shutdown(self) -> None:
        """Closing the window: a running training stops at its next step, with a checkpoint."""
        if self.training.running:
            self.training.stop()
            self.training.wait(30_000)
        if self._export_job is not None and not self._export_job.done:
            self._export_job.cancel()  # a half-written export is removed, not left behind
        self.pool.waitForDone(5000)
