"""The languages offered for Translate (Write) and for a summary's language: (English name, the
language's own name). The model is told the English name (small models follow "into German" best
whatever language the rest of the prompt is in); the UI shows the name in the user's language with
the language's own beside it (``ui.data_words.language_name``), and a language typed in instead is
passed on as typed."""

from __future__ import annotations

LANGUAGES: tuple[tuple[str, str], ...] = (
    ("English", "English"),
    ("Simplified Chinese", "简体中文"),
    ("Spanish", "Español"),
    ("French", "Français"),
    ("German", "Deutsch"),
    ("Portuguese", "Português"),
    ("Italian", "Italiano"),
    ("Japanese", "日本語"),
    ("Korean", "한국어"),
    ("Russian", "Русский"),
    ("Dutch", "Nederlands"),
)
