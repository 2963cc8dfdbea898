"""Take README's screenshot: the real window, the real engine, one real exchange.

QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshot.py resources/screenshot.png
"""

from __future__ import annotations

import sys
import tempfile
import time

from PySide6.QtWidgets import QApplication

from assistant import paths
from assistant.app import build_window


def main(out: str, prompt: str = "Give me three tips for writing a clear email.") -> int:
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as home:
        import os

        os.environ[paths.HOME_ENV] = home
        paths.get.cache_clear()
        window = build_window(paths.get())
        window.resize(1180, 760)
        window.show()
        deadline = time.monotonic() + 120
        while window.host.model is None and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        window.chat.input.setPlainText(prompt)
        window.chat.send()
        while window.chat.job is not None and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        for _ in range(50):  # the title job and the last frame
            app.processEvents()
            time.sleep(0.02)
        app.processEvents()
        window.grab().save(out)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshot.png"))
