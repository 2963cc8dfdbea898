"""The Models dialog with real Qt (offscreen), real files and a stand-in Hub on 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from assistant import settings as settings_mod
from assistant.bench.local_hub import StubRepo
from assistant.models import download, store
from assistant.ui.models.dialog import ModelsDialog
from assistant.workers.downloads import DownloadManager

REPO = "org/tiny-GGUF"
MB = 1024 * 1024


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "userhome"


@pytest.fixture
def lm_studio_model(home: Path) -> Path:
    path = home / ".lmstudio" / "models" / "p" / "r" / "x-Q4_K_M.gguf"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"GGUF" + b"\0" * 100)
    return path


@pytest.fixture
def open_dialog(qtbot, app_home, home):
    saved: list[settings_mod.ModelSettings] = []
    made = []

    def make(settings: settings_mod.ModelSettings | None = None) -> ModelsDialog:
        manager = DownloadManager(app_home.data_dir / "models", token_source=lambda: None)
        dialog = ModelsDialog(
            settings or settings_mod.ModelSettings(),
            saved.append,
            manager,
            n_ctx=4096,
            gpu_free=lambda: 0,
            places=store.Places.for_home(home, hf_cache=download.hub_cache()),
        )
        qtbot.addWidget(dialog)
        dialog.saved = saved  # type: ignore[attr-defined]
        dialog.show()
        made.append(dialog)
        qtbot.waitUntil(lambda: dialog.local.rowCount() > 0, timeout=10_000)
        return dialog

    yield make
    for dialog in made:
        dialog.downloads.shutdown()
        dialog.wait_idle()


def _wait_state(qtbot, dialog: ModelsDialog, state: str, timeout: int = 20_000) -> None:
    qtbot.waitUntil(lambda: any(r.state == state for r in dialog.transfers.rows), timeout=timeout)


def _choose_repo(qtbot, dialog: ModelsDialog, repo: str) -> None:
    row = next(i for i, r in enumerate(dialog.repos.rows) if r.repo == repo)
    dialog.repo_view.selectRow(row)
    qtbot.waitUntil(lambda: dialog.files.rowCount() > 0, timeout=10_000)


def _search_and_choose(qtbot, dialog: ModelsDialog) -> None:
    """Search the Hub for "tiny", expect exactly the test's repository, and open its file list."""
    dialog.search_box.setText("tiny")
    dialog.search()
    qtbot.waitUntil(lambda: [r.repo for r in dialog.repos.rows] == [REPO], timeout=10_000)
    _choose_repo(qtbot, dialog, REPO)


def _click_yes(qtbot, dialog: ModelsDialog) -> None:
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox) is not None)
    box = dialog.findChild(QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()


def test_lists_what_is_on_disk_and_the_catalog(open_dialog, lm_studio_model, default_model) -> None:
    dialog = open_dialog()
    paths = {m.path: m for m in dialog.local.rows}
    assert set(paths) == {default_model, lm_studio_model}
    assert paths[lm_studio_model].source == store.LM_STUDIO
    assert dialog.repos.rowCount() >= 12  # the curated catalog before any search
    assert dialog.repos.data(dialog.repos.index(0, 0)) == dialog.catalog[0].name


def test_search_choose_download_and_use(qtbot, open_dialog, local_hub) -> None:
    files = {"tiny-Q4_K_M.gguf": os.urandom(2 * MB), "tiny-Q8_0.gguf": os.urandom(3 * MB)}
    local_hub({REPO: StubRepo(files)})
    dialog = open_dialog()
    _search_and_choose(qtbot, dialog)
    rows = dialog.files.rows
    assert {r.model.quant for r in rows} == {"Q4_K_M", "Q8_0"}
    assert sum(r.recommended for r in rows) == 1
    assert all(dialog.files.data(dialog.files.index(i, 3)) == "CPU only" for i in range(len(rows)))
    # The recommended file is selected; Download fetches it.
    selected = dialog.files.row_at(dialog.file_view.currentIndex())
    assert selected is not None and selected.recommended
    dialog.download_selected()
    assert dialog.tabs.currentIndex() == 2
    _wait_state(qtbot, dialog, "ready (checked)")
    qtbot.waitUntil(lambda: any(m.repo == REPO for m in dialog.local.rows), timeout=10_000)
    model = next(m for m in dialog.local.rows if m.repo == REPO)
    assert model.path.read_bytes() == files[selected.model.first_file]
    dialog.local_view.selectRow(dialog.local.rows.index(model))
    with qtbot.waitSignal(dialog.model_chosen) as chosen:
        dialog.use_selected()
    assert chosen.args == [model.path]


def test_pause_resume_and_cancel(qtbot, open_dialog, local_hub) -> None:
    data = os.urandom(6 * MB)
    hub = local_hub({REPO: StubRepo({"tiny-Q4_K_M.gguf": data})})
    hub.faults.pause_per_piece = 0.05
    dialog = open_dialog()
    # Nothing to act on yet: the buttons are off and say why.
    assert not dialog.download_button.isEnabled() and "Choose a model" in dialog.download_button.toolTip()
    for button in (dialog.pause_button, dialog.resume_button, dialog.cancel_button):
        assert not button.isEnabled() and button.toolTip() == "No downloads."
    _search_and_choose(qtbot, dialog)
    assert dialog.download_button.isEnabled()
    dialog.download_selected()
    qtbot.waitUntil(lambda: dialog.transfers.rows and dialog.transfers.rows[0].done > MB, timeout=20_000)
    assert not dialog.pause_button.isEnabled() and "Choose a download" in dialog.pause_button.toolTip()
    dialog.transfer_view.selectRow(0)
    assert dialog.pause_button.isEnabled() and dialog.cancel_button.isEnabled()
    assert not dialog.resume_button.isEnabled() and "is running" in dialog.resume_button.toolTip()
    dialog.pause_selected()
    _wait_state(qtbot, dialog, "paused")
    assert dialog.resume_button.isEnabled() and not dialog.pause_button.isEnabled()
    model = dialog.transfers.rows[0].model
    kept = download.partial_bytes(REPO, model)
    assert MB < kept < len(data)

    hub.faults.pause_per_piece = 0
    dialog.resume_selected()
    _wait_state(qtbot, dialog, "ready (checked)")
    for button in (dialog.pause_button, dialog.resume_button, dialog.cancel_button):
        assert not button.isEnabled() and "finished" in button.toolTip()
    resumed = [t for t in hub.transfers if t[1] is not None]
    assert resumed == [("tiny-Q4_K_M.gguf", f"bytes={kept}-", len(data) - kept)]

    # Cancel: a second, slow download is stopped and its partial file deleted.
    qtbot.waitUntil(lambda: any(m.repo == REPO for m in dialog.local.rows), timeout=10_000)
    store.delete(next(m for m in dialog.local.rows if m.repo == REPO))
    hub.faults.pause_per_piece = 0.05
    dialog.resume_selected()  # a finished row does not restart
    assert dialog.transfers.rows[0].state == "ready (checked)"
    dialog.transfers.set_rows([])
    dialog.download_selected()
    qtbot.waitUntil(lambda: dialog.transfers.rows and dialog.transfers.rows[0].done > 0, timeout=20_000)
    dialog.transfer_view.selectRow(0)
    dialog.cancel_selected()
    qtbot.waitUntil(lambda: dialog.transfers.rowCount() == 0, timeout=20_000)
    assert download.partial_bytes(REPO, model) == 0


def test_removing_another_apps_model_only_forgets_it(qtbot, open_dialog, lm_studio_model) -> None:
    dialog = open_dialog()
    dialog.local_view.selectRow(next(i for i, m in enumerate(dialog.local.rows) if m.path == lm_studio_model))
    dialog.remove_selected()
    _click_yes(qtbot, dialog)
    qtbot.waitUntil(lambda: lm_studio_model not in [m.path for m in dialog.local.rows], timeout=10_000)
    assert lm_studio_model.exists()
    assert dialog.saved[-1].hidden == [str(lm_studio_model)]  # type: ignore[attr-defined]
    # Adding it back as a file of one's own brings it back.
    dialog.add_path(lm_studio_model)
    qtbot.waitUntil(lambda: lm_studio_model in [m.path for m in dialog.local.rows], timeout=10_000)
    assert dialog.saved[-1].hidden == [] and dialog.saved[-1].folders == [str(lm_studio_model)]  # type: ignore[attr-defined]


def test_the_built_in_model_cannot_be_removed(open_dialog, default_model) -> None:
    dialog = open_dialog()
    assert not dialog.use_button.isEnabled() and not dialog.remove_button.isEnabled()  # nothing chosen yet
    dialog.local_view.selectRow(next(i for i, m in enumerate(dialog.local.rows) if m.path == default_model))
    assert dialog.use_button.isEnabled() and dialog.details_button.isEnabled()
    assert not dialog.remove_button.isEnabled() and "cannot be removed" in dialog.remove_button.toolTip()
    dialog.remove_selected()
    assert "cannot be removed" in dialog.local_status.text()
    assert default_model.exists()


def test_an_unreachable_hub_is_said_in_the_dialog(qtbot, open_dialog) -> None:
    dialog = open_dialog()
    dialog.search_box.setText("qwen")
    dialog.search()
    qtbot.waitUntil(lambda: "could not be reached" in dialog.hub_status.text(), timeout=10_000)
    assert dialog.local.rowCount() >= 1  # what is on disk is still there


def test_a_damaged_download_fails_with_a_message(qtbot, open_dialog, local_hub) -> None:
    hub = local_hub({REPO: StubRepo({"tiny-Q4_K_M.gguf": os.urandom(MB)})})
    hub.faults.corrupt.add("tiny-Q4_K_M.gguf")
    dialog = open_dialog()
    _search_and_choose(qtbot, dialog)
    dialog.download_selected()
    _wait_state(qtbot, dialog, "failed")
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox) is not None)
    assert "SHA-256 does not match" in dialog.findChild(QMessageBox).text()
    assert not any(m.repo == REPO for m in dialog.local.rows)


def test_a_download_paused_before_a_restart_is_offered_again(qtbot, open_dialog, local_hub) -> None:
    data = os.urandom(6 * MB)
    hub = local_hub({REPO: StubRepo({"tiny-Q4_K_M.gguf": data})})
    hub.faults.pause_per_piece = 0.05
    first = open_dialog()
    _search_and_choose(qtbot, first)
    first.download_selected()
    qtbot.waitUntil(lambda: first.transfers.rows and first.transfers.rows[0].done > MB, timeout=20_000)
    first.downloads.shutdown()  # what closing the window does
    _wait_state(qtbot, first, "paused")

    hub.faults.pause_per_piece = 0
    again = open_dialog()  # a new window, as after a restart
    assert [(r.key.repo, r.state) for r in again.transfers.rows] == [(REPO, "paused")]
    kept = again.transfers.rows[0].done
    assert kept > MB
    again.transfer_view.selectRow(0)
    again.resume_selected()
    _wait_state(qtbot, again, "ready (checked)")
    assert [t for t in hub.transfers if t[1] is not None] == [("tiny-Q4_K_M.gguf", f"bytes={kept}-", len(data) - kept)]
    assert download.pending(again.downloads.app_dir) == []


def test_a_cached_model_is_checked_before_use_and_a_damaged_one_refused(qtbot, open_dialog, local_hub) -> None:
    from huggingface_hub import hf_hub_download

    local_hub({REPO: StubRepo({"good-Q4_0.gguf": os.urandom(MB), "bad-Q4_0.gguf": os.urandom(MB)})})
    good = Path(hf_hub_download(REPO, "good-Q4_0.gguf"))  # fetched by another tool: not checked yet
    bad = Path(hf_hub_download(REPO, "bad-Q4_0.gguf"))
    blob = Path(os.path.realpath(bad))
    damaged = bytearray(blob.read_bytes())
    damaged[1000] ^= 0xFF  # same size, one byte flipped: what #3643 describes
    blob.write_bytes(bytes(damaged))
    dialog = open_dialog()
    qtbot.waitUntil(lambda: {good, bad} <= {m.path for m in dialog.local.rows}, timeout=10_000)

    dialog.local_view.selectRow(next(i for i, m in enumerate(dialog.local.rows) if m.path == good))
    with qtbot.waitSignal(dialog.model_chosen, timeout=10_000) as chosen:
        dialog.use_selected()
    assert chosen.args == [good]
    assert download.is_verified(good, dialog.downloads.app_dir)

    dialog.local_view.selectRow(next(i for i, m in enumerate(dialog.local.rows) if m.path == bad))
    with qtbot.assertNotEmitted(dialog.model_chosen, wait=500):
        dialog.use_selected()
        qtbot.waitUntil(lambda: "damaged" in dialog.local_status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: bad not in {m.path for m in dialog.local.rows}, timeout=10_000)
    assert not blob.exists()  # set aside in the app's quarantine, out of the shared cache


def test_details_show_what_the_file_says(qtbot, open_dialog, default_model) -> None:
    dialog = open_dialog()
    dialog.local_view.selectRow(next(i for i, m in enumerate(dialog.local.rows) if m.path == default_model))
    dialog.show_details()
    qtbot.waitUntil(lambda: "llama" in dialog.details.text(), timeout=10_000)
    assert "Q4_1" in dialog.details.text() and "chat template: yes" in dialog.details.text()


def test_the_window_lists_models_on_disk_and_opens_the_dialog(qtbot, lm_studio_model, home, monkeypatch, engine):
    from test_gui import open_window

    monkeypatch.setenv("HOME", str(home))
    window = open_window(qtbot, engine)
    combo = window.picker.combo
    qtbot.waitUntil(lambda: combo.findData(str(lm_studio_model.resolve())) >= 0, timeout=10_000)
    assert "x-Q4_K_M · Q4_K_M" in combo.itemText(combo.findData(str(lm_studio_model.resolve())))
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.models_dialog is not None and window.models_dialog.isVisible()
    window.models_dialog.close()
    # "More models…" in the model list opens it too.
    window.models_dialog = None
    combo.activated.emit(combo.findData("__manage__"))
    assert window.models_dialog is not None and window.models_dialog.isVisible()
    window.models_dialog.wait_idle()


def test_the_window_checks_a_cached_model_before_loading_it(qtbot, local_hub, home, monkeypatch, engine) -> None:
    from huggingface_hub import hf_hub_download

    from test_gui import open_window

    monkeypatch.setenv("HOME", str(home))
    local_hub({REPO: StubRepo({"bad-Q4_0.gguf": os.urandom(MB)})})
    bad = Path(hf_hub_download(REPO, "bad-Q4_0.gguf"))
    blob = Path(os.path.realpath(bad))
    damaged = bytearray(blob.read_bytes())
    damaged[10] ^= 0xFF
    blob.write_bytes(bytes(damaged))
    window = open_window(qtbot, engine)
    loaded = window.host.model["path"]
    window.switch_model(bad)  # as choosing it in the toolbar's list does
    qtbot.waitUntil(lambda: window.findChild(QMessageBox) is not None, timeout=10_000)
    assert "damaged" in window.findChild(QMessageBox).text()
    assert window.host.model["path"] == loaded  # the engine never saw it
    assert not blob.exists()


def test_offline_the_catalog_still_tells_sizes(qtbot, open_dialog) -> None:
    dialog = open_dialog()
    entry = dialog.catalog[0]
    tooltip = dialog.repos.data(dialog.repos.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert entry.name in tooltip and "Q4_K_M ≈" in tooltip and f"{entry.context:,}" in tooltip
    assert tooltip.startswith(dialog.repos.data(dialog.repos.index(0, 1)))  # the clipped About text, whole
    dialog.repo_view.selectRow(0)  # nobody listens on the Hub endpoint: offline
    qtbot.waitUntil(lambda: "could not be reached" in dialog.hub_status.text(), timeout=10_000)
    assert "Q4_K_M ≈" in dialog.repo_info.text()
