"""Sizes and durations in the words the app shows, one style everywhere (messages, tables, CLI).

Sizes are decimal (1 MB = 1,000,000 bytes), as the Hugging Face Hub, macOS and GNOME count them,
so a model's size here is the size on its Hub page. One decimal where it says something ("98.4 MB"),
none where it is zero ("20 MB").
"""

from __future__ import annotations

KB = 1_000
MB = 1_000_000
GB = 1_000_000_000


def format_bytes(n: float) -> str:
    """9_100_000_000 -> "9.1 GB", 20_000_000 -> "20 MB", 999 -> "999 bytes"."""
    if n < KB:
        return f"{int(n)} bytes"
    value = float(n)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1000
        if round(value, 1) < 1000 or unit == "TB":
            return f"{value:.1f}".removesuffix(".0") + f" {unit}"
    raise AssertionError("unreachable")


def format_duration(seconds: float) -> str:
    """How long, to the second under an hour: "45 s", "3 min 05 s", "2 h 07 min"."""
    s = int(seconds + 0.5)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"
