"""Screenshots of the real window on a real (virtual) X server, for people to look at.

Saves PNGs of the main window in light and dark themes and with a long Markdown reply, and of every
panel in both themes and both languages, to tests/artifacts/ (git-ignored), and checks the window
really painted: not a blank or one-colour image, the dark ones really dark.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase, QImage

ARTIFACTS = Path(__file__).parent / "artifacts"
DRIVER = Path(__file__).with_name("screenshot_driver.py")


@pytest.fixture
def xvfb():
    exe = shutil.which("Xvfb")
    assert exe, "Xvfb is missing: `make test` installs it (packaging/system-deps.sh)"
    for display in range(90, 130):
        if not Path(f"/tmp/.X11-unix/X{display}").exists() and not Path(f"/tmp/.X{display}-lock").exists():
            break
    proc = subprocess.Popen(
        [exe, f":{display}", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{display}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f":{display}"
    proc.terminate()
    proc.wait(10)


def _stats(image: QImage) -> tuple[int, float]:
    """(distinct colours in a sample grid, mean lightness 0-255)."""
    colours, total, n = set(), 0, 0
    for y in range(0, image.height(), 7):
        for x in range(0, image.width(), 7):
            c = image.pixelColor(x, y)
            colours.add(c.rgb())
            total += c.lightness()
            n += 1
    return len(colours), total / max(n, 1)


def test_screenshots_of_the_main_window(xvfb: str, tmp_path: Path, qapp) -> None:
    # Without a font that has Chinese glyphs the Chinese UI is drawn as empty boxes.
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert chinese, "no font with Chinese glyphs: `make test` installs one (packaging/system-deps.sh)"
    ARTIFACTS.mkdir(exist_ok=True)
    env = dict(os.environ, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb")
    result = subprocess.run(
        [sys.executable, str(DRIVER), str(ARTIFACTS), str(tmp_path / "home")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    shots = {
        name: QImage(str(ARTIFACTS / name)) for name in ("main-light.png", "main-dark.png", "long-markdown-dark.png")
    }
    for name, image in shots.items():
        assert not image.isNull() and image.width() >= 1000 and image.height() >= 700, name
        colours, _ = _stats(image)
        assert colours > 20, f"{name} looks blank ({colours} colours)"
    assert _stats(shots["main-light.png"])[1] > 150, "the light theme is light"
    assert _stats(shots["main-dark.png"])[1] < 110, "the dark theme is dark"
    for panel in ("chat", "write", "summarize", "personalize", "library"):
        for language in ("en", "zh"):
            light = QImage(str(ARTIFACTS / f"{panel}-light-{language}.png"))
            dark = QImage(str(ARTIFACTS / f"{panel}-dark-{language}.png"))
            assert not light.isNull() and not dark.isNull(), (panel, language)
            assert _stats(light)[0] > 20 and _stats(dark)[0] > 20, f"{panel} ({language}) looks blank"
            assert _stats(light)[1] > 150 and _stats(dark)[1] < 110, f"{panel} ({language}): themes"
