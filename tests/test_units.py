"""assistant.units: sizes and durations as every message, table and CLI line shows them."""

from __future__ import annotations

from assistant.units import format_bytes, format_duration


def test_format_bytes() -> None:
    assert format_bytes(9_100_000_000) == "9.1 GB"
    assert format_bytes(0) == "0 bytes"
    assert format_bytes(999) == "999 bytes"
    assert format_bytes(1_500) == "1.5 KB"
    assert format_bytes(98_362_432) == "98.4 MB"
    assert format_bytes(999_999_999) == "1 GB"
    assert format_bytes(20_000_000) == "20 MB"
    assert format_bytes(2_500_000_000_000) == "2.5 TB"


def test_format_duration() -> None:
    assert format_duration(0.4) == "0 s"
    assert format_duration(59.4) == "59 s"
    assert format_duration(59.6) == "1 min 00 s"
    assert format_duration(185) == "3 min 05 s"
    assert format_duration(3600) == "1 h 00 min"
    assert format_duration(7620) == "2 h 07 min"
