"""Asking a collection: the prompt that hands the found passages to the model, and the citations read
back out of its answer.

The passages go into the prompt numbered, as data between markers (a document cannot give the model
instructions), and the model is asked to cite them as [1], [2]. Its answer's citations are checked
against what it was given: a number it made up is dropped, not shown as a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.core.inference import Message
from assistant.core.text import DATA_NOTICE, as_data
from assistant.library.search import Hit

NOT_FOUND = "I could not find this in your documents."
"""The answer when no passage is close enough to the question: said by the app, not left to the model."""

SYSTEM_PROMPT = (
    "You answer questions about the user's own documents using only the numbered passages you are given. "
    "After each sentence, cite the passages it uses as [1], [2]. If the passages do not answer the question, "
    f'say exactly: "{NOT_FOUND}"'
)

_CITATION = re.compile(r"\[(\d{1,2})(?:\s*,\s*(\d{1,2}))*\]")


@dataclass(frozen=True)
class Citation:
    number: int
    """As written in the answer: [number]."""
    hit: Hit


def messages(question: str, hits: list[Hit]) -> list[Message]:
    blocks = []
    for number, hit in enumerate(hits, 1):
        where = f"{Path(hit.passage.path).name}, {hit.passage.label}"
        blocks.append(f"[{number}] {as_data(where)}\n{as_data(hit.passage.text)}")
    material = "\n\n".join(blocks)
    user = (
        f"{DATA_NOTICE.format(what='passages text')}\n\n<<<BEGIN PASSAGES>>>\n{material}\n<<<END PASSAGES>>>\n\n"
        f"Question: {question}"
    )
    return [Message("system", SYSTEM_PROMPT), Message("user", user)]


def citations(answer: str, hits: list[Hit]) -> list[Citation]:
    """The passages the answer cites, in the order first cited; numbers it was not given are ignored."""
    seen: dict[int, Citation] = {}
    for match in _CITATION.finditer(answer):
        for number in re.findall(r"\d+", match.group(0)):
            n = int(number)
            if 1 <= n <= len(hits) and n not in seen:
                seen[n] = Citation(n, hits[n - 1])
    return list(seen.values())
