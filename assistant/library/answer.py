"""Asking collections: the passages found for a question (or what the app answers itself when there
are none), the prompt that hands them to the model, and the citations read back out of its answer.

The passages go into the prompt numbered, as data between markers (a document cannot give the model
instructions), and the model is asked to cite them as [1], [2]. Its answer's citations are checked
against what it was given: a number it made up is dropped, not shown as a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.core.inference import Message
from assistant.core.text import DATA_NOTICE, as_data
from assistant.errors import AssistantError, ModelFileError, translatable
from assistant.library.embedders import query_embed
from assistant.library.search import Hit, search_collections
from assistant.library.store import Collection, LibraryStore
from assistant.models import gguf_info

NOT_FOUND = "I could not find this in your documents."
"""The answer when no passage is close enough to the question: said by the app, not left to the model."""


def nothing_indexed(names: list[str]) -> str:
    """The answer when the chosen collections have no passages yet (still indexing, or empty)."""
    listed = ", ".join(f"“{n}”" for n in names)
    return f"Nothing in {listed} is indexed yet, so I cannot answer from it; the Library panel shows its progress."


def retrieve(
    store: LibraryStore,
    collections: list[Collection],
    question: str,
    engine,
    models_dir: Path,
    *,
    limit: int,
    min_similarity: float,
    reranker: str = "",
) -> tuple[list[Hit], str | None]:
    """The passages for ``question`` from ``collections`` (put in order by ``reranker``, a reranking
    GGUF, when one is given), and, when there are none, what the app answers itself (no model
    call): that nothing is indexed yet, or ``NOT_FOUND``."""
    hits = search_collections(
        store, collections, question, lambda c: query_embed(engine, c, models_dir),
        limit=max(limit, RERANK_POOL) if reranker else limit, min_similarity=min_similarity,
    )  # fmt: skip
    if hits:
        return reranked(engine, question, hits, reranker)[:limit] if reranker else hits, None
    if not any(len(store.vectors(c)[0]) for c in collections):
        return [], nothing_indexed([c.name for c in collections])
    return [], NOT_FOUND


RERANK_POOL = 20
"""Passages the reranker reads per question: the fused search's best. A reranker reads each
(question, passage) pair whole, as costly as embedding the passage again, so it refines the
search's order rather than searching itself; what the search missed it cannot bring back."""


RANK_POOLING = 4
"""What a reranking GGUF declares as its pooling (llama.cpp's LLAMA_POOLING_TYPE_RANK)."""


def reranker_problem(path: Path) -> str | None:
    """Why the file at ``path`` cannot rerank, in words, or None when it can (read from its header)."""
    err = reranker_error(path)
    return None if err is None else str(err)


def reranker_error(path: Path) -> AssistantError | None:
    """Why the file at ``path`` cannot rerank, as the error to show (translatable), or None when it can."""
    try:
        info = gguf_info.read_info(path)
    except ModelFileError as err:
        return err
    except OSError as err:
        return AssistantError(
            translatable("{path} cannot be read ({reason})."), path=str(path), reason=err.strerror or str(err)
        )
    if info.metadata.get(f"{info.architecture}.pooling_type") != RANK_POOLING:
        return AssistantError(
            translatable(
                "{name} is not a reranker: it is a chat or embedding model. Rerankers (such as "
                "bge-reranker-v2-m3 or Qwen3-Reranker) are GGUF files that say so in their header."
            ),
            name=path.name,
        )
    return None


def reranked(engine, question: str, hits: list[Hit], reranker: str) -> list[Hit]:
    """``hits`` in the reranker's order, best first, each with its ``relevance``."""
    try:
        scores = engine.rerank(question, [h.passage.text for h in hits], reranker)
    except AssistantError as err:
        raise AssistantError(
            translatable(
                "The reranker {name} could not be used: {problem} Choose another in Settings → Library, or none."
            ),
            name=Path(reranker).name,
            problem=str(err),
        ) from err
    order = sorted(range(len(hits)), key=lambda i: -scores[i])
    return [replace(hits[i], relevance=scores[i]) for i in order]


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
    passages = [source_record(h) for h in hits]
    return [Message("system", SYSTEM_PROMPT), Message("user", _with_passages(question, passages))]


def grounded(prompt: list[Message], passages: list[dict[str, object]]) -> list[Message]:
    """A chat's prompt (its system prompt, the turns so far, the user's new message last) with the
    passages (``source_record``s) handed over for the new message, and the instruction to answer
    from them and cite them added to the conversation's own system prompt."""
    assert prompt and prompt[-1].role == "user"
    own = prompt[0].content + "\n\n" if prompt[0].role == "system" else ""
    turns = prompt[1:-1] if prompt[0].role == "system" else prompt[:-1]
    question = _with_passages(prompt[-1].content, passages)
    return [Message("system", own + SYSTEM_PROMPT), *turns, Message("user", question)]


def _with_passages(question: str, passages: list[dict[str, object]]) -> str:
    blocks = []
    for number, passage in enumerate(passages, 1):
        where = f"{Path(str(passage['path'])).name}, {passage['label']}"
        blocks.append(f"[{number}] {as_data(where)}\n{as_data(str(passage['text']))}")
    material = "\n\n".join(blocks)
    return (
        f"{DATA_NOTICE.format(what='passages text')}\n\n<<<BEGIN PASSAGES>>>\n{material}\n<<<END PASSAGES>>>\n\n"
        f"Question: {question}"
    )


def source_record(hit: Hit) -> dict[str, object]:
    """A passage given to the model, as a reply keeps it (JSON): enough to show and open it later,
    even after the collection changed or went."""
    p = hit.passage
    return {"path": p.path, "label": p.label, "section": p.section, "start": p.start, "end": p.end,
            "text": p.text, "similarity": round(hit.similarity, 4)}  # fmt: skip


def link_citations(answer: str, count: int, scheme: str) -> str:
    """``answer`` (Markdown) with each citation of one of the ``count`` passages made a link
    ``scheme:N``; numbers outside 1..count stay plain text."""

    def link(match: re.Match[str]) -> str:
        numbers = [int(n) for n in re.findall(r"\d+", match.group(0))]
        if not all(1 <= n <= count for n in numbers):
            return match.group(0)
        return "[" + ", ".join(f"[{n}]({scheme}:{n})" for n in numbers) + "]"

    return _CITATION.sub(link, answer)


def citations(answer: str, hits: list[Hit]) -> list[Citation]:
    """The passages the answer cites, in the order first cited; numbers it was not given are ignored."""
    seen: dict[int, Citation] = {}
    for match in _CITATION.finditer(answer):
        for number in re.findall(r"\d+", match.group(0)):
            n = int(number)
            if 1 <= n <= len(hits) and n not in seen:
                seen[n] = Citation(n, hits[n - 1])
    return list(seen.values())
