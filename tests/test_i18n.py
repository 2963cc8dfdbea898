"""English and Simplified Chinese: every UI string is translated, and the translation is what shows."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLocale

from assistant import paths as paths_mod
from assistant.app import build_window, install_translations
from assistant.paths import resources_dir

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
    ui = [str(p) for p in [ROOT / "assistant" / "app.py", *(ROOT / "assistant" / "ui").rglob("*.py")]]
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), *ui, "-ts", str(fresh)], check=True, capture_output=True)
    new = sources(fresh) - sources(TS)
    assert not new, f"UI strings missing from {TS.name} (run `make i18n` and translate them): {sorted(new)}"


def test_the_window_speaks_chinese(qtbot, qapp) -> None:
    translators = install_translations(qapp, "zh_CN")
    try:
        assert translators, "the compiled translation (.qm) is missing: `make setup` builds it"
        window = build_window(paths_mod.get(), engine=ScriptedEngine())
        qtbot.addWidget(window)
        assert [window.panels.tabText(i) for i in range(4)] == ["聊天", "写作", "摘要", "个性化"]
        assert window.chat.title.text() == "新对话"
        assert window.chat.send_button.text() == "发送"
        window.close()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale("en"))
