"""The Library panel: collections of the user's folders and files, each file's status, and indexing.

Indexing itself belongs to ``workers.library_indexer`` (background thread, queue, pause, watching);
this panel shows its events: the collection list with each one's state, a progress line (files,
passages, time left), Pause/Resume, and the files table (indexed, skipped or failed, and why).
Making and changing collections are single quick writes to the Library's own database.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant.errors import AssistantError
from assistant.jobs.library import FileDone, Indexed, Progress, Scanned
from assistant.library import embedders
from assistant.library.store import FAILED, INDEXED, SKIPPED, FileRecord, LibraryStore
from assistant.models import download
from assistant.ui import theme
from assistant.ui.data_words import shown
from assistant.ui.enabling import allow
from assistant.ui.error_presenter import message_for, show_error
from assistant.ui.library.files_model import FilesModel
from assistant.units import format_duration
from assistant.workers.library_indexer import IDLE, INDEXING, PAUSED, QUEUED, LibraryIndexer

NameRole = Qt.ItemDataRole.UserRole + 1


class LibraryPanel(QWidget):
    """Signals:
    status_changed(str): a line for the window's status bar.
    """

    status_changed = Signal(str)

    def __init__(self, store: LibraryStore, indexer: LibraryIndexer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.indexer = indexer
        self.current: str | None = None
        self._progress: dict[str, str] = {}
        self._problems: dict[str, str] = {}

        self.collections = QListWidget()
        self.collections.setAccessibleName(self.tr("Collections"))
        self.collections.currentItemChanged.connect(
            lambda item, _old: self._show(item.data(NameRole) if item else None)
        )
        self.collections.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.collections.customContextMenuRequested.connect(self._menu)
        self.new_button = QPushButton(self.tr("New collection…"))
        self.new_button.setToolTip(self.tr("Make a collection from a folder of your documents"))
        self.new_button.clicked.connect(self.new_collection)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.collections, 1)
        left_layout.addWidget(self.new_button)

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        theme.set_type(self.title, "heading")
        self.roots = QListWidget()
        self.roots.setAccessibleName(self.tr("Folders and files in the collection"))
        self.roots.setMaximumHeight(90)
        self.roots.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.roots.customContextMenuRequested.connect(self._roots_menu)
        self.add_folder_button = QPushButton(self.tr("Add folder…"))
        self.add_folder_button.clicked.connect(self.add_folder)
        self.add_files_button = QPushButton(self.tr("Add files…"))
        self.add_files_button.clicked.connect(self.add_files)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.index_button = QPushButton(self.tr("Check for changes"))
        self.index_button.clicked.connect(lambda: self.current and self.indexer.index(self.current))
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.setToolTip(self.tr("Forget this collection (your files are not touched)"))
        self.remove_button.clicked.connect(lambda: self.current and self.remove_collection(self.current))
        buttons = QHBoxLayout()
        for button in (self.add_folder_button, self.add_files_button, self.index_button, self.pause_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)

        self.embedder = QComboBox()
        self.embedder.setAccessibleName(self.tr("Embedding model"))
        self.embedder.setToolTip(
            self.tr(
                "The model that turns passages into meanings to search by; changing it indexes the collection again"
            )
        )
        self.embedder.activated.connect(self._embedder_chosen)
        self.stop_download_button = QPushButton(self.tr("Stop download"))
        self.stop_download_button.clicked.connect(lambda: self.current and self.indexer.stop_download(self.current))
        self.stop_download_button.hide()
        model_row = QHBoxLayout()
        model_row.addWidget(QLabel(self.tr("Embedding model:")))
        model_row.addWidget(self.embedder, 1)
        model_row.addWidget(self.stop_download_button)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Indexing progress"))
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.state_label = QLabel()
        self.state_label.setAccessibleName(self.tr("Indexing state"))
        self.state_label.setWordWrap(True)

        self.filter = QComboBox()
        self.filter.setAccessibleName(self.tr("Show files"))
        for text, status in (
            (self.tr("All files"), ""),
            (self.tr("Indexed"), INDEXED),
            (self.tr("Skipped"), SKIPPED),
            (self.tr("Failed"), FAILED),
        ):
            self.filter.addItem(text, status)
        self.files = FilesModel(self)
        self.filter.currentIndexChanged.connect(lambda _i: self.files.set_status_filter(self.filter.currentData()))
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Files in the collection"))
        self.table.setModel(self.files)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FilesModel.DETAILS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FilesModel.NAME, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(FilesModel.NAME, 220)

        details = QWidget()
        layout = QVBoxLayout(details)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.roots)
        layout.addLayout(buttons)
        layout.addLayout(model_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.state_label)
        layout.addWidget(self.filter, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)

        self.empty = QLabel(
            self.tr(
                "Make a collection of your documents (txt, md, pdf, docx, html and source code) and ask "
                "about them in Chat: answers cite the passages they come from. Everything is indexed on "
                "this computer; folders are watched for changes."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(details)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 700])
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)

        indexer.state_changed.connect(self._on_state)
        indexer.event.connect(self._on_event)
        indexer.failed.connect(self._on_failed)
        indexer.damaged.connect(self._on_damaged)
        self.refresh()

    # -- collections ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """The collection list from the store, keeping the current one selected."""
        keep = self.current
        self.collections.blockSignals(True)
        self.collections.clear()
        for collection in self.store.collections():
            item = QListWidgetItem(collection.name)
            item.setData(NameRole, collection.name)
            self.collections.addItem(item)
            self._decorate(item)
        names = [self.collections.item(i).data(NameRole) for i in range(self.collections.count())]
        chosen = keep if keep in names else (names[0] if names else None)
        if chosen is not None:
            self.collections.setCurrentRow(names.index(chosen))
        self.collections.blockSignals(False)  # shown once, below, not also by currentItemChanged
        self._show(chosen)

    @Slot()
    def new_collection(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder of documents"))
        if not folder:
            return
        suggested = self._free_name(Path(folder).name or self.tr("Documents"))
        name, ok = QInputDialog.getText(self, self.tr("New collection"), self.tr("Name:"), text=suggested)
        if ok:
            self.create_collection(name, [Path(folder)])

    def create_collection(self, name: str, roots: list[Path]) -> bool:
        try:
            collection = self.store.create(name, roots, embedders.BUILT_IN.name)
        except AssistantError as err:
            show_error(self, err)
            return False
        self.current = collection.name
        self.refresh()
        self.indexer.index(collection.name)
        return True

    @Slot()
    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder"))
        if folder:
            self.add_roots([Path(folder)])

    @Slot()
    def add_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Add files"))
        if names:
            self.add_roots([Path(n) for n in names])

    def add_roots(self, paths: list[Path]) -> None:
        if self.current is None:
            return
        collection = self.store.get(self.current)
        self.store.set_roots(collection, [*collection.roots, *paths])
        self._show(self.current)
        self.indexer.index(self.current)

    def remove_root(self, root: str) -> None:
        """Take a folder or file out of the collection (its passages go; the files stay on disk)."""
        name = self.current
        if name is None:
            return

        def remove() -> None:
            try:
                collection = self.store.get(name)
                self.store.set_roots(collection, [r for r in collection.roots if r != root])
            except AssistantError as err:
                show_error(self, err)
                return
            if self.current == name:
                self._show(name)
            self.indexer.index(name)

        self.indexer.when_stopped(name, remove)

    def remove_collection(self, name: str, *, confirm: bool = True) -> None:
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Remove collection"),
                self.tr("Forget the collection “{0}” and its index? Your files are not touched.").format(name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return

        def remove() -> None:
            self.store.remove(name)
            self.indexer.forget(name)
            self._progress.pop(name, None)
            self._problems.pop(name, None)
            self.refresh()
            self.status_changed.emit(self.tr("Removed the collection “{0}”.").format(name))

        self.indexer.when_stopped(name, remove)

    @Slot()
    def toggle_pause(self) -> None:
        if self.current is None:
            return
        if self.indexer.state(self.current) == PAUSED:
            self.indexer.resume(self.current)
        else:
            self.indexer.pause(self.current)

    def _free_name(self, base: str) -> str:
        taken = {c.name for c in self.store.collections()}
        name, n = base, 2
        while name in taken:
            name, n = f"{base} {n}", n + 1
        return name

    def _menu(self, pos) -> None:
        item = self.collections.itemAt(pos)
        if item is None:
            return
        name = item.data(NameRole)
        menu = QMenu(self)
        menu.addAction(self.tr("Check for changes"), lambda: self.indexer.index(name))
        menu.addAction(self.tr("Remove…"), lambda: self.remove_collection(name))
        menu.popup(self.collections.viewport().mapToGlobal(pos))

    def _roots_menu(self, pos) -> None:
        item = self.roots.itemAt(pos)
        if item is None:
            return
        root = item.text()
        menu = QMenu(self)
        remove = menu.addAction(self.tr("Take out of the collection"), lambda: self.remove_root(root))
        if self.roots.count() < 2:
            remove.setEnabled(False)
            remove.setToolTip(self.tr("A collection needs at least one folder or file"))
        menu.popup(self.roots.viewport().mapToGlobal(pos))

    # -- showing ----------------------------------------------------------------------------------

    def _show(self, name: str | None) -> None:
        self.current = name
        if name is None:
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentIndex(1)
        try:
            collection = self.store.get(name)
        except AssistantError:
            return
        self.title.setText(collection.name)
        self.roots.clear()
        self.roots.addItems(list(collection.roots))
        self.files.set_files(list(self.store.files(collection).values()))
        self._fill_embedders(collection.embedder)
        self._show_state(name)

    def _fill_embedders(self, chosen: str) -> None:
        self.embedder.clear()
        try:
            entries = embedders.available()
        except AssistantError as err:  # a damaged catalog: the built-in model still works
            self.status_changed.emit(message_for(err))
            entries = [embedders.BUILT_IN]
        for entry in entries:
            here = embedders.local_path(entry, self.indexer.models_dir) is not None
            text = entry.name if here else self.tr("{0} — download {1} MB").format(entry.name, entry.size_mb)
            self.embedder.addItem(text, entry.name)
            tip = f"{shown(entry.summary)}\n{', '.join(entry.languages)} · {entry.dimensions} · {entry.licence}"
            self.embedder.setItemData(self.embedder.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.embedder.setCurrentIndex(max(0, self.embedder.findData(chosen)))

    def _embedder_chosen(self, _index: int) -> None:
        if self.current is None:
            return
        model = self.embedder.currentData()
        if model == self.store.get(self.current).embedder:
            return
        self.change_embedder(self.current, model)

    def change_embedder(self, name: str, model: str, *, confirm: bool = True) -> None:
        """Index ``name`` again with ``model`` (downloaded first if need be), after the user agreed."""
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Change the embedding model"),
                self.tr(
                    "Index “{0}” again with {1}? Until that is done, answers draw on the part already indexed."
                ).format(name, model),
            )
            if answer != QMessageBox.StandardButton.Yes:
                self._fill_embedders(self.store.get(name).embedder)
                return
        try:
            self.indexer.change_embedder(name, model)
        except AssistantError as err:
            show_error(self, err)
            self._fill_embedders(self.store.get(name).embedder)

    def _show_state(self, name: str) -> None:
        if name != self.current:
            return
        downloading = self.indexer.downloading(name)
        self.stop_download_button.setVisible(downloading)
        self.embedder.setEnabled(not downloading)
        if downloading:
            self.progress.setVisible(True)
            self.state_label.setText(self._progress.get(name, self.tr("Downloading the embedding model…")))
            return
        state = self.indexer.state(name)
        self.pause_button.setText(self.tr("Resume") if state == PAUSED else self.tr("Pause"))
        allow(self.pause_button, "" if state in (INDEXING, QUEUED, PAUSED) else self.tr(
            "Nothing to pause: the collection is up to date"
        ))  # fmt: skip
        self.progress.setVisible(state == INDEXING)
        self.index_button.setEnabled(state != PAUSED)
        self.index_button.setToolTip(
            self.tr("Paused: Resume to index again")
            if state == PAUSED
            else self.tr("Look for new, changed and deleted files now (folders are also watched)")
        )
        counts = self.files.counts()
        summary = self.tr("{0} indexed, {1} skipped, {2} failed").format(
            counts[INDEXED], counts[SKIPPED], counts[FAILED]
        )
        words = {
            INDEXING: self._progress.get(name, self.tr("Looking for new and changed files…")),
            QUEUED: self.tr("Waiting to be indexed"),
            PAUSED: self.tr("Paused. Resume carries on where it stopped."),
            IDLE: self.tr("Up to date"),
        }[state]
        problem = self._problems.get(name)
        self.state_label.setText(f"{words} · {summary}" + (f"\n{problem}" if problem else ""))

    def _decorate(self, item: QListWidgetItem) -> None:
        name = item.data(NameRole)
        state = self.indexer.state(name)
        marks = {INDEXING: self.tr("indexing"), QUEUED: self.tr("waiting"), PAUSED: self.tr("paused"), IDLE: ""}
        item.setText(f"{name} — {marks[state]}" if marks[state] else name)

    def _item(self, name: str) -> QListWidgetItem | None:
        for i in range(self.collections.count()):
            if self.collections.item(i).data(NameRole) == name:
                return self.collections.item(i)
        return None

    # -- indexer events ---------------------------------------------------------------------------

    @Slot(str, str)
    def _on_state(self, name: str, state: str) -> None:
        item = self._item(name)
        if item is not None:
            self._decorate(item)
        if state == INDEXING:
            self._problems.pop(name, None)
        elif state != QUEUED:
            self._progress.pop(name, None)
        self._show_state(name)

    @Slot(str, object)
    def _on_event(self, name: str, event: object) -> None:
        if isinstance(event, Scanned):
            self._progress[name] = self.tr("{0} files to index, {1} unchanged").format(
                len(event.pending), event.unchanged
            )
            if event.unreachable:
                self._problems[name] = self.tr(
                    "Not reachable now (a drive removed?): {0}. Its files stay in the index as they were."
                ).format(", ".join(event.unreachable))
            if event.gone and name == self.current:
                self._show(name)
        elif isinstance(event, FileDone) and name == self.current:
            self.files.update(FileRecord(event.path, 0, 0, event.status, event.reason, event.passages))
        elif isinstance(event, Progress):
            left = (
                self.tr(", about {0} left").format(format_duration(event.seconds_left))
                if event.seconds_left is not None and event.files_done < event.files_total
                else ""
            )
            self._progress[name] = self.tr("Indexing: {0} of {1} files, {2} passages{3}").format(
                event.files_done, event.files_total, event.passages, left
            )
            if name == self.current:
                self.progress.setRange(0, event.files_total)
                self.progress.setValue(event.files_done)
        elif isinstance(event, download.Progress):
            share = event.done / event.total if event.total else 0.0
            left = self.tr(", about {0} left").format(format_duration(event.eta)) if event.eta else ""
            self._progress[name] = self.tr("Downloading {0}: {1:.0%}{2}").format(event.model, share, left)
            if name == self.current:
                self.progress.setRange(0, 1000)
                self.progress.setValue(round(share * 1000))
        elif isinstance(event, download.Done):
            self._progress.pop(name, None)
            if name == self.current:
                self._fill_embedders(self.store.get(name).embedder)
        elif isinstance(event, Indexed):
            if event.files:
                self.status_changed.emit(
                    self.tr("“{0}”: indexed {1} files ({2} passages) in {3}.").format(
                        name, event.files, event.passages, format_duration(event.seconds)
                    )
                )
            if name == self.current:
                self._show(name)
        self._show_state(name)

    @Slot(str, object)
    def _on_damaged(self, problem: str) -> None:
        self.refresh()
        self.damaged_notice = self.tr(
            "The Library's index was damaged ({0}); it was set aside, and your collections are being indexed "
            "again from your files."
        ).format(problem)
        self.status_changed.emit(self.damaged_notice)

    def _on_failed(self, name: str, err: object) -> None:
        self._problems[name] = self.tr("Indexing stopped: {0}").format(message_for(err))  # type: ignore[arg-type]
        self._show_state(name)
