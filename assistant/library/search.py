"""Hybrid retrieval: the passages that answer a question, by words and by meaning, fused.

* **Words**: SQLite FTS5's BM25 over trigram tokens (``store``): exact names, numbers, rare terms.
* **Meaning**: the question's embedding against every passage's (a dot product of unit vectors).
* **Fusion**: reciprocal rank fusion (``1 / (RRF_K + rank)`` summed over the two lists), which needs no
  tuning of one score's scale against the other's.

A passage whose meaning is far from the question (cosine below ``min_similarity``) is not offered at
all, however its words matched: that is how a question the documents do not answer gets "not found"
rather than the nearest junk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from assistant.core.text import cjk_runs, distinctive_terms
from assistant.library.store import Collection, LibraryStore, StoredPassage, other_model
from assistant.settings import LibrarySettings

Embed = Callable[[Sequence[str]], list[list[float]]]
Mode = Literal["hybrid", "keywords", "vectors"]

RRF_K = 60
"""The usual constant of reciprocal rank fusion (Cormack et al. 2009): ranks past the first few count little."""
CANDIDATES = 50
"""How many passages each list contributes to the fusion."""
COMMON_SHARE = 0.05
MIN_COMMON = 1000
"""See ``telling_terms``: which of a question's words the keyword search uses."""
MIN_SIMILARITY = LibrarySettings.min_similarity
"""The default relevance threshold (a setting; its docstring gives the figures it comes from)."""


@dataclass(frozen=True)
class Hit:
    passage: StoredPassage
    score: float
    """The fused score (higher is better)."""
    similarity: float
    """Cosine between the question and the passage."""
    keyword_rank: int | None
    """1-based place in the BM25 list, or None when the words did not match."""
    vector_rank: int | None
    relevance: float | None = None
    """The reranker's score, when one ordered the passages (``answer.reranked``)."""


def keyword_terms(question: str) -> list[str]:
    """The question's distinctive words; a run of Chinese or Japanese characters gives its
    three-character windows, the trigram index's unit."""
    terms = [term for term in distinctive_terms(question) if not cjk_runs(term)]
    for run in cjk_runs(question):
        terms += [run[i : i + 3] for i in range(len(run) - 2)]
    return sorted(set(terms))


def keyword_query(terms: Sequence[str]) -> str | None:
    """An FTS5 query for passages holding any of ``terms``; None when there are none."""
    if not terms:
        return None
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)


def telling_terms(store: LibraryStore, terms: Sequence[str], passages: int) -> list[str]:
    """``terms`` without those found in more than ``COMMON_SHARE`` of the passages (and in at least
    ``MIN_COMMON``): such a word tells little (BM25 weighs it near zero) and costs the most, since
    every passage holding it is ranked; in a large library one of them made a search take 250 ms.
    A question of common words only leaves the keyword search out (the meaning search still runs)."""
    cap = max(MIN_COMMON, int(COMMON_SHARE * passages))
    counts = store.term_counts(terms, cap)
    return [t for t in terms if counts[t] < cap]


def search(
    store: LibraryStore,
    collection: Collection,
    question: str,
    embed: Embed,
    *,
    limit: int = 5,
    mode: Mode = "hybrid",
    min_similarity: float = MIN_SIMILARITY,
) -> list[Hit]:
    """The ``limit`` best passages for ``question``, best first. ``embed`` embeds the question as the
    collection's model expects (``embedders.query_embed``)."""
    ids, matrix = store.vectors(collection)
    if not len(ids):
        return []
    query = np.asarray(embed([question])[0], dtype=np.float32)
    if query.shape[0] != matrix.shape[1]:
        raise other_model(collection, matrix.shape[1], query.shape[0])
    similarities = matrix @ query

    def similarity(pid: int) -> float:
        at = int(np.searchsorted(ids, pid))  # ids are in ascending order
        return float(similarities[at]) if at < len(ids) and ids[at] == pid else -1.0

    vector_ranked: list[int] = []
    if mode != "keywords":
        count = min(CANDIDATES, len(ids))
        top = np.argpartition(-similarities, count - 1)[:count]
        vector_ranked = [int(ids[i]) for i in top[np.argsort(-similarities[top])]]
    keyword_ranked: list[int] = []
    if mode != "vectors":
        fts = keyword_query(telling_terms(store, keyword_terms(question), len(ids)))
        keyword_ranked = store.keyword_search(collection, fts, CANDIDATES) if fts else []

    scores: dict[int, float] = {}
    for ranked in (keyword_ranked, vector_ranked):
        for rank, pid in enumerate(ranked, 1):
            scores[pid] = scores.get(pid, 0.0) + 1.0 / (RRF_K + rank)
    by_id = {pid: similarity(pid) for pid in scores}
    ranked = [pid for pid in sorted(scores, key=lambda p: -scores[p]) if by_id[pid] >= min_similarity]
    stored = store.passages(ranked)
    # The same passage in two files (copies, versions) is offered once: it would only crowd out others.
    chosen, texts = [], set()
    for pid in ranked:
        text = " ".join(stored[pid].text.split()) if pid in stored else None
        if text is not None and text not in texts:
            texts.add(text)
            chosen.append(pid)
        if len(chosen) == limit:
            break
    keyword_place = {pid: i for i, pid in enumerate(keyword_ranked, 1)}
    vector_place = {pid: i for i, pid in enumerate(vector_ranked, 1)}
    return [Hit(stored[pid], scores[pid], by_id[pid], keyword_place.get(pid), vector_place.get(pid)) for pid in chosen]


def search_collections(
    store: LibraryStore,
    collections: Sequence[Collection],
    question: str,
    embed_for: Callable[[Collection], Embed],
    *,
    limit: int = 5,
    min_similarity: float = MIN_SIMILARITY,
) -> list[Hit]:
    """The ``limit`` best passages over several collections (``embed_for`` gives each one's question
    embedding; the question is embedded once per model). Fused scores are comparable across
    collections: each is a sum of reciprocal ranks."""
    vectors: dict[str, list[list[float]]] = {}
    hits: list[Hit] = []
    for collection in collections:
        if collection.embedder not in vectors:
            vectors[collection.embedder] = embed_for(collection)([question])
        vector = vectors[collection.embedder]
        hits += search(store, collection, question, lambda _t, v=vector: v, limit=limit, min_similarity=min_similarity)
    return sorted(hits, key=lambda h: (-h.score, -h.similarity))[:limit]
