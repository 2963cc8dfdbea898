"""``assistant personalize …``: train an adapter on your writing, measure it, list, remove and export
adapters (alone, or merged into the base as one GGUF).

Training runs in its own process (``python -m assistant.finetune``, the same one the Personalize
panel starts); its JSON lines become progress on stderr. Measuring goes through the engine, so the
numbers are llama.cpp's on the quantised model, as the app will use it.
"""

from __future__ import annotations

import argparse
import json
import math
import signal
import subprocess
import sys
from pathlib import Path

from assistant import paths as paths_mod
from assistant import settings as settings_mod
from assistant.cli.common import load_settings
from assistant.errors import AssistantError
from assistant.finetune import adapters
from assistant.finetune.launch import EXIT_STOPPED, TrainingRequest, read_event


def add_parser(sub: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser]) -> None:
    personalize = sub.add_parser("personalize", help="teach the model your writing style (LoRA, on this machine)")
    psub = personalize.add_subparsers(dest="personalize_command", metavar="ACTION", required=True,
                                      parser_class=parser_class)  # fmt: skip
    train = psub.add_parser("train", help="train an adapter on your writing (Ctrl-C stops; --resume continues)")
    train.add_argument("--data", type=Path, nargs="+", required=True, help="files and folders of your writing")
    train.add_argument("--name", required=True)
    train.add_argument("--model", type=Path, help="the GGUF to adapt (default: the model in use)")
    steps = train.add_mutually_exclusive_group()
    steps.add_argument("--steps", type=int)
    steps.add_argument("--epochs", type=float)
    train.add_argument("--rank", type=int, default=16)
    train.add_argument("--lr", type=float, default=1e-3)
    train.add_argument("--seq", type=int, default=256, help="tokens per training block (default 256)")
    train.add_argument("--batch", type=int, default=4)
    train.add_argument("--resume", action="store_true")
    train.add_argument("--weights", metavar="REPO[@REVISION]",
                       help="train on full-precision weights from this safetensors repository on the Hub "
                       "(pinned to a commit) instead of the GGUF's own")  # fmt: skip
    evaluate = psub.add_parser("eval", help="held-out perplexity with and without an adapter, through llama.cpp")
    evaluate.add_argument("name")
    evaluate.add_argument(
        "--data", type=Path, nargs="+", help="writing to measure on (default: the scores from training)"
    )
    evaluate.add_argument("--json", action="store_true")
    ls = psub.add_parser("list", help="your adapters")
    ls.add_argument("--json", action="store_true")
    rm = psub.add_parser("rm", help="delete an adapter")
    rm.add_argument("name")
    rm.add_argument("--yes", action="store_true", help="do not ask")
    export = psub.add_parser("export", help="write the adapter, or the model merged with it, to a GGUF file")
    export.add_argument("name")
    export.add_argument("out", type=Path, metavar="OUT.gguf")
    export.add_argument("--merged", action="store_true", help="the base model with the adapter baked in")
    export.add_argument("--quant", choices=("f16", "q8_0"), default="f16", help="of the merged model (default f16)")
    export.add_argument("--scale", type=float, default=1.0, help="the adapter's strength in the merge (default 1)")


def run(args: argparse.Namespace, paths: paths_mod.Paths) -> int:
    command = {"train": _train, "eval": _eval, "list": _list, "rm": _rm, "export": _export}[args.personalize_command]
    return command(args, paths, load_settings(paths))


def _model(args: argparse.Namespace, settings: settings_mod.Settings) -> Path:
    from assistant.models.gguf_info import read_info
    from assistant.models.store import default_model_path

    path = args.model or (Path(settings.engine.model_path) if settings.engine.model_path else default_model_path())
    read_info(path)
    return path.resolve()


def _train(args, paths, settings) -> int:
    base = _model(args, settings)
    out = adapters.folder_for(paths.data_dir, args.name)
    if (out / adapters.ADAPTER_FILE).exists() and not args.resume:
        raise AssistantError(f"An adapter called {args.name!r} exists. Choose another name, or `--resume` it.")
    request = TrainingRequest(base=base, out=out, data=args.data, name=args.name, steps=args.steps,
                              epochs=args.epochs, rank=args.rank, lr=args.lr, seq=args.seq, batch=args.batch,
                              resume=args.resume, weights=args.weights)  # fmt: skip
    proc = subprocess.Popen(request.command(), stdout=subprocess.PIPE, text=True)
    # Ctrl-C reaches the child too (same terminal); it stops at the next step with a checkpoint.
    previous = signal.signal(signal.SIGINT, lambda *_: None)
    error, done = None, None
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            event = read_event(line)
            if event is None:
                continue
            kind = event.get("event")
            if kind == "error":
                error = event.get("message")
            elif kind == "done":
                done = event
            _show(event)
    finally:
        signal.signal(signal.SIGINT, previous)
    status = proc.wait()
    if error:
        raise AssistantError(error)
    if status == EXIT_STOPPED:
        sys.stderr.write("stopped: the last checkpoint is kept; run the same command with --resume to continue.\n")
        return EXIT_STOPPED
    if status != 0 or done is None:
        raise AssistantError(f"Training ended unexpectedly (exit status {status}).")
    sys.stdout.write(f"{done['adapter_path']}\n")
    return 0


def _show(event: dict) -> None:
    kind = event.get("event")
    if kind == "corpus":
        sys.stderr.write(
            f"{event['documents']} documents ({event['train_documents']} to learn from, {event['held_out_documents']} "
            f"kept aside to measure), {event['words']:,} words\n"
        )
        for reason in event.get("skipped") or ():
            sys.stderr.write(f"  skipped: {reason}\n")
    elif kind == "ready":
        sys.stderr.write(f"{event['train_tokens']:,} training tokens, {event['steps']} steps on {event['device']}\n")
    elif kind == "resumed":
        sys.stderr.write(f"resuming from step {event['step']}\n")
    elif kind == "step":
        eta = f", {event['eta_s']:.0f} s left" if event.get("eta_s") is not None else ""
        sys.stderr.write(
            f"step {event['step']}/{event['steps']}  loss {event['loss']:.3f}  {event['tokens_per_s']:.0f} tok/s{eta}\n"
        )
    elif kind == "eval":
        sys.stderr.write(f"held-out perplexity ({event['which']}): {event['perplexity']:.2f}\n")
    elif kind == "done":
        ppl = event["held_out_perplexity"]
        sys.stderr.write(f"done: held-out perplexity {ppl['base']:.2f} → {ppl['adapted']:.2f}\n")


def _eval(args, paths, settings) -> int:
    adapter = adapters.find(paths.data_dir, args.name)
    if not args.data:
        result = {"name": adapter.name, "measured_in": "training (PyTorch)", **adapter.scores}
    else:
        from assistant.engine.local import LocalEngine
        from assistant.finetune import corpus

        base = Path(str(adapter.summary.get("base")))
        adapters.check_fits(adapter, base)
        docs, skipped = corpus.gather(args.data)
        texts = [corpus.clean(d.text) for d in docs if corpus.clean(d.text)]
        if not texts:
            raise AssistantError("There is no text to measure on in " + ", ".join(map(str, args.data)) + ".")
        # Always this machine's engine: the measure is llama.cpp's, on the model the adapter was made for.
        engine = LocalEngine(paths, base, {"n_ctx": settings.engine.n_ctx})
        try:
            sums = {"base": [0.0, 0], "adapted": [0.0, 0]}
            for text in texts:
                for which, path in (("base", ""), ("adapted", str(adapter.path))):
                    scored = engine.score(text, adapter=path)
                    sums[which][0] += scored["nll"]
                    sums[which][1] += scored["tokens"]
        finally:
            engine.close()
        result = {"name": adapter.name, "measured_in": "llama.cpp", "documents": len(texts), "skipped": skipped,
                  **{k: math.exp(nll / n) for k, (nll, n) in sums.items()}}  # fmt: skip
    if args.json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        sys.stdout.write(
            f"{result['name']}: perplexity {result.get('base', float('nan')):.2f} without, "
            f"{result.get('adapted', float('nan')):.2f} with the adapter (measured in {result['measured_in']})\n"
        )
    return 0


def _list(args, paths, settings) -> int:
    found = adapters.list_adapters(paths.data_dir)
    rows = [{"name": a.name, "base": a.base_name, "created": a.summary.get("created"), "path": str(a.path),
             "held_out_perplexity": a.scores, "data": a.summary.get("data")} for a in found]  # fmt: skip
    if args.json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return 0
    if not rows:
        sys.stdout.write("No adapters yet: `assistant personalize train --data FOLDER --name NAME` makes one.\n")
    for r in rows:
        ppl = r["held_out_perplexity"]
        score = f"  perplexity {ppl['base']:.1f} → {ppl['adapted']:.1f}" if ppl else ""
        sys.stdout.write(f"{r['name']}  on {r['base']}  {r['created']}{score}\n    {r['path']}\n")
    return 0


def _rm(args, paths, settings) -> int:
    adapter = adapters.find(paths.data_dir, args.name)
    if not args.yes:
        if not sys.stdin.isatty():
            raise AssistantError("Deleting needs confirmation: add --yes.")
        if input(f"Delete the adapter “{adapter.name}”? [y/N] ").strip().lower() not in ("y", "yes"):
            sys.stderr.write("Nothing deleted.\n")
            return 1
    adapters.delete(adapter, paths.data_dir)
    sys.stdout.write(f"Deleted {adapter.name}.\n")
    return 0


def _export(args, paths, settings) -> int:
    adapter = adapters.find(paths.data_dir, args.name)
    if not args.merged:
        sys.stdout.write(f"{adapters.export_file(adapter, args.out)}\n")
        return 0
    from assistant.finetune.merge import merge

    base = adapters.trained_base(adapter)
    shown = -1

    def progress(done: int, total: int) -> None:
        nonlocal shown
        percent = 100 * done // total
        if percent // 10 != shown // 10:
            sys.stderr.write(f"merging: {percent}%\n")
            shown = percent

    merge(base, adapter.path, args.out, quant=args.quant, scale=args.scale, name=f"{base.stem} + {adapter.name}",
          progress=progress)  # fmt: skip
    sys.stdout.write(f"{args.out}\n")
    return 0
