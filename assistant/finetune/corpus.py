"""The user's writing, made ready to learn from: gathered, cleaned, de-duplicated, split by document.

No torch here: the Personalize panel describes a corpus (documents, words, tokens, an estimate of the
training time) before any training starts. Files are read through the same sandboxed reader as
Summarize (``documents/sandbox.py``), so a broken or hostile file costs one message. The user's
files are only read.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.core.cancel import CancelToken
from assistant.errors import AssistantError, translatable

SUFFIXES = (".txt", ".md", ".docx")
HELD_OUT_SHARE = 0.1
"""About this share of the documents (at least one) is kept out of training, to measure on."""
MIN_WORDS = 200
"""Less than this to learn from is too little to change how a model writes."""

# A signature block starts at "-- " alone on a line (RFC 3676) and runs to the end.
_SIGNATURE = re.compile(r"(?m)^-- ?$.*", re.S)
_SENT_FROM = re.compile(r"(?im)^(sent from my .+|get outlook for .+)$")
_QUOTED = re.compile(r"(?m)^>.*$\n?")
_SPACES = re.compile(r"[ \t]+")
_BLANKS = re.compile(r"\n{3,}")


class CorpusError(AssistantError):
    """The writing given cannot be learned from (nothing readable, too little, one document)."""


@dataclass(frozen=True)
class Doc:
    name: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Corpus:
    train: tuple[Doc, ...]
    held_out: tuple[Doc, ...]
    removed_paragraphs: int
    """Duplicates and boilerplate taken out."""
    skipped: tuple[str, ...] = ()
    """Files that could not be read, each with the reason."""

    def describe(self, count_tokens: Callable[[str], int] | None = None) -> dict[str, object]:
        words = sum(d.words for d in self.train)
        summary: dict[str, object] = {
            "documents": len(self.train) + len(self.held_out),
            "train_documents": len(self.train),
            "held_out_documents": len(self.held_out),
            "words": words + sum(d.words for d in self.held_out),
            "train_words": words,
            "removed_paragraphs": self.removed_paragraphs,
            "skipped": list(self.skipped),
        }
        if count_tokens is not None:
            summary["train_tokens"] = sum(count_tokens(d.text) for d in self.train)
            summary["held_out_tokens"] = sum(count_tokens(d.text) for d in self.held_out)
        return summary


def clean(text: str) -> str:
    """A text without what is not the writer's own writing: quoted replies, signatures, "Sent from my…"."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _QUOTED.sub("", text)
    text = _SIGNATURE.sub("", text)
    text = _SENT_FROM.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def build(docs: Iterable[Doc], *, skipped: Iterable[str] = ()) -> Corpus:
    """Clean, de-duplicate and split ``docs`` into training and held-out documents.

    Paragraphs seen before (in any document) are dropped, and so are lines that recur in most
    documents (letterheads, disclaimers) when there are enough documents to tell. The split is by
    document and stable: a document's name and text decide its side, so adding files does not
    reshuffle the others. Raises ``CorpusError`` when what is left is too little to learn from.
    """
    cleaned = [Doc(d.name, clean(d.text)) for d in docs]
    cleaned = [d for d in cleaned if d.text]
    boilerplate = _boilerplate(cleaned)
    seen: set[str] = set()
    removed = 0
    kept: list[Doc] = []
    # The side of the split is decided by the document as written, before duplicates are taken out,
    # so it does not depend on which of two copies came first.
    split_key: dict[str, str] = {}
    for doc in cleaned:
        split_key[doc.name] = hashlib.sha256(f"{doc.name}\0{doc.text}".encode()).hexdigest()
        paragraphs = []
        for para in doc.text.split("\n\n"):
            lines = [ln for ln in para.split("\n") if ln not in boilerplate]
            para = "\n".join(lines).strip()
            key = " ".join(para.lower().split())
            if not para or key in seen:
                removed += 1
                continue
            seen.add(key)
            paragraphs.append(para)
        if paragraphs:
            kept.append(Doc(doc.name, "\n\n".join(paragraphs)))
    words = sum(d.words for d in kept)
    if not kept:
        raise CorpusError(translatable("There is no text to learn from: the files are empty or could not be read."))
    if len(kept) < 2:
        raise CorpusError(
            translatable(
                "Too little to split: learning needs at least two documents (one is kept aside to measure "
                "how well the model learned). Add more of your writing."
            )
        )
    if words < MIN_WORDS:
        raise CorpusError(
            translatable(
                "Too little to learn from: {words} words. Add more of your writing (at least {minimum} words)."
            ),
            words=words,
            minimum=MIN_WORDS,
        )
    ranked = sorted(kept, key=lambda d: split_key[d.name])
    n_held = max(1, round(len(kept) * HELD_OUT_SHARE))
    held = {id(d) for d in ranked[:n_held]}
    return Corpus(
        train=tuple(d for d in kept if id(d) not in held),
        held_out=tuple(d for d in kept if id(d) in held),
        removed_paragraphs=removed,
        skipped=tuple(skipped),
    )


def _boilerplate(docs: list[Doc]) -> set[str]:
    """Lines found in at least half of the documents, when there are at least four to compare."""
    if len(docs) < 4:
        return set()
    counts = Counter(line for d in docs for line in set(d.text.split("\n")) if len(line) > 3)
    return {line for line, n in counts.items() if n >= max(3, len(docs) / 2)}


def gather(paths: Iterable[Path], *, cancel: CancelToken | None = None) -> tuple[list[Doc], list[str]]:
    """Read every .txt, .md and .docx file named or inside the folders named (through the sandboxed
    reader). Returns (documents, skipped files with their reasons); never raises for one bad file."""
    from assistant.documents.document import DocumentError
    from assistant.documents.sandbox import read_document

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        else:
            files.append(path)
    docs, skipped = [], []
    for file in files:
        try:
            document = read_document(file, cancel=cancel)
        except DocumentError as err:
            skipped.append(str(err))
            continue
        docs.append(Doc(file.name, document.text()))
    return docs, skipped
