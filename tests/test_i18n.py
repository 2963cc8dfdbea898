"""English and Simplified Chinese: every UI string is translated, and the translation is what shows."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from assistant import paths as paths_mod
from assistant.app import build_window, install_translations
from assistant.models import catalog
from assistant.paths import resources_dir
from assistant.ui import data_words
from assistant.ui.settings_dialog import SettingsDialog

from scripted_engine import ScriptedEngine

TS = resources_dir() / "i18n" / "assistant_zh_CN.ts"
ROOT = Path(__file__).parent.parent


def sources(ts: Path) -> set[str]:
    return set(re.findall(r"<source>(.*?)</source>", ts.read_text(encoding="utf-8"), flags=re.S))


def test_every_string_is_translated() -> None:
    text = TS.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert "<extracomment>" not in text, "a '#:' comment became a translator note"


def test_the_translation_file_covers_the_current_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    package = ROOT / "assistant"
    ui = [package / "app.py", *(package / "ui").rglob("*.py")]
    # Errors raised below the UI, marked translatable("…"): the same files and flags as `make i18n`.
    below = [
        p
        for p in package.rglob("*.py")
        if p.relative_to(package).parts[0] != "ui" and re.search(r"\btranslatable\b", p.read_text(encoding="utf-8"))
    ]
    assert below, "no error message is marked translatable"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    flags = ["-no-obsolete", "-tr-function-alias", "QT_TR_NOOP+=translatable"]
    subprocess.run([str(lupdate), *flags, *map(str, ui + below), "-ts", str(fresh)], check=True, capture_output=True)
    new = sources(fresh) - sources(TS)
    assert not new, f"UI strings missing from {TS.name} (run `make i18n` and translate them): {sorted(new)}"


def test_the_window_speaks_chinese(qtbot, qapp) -> None:
    translators = install_translations(qapp, "zh_CN")
    try:
        assert translators, "the compiled translation (.qm) is missing: `make setup` builds it"
        window = build_window(paths_mod.get(), engine=ScriptedEngine())
        qtbot.addWidget(window)
        assert [window.panels.panel_text(i) for i in range(5)] == ["聊天", "写作", "摘要", "个性化", "资料库"]
        assert window.chat.title.text() == "新对话"
        assert window.chat.send_button.text() == "发送"
        window.close()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale("en"))


# Words that stay as they are in any language: names of models, formats, apps, keys and licences.
KEPT = re.compile(
    r"Hugging ?Face(TB)?|Hub|GGUF|LoRA|Markdown|PDF|Word|HTML|JSON|txt|md|pdf|docx|html|gguf|safetensors|"
    r"Ctrl|Shift|Enter|Esc|Tab|CPU|GPU|Apache|MIT|Community|Instruct|SmolLM|mini|Nemo|scripted|"
    r"English|Español|Français|Deutsch|Português|Italiano|Nederlands|OpenAI|API"
)
# Paths, addresses and identifiers (a word with a digit, a dash or an underscore: Q4_K_M, bge-reranker).
IDENTIFIER = re.compile(r"[^\s（(]*[/\\:][^\s）)]*|[\w.-]*[\d_-][\w.-]*")


def _visible_texts(widget: QWidget) -> list[str]:
    texts = [widget.toolTip(), widget.accessibleName()]
    if isinstance(widget, (QLabel, QAbstractButton)):
        texts.append(widget.text())
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QTabWidget):
        texts += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        texts.append(widget.placeholderText())
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        try:
            columns = model.columnCount(widget.rootIndex())
        except TypeError:  # a list model: its columnCount is private to PySide
            columns = 1
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
        for row in range(min(model.rowCount(widget.rootIndex()), 50)):
            for column in range(columns):
                index = model.index(row, column)
                texts += [str(model.data(index) or ""), str(model.data(index, Qt.ItemDataRole.ToolTipRole) or "")]
    return [t for t in texts if t]


def test_every_string_the_chinese_window_shows_is_chinese(qtbot, qapp) -> None:
    """Walks every widget of the window, the Models dialog and Settings: labels, buttons, menus'
    items, tabs, placeholders, tooltips, accessible names and table cells, strings built in code
    and data (presets, catalog, units) included. English words left are names (of models, formats,
    keys, licences), each allowed by ``KEPT``."""
    translators = install_translations(qapp, "zh_CN")
    try:
        window = build_window(paths_mod.get(), engine=ScriptedEngine())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.host.model is not None, timeout=20_000)
        window.open_models()
        assert window.models_dialog is not None
        qtbot.waitUntil(lambda: window.models_dialog.local.rowCount() > 0, timeout=20_000)
        window.open_settings()
        settings = window.findChild(SettingsDialog)
        assert settings is not None and settings.isVisible()
        names = sorted(
            {n for m in catalog.load() for n in (m.name, m.repo, m.family, m.licence)}, key=len, reverse=True
        )  # model names are names
        english: dict[str, str] = {}
        for widget in [window, *window.findChildren(QWidget), window.models_dialog]:
            for text in _visible_texts(widget):
                left = text
                for name in names:
                    left = left.replace(name, "")
                left = IDENTIFIER.sub("", KEPT.sub("", left))
                if re.search(r"[A-Za-z]{3,}", left):
                    english.setdefault(text, type(widget).__name__)
        assert not english, "\n".join(f"{where}: {text!r}" for text, where in english.items())
        window.close()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale("en"))


def test_the_words_from_data_files_are_listed_and_translated(qtbot, qapp) -> None:
    presets = tomllib.loads((resources_dir() / "presets.toml").read_text(encoding="utf-8"))["preset"]
    words = [p["name"] for p in presets] + [p["system_prompt"] for p in presets]
    words += [m.summary for m in catalog.load()] + [e.summary for e in catalog.load_embeddings()]
    missing = [w for w in words if w not in data_words.LISTED]
    assert not missing, f"add these to assistant/ui/data_words.py and translate them: {missing}"
    translators = install_translations(qapp, "zh_CN")
    try:
        untranslated = [w for w in data_words.LISTED if data_words.shown(w) == w]
        assert not untranslated, untranslated
        assert data_words.shown_label("pages 3–5") == "第 3–5 页"
        assert data_words.shown_label("§ Licence (part 2) – page 4") == "§ Licence（第 2 部分） – 第 4 页"
        assert data_words.language_name("German", "Deutsch") == "德语 (Deutsch)"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale("en"))


def test_every_translation_keeps_the_fields_of_its_source() -> None:
    """A translation that drops or renames a {field} would show the English or fail to format."""
    text = TS.read_text(encoding="utf-8")
    broken = []
    for message in re.findall(r"<message>.*?</message>", text, re.S):
        source = re.search(r"<source>(.*?)</source>", message, re.S).group(1)
        translation = re.search(r"<translation[^>]*>(.*?)</translation>", message, re.S).group(1)
        fields = sorted(re.findall(r"\{[^{}]*\}", source))
        if fields != sorted(re.findall(r"\{[^{}]*\}", translation)):
            broken.append(source)
    assert not broken, f"translations that lost or changed a {{field}}: {broken}"


def test_errors_from_below_the_ui_are_shown_in_the_users_language(qapp) -> None:
    """The Hub's errors (and every error marked translatable) reach the Chinese UI in Chinese, with
    the names filled in; the CLI keeps printing English; the template survives pickling."""
    import pickle

    import pytest

    from assistant.errors import HubError
    from assistant.models import hub
    from assistant.ui.error_presenter import message_for

    with pytest.raises(HubError) as caught, hub.hub_errors("someone/some-model-GGUF"):
        raise ConnectionRefusedError("connection refused")
    err = caught.value
    english = str(err)
    assert english.startswith("someone/some-model-GGUF: the Hugging Face Hub could not be reached")
    assert message_for(err) == english  # no translator installed: English
    translators = install_translations(qapp, "zh_CN")
    try:
        shown = message_for(err)
        assert "someone/some-model-GGUF" in shown and "connection refused" in shown
        assert re.search(r"[\u4e00-\u9fff]", shown) and "could not be reached" not in shown
        again = pickle.loads(pickle.dumps(err))
        assert type(again) is HubError and str(again) == english and message_for(again) == shown
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale("en"))


def test_a_language_without_a_font_stays_english_and_says_why(qapp, monkeypatch) -> None:
    """A desktop with no font for the translation's script would draw the window as boxes: the app
    stays in English and says so. Tibetan stands in for Chinese: this machine has a Chinese font
    (`make test` installs one) and no Tibetan one."""
    from PySide6.QtGui import QFontDatabase

    from assistant import app as app_mod

    assert not QFontDatabase.families(QFontDatabase.WritingSystem.Tibetan)
    monkeypatch.setitem(app_mod.SCRIPTS, "zh_CN", QFontDatabase.WritingSystem.Tibetan)
    before = len(qapp.findChildren(QTranslator))
    notice = app_mod.start_language(qapp, "zh_CN")
    assert notice and "English" in notice and "font" in notice
    assert len(qapp.findChildren(QTranslator)) == before  # nothing installed
    monkeypatch.setitem(app_mod.SCRIPTS, "zh_CN", QFontDatabase.WritingSystem.SimplifiedChinese)
    try:
        assert app_mod.start_language(qapp, "zh_CN") is None
        assert QCoreApplication.translate("MainWindow", "Chat") == "聊天"
    finally:
        for translator in qapp.findChildren(QTranslator):
            qapp.removeTranslator(translator)
            translator.deleteLater()
        QLocale.setDefault(QLocale("en"))
