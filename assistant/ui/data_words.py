"""Words the UI shows that are not written in it: the shipped presets, the model catalog's
summaries, model sources, a new document's name, language names, where a passage is ("pages 3–5")
and the engine's backend line. The layers below the UI keep them in English (they are stored, exported and sent to
the model); they are translated here, where they are shown.

``QT_TRANSLATE_NOOP`` lists each for ``make i18n`` (lupdate cannot read TOML or strings built in
code); ``tests/test_i18n.py`` checks that every preset and catalog entry is listed and translated.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox

from assistant.core.languages import LANGUAGES

CONTEXT = "Data"

LISTED = (
    # resources/presets.toml: names, then system prompts
    QT_TRANSLATE_NOOP("Data", "Helpful assistant"),
    QT_TRANSLATE_NOOP("Data", "Just the answer"),
    QT_TRANSLATE_NOOP("Data", "Writing coach"),
    QT_TRANSLATE_NOOP("Data", "Explain like a teacher"),
    QT_TRANSLATE_NOOP("Data", "Programming helper"),
    QT_TRANSLATE_NOOP("Data", "Translator"),
    QT_TRANSLATE_NOOP(
        "Data", "You are a helpful, honest assistant. Answer clearly and concisely. If you are not sure, say so."
    ),
    QT_TRANSLATE_NOOP(
        "Data",
        "Answer in as few words as possible. No preamble, no repetition of the question, no closing remarks.",
    ),
    QT_TRANSLATE_NOOP(
        "Data",
        "You are an experienced editor. When the user shares writing, point out the three changes that would "
        "improve it most, explain why in one sentence each, and show the improved passage. Keep the author's voice.",
    ),
    QT_TRANSLATE_NOOP(
        "Data",
        "You explain things to a curious beginner: start with the core idea in one sentence, then build up with a "
        "simple example. Avoid jargon, or define it when you must use it.",
    ),
    QT_TRANSLATE_NOOP(
        "Data",
        "You are a senior software engineer. Give working code in fenced code blocks with the language named, "
        "explain the key lines briefly, and mention edge cases.",
    ),
    QT_TRANSLATE_NOOP(
        "Data",
        "You translate the user's text into the language they ask for (English if they do not say). Keep meaning, "
        "tone and formatting; reply with the translation only.",
    ),
    # resources/models/catalog.toml: each model's and embedding model's summary
    QT_TRANSLATE_NOOP("Data", "Tiny and quick; good for short rewrites in many languages."),
    QT_TRANSLATE_NOOP("Data", "Small, fast, long context."),
    QT_TRANSLATE_NOOP("Data", "A capable small model for chat, translation and summaries."),
    QT_TRANSLATE_NOOP("Data", "The default model's big sibling; English."),
    QT_TRANSLATE_NOOP("Data", "Fluent English writing in a small model."),
    QT_TRANSLATE_NOOP("Data", "A good all-rounder for laptops."),
    QT_TRANSLATE_NOOP("Data", "Strong reasoning for its size; English first."),
    QT_TRANSLATE_NOOP("Data", "Thinks before it answers; many languages."),
    QT_TRANSLATE_NOOP("Data", "Natural writing in many languages."),
    QT_TRANSLATE_NOOP("Data", "A dependable 7B for European languages."),
    QT_TRANSLATE_NOOP("Data", "Excellent writing and translation; stored as split files."),
    QT_TRANSLATE_NOOP("Data", "The best-known 8B; long context."),
    QT_TRANSLATE_NOOP("Data", "Strong reasoning and writing; many languages."),
    QT_TRANSLATE_NOOP("Data", "Rich long-form writing; wants a GPU."),
    QT_TRANSLATE_NOOP("Data", "High-quality writing in many languages; wants a GPU."),
    QT_TRANSLATE_NOOP("Data", "Careful reasoning; English first; wants a GPU."),
    QT_TRANSLATE_NOOP("Data", "The strongest model here; wants a GPU with 12 GB or more."),
    QT_TRANSLATE_NOOP("Data", "Strong retrieval in 100+ languages, Chinese included; long passages."),
    QT_TRANSLATE_NOOP("Data", "Small and multilingual; a good step up from the built-in model."),
    QT_TRANSLATE_NOOP("Data", "English, fast, longer passages than the built-in model."),
    QT_TRANSLATE_NOOP("Data", "Multilingual (100+ languages), passages up to 8,192 tokens."),
    # models.store: where a model on this computer comes from (the apps' own names stay)
    QT_TRANSLATE_NOOP("Data", "built in"),
    QT_TRANSLATE_NOOP("Data", "Hugging Face cache"),
    QT_TRANSLATE_NOOP("Data", "added by you"),
    # storage.write_documents
    QT_TRANSLATE_NOOP("Data", "Untitled"),
    # core.languages: the English names
    QT_TRANSLATE_NOOP("Data", "English"),
    QT_TRANSLATE_NOOP("Data", "Simplified Chinese"),
    QT_TRANSLATE_NOOP("Data", "Spanish"),
    QT_TRANSLATE_NOOP("Data", "French"),
    QT_TRANSLATE_NOOP("Data", "German"),
    QT_TRANSLATE_NOOP("Data", "Portuguese"),
    QT_TRANSLATE_NOOP("Data", "Italian"),
    QT_TRANSLATE_NOOP("Data", "Japanese"),
    QT_TRANSLATE_NOOP("Data", "Korean"),
    QT_TRANSLATE_NOOP("Data", "Russian"),
    QT_TRANSLATE_NOOP("Data", "Dutch"),
)

# Where a passage is, as documents.document and core.chunking write it, and the engine's CPU line.
_PLACES = (
    (re.compile(r"pages (\d+)–(\d+)"), QT_TRANSLATE_NOOP("Data", "pages {0}–{1}")),
    (re.compile(r"page (\d+)"), QT_TRANSLATE_NOOP("Data", "page {0}")),
    (re.compile(r"paragraphs (\d+)–(\d+)"), QT_TRANSLATE_NOOP("Data", "paragraphs {0}–{1}")),
    (re.compile(r"paragraph (\d+)"), QT_TRANSLATE_NOOP("Data", "paragraph {0}")),
    (re.compile(r"lines (\d+)–(\d+)"), QT_TRANSLATE_NOOP("Data", "lines {0}–{1}")),
    (re.compile(r"(§ .+) \(part (\d+)\)"), QT_TRANSLATE_NOOP("Data", "{0} (part {1})")),
    (re.compile(r"CPU \((\d+) threads\)"), QT_TRANSLATE_NOOP("Data", "CPU ({0} threads)")),
)


def shown(text: str) -> str:
    """``text`` in the user's language when it is one of the listed words; as it is otherwise
    (a file name, a preset of the user's own, a model's name)."""
    return QCoreApplication.translate(CONTEXT, text)


def language_name(english: str, own: str) -> str:
    """"German (Deutsch)" in English, "德语 (Deutsch)" in Chinese; one name when both are the same."""
    name = shown(english)
    return name if name == own else f"{name} ({own})"


def fill_languages(combo: QComboBox) -> None:
    """The offered languages as a combo's items, each with its English name as the item's data."""
    for english, own in LANGUAGES:
        combo.addItem(language_name(english, own), english)


def chosen_language(combo: QComboBox) -> str:
    """The English name of the language chosen in an editable combo, what was typed instead, or ""
    for an item that names none ("Same as the source")."""
    text = combo.currentText().strip()
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if index < 0:
        return text
    return str(combo.itemData(index) or "")


def shown_label(label: str) -> str:
    """A label built in code, in the user's language: a passage's place ("pages 3–5",
    "§ Intro – § Methods"; a heading's own words stay as the document has them) or the backend line."""
    parts = label.split(" – ")
    return " – ".join(_place(part) for part in parts)


def _place(part: str) -> str:
    for pattern, template in _PLACES:
        if found := pattern.fullmatch(part):
            return QCoreApplication.translate(CONTEXT, template).format(*found.groups())
    return part
