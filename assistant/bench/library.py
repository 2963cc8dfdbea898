"""``assistant bench library``: the Library's indexing speed, search latency, retrieval quality and memory.

Measured in one run, against baselines measured in the same run:

1. **Indexing**, files → searchable index, through the app's path: ``index_collection`` with the
   collection's ``embedders.document_embed`` (the engine, batched; the app's reader, ``read_document``,
   reading the next file while the engine embeds; each file saved to SQLite with its FTS5 words and
   float32 vectors), in MB/s and passages/s. The baseline is what a Python app would write first:
   the same reader and the same ``passages()`` (so only the embedding path differs), one file after
   the other, then llama-cpp-python's ``Llama.embed(text)`` on the built-in embedding GGUF, one
   passage at a time, into a Python list (nothing saved, nothing made searchable). Both use one
   thread per core, over the same files: app then baseline on one half of the corpus, baseline then
   app on the other, so that a machine whose speed drifts slows both alike. Goal (the issue's): app
   ≥ 3 × the baseline. The corpus is copied into a temporary folder first.
2. **Search latency**: p50/p99 of ``search(...)`` (hybrid, retrieval only, no answer), with the
   question's embedding included and also timed alone, over collections of 10,000 and 100,000
   passages. Embedding 100,000 real passages would take an hour on a small CPU, so those collections
   are synthetic: the indexed corpus's own passages, drawn at random with one word in twenty
   replaced, and their real vectors with noise added (cosine ≈ 0.97 to the original), re-normalised,
   written through ``LibraryStore.save_file`` as the app writes them. The first query after opening
   the store loads every vector from SQLite: that cold query is reported on its own.
3. **Retrieval quality**: recall@5 and MRR@10 of keywords only, vectors only and hybrid, on the
   questions in ``library_questions.json`` over the licences in /usr/share/common-licenses, with no
   relevance threshold (``min_similarity=0``) so that each mode's own ranking is measured.
4. **Peak memory** while indexing: the app's process and the engine process (resident set, sampled
   every 50 ms, and each process's high-water mark). The app's figures come from the first half,
   before the baseline's model is loaded into the same process.

A benchmark, not a test: it asserts nothing, and it prints the machine it ran on.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.paths import Paths

if TYPE_CHECKING:
    from assistant.library.search import Embed
    from assistant.library.store import Collection

QUESTIONS_FILE = Path(__file__).with_name("library_questions.json")
LICENCES = Path("/usr/share/common-licenses")
DEFAULT_CORPUS = (LICENCES, Path("/usr/share/doc"))
DEFAULT_MAX_MB = 2.0
DEFAULT_SIZES = (10_000, 100_000)
MAX_FILE_BYTES = 256 * 1024
"""Larger files are left out of the corpus, so that one long changelog cannot be the whole of it."""
SEARCH_LIMIT = 5
QUALITY_DEPTH = 10
"""MRR is counted over this many hits (MRR@10); recall over the first ``SEARCH_LIMIT``."""
NOISE = 0.25
"""Length of the noise added to a unit vector for the synthetic collections (cosine ≈ 1/√(1 + 0.25²))."""
PASSAGES_PER_SYNTHETIC_FILE = 50


# -- the question set -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    question: str
    files: tuple[str, ...]
    """Every licence file whose text contains ``phrase``."""
    phrase: str
    """Words the passage that answers must contain (whitespace and case do not count)."""


@dataclass(frozen=True)
class QuestionSet:
    questions: tuple[Question, ...]
    queries: tuple[str, ...]
    """More questions, for the latency figures only."""
    corpus: Path


def load_questions(path: Path = QUESTIONS_FILE) -> QuestionSet:
    data = json.loads(path.read_text(encoding="utf-8"))
    questions = tuple(Question(q["question"], tuple(q["files"]), q["phrase"]) for q in data["questions"])
    return QuestionSet(questions, tuple(data.get("queries", ())), Path(data["corpus"]))


def normalised(text: str) -> str:
    return " ".join(text.split()).lower()


def is_relevant(question: Question, path: str, text: str) -> bool:
    return Path(path).name in question.files and normalised(question.phrase) in normalised(text)


# -- the corpus -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    folder: Path
    files: int
    bytes: int
    sources: tuple[str, ...]


def gather_corpus(sources: Sequence[Path], max_bytes: int, into: Path, *, seed: int = 0) -> Corpus:
    """Copy text files from ``sources`` into ``into``, up to ``max_bytes`` in all: each source's files
    in a fixed random order (so /usr/share/doc gives many packages, not the first few alphabetically),
    the sources in the order given. Binary files, files over ``MAX_FILE_BYTES``, the kinds the Library
    skips by name and copies of a file already taken are left out."""
    from assistant.jobs.library import NOT_DOCUMENTS

    into.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    total = files = 0
    used: list[str] = []
    for source in sources:
        if not source.exists():
            continue
        candidates = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
        random.Random(seed).shuffle(candidates)
        taken_here = 0
        for path in candidates:
            if total >= max_bytes:
                break
            if path.suffix.lower() in NOT_DOCUMENTS or any(part.startswith(".") for part in path.parts):
                continue
            try:
                size = path.stat().st_size
                if not 0 < size <= min(MAX_FILE_BYTES, max_bytes - total):
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            digest = hashlib.sha1(data).hexdigest()
            if b"\0" in data[:8192] or digest in seen:
                continue
            seen.add(digest)
            relative = path.relative_to(source) if path != source else Path(path.name)
            target = into / source.name / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            total += size
            files += 1
            taken_here += 1
        if taken_here:
            used.append(str(source))
    return Corpus(into, files, total, tuple(used))


# -- memory ---------------------------------------------------------------------------------------


class PeakMemory:
    """Resident memory of this process and of the engine's, sampled every 50 ms while in use, and
    each one's high-water mark (``ru_maxrss``; ``VmHWM`` of the engine's /proc entry) at the end."""

    def __init__(self, engine_pid: int | None, interval: float = 0.05) -> None:
        self.engine_pid, self.interval = engine_pid, interval
        self.sampled = {"app": 0, "engine": 0}
        self.high_water: dict[str, int | None] = {"app": None, "engine": None}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="bench-memory", daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()
        self.high_water = {"app": _own_high_water(), "engine": _high_water(self.engine_pid)}

    def _sample(self) -> None:
        import psutil

        me = psutil.Process()
        other = psutil.Process(self.engine_pid) if self.engine_pid else None
        while True:
            self.sampled["app"] = max(self.sampled["app"], me.memory_info().rss)
            if other is not None:
                try:
                    self.sampled["engine"] = max(self.sampled["engine"], other.memory_info().rss)
                except psutil.Error:
                    other = None
            if self._done.wait(self.interval):
                return


def _mib(value: int | None) -> int | None:
    return None if value is None else round(value / 1024**2)


def _own_high_water() -> int | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, KiB on Linux


def _high_water(pid: int | None) -> int | None:
    """The process's peak resident memory (Linux's VmHWM), or None where /proc does not say."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            line = next((ln for ln in f if ln.startswith("VmHWM:")), None)
    except OSError:
        return None
    return int(line.split()[1]) * 1024 if line else None


# -- 1. indexing ----------------------------------------------------------------------------------


@dataclass
class Tally:
    """One path's indexing, added up over the halves of the corpus."""

    files: dict[str, int] = dataclasses.field(default_factory=dict)
    """Files by how they ended: indexed, skipped, failed."""
    bytes: int = 0
    """Bytes of the files indexed."""
    passages: int = 0
    seconds: float = 0.0
    read_seconds: float = 0.0
    embed_seconds: float = 0.0

    def count(self, status: str) -> None:
        self.files[status] = self.files.get(status, 0) + 1

    def summary(self) -> dict[str, object]:
        out: dict[str, object] = {
            "files": dict(sorted(self.files.items())),
            "bytes": self.bytes,
            "passages": self.passages,
            "seconds": round(self.seconds, 2),
            "mb_per_s": round(self.bytes / 1e6 / self.seconds, 4) if self.seconds else None,
            "passages_per_s": round(self.passages / self.seconds, 2) if self.seconds else None,
        }
        if self.read_seconds or self.embed_seconds:
            out["read_seconds"] = round(self.read_seconds, 2)
            out["embed_seconds"] = round(self.embed_seconds, 2)
            out["embed_only_passages_per_s"] = (
                round(self.passages / self.embed_seconds, 2) if self.embed_seconds else None
            )
        return out


def index_app(store, collection, embed, tally: Tally, progress=sys.stderr) -> None:
    """The app's path, timed: ``index_collection`` from the scan to the last file saved."""
    from assistant.jobs.library import FileDone, Progress, index_collection
    from assistant.library.store import INDEXED

    started = time.perf_counter()
    for event in index_collection(store, collection, embed):
        if isinstance(event, FileDone):
            tally.count(event.status)
            if event.status == INDEXED:
                tally.passages += event.passages
                tally.bytes += Path(event.path).stat().st_size
        elif isinstance(event, Progress):
            progress.write(f"\r  app: {event.files_done}/{event.files_total} files, {event.passages} passages ")
            progress.flush()
    tally.seconds += time.perf_counter() - started
    progress.write("\n")


class Baseline:
    """The naive path: read each file (the app's sandboxed reader) and cut it (``passages``), then
    ``Llama.embed`` each passage on its own, appending to a list; nothing is saved. The model is
    loaded (and run once) before any clock starts, as the engine's embedding model is."""

    def __init__(self, embedding_model: Path, threads: int) -> None:
        from llama_cpp import Llama

        self.llm = Llama(
            str(embedding_model), embedding=True, n_ctx=512, n_batch=512, n_ubatch=512,
            n_threads=threads, n_threads_batch=threads, verbose=False,
        )  # fmt: skip
        self.llm.embed("warm-up")
        self.vectors: list[list[float]] = []

    def close(self) -> None:
        self.llm.close()

    def index(self, paths: Sequence[Path], tally: Tally, progress=sys.stderr) -> None:
        from assistant.documents.document import DocumentError
        from assistant.documents.sandbox import read_document
        from assistant.library.passages import passages

        for number, path in enumerate(paths, 1):
            started = time.perf_counter()
            try:
                found = passages(read_document(path))
            except DocumentError:
                tally.count("failed")
                continue
            finally:
                tally.read_seconds += time.perf_counter() - started
            started = time.perf_counter()
            for p in found:
                self.vectors.append(self.llm.embed(p.text))
            tally.embed_seconds += time.perf_counter() - started
            tally.count("indexed" if found else "skipped")
            if found:
                tally.passages += len(found)
                tally.bytes += path.stat().st_size
            progress.write(f"\r  baseline: {number}/{len(paths)} files, {tally.passages} passages ")
            progress.flush()
        tally.seconds = tally.read_seconds + tally.embed_seconds
        progress.write("\n")


def bench_indexing(
    engine,
    store,
    files: Sequence[Path],
    embed_for: Callable[[Collection], Embed],
    embedding_model: Path,
    threads: int,
    progress=sys.stderr,
):
    """Both paths over the same files, in the order app, baseline | baseline, app over the two halves
    of the corpus (every other file), so that a machine that drifts slows both alike. ``embed_for``
    gives a collection's passage embedding, as the app makes it. Returns the report and the
    collections the app made."""
    from assistant.jobs.library import BUILT_IN_EMBEDDER

    halves = [list(files[0::2]), list(files[1::2])]
    app, base = Tally(), Tally()
    sampled = {"app": 0, "engine": 0}
    app_high_water: int | None = None
    collections = []
    engine.ensure_ready()  # (re)started now, so that its process can be watched
    engine_pid = getattr(getattr(engine, "process", None), "pid", None)
    baseline: Baseline | None = None
    try:
        for half, order in enumerate((("app", "baseline"), ("baseline", "app"))):
            for side in order:
                progress.write(f"indexing, half {half + 1}/2: {side}\n")
                if side == "app":
                    collection = store.create(f"corpus {half + 1}", halves[half], BUILT_IN_EMBEDDER)
                    collections.append(collection)
                    embed = embed_for(collection)
                    if half == 0:  # loads the model in the engine, as the baseline's is loaded untimed
                        embed(["warm-up"])
                    with PeakMemory(engine_pid) as memory:
                        index_app(store, collection, embed, app, progress)
                    sampled["engine"] = max(sampled["engine"], memory.sampled["engine"])
                    if half == 0:  # the app's own: the baseline's model is not in this process yet
                        sampled["app"], app_high_water = memory.sampled["app"], memory.high_water["app"]
                else:
                    baseline = baseline or Baseline(embedding_model, threads)
                    baseline.index(halves[half], base, progress)
        engine_high_water = _high_water(engine_pid)
    finally:
        if baseline is not None:
            baseline.close()
    report = {
        "order": "half 1: app then baseline; half 2: baseline then app",
        "app": app.summary(),
        "baseline": base.summary(),
        "ratio": round(base.seconds / app.seconds, 3) if app.seconds else None,
        "ratio_to_baseline_embedding_alone": round(base.embed_seconds / app.seconds, 3) if app.seconds else None,
        "goal": 3.0,
        "memory": {
            "app_mib": _mib(sampled["app"]),
            "app_high_water_mib": _mib(app_high_water),
            "engine_mib": _mib(sampled["engine"]),
            "engine_high_water_mib": _mib(engine_high_water),
            "app_measured": "over the first half, before the baseline's model is loaded into this process",
        },
    }
    return report, collections


# -- 2. latency -----------------------------------------------------------------------------------


@dataclass
class Pool:
    """Real passages with their real vectors: what the synthetic collections are drawn from."""

    passages: list  # of library.passages.Passage
    vectors: object  # numpy float32 matrix, one unit row per passage
    words: list[str]


def passage_pool(store, collections) -> Pool:
    import numpy as np

    from assistant.library.passages import Passage

    pool, matrices = [], []
    for collection in collections:
        ids, matrix = store.vectors(collection)
        stored = store.passages(ids.tolist())
        pool += [Passage(p.section, p.label, p.start, p.end, p.text) for p in (stored[int(i)] for i in ids)]
        matrices.append(matrix)
    words = sorted({w for p in pool for w in p.text.split() if w.isalpha()})
    return Pool(pool, np.concatenate(matrices), words)


def build_synthetic(path: Path, pool: Pool, size: int, *, seed: int = 0):
    """A store at ``path`` with one collection of ``size`` passages drawn from ``pool`` (see the
    module's docstring). Returns (store, collection, seconds to build)."""
    import numpy as np

    from assistant.jobs.library import BUILT_IN_EMBEDDER
    from assistant.library.store import INDEXED, LibraryStore

    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    store = LibraryStore(path)
    collection = store.create("synthetic", [path.parent], BUILT_IN_EMBEDDER)
    started = time.perf_counter()
    dims = pool.vectors.shape[1]
    for number, at in enumerate(range(0, size, PASSAGES_PER_SYNTHETIC_FILE)):
        count = min(PASSAGES_PER_SYNTHETIC_FILE, size - at)
        chosen = [rng.randrange(len(pool.passages)) for _ in range(count)]
        texts = [_vary(pool.passages[i].text, rng, pool.words) for i in chosen]
        found = [dataclasses.replace(pool.passages[i], text=text) for i, text in zip(chosen, texts, strict=True)]
        vectors = pool.vectors[chosen] + noise.normal(0.0, NOISE / dims**0.5, (count, dims)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        store.save_file(collection, str(path.parent / f"synthetic-{number:05d}.txt"), 0, 0, INDEXED, "", found, vectors)
    return store, collection, time.perf_counter() - started


def _vary(text: str, rng: random.Random, words: Sequence[str]) -> str:
    """The text with about one word in twenty replaced by another word of the corpus."""
    pieces = text.split(" ")
    for _ in range(max(1, len(pieces) // 20)):
        pieces[rng.randrange(len(pieces))] = rng.choice(words)
    return " ".join(pieces)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), interpolated between the nearest ranks, as numpy's default."""
    ordered = sorted(values)
    at = (len(ordered) - 1) * q / 100
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def bench_latency(
    path: Path, embed_for: Callable[[Collection], Embed], queries: Sequence[str], rounds: int, *, seed: int = 0
) -> dict[str, object]:
    """Open the store at ``path`` afresh, time the first (cold) query, then ``rounds`` rounds of every
    query in a shuffled order: the query's embedding alone, search with that embedding already made
    (retrieval alone), and search as the app calls it (embedding included)."""
    from assistant.library.search import search
    from assistant.library.store import LibraryStore

    store = LibraryStore(path)
    try:
        collection = store.get("synthetic")
        embed = embed_for(collection)
        started = time.perf_counter()
        search(store, collection, queries[0], embed, limit=SEARCH_LIMIT)
        cold = time.perf_counter() - started
        rng = random.Random(seed)
        total: list[float] = []
        embedding: list[float] = []
        retrieval: list[float] = []
        for _ in range(rounds):
            order = list(queries)
            rng.shuffle(order)
            for query in order:
                started = time.perf_counter()
                vector = embed([query])
                embedding.append(time.perf_counter() - started)
                started = time.perf_counter()
                search(store, collection, query, lambda texts, v=vector: v, limit=SEARCH_LIMIT)
                retrieval.append(time.perf_counter() - started)
                started = time.perf_counter()
                search(store, collection, query, embed, limit=SEARCH_LIMIT)
                total.append(time.perf_counter() - started)
    finally:
        store.close()

    def ms(values: list[float], q: float) -> float:
        return round(percentile(values, q) * 1000, 2)

    return {
        "cold_first_query_ms": round(cold * 1000, 1),
        "queries": len(total),
        "p50_ms": ms(total, 50),
        "p99_ms": ms(total, 99),
        "embedding_p50_ms": ms(embedding, 50),
        "embedding_p99_ms": ms(embedding, 99),
        "retrieval_p50_ms": ms(retrieval, 50),
        "retrieval_p99_ms": ms(retrieval, 99),
    }


# -- 3. quality -----------------------------------------------------------------------------------


def copy_licences(source: Path, into: Path) -> Path:
    """The licence files themselves, once each (GPL is a link to GPL-3: only GPL-3 is taken)."""
    into.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        if path.is_file() and not path.is_symlink():
            shutil.copyfile(path, into / path.name)
    return into


def bench_quality(
    store,
    collection,
    embed,
    questions: Sequence[Question],
    *,
    modes: Iterable[str] = ("keywords", "vectors", "hybrid"),
    rerank: Callable[[str, list], list] | None = None,
) -> dict[str, object]:
    """Recall@5 and MRR@10 per mode over an indexed collection of the licence files; with ``rerank``
    (question, hits -> hits reordered), also "reranked": hybrid's best ``RERANK_POOL`` reordered by it."""
    from assistant.library.answer import RERANK_POOL
    from assistant.library.search import search

    rerank_seconds: list[float] = []

    def ranked(question: str, mode: str) -> list:
        if mode != "reranked":
            return search(store, collection, question, embed, limit=QUALITY_DEPTH, mode=mode, min_similarity=0.0)
        hits = search(store, collection, question, embed, limit=RERANK_POOL, min_similarity=0.0)
        started = time.perf_counter()
        hits = rerank(question, hits) if hits else hits
        rerank_seconds.append(time.perf_counter() - started)
        return hits[:QUALITY_DEPTH]

    modes = [*modes, *(["reranked"] if rerank else [])]

    ids, _ = store.vectors(collection)
    texts = list(store.passages(ids.tolist()).values())
    answerable = [q for q in questions if any(is_relevant(q, p.path, p.text) for p in texts)]
    results: dict[str, dict[str, object]] = {}
    ranks: dict[str, list[int | None]] = {}
    for mode in modes:
        found: list[int | None] = []
        for q in questions:
            hits = ranked(q.question, mode)
            found.append(
                next((n for n, h in enumerate(hits, 1) if is_relevant(q, h.passage.path, h.passage.text)), None)
            )
        ranks[mode] = found
        results[mode] = {
            "recall_at_5": round(sum(r is not None and r <= SEARCH_LIMIT for r in found) / len(found), 3),
            "mrr_at_10": round(sum(1 / r for r in found if r is not None) / len(found), 3),
        }
    report: dict[str, object] = {
        "questions": len(questions),
        "answerable": len(answerable),
        "passages": len(ids),
        "modes": results,
        "per_question": [
            {"question": q.question, **{mode: ranks[mode][i] for mode in ranks}} for i, q in enumerate(questions)
        ],
    }
    if "hybrid" in results:
        h = results["hybrid"]
        report["hybrid_beats"] = {
            mode: h["recall_at_5"] >= r["recall_at_5"]  # type: ignore[operator]
            and h["mrr_at_10"] >= r["mrr_at_10"]  # type: ignore[operator]
            and (h["recall_at_5"], h["mrr_at_10"]) != (r["recall_at_5"], r["mrr_at_10"])
            for mode, r in results.items()
            if mode in ("keywords", "vectors")
        }
    if rerank_seconds:
        report["rerank_ms_p50"] = round(percentile(rerank_seconds, 50) * 1000, 1)
    return report


# -- the whole run --------------------------------------------------------------------------------


def run(
    engine,
    work: Path,
    *,
    corpus: Sequence[Path] = DEFAULT_CORPUS,
    max_bytes: int = int(DEFAULT_MAX_MB * 1e6),
    sizes: Sequence[int] = DEFAULT_SIZES,
    rounds: int = 3,
    questions: QuestionSet | None = None,
    embedding_model: Path | None = None,
    threads: int | None = None,
    reranker: Path | None = None,
    progress=sys.stderr,
) -> dict[str, object]:
    """Everything, with ``engine`` (started, its chat model loaded) and files under ``work``; with
    ``reranker`` (a reranking GGUF), the quality table gains its row."""
    from assistant.bench.engine import machine
    from assistant.engine.backend import detect
    from assistant.jobs.library import BUILT_IN_EMBEDDER, EMBED_BATCH, index_collection
    from assistant.library import embedders
    from assistant.library.answer import reranked
    from assistant.library.store import LibraryError, LibraryStore

    wall = time.perf_counter()
    load_at_start = _load_average()
    questions = questions or load_questions()
    # The app's own embedding calls: the collection's model (the built-in one here), with its prefixes.
    models_dir = work / "models"

    def document_embed(collection: Collection) -> Embed:
        return embedders.document_embed(engine, collection, models_dir)

    def query_embed(collection: Collection) -> Embed:
        return embedders.query_embed(engine, collection, models_dir)

    embedding_model = embedding_model or embedders.local_path(embedders.BUILT_IN, models_dir)
    if embedding_model is None:
        raise LibraryError("The built-in embedding model is missing: run `make setup`.")
    threads = threads or detect().threads
    report: dict[str, object] = {
        "machine": machine(),
        "threads": threads,
        "embedding_model": embedding_model.name,
        "embed_batch": EMBED_BATCH,
    }
    progress.write(f"machine: {report['machine']}\n")

    gathered = gather_corpus(corpus, max_bytes, work / "corpus")
    report["corpus"] = {"files": gathered.files, "bytes": gathered.bytes, "sources": list(gathered.sources),
                        "copied_to_temporary_folder": True}  # fmt: skip
    progress.write(
        f"corpus: {gathered.files} files, {gathered.bytes / 1e6:.2f} MB from {', '.join(gathered.sources)}\n"
    )

    # 1 and 4: indexing, both paths on the same files, the app's memory watched.
    files = sorted(p for p in gathered.folder.rglob("*") if p.is_file())
    store = LibraryStore(work / "index.sqlite3")
    try:
        report["indexing"], collections = bench_indexing(
            engine, store, files, document_embed, embedding_model, threads, progress
        )
        pool = passage_pool(store, collections)
    finally:
        store.close()

    load_after_indexing = _load_average()

    # 2: latency on synthetic collections drawn from the corpus just indexed.
    queries = [q.question for q in questions.questions] + list(questions.queries)
    latency = []
    for size in sizes:
        progress.write(f"search latency: building {size:,} passages\n")
        path = work / f"synthetic-{size}" / "library.sqlite3"
        built, _, seconds = build_synthetic(path, pool, size)
        built.close()
        progress.write(f"search latency: {len(queries)} queries × {rounds} rounds\n")
        latency.append(
            {"passages": size, "build_seconds": round(seconds, 1), **bench_latency(path, query_embed, queries, rounds)}
        )
        shutil.rmtree(path.parent, ignore_errors=True)
    report["latency"] = {
        "mode": "hybrid",
        "limit": SEARCH_LIMIT,
        "rounds": rounds,
        "source_passages": len(pool.passages),
        "rows": latency,
    }

    load_after_latency = _load_average()

    # 3: quality on the licences.
    if questions.corpus.is_dir():
        progress.write(f"retrieval quality: indexing {questions.corpus}\n")
        folder = copy_licences(questions.corpus, work / "licences")
        store = LibraryStore(work / "licences.sqlite3")
        try:
            collection = store.create("licences", [folder], BUILT_IN_EMBEDDER)
            for _ in index_collection(store, collection, document_embed(collection)):
                pass
            progress.write(f"retrieval quality: {len(questions.questions)} questions × {3 + bool(reranker)} modes\n")
            rerank = (lambda q, hits: reranked(engine, q, hits, str(reranker))) if reranker else None
            report["quality"] = bench_quality(
                store, collection, query_embed(collection), questions.questions, rerank=rerank
            )
            if reranker:
                report["quality"]["reranker"] = reranker.name
        finally:
            store.close()
    else:
        report["quality"] = {"skipped": f"{questions.corpus} is not on this machine"}
    report["wall_seconds"] = round(time.perf_counter() - wall, 1)
    report["load_average"] = {
        "start": load_at_start,
        "after_indexing": load_after_indexing,
        "after_latency": load_after_latency,
        "end": _load_average(),
    }
    return report


def _load_average() -> float | None:
    """The 1-minute load average: above the core count, something else was competing for the CPU."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):  # Windows
        return None


# -- output ---------------------------------------------------------------------------------------


def print_report(report: dict, out=sys.stdout) -> None:
    w = out.write
    w(f"machine: {report['machine']}; {report['threads']} threads for both paths\n")
    c = report["corpus"]
    sources = ", ".join(c["sources"])
    w(f"corpus: {c['files']} text files, {c['bytes'] / 1e6:.2f} MB, from {sources} ")
    w("(copied into a temporary folder)\n")
    w("\n")

    ix = report["indexing"]
    app, base = ix["app"], ix["baseline"]
    w(f"Indexing, files → searchable index: {app['passages']:,} passages, {report['embedding_model']}\n")
    app_name = f"app: index_collection + engine embed (batches of {report['embed_batch']}, reading overlapped)"
    base_name = "baseline: same reader + passages(), then Llama.embed one passage at a time"
    split = f"  of which reading {base['read_seconds']:.1f} s, embedding {base['embed_seconds']:.1f} s (nothing saved)"
    rows = [
        (app_name, f"{app['mb_per_s']:.3f}", f"{app['passages_per_s']:.1f}", f"{app['seconds']:.1f}"),
        (base_name, f"{base['mb_per_s']:.3f}", f"{base['passages_per_s']:.1f}", f"{base['seconds']:.1f}"),
        (split, "", f"{base['embed_only_passages_per_s'] or 0:.1f}", ""),
    ]
    _table(out, ("path", "MB/s", "passages/s", "seconds"), rows)
    w(f"app / baseline: {ix['ratio']}× (goal ≥ {ix['goal']:g}×); ")
    w(f"app / the baseline's embedding alone: {ix['ratio_to_baseline_embedding_alone']}×\n")
    files = ", ".join(f"{n} {status}" for status, n in app["files"].items())
    w(f"files: {files}; order: {ix['order']}\n")
    m = ix["memory"]
    w(f"peak memory while indexing (RSS sampled every 50 ms): app {m['app_mib']} MiB ")
    w(f"(high-water {m['app_high_water_mib']} MiB; first half, before the baseline's model is in this process), ")
    w(f"engine process {m['engine_mib']} MiB ")
    w(f"(high-water {m['engine_high_water_mib']} MiB; its chat model is loaded too)\n\n")

    lat = report["latency"]
    queries = lat["rows"][0]["queries"] if lat["rows"] else 0
    w(f"Search latency: hybrid, {lat['limit']} hits, answer excluded; {queries} queries ")
    w(f"({lat['rounds']} rounds), warm\nsynthetic collections: the corpus's {lat['source_passages']:,} passages ")
    w("drawn again with 1 word in 20 replaced, ")
    w("their real vectors plus noise (cosine ≈ 0.97), re-normalised\n")
    header = ("passages", "build s", "cold 1st query ms", "p50 ms", "p99 ms", "embedding p50/p99", "retrieval p50/p99")
    rows = [
        (
            f"{r['passages']:,}",
            f"{r['build_seconds']:.1f}",
            f"{r['cold_first_query_ms']:.0f}",
            f"{r['p50_ms']:.1f}",
            f"{r['p99_ms']:.1f}",
            f"{r['embedding_p50_ms']:.1f} / {r['embedding_p99_ms']:.1f}",
            f"{r['retrieval_p50_ms']:.1f} / {r['retrieval_p99_ms']:.1f}",
        )
        for r in lat["rows"]
    ]
    _table(out, header, rows)
    w("(p50/p99 include the query's embedding; the last two columns split it out: the embedding alone, and search\n")
    w(" with the embedding already made)\n\n")

    q = report["quality"]
    if "skipped" in q:
        w(f"Retrieval quality: skipped ({q['skipped']})\n")
    else:
        w(f"Retrieval quality: {q['questions']} questions ({q['answerable']} answerable) over the licence files ")
        w(f"({q['passages']} passages), min_similarity 0\n")
        rows = [(mode, f"{r['recall_at_5']:.3f}", f"{r['mrr_at_10']:.3f}") for mode, r in q["modes"].items()]
        _table(out, ("mode", "recall@5", "MRR@10"), rows)
        beats = ", ".join(f"{mode}: {'yes' if yes else 'no'}" for mode, yes in q.get("hybrid_beats", {}).items())
        w(f"hybrid beats (recall@5 and MRR@10 both at least as high, one higher) {beats}\n")
        if "reranker" in q:
            from assistant.library.answer import RERANK_POOL

            w(f"reranked: hybrid's best {RERANK_POOL} reordered by {q['reranker']}, ")
            w(f"{q['rerank_ms_p50']} ms a question (p50)\n")
    load = report["load_average"]
    w(f"\nwall time: {report['wall_seconds']:.0f} s; 1-minute load average at the start {load['start']}, after ")
    w(f"indexing {load['after_indexing']}, after the latency {load['after_latency']}, at the end {load['end']} ")
    w(f"(above {report['threads']}: something else was using the CPU)\n")


def _table(out, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    rows = [tuple(header), *rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        out.write("  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)).rstrip())
        out.write("\n")


def main(args: argparse.Namespace, paths: Paths) -> int:
    from assistant.engine.backend import detect
    from assistant.engine.local import LocalEngine
    from assistant.library.answer import reranker_problem
    from assistant.models.store import built_in_embedding_path, default_model_path

    if args.reranker and (problem := reranker_problem(args.reranker)):
        sys.stderr.write(problem + "\n")
        return 1
    embedding_model = built_in_embedding_path()
    if not embedding_model.is_file():
        sys.stderr.write(f"The built-in embedding model is not at {embedding_model}: run `make setup` first.\n")
        return 1
    model = (args.model or default_model_path()).resolve()
    threads = detect().threads
    with tempfile.TemporaryDirectory(prefix="assistant-bench-library-") as tmp:
        work = Path(tmp)
        bench_paths = Paths(*(work / "home" / d for d in ("config", "data", "cache", "logs", "state"))).ensure()
        # The engine needs a chat model loaded before it answers; the Library only uses its embedding model.
        engine = LocalEngine(bench_paths, model, {"n_ctx": 2048, "threads": threads})
        try:
            engine.ensure_ready()
            report = run(
                engine, work, corpus=args.corpus or DEFAULT_CORPUS, max_bytes=int(args.max_mb * 1e6),
                sizes=args.sizes, rounds=args.rounds, embedding_model=embedding_model, threads=threads,
                reranker=args.reranker,
            )  # fmt: skip
        finally:
            engine.close()
    report["chat_model"] = model.name
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    else:
        print_report(report)
    return 0
