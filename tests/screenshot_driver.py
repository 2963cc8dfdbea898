"""Opens the real window on an X server and saves screenshots of it: a long Markdown reply in light
and dark, then every panel in light and dark, in English and in Chinese ({panel}-{theme}-{lang}.png).
Run by tests/test_screenshots.py under Xvfb:

    DISPLAY=:99 QT_QPA_PLATFORM=xcb python tests/screenshot_driver.py OUTDIR HOME
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

out, home = Path(sys.argv[1]), sys.argv[2]
os.environ["ASSISTANT_HOME"] = home
sys.path.insert(0, str(Path(__file__).parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from assistant import paths  # noqa: E402
from assistant.app import build_window, install_translations  # noqa: E402
from assistant.ui import theme  # noqa: E402

from scripted_engine import ScriptedEngine  # noqa: E402

LONG_REPLY = """# Planning a three-day trip to Kyoto

Kyoto rewards **slow travel**. Here is a plan that balances temples, food and rest.

## Day 1 — Eastern Higashiyama

1. Morning at *Kiyomizu-dera*, before the crowds.
2. Walk down **Sannenzaka** and **Ninenzaka**.
3. Lunch: yudofu near Nanzen-ji.

| Time | Place | Tip |
|------|-------|-----|
| 07:30 | Kiyomizu-dera | Arrive at opening |
| 12:00 | Nanzen-ji | Try the tofu set |
| 16:00 | Gion | Quiet side streets |

## A packing checklist script

```python
def checklist(days: int) -> list[str]:
    items = ["passport", "IC card", "comfortable shoes"]
    return items + [f"outfit {d + 1}" for d in range(days)]

print(checklist(3))
```

> Tip: buy a one-day bus pass only if you take more than three rides.

That's the plan — enjoy Kyoto!
"""


def wait(app: QApplication, condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def shoot(app: QApplication, window, name: str) -> None:
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    # Grab from the X server, not from Qt's own buffers: what a person would see.
    window.screen().grabWindow(window.winId()).save(str(out / name))


PANELS = ("chat", "write", "summarize", "personalize", "library")


def set_theme(window, name: str) -> None:
    settings = window.settings
    window.apply_settings(
        type(settings)(engine=settings.engine, generation=settings.generation, ui=type(settings.ui)(theme=name))
    )


def ready(window) -> bool:
    return window.picker.isEnabled() and window.host.model is not None


app = QApplication(sys.argv)
theme.apply(app, "light")
window = build_window(paths.get(), engine=ScriptedEngine(reply=LONG_REPLY * 3, delay=0.0005))
window.resize(1200, 800)
window.show()
wait(app, lambda: window.picker.isEnabled() and window.host.model is not None)
panel = window.chat
panel.input.setPlainText("Plan a three-day trip to Kyoto with a table and a packing script.")
panel.send()
wait(app, lambda: panel.job is None)
shoot(app, window, "main-light.png")
set_theme(window, "dark")
shoot(app, window, "main-dark.png")
panel.transcript.verticalScrollBar().setValue(panel.transcript.verticalScrollBar().maximum() // 2)
shoot(app, window, "long-markdown-dark.png")
window.close()

# Every panel, as a new user first sees it (a new chat: the welcome), in both themes and languages.
for language in ("en", "zh_CN"):
    translators = install_translations(app, language)
    window = build_window(paths.get(), engine=ScriptedEngine())
    window.resize(1200, 800)
    window.show()
    wait(app, lambda w=window: ready(w))
    window.new_chat()
    for theme_name in ("light", "dark"):
        set_theme(window, theme_name)
        for name in PANELS:
            window.panels.setCurrentWidget(getattr(window, name))
            shoot(app, window, f"{name}-{theme_name}-{language.split('_')[0]}.png")
    set_theme(window, "light")
    window.close()
    for translator in translators:
        app.removeTranslator(translator)
