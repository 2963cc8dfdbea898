"""``assistant write`` and ``summarize``: the Write and Summarize panels' flows on files and stdin."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant import paths as paths_mod
from assistant.cli.common import generation_params, load_settings, open_engine_for
from assistant.core.cancel import ctrl_c_cancels
from assistant.core.inference import GenerationParams
from assistant.errors import AssistantError
from assistant.units import format_duration


def cmd_write(args: argparse.Namespace, paths: paths_mod.Paths) -> int:
    from assistant.core import word_diff, writing
    from assistant.documents.editing import read_for_editing

    mode = writing.Mode(args.mode or ("instruction" if args.instruction else "proofread"))
    if mode == writing.Mode.TRANSLATE and not args.to:
        raise AssistantError("--mode translate needs --to LANGUAGE")
    if mode == writing.Mode.INSTRUCTION and not args.instruction:
        raise AssistantError("--mode instruction needs --instruction TEXT")
    text = sys.stdin.read() if args.file == "-" else read_for_editing(Path(args.file))
    if not text.strip():
        raise AssistantError("there is no text to work on")
    settings = load_settings(paths)
    engine = open_engine_for(args, paths, settings)
    cancel = ctrl_c_cancels()
    try:
        n_ctx = int(engine.ensure_ready().get("n_ctx") or 4096)
        request = writing.WriteRequest(mode=mode, text=text, target_language=args.to, instruction=args.instruction)
        params = GenerationParams.from_settings(settings.generation)
        result = None
        for event in writing.run(engine, request, n_ctx=n_ctx, params=params, cancel=cancel):
            if isinstance(event, writing.Progress) and event.total > 1:
                sys.stderr.write(f"part {event.done}/{event.total}\n")
            elif isinstance(event, writing.Finished):
                result = event
        assert result is not None
        if result.partial:
            sys.stderr.write("note: stopped early; the rest of the text is unchanged\n")
        if args.diff and mode != writing.Mode.TONE:
            sys.stdout.write(word_diff.diff(text, result.result).plain())
        else:
            sys.stdout.write(result.result)
        if not result.result.endswith("\n"):
            sys.stdout.write("\n")
        return 0
    finally:
        engine.close()


def cmd_summarize(args: argparse.Namespace, paths: paths_mod.Paths) -> int:
    from assistant.core import summarize as summ
    from assistant.jobs.summarize import Loaded, Reading, summary_job

    style = summ.Style.QUESTION if args.question else summ.Style(args.style)
    request = summ.SummaryRequest(
        style=style, length=summ.Length(args.length), language=args.language, question=args.question
    )
    cancel = ctrl_c_cancels()
    settings = load_settings(paths)
    params = generation_params(settings, args)
    engine = open_engine_for(args, paths, settings)
    try:
        n_ctx = int(engine.ensure_ready().get("n_ctx") or 4096)
        job = summary_job(engine, args.files, "", request, n_ctx=n_ctx, title="", params=params)
        summary, sources = None, ()
        for event in job(cancel):
            if isinstance(event, Reading):
                sys.stderr.write(f"reading {event.name}…\n")
            elif isinstance(event, Loaded):
                sources = event.sources
            elif isinstance(event, summ.Progress):
                eta = f", about {format_duration(event.eta_seconds)} left" if event.eta_seconds is not None else ""
                sys.stderr.write(f"{event.done}/{event.total} {event.stage}{eta}\n")
            elif isinstance(event, summ.Finished):
                summary = event.summary
        assert summary is not None
        if summary.partial:
            sys.stderr.write("note: stopped early; the summary is made from the parts done\n")
        if args.json:
            out = {
                "summary": summary.text,
                "partial": summary.partial,
                "points": [
                    {"text": p.text, "sources": [{"document": r.document, "label": r.label} for r in p.sources]}
                    for p in summary.points
                ],
                "sources": list(sources),
            }
            sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(summary.text.rstrip() + "\n")
        return 0
    finally:
        engine.close()
