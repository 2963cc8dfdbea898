"""``assistant library …``: collections of your documents, indexed on this machine, searched and asked.

The flows are ``assistant.jobs.library``'s (the Library panel runs the same); this turns their events
into lines: progress on stderr, results on stdout (``--json`` for scripts).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from assistant import paths as paths_mod
from assistant import settings as settings_mod
from assistant.cli.common import generation_params, load_settings, model_flag, open_engine_for
from assistant.core.cancel import ctrl_c_cancels
from assistant.errors import AssistantError
from assistant.units import format_duration


def add_parser(sub: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser]) -> None:
    library = sub.add_parser("library", help="ask your own documents, with citations (indexed on this machine)")
    lsub = library.add_subparsers(dest="library_command", metavar="ACTION", required=True, parser_class=parser_class)
    create = lsub.add_parser("create", help="a new collection of folders and files")
    create.add_argument("name")
    create.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    create.add_argument("--embedder", default="", help="embedding model (see 'library embedders'; default built in)")
    ls = lsub.add_parser("ls", help="the collections, with how many files and passages")
    ls.add_argument("--json", action="store_true")
    files = lsub.add_parser("files", help="each file of a collection: indexed, skipped or failed, and why")
    files.add_argument("name")
    files.add_argument("--json", action="store_true")
    index = lsub.add_parser("index", help="index new and changed files (progress on stderr; a rerun resumes)")
    index.add_argument("name")
    model_flag(index)
    for action, text in (
        ("search", "the passages that match a question, ranked"),
        ("ask", "answer a question from a collection, with citations"),
    ):
        command = lsub.add_parser(action, help=text)
        command.add_argument("name")
        command.add_argument("question")
        command.add_argument("--limit", type=int, default=5, help="passages (default 5)")
        command.add_argument("--json", action="store_true")
        model_flag(command)
    lsub.choices["search"].add_argument(
        "--mode",
        choices=("hybrid", "keywords", "vectors"),
        default="hybrid",
        help="how to rank (default hybrid, reordered by the reranker when the settings name one)",
    )
    lsub.add_parser("embedders", help="the embedding models a collection can use, and which are on this computer")
    embedder = lsub.add_parser("embedder", help="index a collection with another embedding model (downloads it)")
    embedder.add_argument("name")
    embedder.add_argument("model", help="a name from 'library embedders'")
    reranker = lsub.add_parser(
        "reranker", help="show or choose the reranking GGUF that orders passages before answering"
    )
    reranker.add_argument("path", nargs="?", help="a reranker GGUF file, or 'none'")
    rm = lsub.add_parser("rm", help="forget a collection (your files are not touched)")
    rm.add_argument("name")


def run(args: argparse.Namespace, paths: paths_mod.Paths) -> int:
    from assistant.library.store import LibraryStore

    store = LibraryStore(paths.library_file)
    try:
        command = {"create": _create, "ls": _ls, "files": _files, "index": _index, "search": _search, "ask": _ask,
                   "embedders": _embedders, "embedder": _embedder, "reranker": _reranker,
                   "rm": _rm}[args.library_command]  # fmt: skip
        return command(args, paths, store)
    finally:
        store.close()


def _create(args, paths, store) -> int:
    from assistant.library import embedders

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        raise AssistantError(f"Not found: {', '.join(missing)}")
    entry = embedders.find(args.embedder) if args.embedder else embedders.BUILT_IN
    if embedders.local_path(entry, paths.models_dir) is None:
        _fetch(entry, paths)
    collection = store.create(args.name, args.paths, entry.name)
    print(f"Created “{collection.name}” ({len(collection.roots)} folders and files). "
          f"Index it with: assistant library index {json.dumps(collection.name)}")  # fmt: skip
    return 0


def _reranker(args, paths, store) -> int:
    from assistant.library.answer import reranker_problem

    settings = load_settings(paths)
    if args.path is None:
        print(settings.library.reranker or "No reranker: passages are ordered by the search alone.")
        return 0
    chosen = "" if args.path.lower() == "none" else str(Path(args.path).expanduser().resolve())
    if chosen and (problem := reranker_problem(Path(chosen))):
        raise AssistantError(problem)
    library = dataclasses.replace(settings.library, reranker=chosen)
    settings_mod.save(dataclasses.replace(settings, library=library), paths.settings_file)
    print(f"Passages are now reordered by {Path(chosen).name}." if chosen else "No reranker now.")
    return 0


def _ls(args, paths, store) -> int:
    rows = []
    for collection in store.collections():
        files = store.files(collection).values()
        counts = {status: sum(f.status == status for f in files) for status in ("indexed", "skipped", "failed")}
        rows.append({"name": collection.name, "roots": list(collection.roots), "files": counts,
                     "passages": sum(f.passages for f in files), "embedder": collection.embedder})  # fmt: skip
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not rows:
        print("No collections yet. Make one with: assistant library create NAME FOLDER...")
    for row in [] if args.json else rows:
        f = row["files"]
        print(f"{row['name']}: {f['indexed']} files indexed, {f['skipped']} skipped, {f['failed']} failed; "
              f"{row['passages']} passages — {', '.join(row['roots'])}")  # fmt: skip
    return 0


def _files(args, paths, store) -> int:
    records = sorted(store.files(store.get(args.name)).values(), key=lambda f: f.path)
    if args.json:
        print(json.dumps([vars(r) for r in records], ensure_ascii=False, indent=2))
        return 0
    for record in records:
        why = f" — {record.reason}" if record.reason else f" ({record.passages} passages)"
        print(f"{record.status:8} {record.path}{why}")
    return 0


def _index(args, paths, store) -> int:
    from assistant.jobs.library import FileDone, Indexed, Progress, Scanned, index_collection
    from assistant.library.embedders import document_embed

    collection = store.get(args.name)
    engine = open_engine_for(args, paths, load_settings(paths))
    cancel = ctrl_c_cancels()
    try:
        embed = document_embed(engine, collection, paths.models_dir)
        for event in index_collection(store, collection, embed, cancel):
            if isinstance(event, Scanned):
                for root in event.unreachable:
                    sys.stderr.write(f"warning: {root} is not reachable now; its files stay in the index as they are\n")
                sys.stderr.write(f"{len(event.pending)} files to index, {event.unchanged} unchanged, "
                                 f"{len(event.gone)} gone\n")  # fmt: skip
            elif isinstance(event, FileDone) and event.status != "indexed":
                sys.stderr.write(f"{event.status}: {event.path} — {event.reason}\n")
            elif isinstance(event, Progress):
                left = f", about {format_duration(event.seconds_left)} left" if event.seconds_left else ""
                sys.stderr.write(f"\r{event.files_done}/{event.files_total} files, {event.passages} passages{left}   ")
            elif isinstance(event, Indexed):
                sys.stderr.write("\n" if event.files else "")
                print(f"Indexed {event.files} files ({event.passages} passages) in {format_duration(event.seconds)}.")
    finally:
        engine.close()
    return 0


def _hit_dict(hit) -> dict:
    p = hit.passage
    return {"path": p.path, "location": p.label, "section": p.section, "start": p.start, "end": p.end,
            "text": p.text, "score": round(hit.score, 5), "similarity": round(hit.similarity, 4),
            "keyword_rank": hit.keyword_rank, "vector_rank": hit.vector_rank,
            "relevance": None if hit.relevance is None else round(hit.relevance, 4)}  # fmt: skip


def _search(args, paths, store) -> int:
    from assistant.library.answer import RERANK_POOL, reranked
    from assistant.library.embedders import query_embed
    from assistant.library.search import search

    collection = store.get(args.name)
    settings = load_settings(paths)
    reranker = settings.library.reranker if args.mode == "hybrid" else ""
    engine = open_engine_for(args, paths, settings)
    try:
        embed = query_embed(engine, collection, paths.models_dir)
        limit = max(args.limit, RERANK_POOL) if reranker else args.limit
        hits = search(store, collection, args.question, embed, limit=limit, mode=args.mode)
        if reranker and hits:
            hits = reranked(engine, args.question, hits, reranker)[: args.limit]
    finally:
        engine.close()
    if args.json:
        print(json.dumps([_hit_dict(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("Nothing in this collection is close to that question.")
    for number, hit in enumerate(hits, 1):
        text = " ".join(hit.passage.text.split())
        print(f"[{number}] {hit.passage.path}, {hit.passage.label} (similarity {hit.similarity:.2f})\n    {text[:300]}")
    return 0


def _ask(args, paths, store) -> int:
    from assistant.jobs.library import Answered, AnswerText, ask

    collection = store.get(args.name)
    settings = load_settings(paths)
    engine = open_engine_for(args, paths, settings)
    cancel = ctrl_c_cancels()
    result = None
    try:
        for event in ask(store, collection, args.question, engine, generation_params(settings, args), cancel,
                         limit=args.limit, min_similarity=settings.library.min_similarity,
                         reranker=settings.library.reranker, models_dir=paths.models_dir):  # fmt: skip
            if isinstance(event, AnswerText) and not args.json:
                sys.stdout.write(event.text)
                sys.stdout.flush()
            elif isinstance(event, Answered):
                result = event
    finally:
        engine.close()
    assert result is not None
    cited = [{"number": c.number, **_hit_dict(c.hit)} for c in result.citations]
    if args.json:
        print(json.dumps({"answer": result.text, "citations": cited, "finish_reason": result.finish_reason},
                         ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    print()
    if result.finish_reason == "length":
        print("(The answer reached the length limit.)")
    for c in cited:
        print(f"[{c['number']}] {c['path']}, {c['location']}")
    return 0


def _embedders(args, paths, store) -> int:
    from assistant.library import embedders

    for entry in embedders.available():
        here = embedders.local_path(entry, paths.models_dir) is not None
        where = "on this computer" if here else f"download {entry.size_mb} MB from {entry.repo}"
        print(f"{entry.name}: {entry.summary} ({', '.join(entry.languages)}; {where})")
    return 0


def _embedder(args, paths, store) -> int:
    from assistant.library import embedders

    collection = store.get(args.name)
    entry = embedders.find(args.model)
    if entry.name == collection.embedder:
        print(f"“{collection.name}” already uses {entry.name}.")
        return 0
    if embedders.local_path(entry, paths.models_dir) is None:
        _fetch(entry, paths)
    store.set_embedder(collection, entry.name)
    print(f"“{collection.name}” now uses {entry.name}; index it again with: "
          f"assistant library index {json.dumps(collection.name)}")  # fmt: skip
    return 0


def _fetch(entry, paths) -> None:
    """Download an embedding model, with progress on stderr."""
    from assistant.library import embedders
    from assistant.models import download, hub_token

    cancel = ctrl_c_cancels()
    for event in embedders.fetch(entry, app_dir=paths.models_dir, cancel=cancel, token=hub_token.load()):
        if isinstance(event, download.Progress) and event.total:
            sys.stderr.write(f"\rDownloading {entry.name}: {event.done / event.total:.0%}   ")
    sys.stderr.write("\n")


def _rm(args, paths, store) -> int:
    store.remove(args.name)
    print(f"Removed the collection “{args.name}” (your files were not touched).")
    return 0
