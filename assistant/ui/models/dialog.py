"""The Models dialog: what is on this computer, what to get from the Hub, and downloads in progress.

Everything slow (walking model folders, asking the Hub, downloading) runs off the UI thread:
queries through ``GeneratorJob`` on the dialog's own pool, downloads through ``DownloadManager``.
The fit of each file ("fits on GPU / partly on GPU / CPU only / too large") uses the free GPU
memory the engine reports and the RAM available now; the recommended file is starred.

Why one file: one dialog whose tabs share the model list and the download manager; its table models
are in ``tables.py``.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assistant import settings as settings_mod
from assistant.core.cancel import CancelToken
from assistant.errors import AssistantError
from assistant.models import catalog, fit, hub_token, memory, store
from assistant.models import download as download_mod
from assistant.models.hub import RemoteModel, RepoListing
from assistant.ui.data_words import shown
from assistant.ui.enabling import allow
from assistant.ui.error_presenter import message_for, show_error
from assistant.ui.models.tables import Column, RowsTable, duration_text, size_text
from assistant.workers.downloads import DownloadKey, DownloadManager
from assistant.workers.runner import GeneratorJob


@dataclass(frozen=True)
class RepoRow:
    repo: str
    title: str
    detail: str
    licence: str
    entry: catalog.CatalogModel | None = None


@dataclass(frozen=True)
class FileRow:
    model: RemoteModel
    estimate: fit.Estimate
    recommended: bool


@dataclass(frozen=True)
class DownloadRow:
    key: DownloadKey
    model: RemoteModel
    commit: str
    done: int = 0
    speed: float = 0.0
    eta: float | None = None
    state: str = ""
    path: Path | None = None


def _parameters(n: int) -> str:
    return f"{n / 1e9:.1f} B" if n >= 1e9 else f"{n / 1e6:.0f} M"


def _table(model: RowsTable, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class ModelsDialog(QDialog):
    """Signals:
    model_chosen(object): the user asked to use a model file (a Path).
    models_found(object): the list of models on this computer was read again (LocalModels).
    """

    model_chosen = Signal(object)
    models_found = Signal(object)

    def __init__(
        self,
        settings: settings_mod.ModelSettings,
        save_settings: Callable[[settings_mod.ModelSettings], None],
        downloads: DownloadManager,
        *,
        n_ctx: int,
        gpu_free: Callable[[], int],
        places: store.Places | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Models"))
        self.resize(980, 620)
        self.settings = settings
        self._save_settings = save_settings
        self.downloads = downloads
        self.n_ctx = n_ctx
        self._gpu_free_source = gpu_free
        self.gpu_free = 0
        self.places = places or store.Places.for_home(Path.home())
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.jobs: list[GeneratorJob] = []
        self.listing: RepoListing | None = None
        self.catalog = catalog.load()

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_local_tab(), self.tr("On this computer"))
        self.tabs.addTab(self._build_get_tab(), self.tr("Get models"))
        self.tabs.addTab(self._build_downloads_tab(), self.tr("Downloads"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        for rows, view in ((self.local, self.local_view), (self.files, self.file_view),
                           (self.transfers, self.transfer_view)):  # fmt: skip
            for changed in (rows.modelReset, rows.rowsInserted, rows.rowsRemoved, rows.dataChanged):
                changed.connect(lambda *_: self._update_buttons())
            view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

        downloads.progress.connect(self._on_progress)
        downloads.completed.connect(self._on_completed)
        downloads.stopped.connect(self._on_stopped)
        downloads.failed.connect(self._on_failed)

        self.show_catalog()
        self.refresh_local()
        self._show_pending()
        self._run(self._gpu_free_source, self._on_gpu_free)

    # -- building ---------------------------------------------------------------------------------

    def _build_local_tab(self) -> QWidget:
        self.local = RowsTable[store.LocalModel](
            [
                Column(self.tr("Model"), lambda m: m.name, lambda m: str(m.path)),
                Column(self.tr("Quantisation"), lambda m: m.quant or "?"),
                Column(self.tr("Size"), lambda m: size_text(m.size), align_right=True),
                Column(self.tr("Where"), lambda m: shown(m.source), lambda m: str(m.path)),
            ],
            self,
        )
        self.local_view = _table(self.local, self.tr("Models on this computer"))
        self.local_view.doubleClicked.connect(lambda _: self.use_selected())
        self.use_button = QPushButton(self.tr("Use this model"))
        self.use_button.clicked.connect(self.use_selected)
        self.details_button = QPushButton(self.tr("Details"))
        self.details_button.clicked.connect(self.show_details)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.clicked.connect(self.remove_selected)
        add_folder = QPushButton(self.tr("Add a folder…"))
        add_folder.clicked.connect(self.add_folder)
        add_file = QPushButton(self.tr("Add a file…"))
        add_file.clicked.connect(self.add_file)
        row = QHBoxLayout()
        for button in (self.use_button, self.details_button, self.remove_button, add_folder, add_file):
            row.addWidget(button)
        row.addStretch(1)
        self.local_status = QLabel("")
        self.local_status.setWordWrap(True)
        self.local_status.setTextFormat(Qt.TextFormat.PlainText)  # file names may hold "<"
        self.details = QLabel("")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)  # built from escaped parts
        self.details.setAccessibleName(self.tr("Model details"))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.local_view)
        layout.addLayout(row)
        layout.addWidget(self.details)
        layout.addWidget(self.local_status)
        return page

    def _build_get_tab(self) -> QWidget:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search the Hugging Face Hub for GGUF models (Enter)"))
        self.search_box.setAccessibleName(self.tr("Search the Hub"))
        self.search_box.returnPressed.connect(self.search)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(lambda text: self.show_catalog() if not text else None)
        self.repos = RowsTable[RepoRow](
            [
                Column(self.tr("Model"), lambda r: r.title, lambda r: r.repo),
                Column(self.tr("About"), lambda r: r.detail, self._catalog_tooltip),
                Column(self.tr("Licence"), lambda r: r.licence),
            ],
            self,
        )
        self.repo_view = _table(self.repos, self.tr("Models to get"))
        self.repo_view.selectionModel().currentRowChanged.connect(lambda current, _: self._repo_selected(current))
        self.files = RowsTable[FileRow](
            [
                Column(self.tr("File"), lambda f: ("★ " if f.recommended else "") + f.model.name),
                Column(self.tr("Quantisation"), lambda f: f.model.quant or "?"),
                Column(self.tr("Size"), lambda f: size_text(f.model.size), align_right=True),
                Column(
                    self.tr("On this computer"),
                    lambda f: self._fit_text(f.estimate.fit),
                    lambda f: self.tr("Needs about {0} at a context of {1:,} tokens").format(
                        size_text(f.estimate.need_bytes), self.n_ctx
                    ),
                ),
            ],
            self,
        )
        self.file_view = _table(self.files, self.tr("Files in the repository"))
        self.file_view.doubleClicked.connect(lambda _: self.download_selected())
        self.repo_info = QLabel(self.tr("Choose a model to see its files and how each fits this computer."))
        self.repo_info.setTextFormat(Qt.TextFormat.PlainText)  # repository names come from the network
        self.repo_info.setWordWrap(True)
        self.download_button = QPushButton(self.tr("Download"))
        self.download_button.clicked.connect(self.download_selected)
        self.hub_status = QLabel("")
        self.hub_status.setTextFormat(Qt.TextFormat.PlainText)
        self.hub_status.setWordWrap(True)
        self.hub_status.setAccessibleName(self.tr("Hub status"))

        self.token_box = QLineEdit()
        self.token_box.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_box.setPlaceholderText(self.tr("Hub access token (for gated or private models)"))
        self.token_box.setAccessibleName(self.tr("Hub token"))
        save_token = QPushButton(self.tr("Save token"))
        save_token.clicked.connect(self.save_token)
        token_row = QHBoxLayout()
        token_row.addWidget(self.token_box, 1)
        token_row.addWidget(save_token)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.repo_info)
        right_layout.addWidget(self.file_view, 1)
        right_layout.addWidget(self.download_button)
        split = QSplitter()
        split.addWidget(self.repo_view)
        split.addWidget(right)
        split.setSizes([460, 500])
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.search_box)
        layout.addWidget(split, 1)
        layout.addWidget(self.hub_status)
        layout.addLayout(token_row)
        return page

    def _build_downloads_tab(self) -> QWidget:
        self.transfers = RowsTable[DownloadRow](
            [
                Column(self.tr("Model"), lambda d: str(d.key)),
                Column(
                    self.tr("Progress"),
                    lambda d: self.tr("{0}% · {1} of {2}").format(
                        int(d.done * 100 / d.model.size) if d.model.size else 100,
                        size_text(d.done),
                        size_text(d.model.size),
                    ),
                ),
                Column(self.tr("Speed"), lambda d: f"{size_text(int(d.speed))}/s" if d.speed else "–"),
                Column(self.tr("Time left"), lambda d: duration_text(d.eta)),
                Column(self.tr("State"), lambda d: d.state),
            ],
            self,
        )
        self.transfer_view = _table(self.transfers, self.tr("Downloads"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.clicked.connect(self.pause_selected)
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.clicked.connect(self.resume_selected)
        self.cancel_button = QPushButton(self.tr("Cancel download"))
        self.cancel_button.clicked.connect(self.cancel_selected)
        row = QHBoxLayout()
        for button in (self.pause_button, self.resume_button, self.cancel_button):
            row.addWidget(button)
        row.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.transfer_view)
        layout.addLayout(row)
        return page

    def _show_pending(self) -> None:
        """Downloads paused earlier (also before the app last closed) wait here to be resumed."""
        for repo, model, commit in download_mod.pending(self.downloads.app_dir):
            key = DownloadKey(repo, model.name)
            if self._transfer_index(key) is not None:
                continue
            done = download_mod.partial_bytes(repo, model)
            state = self.tr("downloading") if self.downloads.is_running(key) else self.tr("paused")
            self.transfers.append(DownloadRow(key, model, commit, done=done, state=state))

    def _fit_text(self, value: fit.Fit) -> str:
        return {
            fit.Fit.GPU: self.tr("fits on GPU"),
            fit.Fit.PARTLY_GPU: self.tr("partly on GPU"),
            fit.Fit.CPU_ONLY: self.tr("CPU only"),
            fit.Fit.TOO_LARGE: self.tr("too large"),
        }[value]

    def _update_buttons(self) -> None:
        """Each button that cannot act on what is selected is off, and says why."""
        model = self._selected_local()
        no_model = "" if model else self.tr("Choose a model in the list first.")
        allow(self.use_button, no_model)
        allow(self.details_button, no_model)
        built_in = model is not None and model.source == store.BUILT_IN
        allow(self.remove_button, no_model or (
            self.tr("The built-in model is part of the app and cannot be removed.") if built_in else ""
        ))  # fmt: skip
        if self.listing is None:
            no_file = self.tr("Choose a model on the left, then one of its files.")
        else:
            no_file = "" if self.files.row_at(self.file_view.currentIndex()) else self.tr("Choose a file to download.")
        allow(self.download_button, no_file)
        transfer = self._selected_transfer()
        if transfer is None:
            why = self.tr("Choose a download in the list first.") if self.transfers.rows else self.tr("No downloads.")
            for button in (self.pause_button, self.resume_button, self.cancel_button):
                allow(button, why)
            return
        finished = self.tr("This download has finished.") if transfer.path is not None else ""
        running = self.downloads.is_running(transfer.key)
        allow(self.pause_button, finished or ("" if running else self.tr("This download is not running.")))
        allow(self.resume_button, finished or (self.tr("This download is running.") if running else ""))
        allow(self.cancel_button, finished)

    # -- background work ----------------------------------------------------------------------------

    def _run(self, work: Callable[[], object], on_result: Callable[[object], None], on_error=None) -> GeneratorJob:
        def generate(cancel):
            yield work()

        job = GeneratorJob(generate, self)
        job.yielded.connect(on_result)
        job.failed.connect(on_error or (lambda err: show_error(self, err)))
        job.finished.connect(lambda: self.jobs.remove(job) if job in self.jobs else None)
        job.failed.connect(lambda _: self.jobs.remove(job) if job in self.jobs else None)
        self.jobs.append(job)
        job.start(self.pool)
        return job

    def wait_idle(self, msecs: int = 10_000) -> bool:
        """Wait for the dialog's queries (the tests use it; the UI never does)."""
        return self.pool.waitForDone(msecs)

    def _on_gpu_free(self, value: object) -> None:
        self.gpu_free = int(value) if isinstance(value, int) else 0

    # -- on this computer ---------------------------------------------------------------------------

    def refresh_local(self) -> None:
        settings, places = self.settings, self.places

        def find():
            return store.discover_configured(settings, places)

        def found(models: object) -> None:
            self.local.set_rows(models)  # type: ignore[arg-type]
            self.models_found.emit(models)

        self._run(find, found)

    def _selected_local(self) -> store.LocalModel | None:
        return self.local.row_at(self.local_view.currentIndex())

    @Slot()
    def use_selected(self) -> None:
        """Load the selected model; a Hub-cache file not yet checked is checked first (its blob is
        named by its SHA-256), so a damaged download is never loaded."""
        model = self._selected_local()
        if model is None:
            return
        app_dir = self.downloads.app_dir
        if model.source != store.HF_CACHE or download_mod.is_verified(model.path, app_dir):
            self.model_chosen.emit(model.path)
            return
        self.local_status.setText(self.tr("Checking {0} before loading it…").format(model.name))

        def check():
            for _ in download_mod.verify_cached(model.path, app_dir, CancelToken()):
                pass
            return model.path

        def checked(path: object) -> None:
            self.local_status.setText("")
            self.model_chosen.emit(path)

        def failed(err: object) -> None:
            self.local_status.setText(message_for(err) or "")  # type: ignore[arg-type]
            self.refresh_local()

        self._run(check, checked, failed)

    @Slot()
    def show_details(self) -> None:
        model = self._selected_local()
        if model is None:
            return
        from assistant.models.gguf_info import read_info

        def describe(info) -> None:
            entry = catalog.find(model.repo, self.catalog) if model.repo else None
            licence = info.license or (entry.licence if entry else None) or self.tr("not stated")
            lines = [
                f"<b>{html.escape(model.name)}</b> — {html.escape(str(model.path))}",
                self.tr("Architecture: {0} · parameters: {1} · quantisation: {2}").format(
                    html.escape(info.architecture), _parameters(info.parameters), html.escape(info.quantization)
                ),
                self.tr("Trained context: {0} tokens · chat template: {1} · licence: {2}").format(
                    f"{info.context_length:,}" if info.context_length else "?",
                    self.tr("yes") if info.chat_template else self.tr("no"),
                    html.escape(licence),
                ),
            ]
            self.details.setText("<br>".join(lines))

        self._run(
            lambda: read_info(model.path), describe, lambda err: self.local_status.setText(message_for(err) or "")
        )

    @Slot()
    def remove_selected(self) -> None:
        model = self._selected_local()
        if model is None:
            return
        if model.source == store.BUILT_IN:
            self.local_status.setText(self.tr("The built-in model is part of the app and cannot be removed."))
            return
        if model.owned:
            question = self.tr("Delete {0} ({1}) from this computer?").format(model.name, size_text(model.size))
        else:
            question = self.tr(
                "Remove {0} from this list? The file stays where {1} keeps it; nothing is deleted."
            ).format(model.name, model.source)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove a model"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)  # fmt: skip
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda result: self._remove(model) if result == QMessageBox.StandardButton.Yes else None)
        box.open()

    def _remove(self, model: store.LocalModel) -> None:
        if model.owned:
            try:
                freed = store.delete(model)
            except (AssistantError, OSError) as err:
                show_error(self, err if isinstance(err, AssistantError) else AssistantError(str(err)))
                return
            self.local_status.setText(self.tr("Deleted {0}: {1} freed.").format(model.name, size_text(freed)))
        else:
            if model.source == store.ADDED and str(model.path) in self.settings.folders:
                folders = [f for f in self.settings.folders if f != str(model.path)]
                self._update_settings(folders=folders)
            else:
                self._update_settings(hidden=[*self.settings.hidden, str(model.path)])
            self.local_status.setText(
                self.tr("Removed {0} from the list; the file was not touched.").format(model.name)
            )
        self.refresh_local()

    @Slot()
    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of models"))
        if folder:
            self.add_path(Path(folder))

    @Slot()
    def add_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Add a model file"), "", self.tr("GGUF models (*.gguf)"))
        if name:
            self.add_path(Path(name))

    def add_path(self, path: Path) -> None:
        """Add a folder or GGUF file to the list; it is used where it is, never copied."""
        text = str(path)
        hidden = [h for h in self.settings.hidden if h != text]
        folders = self.settings.folders if text in self.settings.folders else [*self.settings.folders, text]
        self._update_settings(folders=folders, hidden=hidden)
        self.refresh_local()

    def _update_settings(self, **changes) -> None:
        self.settings = dataclasses.replace(self.settings, **changes)
        self._save_settings(self.settings)

    # -- get models ---------------------------------------------------------------------------------

    def show_catalog(self) -> None:
        sizes = {"small": self.tr("small"), "medium": self.tr("medium"), "large": self.tr("large")}
        self.repos.set_rows(
            [
                RepoRow(m.repo, m.name, f"{sizes[m.size]} · {m.parameters:g}B · {shown(m.summary)}", m.licence, m)
                for m in self.catalog
            ]
        )

    def offer(self, repo: str) -> None:
        """Open the Get tab at a catalog model, its files listed (the one for this machine chosen)."""
        self.tabs.setCurrentIndex(1)
        if self.search_box.text():
            self.search_box.clear()  # back to the catalog
        row = next((i for i, r in enumerate(self.repos.rows) if r.repo.lower() == repo.lower()), None)
        if row is not None:
            self.repo_view.selectRow(row)

    @Slot()
    def search(self) -> None:
        query = self.search_box.text().strip()
        if not query:
            self.show_catalog()
            return
        self.hub_status.setText(self.tr("Searching…"))
        from assistant.models import hub

        def ask():
            return hub.search(query, token=hub_token.load())

        self._run(ask, self._on_search, self._on_hub_error)

    def _on_search(self, hits: object) -> None:
        rows = []
        for h in hits:  # type: ignore[attr-defined]
            detail = self.tr("{0:,} downloads").format(h.downloads) + (self.tr(" · gated") if h.gated else "")
            rows.append(RepoRow(h.repo, h.repo, detail, "", catalog.find(h.repo, self.catalog)))
        self.repos.set_rows(rows)
        found = self.tr("{0} repositories found.").format(len(rows)) if rows else self.tr("Nothing found.")
        self.hub_status.setText(found)

    def _on_hub_error(self, err: object) -> None:
        self.hub_status.setText(message_for(err) or "")  # type: ignore[arg-type]

    def _repo_selected(self, index) -> None:
        row = self.repos.row_at(index)
        if row is None:
            return
        self.listing = None
        self.files.set_rows([])
        self.repo_info.setText(self.tr("Reading {0}…").format(row.repo))
        from assistant.models import hub

        def ask():
            return hub.list_repo(row.repo, token=hub_token.load())

        def unavailable(err: object) -> None:
            self._on_hub_error(err)
            if row.entry is not None:  # offline: the catalog still tells the sizes
                self.repo_info.setText(self._catalog_tooltip(row))

        self._run(ask, lambda listing: self._on_listing(row, listing), unavailable)

    def _catalog_tooltip(self, row: RepoRow) -> str:
        """The About text whole (the column clips it), then for a catalog model its sizes on disk per
        quantisation (estimates), context and languages."""
        entry = row.entry
        if entry is None:
            return f"{row.detail}\n{row.repo}" if row.detail else row.repo
        sizes = ", ".join(f"{q} ≈ {size_text(entry.approx_bytes(q))}" for q in entry.quants)
        return row.detail + "\n" + self.tr("{0}: {1}; context {2:,} tokens; languages: {3}").format(
            entry.name, sizes, entry.context, ", ".join(entry.languages)
        )

    def _on_listing(self, row: RepoRow, listing: object) -> None:
        assert isinstance(listing, RepoListing)
        current = self.repos.row_at(self.repo_view.currentIndex())
        if current is None or current.repo != listing.repo:
            return  # the user moved on
        self.listing = listing
        ram = memory.available_ram()
        entry = row.entry
        estimates = [
            fit.estimate(
                m.size, quant=m.quant, n_ctx=min(self.n_ctx, entry.context) if entry else self.n_ctx,
                gpu_free=self.gpu_free, ram_free=ram, geometry=entry.geometry if entry else None,
                parameters=entry.parameters * 1e9 if entry else None,
            )
            for m in listing.models
        ]  # fmt: skip
        best = fit.recommend((m.quant or "", e) for m, e in zip(listing.models, estimates, strict=True))
        rows = [FileRow(m, e, m.quant == best) for m, e in zip(listing.models, estimates, strict=True)]
        # Only one star, on the smallest file of the recommended quantisation.
        starred = [r for r in rows if r.recommended]
        keep = min(starred, key=lambda r: r.model.size) if starred else None
        rows = [dataclasses.replace(r, recommended=r is keep) for r in rows]
        self.files.set_rows(rows)
        licence = listing.licence or (entry.licence if entry else None) or self.tr("not stated")
        text = self.tr("{0} · licence: {1}").format(listing.repo, licence)
        if listing.gated:
            text += self.tr(" · gated: accept its terms on huggingface.co and save your token below")
        if listing.incomplete:
            text += self.tr(" · incomplete, not offered: {0}").format(", ".join(listing.incomplete))
        self.repo_info.setText(text)
        if keep is not None:
            self.file_view.selectRow(rows.index(keep))
        self.hub_status.setText("")

    @Slot()
    def download_selected(self) -> None:
        row = self.files.row_at(self.file_view.currentIndex())
        if row is None or self.listing is None:
            return
        self._start_download(self.listing.repo, row.model, self.listing.commit)
        self.tabs.setCurrentIndex(2)

    def _start_download(self, repo: str, model: RemoteModel, commit: str) -> None:
        key = self.downloads.start(repo, model, commit)
        index = self._transfer_index(key)
        row = DownloadRow(key, model, commit, state=self.tr("starting"))
        if index is None:
            self.transfers.append(row)
        else:
            self.transfers.update_row(index, row)

    @Slot()
    def save_token(self) -> None:
        text = self.token_box.text().strip()
        if not text:
            hub_token.forget()
            self.hub_status.setText(self.tr("The stored token was removed."))
            return
        try:
            where = hub_token.save(text)
        except AssistantError as err:
            self.hub_status.setText(message_for(err) or "")
            return
        self.token_box.clear()
        if where is None:
            self.hub_status.setText(self.tr("Token saved in the system keyring."))
        else:
            self.hub_status.setText(self.tr("Token saved in {0}.").format(where))

    # -- downloads ----------------------------------------------------------------------------------

    def _transfer_index(self, key: DownloadKey) -> int | None:
        return next((i for i, r in enumerate(self.transfers.rows) if r.key == key), None)

    def _selected_transfer(self) -> DownloadRow | None:
        return self.transfers.row_at(self.transfer_view.currentIndex())

    @Slot()
    def pause_selected(self) -> None:
        row = self._selected_transfer()
        if row is not None:
            self.downloads.pause(row.key)

    @Slot()
    def resume_selected(self) -> None:
        row = self._selected_transfer()
        if row is not None and row.path is None:
            self._start_download(row.key.repo, row.model, row.commit)

    @Slot()
    def cancel_selected(self) -> None:
        row = self._selected_transfer()
        if row is None or row.path is not None:
            return
        if self.downloads.is_running(row.key):
            self.downloads.cancel(row.key)
        else:
            self.downloads.forget(row.key, row.model)

    def _on_progress(self, key: DownloadKey, event: download_mod.Progress) -> None:
        index = self._transfer_index(key)
        if index is None:
            return
        state = self.tr("checking") if event.phase == "verifying" else self.tr("downloading")
        row = dataclasses.replace(
            self.transfers.rows[index], done=event.done, speed=event.speed, eta=event.eta, state=state
        )
        self.transfers.update_row(index, row)

    def _on_completed(self, key: DownloadKey, path: Path) -> None:
        index = self._transfer_index(key)
        if index is not None:
            row = self.transfers.rows[index]
            done = dataclasses.replace(
                row, done=row.model.size, speed=0.0, eta=None, state=self.tr("ready (checked)"), path=path
            )
            self.transfers.update_row(index, done)
        self.refresh_local()

    def _on_stopped(self, key: DownloadKey, discarded: bool) -> None:
        index = self._transfer_index(key)
        if index is None:
            return
        if discarded:
            self.transfers.remove(index)
        else:
            row = self.transfers.rows[index]
            self.transfers.update_row(index, dataclasses.replace(row, speed=0.0, eta=None, state=self.tr("paused")))

    def _on_failed(self, key: DownloadKey, err: object) -> None:
        index = self._transfer_index(key)
        if index is not None:
            row = self.transfers.rows[index]
            self.transfers.update_row(index, dataclasses.replace(row, speed=0.0, eta=None, state=self.tr("failed")))
        show_error(self, err)  # type: ignore[arg-type]
