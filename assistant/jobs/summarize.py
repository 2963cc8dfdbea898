"""Summarize, as the panel and the command line both run it: read the inputs, summarise, save.

``summary_job`` is the whole flow as one generator for ``EngineHost.run`` (or a plain loop, in the
CLI): each file is read in the sandboxed reader, pasted text becomes a document too, two inputs
with the same name get distinct names (so their passages never mix), ``core.summarize`` does the
map/reduce work, and the result is saved in ``Summaries``. Also here: how a summary is stored and
read back (the points' sources are JSON columns).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.core.cancel import CancelToken
from assistant.core.chunking import SourceRef, SourceSection
from assistant.core.inference import GenerationParams
from assistant.core.summarize import Finished, Point, Summary, SummaryRequest, summarize
from assistant.documents.document import from_text
from assistant.documents.sandbox import read_document
from assistant.errors import AssistantError
from assistant.storage.summaries import SavedSummary, Summaries


@dataclass(frozen=True)
class Reading:
    """The job started reading a file (the ``number``-th of ``count``)."""

    name: str
    number: int
    count: int


@dataclass(frozen=True)
class Loaded:
    """Every input is read: the documents' names (in order) and their sections, as the summarizer gets
    them, and what is saved of each document (``{"name", "sha256", "size"}``)."""

    names: tuple[str, ...]
    sections: tuple[SourceSection, ...]
    sources: tuple[dict, ...] = ()


@dataclass(frozen=True)
class Saved:
    """The summary (yielded next, in ``Finished``) is in the database as ``summary_id``; or it could not be
    saved (``problem`` says why) or there was nothing to save (both None)."""

    summary_id: int | None
    problem: AssistantError | None = None


def request_dict(request: SummaryRequest) -> dict:
    return {
        "style": request.style.value,
        "length": request.length.value,
        "language": request.language,
        "question": request.question,
    }


def summary_job(
    engine,
    files: Sequence[Path],
    pasted: str,
    request: SummaryRequest,
    *,
    n_ctx: int,
    title: str,
    store: Summaries | None = None,
    params: GenerationParams | None = None,
) -> Callable[[CancelToken], Iterator[object]]:
    """The work for ``EngineHost.run``: read ``files`` (each in the sandboxed reader), then the pasted
    text, then summarize (``params``: the user's sampling settings, see ``core.summarize.summarize``), and
    save the result (partial or not, unless empty) in ``store`` as ``title``.

    Yields ``Reading`` per file, ``Loaded`` once, then ``core.summarize``'s events with ``Saved`` just before
    ``Finished``. Saving here, off the GUI thread, means a summary stopped by closing the window is saved
    too. A file that cannot be read raises its ``DocumentError``; a cancel while reading raises ``Cancelled``.
    """
    files = list(files)

    def work(cancel: CancelToken) -> Iterator[object]:
        documents = []
        for number, path in enumerate(files, start=1):
            yield Reading(path.name or str(path), number, len(files))
            documents.append(read_document(path, cancel=cancel))
        if pasted.strip():
            documents.append(from_text(pasted))
        seen: Counter[str] = Counter()
        names, sources, sections = [], [], []
        for document in documents:
            seen[document.name] += 1
            # Two files of the same name (from different folders) must not share passages.
            name = document.name if seen[document.name] == 1 else f"{document.name} ({seen[document.name]})"
            names.append(name)
            sources.append({"name": name, "sha256": document.sha256, "size": document.size})
            sections += [SourceSection(document=name, label=s.label, text=s.text) for s in document.sections]
        yield Loaded(tuple(names), tuple(sections), tuple(sources))
        cancel.raise_if_cancelled()
        for event in summarize(engine, sections, request, n_ctx=n_ctx, params=params, cancel=cancel):
            if isinstance(event, Finished):
                yield _save(store, title, request, event.summary, sources)
            yield event

    return work


def _save(store: Summaries | None, title: str, request: SummaryRequest, summary: Summary, sources: list) -> Saved:
    if store is None or not summary.text.strip():
        return Saved(None)
    try:
        summary_id = store.save(
            title,
            request=request_dict(request),
            text=summary.text,
            points=points_for_saving(summary),
            sources=sources,
            partial=summary.partial,
        )
    except AssistantError as err:
        return Saved(None, err)
    return Saved(summary_id)


def summary_from_saved(saved: SavedSummary) -> Summary:
    """A saved summary as ``core.summarize.Summary`` again (defensively: the columns are JSON)."""
    points = []
    for item in saved.points:
        if not isinstance(item, dict):
            continue
        refs = []
        for source in item.get("sources") or []:
            if isinstance(source, dict):
                try:
                    chunk = int(source.get("chunk", 0))
                except (TypeError, ValueError):
                    chunk = 0
                refs.append(SourceRef(chunk, str(source.get("document", "")), str(source.get("label", ""))))
        points.append(Point(str(item.get("text", "")), tuple(refs)))
    return Summary(saved.text, tuple(points), partial=saved.partial, chunks=0)


def points_for_saving(summary: Summary) -> list[dict]:
    return [
        {
            "text": p.text,
            "sources": [{"chunk": s.chunk, "document": s.document, "label": s.label} for s in p.sources],
        }
        for p in summary.points
    ]
