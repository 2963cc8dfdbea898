"""Opening files into the Write editor and saving them back, exactly and safely."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from assistant.documents.document import DocumentError
from assistant.documents.editing import MAX_EDIT_BYTES, read_for_editing, save_edited

TEXT = "Title\n\nFirst line\nsecond line  with  spaces\n\n\n- a list\n- done\n"


def test_text_round_trips_exactly(tmp_path: Path) -> None:
    for name in ("note.txt", "note.md"):
        path = tmp_path / name
        save_edited(path, TEXT)
        assert path.read_bytes() == TEXT.encode()
        assert read_for_editing(path) == TEXT


def test_legacy_encodings_and_boms_decode(tmp_path: Path) -> None:
    (tmp_path / "cp1252.txt").write_bytes("“Café” naïve".encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes("日本語のテキスト".encode("utf-16"))
    (tmp_path / "gb.txt").write_bytes("我们明天在图书馆见面，然后一起去吃午饭。".encode("gb18030"))
    (tmp_path / "cyrillic.txt").write_bytes("Привет, как дела? Всё хорошо, спасибо.".encode("cp1251"))
    assert read_for_editing(tmp_path / "cp1252.txt") == "“Café” naïve"
    assert "图书馆" in read_for_editing(tmp_path / "gb.txt")
    assert "спасибо" in read_for_editing(tmp_path / "cyrillic.txt")
    assert read_for_editing(tmp_path / "utf16.txt") == "日本語のテキスト"


def test_docx_saves_as_word_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    save_edited(path, "Dear Sam,\n\nThanks for the tea.")
    assert [p.text for p in docx.Document(str(path)).paragraphs] == ["Dear Sam,", "", "Thanks for the tea."]
    text = read_for_editing(path)
    assert "Dear Sam," in text and "Thanks for the tea." in text


def test_refusals_are_plain_and_leave_files_alone(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02binary\x00" * 100)
    with pytest.raises(DocumentError, match=r"junk\.txt looks like binary"):
        read_for_editing(junk)
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(MAX_EDIT_BYTES + 1)
    with pytest.raises(DocumentError, match=r"big\.txt is .* too big to edit"):
        read_for_editing(big)
    with pytest.raises(DocumentError, match=r"missing\.txt could not be opened"):
        read_for_editing(tmp_path / "missing.txt")
    with pytest.raises(DocumentError, match=r"could not be saved"):
        save_edited(tmp_path / "no-such-folder" / "x.txt", "text")
    existing = tmp_path / "keep.txt"
    existing.write_text("old")
    folder = tmp_path / "blocked"
    folder.mkdir()
    with pytest.raises(DocumentError):
        save_edited(folder, "text")  # a folder in the way: refused, nothing half-written
    assert existing.read_text() == "old" and not list(tmp_path.glob(".*.tmp"))
