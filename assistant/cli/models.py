"""``assistant models …``: list, search, pull, remove and describe models from the terminal.

The same functions the Models dialog uses (``models/store``, ``hub``, ``download``, ``fit``);
progress goes to stderr, results to stdout, ``--json`` gives machine-readable output.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from assistant import paths as paths_mod
from assistant import settings as settings_mod
from assistant.cli.common import load_settings
from assistant.errors import AssistantError, Cancelled
from assistant.models import fit
from assistant.units import format_bytes, format_duration


def add_parser(sub: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser]) -> None:
    models = sub.add_parser("models", help="models on disk and on the Hugging Face Hub")
    msub = models.add_subparsers(dest="models_command", metavar="ACTION", required=True, parser_class=parser_class)
    ls = msub.add_parser("list", help="models on this machine (Hub cache, LM Studio, GPT4All, Ollama, your folders)")
    ls.add_argument("--json", action="store_true")
    search = msub.add_parser("search", help="GGUF repositories on the Hub")
    search.add_argument("query")
    search.add_argument("--json", action="store_true")
    pull = msub.add_parser("pull", help="download a model (checked against its SHA-256); Ctrl-C pauses")
    pull.add_argument("repo", metavar="REPO[:FILE]")
    pull.add_argument("--quant", help="quantisation to take, e.g. Q4_K_M (default: the best fit for this machine)")
    pull.add_argument("--n-ctx", type=int, help="context size the fit is judged at (default: the setting)")
    rm = msub.add_parser("rm", help="delete a downloaded model, or forget one another app keeps")
    rm.add_argument("target", metavar="NAME|PATH")
    rm.add_argument("--yes", action="store_true", help="do not ask")
    suggest = msub.add_parser("suggest", help="the one catalog model this machine runs best (as the welcome says)")
    suggest.add_argument("--n-ctx", type=int, help="context size the fit is judged at (default: the setting)")
    suggest.add_argument("--json", action="store_true")
    info = msub.add_parser("info", help="details of a model on disk, or of a Hub repository's files")
    info.add_argument("target", metavar="NAME|PATH|REPO")
    info.add_argument("--n-ctx", type=int, help="context size the fit is judged at (default: the setting)")
    info.add_argument("--json", action="store_true")


def run(args: argparse.Namespace, paths: paths_mod.Paths) -> int:
    command = {"list": _list, "search": _search, "pull": _pull, "rm": _rm, "info": _info, "suggest": _suggest}[
        args.models_command
    ]
    return command(args, paths, load_settings(paths))


# --- list / search -----------------------------------------------------------------------------------


def _local_models(settings: settings_mod.Settings):
    from assistant.models import store

    return store.discover_configured(settings.models)


def _list(args, paths, settings) -> int:
    from assistant.models.download import is_verified

    models = _local_models(settings)
    app_dir = _app_dir(paths)
    rows = [
        {
            "name": m.name,
            "quant": m.quant,
            "size": m.size,
            "source": m.source,
            "path": str(m.path),
            "repo": m.repo,
            "verified": is_verified(m.path, app_dir) if m.source == "Hugging Face cache" else None,
        }
        for m in models
    ]
    if args.json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return 0
    for r in rows:
        check = "" if r["verified"] is None else (" ✓ checked" if r["verified"] else " (not checked yet)")
        sys.stdout.write(
            f"{r['name']}  {r['quant'] or '?'}  {format_bytes(r['size'])}  [{r['source']}{check}]\n    {r['path']}\n"
        )
    return 0


def _search(args, paths, settings) -> int:
    from assistant.models import hub, hub_token

    hits = hub.search(args.query, token=hub_token.load())
    if args.json:
        sys.stdout.write(json.dumps([asdict(h) for h in hits], indent=2) + "\n")
        return 0
    if not hits:
        sys.stdout.write(f"No GGUF repositories match {args.query!r}.\n")
    for h in hits:
        gated = "  (gated: needs a token)" if h.gated else ""
        sys.stdout.write(f"{h.repo}  {h.downloads:,} downloads{gated}\n")
    return 0


# --- pull --------------------------------------------------------------------------------------------


def _machine_memory() -> tuple[int, int]:
    """(free GPU bytes, available RAM bytes) as llama.cpp and the OS see them."""
    from assistant.engine.backend import detect
    from assistant.models.memory import available_ram

    backend = detect()
    gpu = sum(d.free_bytes for d in backend.gpus) if backend.gpu_offload else 0
    return gpu, available_ram()


def _suggest(args, paths, settings) -> int:
    from assistant.models import advice, catalog

    gpu, ram = _machine_memory()
    n_ctx = args.n_ctx or settings.engine.n_ctx
    found = advice.first_model(catalog.load(), n_ctx=n_ctx, gpu_free=gpu, ram_free=ram, language=settings.ui.language)
    if args.json:
        row = None if found is None else {
            "name": found.model.name, "repo": found.model.repo, "quant": found.quant,
            "download_bytes": found.download_bytes, "on_gpu": found.on_gpu,
        }  # fmt: skip
        sys.stdout.write(json.dumps(row, indent=2) + "\n")
        return 0
    if found is None:
        sys.stdout.write("No catalog model would run well with the memory free now; the built-in model stays.\n")
        return 0
    where = "fits the GPU" if found.on_gpu else "runs on the CPU"
    sys.stdout.write(
        f"{found.model.name} ({found.quant}, {format_bytes(found.download_bytes)}) {where}.\n"
        f"    assistant models pull {found.model.repo} --quant {found.quant}\n"
    )
    return 0


def _estimates(listing, n_ctx: int) -> dict[str, fit.Estimate]:
    from assistant.models import catalog

    entry = catalog.find(listing.repo)
    gpu, ram = _machine_memory()
    return {
        m.name: fit.estimate(
            m.size,
            quant=m.quant,
            n_ctx=min(n_ctx, entry.context) if entry else n_ctx,
            gpu_free=gpu,
            ram_free=ram,
            geometry=entry.geometry if entry else None,
            parameters=entry.parameters * 1e9 if entry else None,
        )
        for m in listing.models
    }


def _choose(listing, wanted_file: str | None, quant: str | None, estimates: dict[str, fit.Estimate]):
    models = listing.models
    if not models:
        raise AssistantError(f"{listing.repo} has no GGUF models.")
    if wanted_file:
        for m in models:
            if wanted_file in (m.name, m.first_file) or wanted_file in (p.filename for p in m.parts):
                return m
        raise AssistantError(
            f"{listing.repo} has no file {wanted_file!r}. `assistant models info {listing.repo}` lists them."
        )
    if quant:
        matches = [m for m in models if (m.quant or "").upper() == quant.upper()]
        if not matches:
            have = ", ".join(sorted({m.quant or "?" for m in models}))
            raise AssistantError(f"{listing.repo} has no {quant} file; it has {have}.")
        return min(matches, key=lambda m: m.size)
    best = fit.recommend((m.quant or "", estimates[m.name]) for m in models)
    if best is None:
        raise AssistantError(f"None of {listing.repo}'s files fits in this machine's memory; choose a smaller model.")
    return min((m for m in models if m.quant == best), key=lambda m: m.size)


def _pull(args, paths, settings) -> int:
    from assistant.core.cancel import ctrl_c_cancels
    from assistant.models import download, hub, hub_token

    repo, _, wanted_file = args.repo.partition(":")
    tok = hub_token.load()
    listing = hub.list_repo(repo, token=tok)
    estimates = _estimates(listing, args.n_ctx or settings.engine.n_ctx)
    model = _choose(listing, wanted_file or None, args.quant, estimates)
    estimate = estimates[model.name]
    sys.stderr.write(f"{model.name}: {format_bytes(model.size)}, {estimate.fit.value} on this machine\n")
    if estimate.fit is fit.Fit.TOO_LARGE:
        sys.stderr.write(
            f"warning: it needs about {format_bytes(estimate.need_bytes)} to run; it will not load here as it is.\n"
        )
    cancel = ctrl_c_cancels()
    done = None
    line = _ProgressLine()
    try:
        for event in download.download(
            repo, model, commit=listing.commit, cancel=cancel, app_dir=_app_dir(paths), token=tok
        ):
            if isinstance(event, download.Progress):
                line.show(event)
            else:
                done = event
    except Cancelled:
        line.end()
        kept = download.partial_bytes(repo, model)
        sys.stderr.write(f"paused: {format_bytes(kept)} kept. Run the same command again to continue.\n")
        return 130
    finally:
        line.end()
    assert done is not None
    state = "already on disk, checked" if done.already_present else "downloaded and checked"
    sys.stderr.write(f"{model.name}: {state} (SHA-256 matches the Hub's).\n")
    sys.stdout.write(f"{done.path}\n")
    return 0


class _ProgressLine:
    """One progress line rewritten in place on a terminal; a line per tenth when stderr is a file."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.open = False
        self.last_tenth = -1

    def show(self, event) -> None:
        if self.tty:
            sys.stderr.write("\r" + _progress_text(event) + "\033[K")
            self.open = True
        else:
            tenth = int(event.done * 10 / event.total) if event.total else 10
            if tenth == self.last_tenth:
                return
            self.last_tenth = tenth
            sys.stderr.write(_progress_text(event) + "\n")
        sys.stderr.flush()

    def end(self) -> None:
        if self.open:
            sys.stderr.write("\n")
            self.open = False


def _progress_text(event) -> str:
    share = event.done / event.total * 100 if event.total else 100.0
    line = f"{event.phase} {share:5.1f}%  {format_bytes(event.done)} of {format_bytes(event.total)}"
    if event.speed > 0:
        line += f"  {format_bytes(event.speed)}/s"
    if event.eta is not None:
        line += f"  {format_duration(event.eta)} left"
    return line


# --- rm / info ---------------------------------------------------------------------------------------


def _find_local(target: str, settings: settings_mod.Settings):
    models = _local_models(settings)
    as_path = Path(target).expanduser()
    for m in models:
        if as_path.exists() and as_path.resolve() == m.path.resolve():
            return m
    matches = [m for m in models if m.name.lower() == target.lower()]
    if len(matches) > 1:
        raise AssistantError(f"{len(matches)} models are called {target!r}; give the path instead.")
    return matches[0] if matches else None


def _rm(args, paths, settings) -> int:
    from assistant.models import store

    model = _find_local(args.target, settings)
    if model is None:
        raise AssistantError(f"No model {args.target!r} on this machine. `assistant models list` shows them.")
    if model.source == store.BUILT_IN:
        raise AssistantError("The built-in model cannot be removed; it is part of the app.")
    if model.owned:
        if not args.yes and not _confirm(f"Delete {model.name} ({format_bytes(model.size)}) from the disk?"):
            sys.stderr.write("Nothing deleted.\n")
            return 1
        freed = store.delete(model)
        sys.stdout.write(f"Deleted {model.name}: {format_bytes(freed)} freed.\n")
        return 0
    if model.source == store.ADDED and str(model.path) in settings.models.folders:
        settings.models.folders.remove(str(model.path))
    else:
        settings.models.hidden.append(str(model.path))
    settings_mod.save(settings, paths.settings_file)
    sys.stdout.write(f"Forgot {model.name}; the file stays where {model.source} keeps it ({model.path}).\n")
    return 0


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise AssistantError("Deleting needs confirmation: add --yes.")
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def _info(args, paths, settings) -> int:
    from assistant.models import naming

    model = _find_local(args.target, settings)
    if model is None and Path(args.target).expanduser().is_file():
        from assistant.models.store import ADDED, model_from_file

        model = model_from_file(Path(args.target).expanduser(), ADDED)
    if model is not None:
        return _info_local(model, args, paths)
    try:
        naming.check_repo_id(args.target)
    except AssistantError:
        raise AssistantError(
            f"No model {args.target!r} on this machine, and it is not a Hub repository name."
        ) from None
    return _info_repo(args.target, args, settings)


def _info_local(model, args, paths) -> int:
    from assistant.models import catalog
    from assistant.models.download import is_verified
    from assistant.models.gguf_info import read_info

    info = read_info(model.path)
    entry = catalog.find(model.repo) if model.repo else None
    data = {
        "name": model.name,
        "path": str(model.path),
        "source": model.source,
        "repo": model.repo,
        "size": model.size,
        "architecture": info.architecture,
        "parameters": info.parameters,
        "quantization": info.quantization,
        "context_length": info.context_length,
        "chat_template": info.chat_template is not None,
        "licence": info.license or (entry.licence if entry else None),
        "verified": is_verified(model.path, _app_dir(paths)) if model.repo else None,
    }
    if args.json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return 0
    for key, value in data.items():
        sys.stdout.write(f"{key.replace('_', ' ') + ':':<16}{value}\n")
    return 0


def _info_repo(repo: str, args, settings) -> int:
    from assistant.models import hub, hub_token

    listing = hub.list_repo(repo, token=hub_token.load())
    estimates = _estimates(listing, args.n_ctx or settings.engine.n_ctx)
    best = fit.recommend((m.quant or "", estimates[m.name]) for m in listing.models)
    rows = [
        {
            "name": m.name,
            "quant": m.quant,
            "size": m.size,
            "parts": len(m.parts),
            "fit": estimates[m.name].fit.value,
            "needs": estimates[m.name].need_bytes,
            "recommended": m.quant == best,
        }
        for m in listing.models
    ]
    if args.json:
        payload = {"repo": repo, "commit": listing.commit, "licence": listing.licence, "gated": listing.gated}
        sys.stdout.write(
            json.dumps({**payload, "models": rows, "incomplete": list(listing.incomplete)}, indent=2) + "\n"
        )
        return 0
    sys.stdout.write(f"{repo}  licence: {listing.licence or 'not stated'}{'  (gated)' if listing.gated else ''}\n")
    for r in rows:
        star = "  ★ recommended here" if r["recommended"] else ""
        parts = f" in {r['parts']} parts" if r["parts"] > 1 else ""
        sys.stdout.write(f"  {r['name']}  {r['quant'] or '?'}  {format_bytes(r['size'])}{parts}  {r['fit']}{star}\n")
    for name in listing.incomplete:
        sys.stdout.write(f"  {name}: parts missing in the repository, not offered\n")
    return 0


def _app_dir(paths: paths_mod.Paths) -> Path:
    return paths.models_dir
