"""The ``assistant`` command: the GUI with no arguments, and subcommands for the terminal.

No Qt on these paths (only ``assistant`` alone imports ``assistant.app``). User errors exit with
status 2 and one line ``error: …`` on stderr; the traceback of anything unexpected goes to the
log file, never to the terminal.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import sys
from pathlib import Path
from typing import NoReturn

from assistant import __version__, cli_models, cli_personalize
from assistant import paths as paths_mod
from assistant import settings as settings_mod
from assistant.core.cancel import CancelToken, ctrl_c_cancels
from assistant.core.inference import Chunk, GenerationParams, Message
from assistant.errors import AssistantError
from assistant.sampling import BY_NAME
from assistant.units import format_duration

log = logging.getLogger(__name__)

EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130
WRITE_MODES = (
    "proofread",
    "friendly",
    "professional",
    "concise",
    "expand",
    "shorten",
    "continue",
    "translate",
    "tone",
    "instruction",
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad flag gives one ``error:`` line, not the usage block."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"error: {message} (see `{self.prog} --help`)\n")
        sys.exit(EXIT_USER_ERROR)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="assistant", description="A private, local-first AI writing and chat app.")
    parser.add_argument("--version", action="version", version=f"assistant {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    ask = sub.add_parser("ask", help="answer one prompt and exit")
    ask.add_argument("prompt", nargs="?", default="-", help="the prompt, or - (the default) to read it from stdin")
    _model_flag(ask)
    ask.add_argument("--system", help="system prompt")
    ask.add_argument("--max-tokens", type=int, help="longest reply in tokens")
    ask.add_argument("--temperature", type=float, help="randomness, 0 = always the most likely token")
    ask.add_argument("--seed", type=int, help="random seed, for repeatable replies")
    ask.add_argument("--json", action="store_true", help="print one JSON object with text and timings")

    chat = sub.add_parser(
        "chat", help="chat in the terminal, saved in the app's history (Ctrl-C stops a reply, Ctrl-D quits)"
    )
    _model_flag(chat)
    chat.add_argument("--system", help="system prompt")

    serve = sub.add_parser("serve", help="offer the engine's OpenAI-compatible API to your other tools")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--api-key", help="key clients must send; required off loopback, generated if absent")
    _model_flag(serve)

    write = sub.add_parser("write", help="proofread, rewrite, translate… a text (prints the new text or the diff)")
    write.add_argument("file", nargs="?", default="-", help="a .txt, .md or .docx file, or - (the default) for stdin")
    write.add_argument("--mode", choices=WRITE_MODES, help="what to do (default: proofread)")
    write.add_argument("--to", metavar="LANG", help="language to translate to (with --mode translate)")
    write.add_argument("--instruction", metavar="TEXT", help="a free instruction, e.g. 'make it a press release'")
    write.add_argument("--diff", action="store_true", help="print the changes ([-old-]{+new+}) instead")
    _model_flag(write)

    summarize = sub.add_parser("summarize", help="summarise files of any length (progress on stderr)")
    summarize.add_argument("files", nargs="+", type=Path, help=".txt, .md, .pdf, .docx or .html files")
    summarize.add_argument("--style", choices=["tldr", "keypoints", "outline", "executive"], default="keypoints")
    summarize.add_argument("--question", help="answer this question from the documents instead")
    summarize.add_argument("--length", choices=["short", "medium", "long"], default="medium")
    summarize.add_argument("--language", help="language of the summary (default: the documents')")
    summarize.add_argument("--json", action="store_true", help="one JSON object: the summary, its points and sources")
    _model_flag(summarize)

    info = sub.add_parser("info", help="version, backend, default model, where files live")
    info.add_argument("--json", action="store_true")

    cli_models.add_parser(sub, _Parser)
    cli_personalize.add_parser(sub, _Parser)

    bench = sub.add_parser("bench", help="benchmarks (ratios against baselines measured in the same run)")
    bench_sub = bench.add_subparsers(dest="bench", metavar="WHAT", required=True, parser_class=_Parser)
    engine = bench_sub.add_parser("engine", help="token speed: app path vs llama-cpp-python vs llama-bench")
    _model_flag(engine)
    engine.add_argument("--tokens", type=int, default=128, help="tokens to generate (default 128)")
    engine.add_argument("--prompt-tokens", type=int, default=512, help="prompt size for prompt speed (default 512)")
    engine.add_argument(
        "--reps", type=int, default=5, help="rounds, each path once per round; means reported (default 5)"
    )
    engine.add_argument("--json", action="store_true")
    for name, text in (
        ("writing", "proofread and rewrite ~1,500 words with and without prompt lookup"),
        ("summarize", "summarise a 50,000-token document; prompt speed vs the engine's"),
    ):
        task = bench_sub.add_parser(name, help=text)
        _model_flag(task)
        task.add_argument("--json", action="store_true")
    models = bench_sub.add_parser("models", help="download speed: the app's checked path vs hf_hub_download")
    models.add_argument("--size-mb", type=int, default=200, help="file size in MB (default 200)")
    models.add_argument("--rounds", type=int, default=5, help="downloads per path, alternating; medians (default 5)")
    models.add_argument("--json", action="store_true")
    tune = bench_sub.add_parser("finetune", help="training speed and memory: the app's loop vs Trainer + peft")
    _model_flag(tune)
    tune.add_argument("--seq", type=int, default=512, help="tokens per block (default 512)")
    tune.add_argument("--batch", type=int, default=8, help="blocks per step (default 8)")
    tune.add_argument("--steps", type=int, default=10, help="optimizer steps per side (default 10)")
    tune.add_argument("--rank", type=int, default=16, help="LoRA rank (default 16)")
    tune.add_argument("--json", action="store_true")
    ui = bench_sub.add_parser("ui", help="chat view stalls while streaming: the app's renderer vs a naive one")
    ui.add_argument("--tokens", type=int, default=8000, help="tokens of Markdown to stream (default 8000)")
    ui.add_argument("--rate", type=int, default=2000, help="tokens per second (default 2000)")
    ui.add_argument("--history", type=int, default=200, help="messages already in the conversation (default 200)")
    ui.add_argument("--json", action="store_true")
    return parser


def _model_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", type=Path, help="GGUF file to use instead of the configured model")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # A packaged build starts its helper processes through its own executable (there is no `python -m`).
    if argv[:1] == ["engine-server"]:
        from assistant.engine.server import main as engine_main

        return engine_main(argv[1:])
    if argv[:1] == ["document-extract"]:
        from assistant.documents.extract import main as extract_main

        return extract_main(argv[1:])
    args = build_parser().parse_args(argv)
    paths = paths_mod.get()
    from assistant.logs import setup_logging

    setup_logging(paths)
    try:
        if args.command is None:
            from assistant.app import run_gui

            return run_gui()
        return COMMANDS[args.command](args, paths)
    except AssistantError as err:
        log.info("user error: %s", err)
        sys.stderr.write(f"error: {err}\n")
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as err:
        log.exception("unexpected error")
        sys.stderr.write(
            f"error: something went wrong ({type(err).__name__}: {err}). Details are in {paths.log_file}\n"
        )
        return 1


# -- commands ---------------------------------------------------------------------------------


def _settings(paths: paths_mod.Paths) -> settings_mod.Settings:
    settings, warning = settings_mod.load(paths.settings_file)
    if warning:
        sys.stderr.write(f"warning: {warning}\n")
    return settings


def _checked_model(path: Path | None) -> Path | None:
    """Validate ``--model`` here, before any engine starts, so the error names the file at once."""
    if path is None:
        return None
    from assistant.models.gguf_info import read_info

    read_info(path)
    return path.resolve()


def _open(args: argparse.Namespace, paths: paths_mod.Paths, settings: settings_mod.Settings):
    from assistant.engine.connect import open_engine

    engine, notice = open_engine(settings.engine, paths, _checked_model(args.model))
    if notice:
        sys.stderr.write(f"note: {notice}\n")
    return engine


def _params(settings: settings_mod.Settings, args: argparse.Namespace) -> GenerationParams:
    params = GenerationParams.from_settings(
        settings.generation,
        max_tokens=getattr(args, "max_tokens", None),
        temperature=getattr(args, "temperature", None),
        seed=getattr(args, "seed", None),
    )
    for name in ("max_tokens", "temperature", "seed"):
        problem = BY_NAME[name].problem(getattr(params, name))
        if problem:
            raise AssistantError("--" + problem.replace("_", "-"))
    return params


def cmd_ask(args: argparse.Namespace, paths: paths_mod.Paths) -> int:
    prompt = sys.stdin.read() if args.prompt == "-" else args.prompt
    if not prompt.strip():
        raise AssistantError("the prompt is empty")
    settings = _settings(paths)
    params = _params(settings, args)
    messages = ([Message("system", args.system)] if args.system else []) + [Message("user", prompt)]
    engine = _open(args, paths, settings)
    try:
        model = engine.ensure_ready()
        parts: list[str] = []
        last = Chunk()
        for chunk in engine.chat(messages, params):
            _note_chunk(chunk)
            parts.append(chunk.text)
            if not args.json:
                sys.stdout.write(chunk.text)
                sys.stdout.flush()
            last = chunk
        text = "".join(parts)
        if args.json:
            out = {
                "text": text,
                "finish_reason": last.finish_reason,
                "model": model.get("id"),
                "timings": last.timings.to_dict() if last.timings else None,
            }
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        elif not text.endswith("\n"):
            sys.stdout.write("\n")
        return 0
    finally:
        engine.close()


def _note_chunk(chunk: Chunk) -> None:
    if chunk.dropped_messages:
        sys.stderr.write(f"note: {chunk.dropped_messages} older messages were left out to fit the context window\n")
    for warning in chunk.warnings:
        sys.stderr.write(f"warning: {warning}\n")


def cmd_chat(args: argparse.Namespace, paths: paths_mod.Paths) -> int:
    """The Chat panel's flow in the terminal: each chat is saved in the app's history as it happens."""
    from assistant.jobs.chat import ChatSession
    from assistant.storage.db import Database

    settings = _settings(paths)
    params = _params(settings, args)
    engine = _open(args, paths, settings)
    paths.ensure()
    db = Database.open(paths.database_file)
    session = ChatSession(db, params)
    try:
        model = engine.ensure_ready()
        sys.stderr.write(
            f"{model.get('id')} on {model.get('backend')}. Chats are saved in the app's history;"
            " /new starts another, Ctrl-C stops a reply, Ctrl-D quits.\n"
        )
        while True:
            try:
                line = input("> ")
            except (EOFError, KeyboardInterrupt):
                sys.stdout.write("\n")
                return 0
            if not line.strip():
                continue
            if line.strip() in ("/new", "/reset"):
                session.open(None)
                continue
            session.ensure(args.system or "")
            _stream_reply(session.reply_stream(session.send(line), engine)(CancelToken()))
            _title(session, engine)
    finally:
        db.close()
        engine.close()


def _stream_reply(chunks) -> None:
    try:
        for chunk in chunks:
            _note_chunk(chunk)
            sys.stdout.write(chunk.text)
            sys.stdout.flush()
    except KeyboardInterrupt:
        sys.stdout.write(" [stopped]")
    except AssistantError as err:
        sys.stderr.write(f"\nerror: {err}\n")
    finally:
        chunks.close()  # stops the engine and saves the reply as it ended
    sys.stdout.write("\n")


def _title(session, engine) -> None:
    """Name the chat after its first exchange, as the app does (quietly: a title is not worth an error)."""
    work = session.title_work(engine)
    if work is None or session.conversation_id is None:
        return
    try:
        for title in work(CancelToken()):
            session.set_title(session.conversation_id, title)
    except (AssistantError, KeyboardInterrupt) as err:
        log.info("no title: %s", err)


def cmd_serve(args: argparse.Namespace, paths: paths_mod.Paths) -> int:
    from assistant.engine.server import is_loopback, make_server

    if not is_loopback(args.host) and not args.api_key:
        raise AssistantError(f"serving on {args.host} would let other machines in: give an --api-key")
    settings = _settings(paths)
    model = _checked_model(args.model)
    if model is None:
        from assistant.engine.connect import startup_model
        from assistant.models.store import default_model_path

        model, notice = startup_model(paths, settings.engine.model_path, default_model_path())
        if notice:
            sys.stderr.write(f"note: {notice}\n")
    key = args.api_key or secrets.token_urlsafe(24)
    server = make_server(args.host, args.port, key)
    from assistant.engine.load_options import LoadOptions

    described = server.state.load(model, LoadOptions.from_settings(settings.engine).to_dict())
    host = f"[{args.host}]" if ":" in args.host else args.host
    sys.stderr.write(
        f"Serving {described['id']} ({described['backend']}) at http://{host}:{server.server_address[1]}/v1\n"
        f"API key: {key}\nCtrl-C stops.\n"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.state.unload()
    return 0


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
    settings = _settings(paths)
    engine = _open(args, paths, settings)
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
    settings = _settings(paths)
    params = _params(settings, args)
    engine = _open(args, paths, settings)
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
                sys.stderr.write(f"{event.done}/{event.total}{eta}\n")
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


def cmd_info(args: argparse.Namespace, paths: paths_mod.Paths) -> int:
    from assistant.engine.backend import detect
    from assistant.models.store import default_model_path

    settings, warning = settings_mod.load(paths.settings_file)
    bk = detect()
    try:
        default_model = str(default_model_path())
    except AssistantError as err:
        default_model = f"missing: {err}"
    data = {
        "version": __version__,
        "python": sys.version.split()[0],
        "backend": bk.label(),
        "gpu_offload": bk.gpu_offload,
        "devices": [
            {
                "name": d.name,
                "description": d.description,
                "gpu": d.is_gpu,
                "free_bytes": d.free_bytes,
                "total_bytes": d.total_bytes,
            }
            for d in bk.devices
        ],
        "engine": settings.engine.mode if settings.engine.mode == "local" else f"remote: {settings.engine.remote_url}",
        "default_model": default_model,
        "paths": {
            "config": str(paths.config_dir),
            "settings": str(paths.settings_file),
            "data": str(paths.data_dir),
            "cache": str(paths.cache_dir),
            "logs": str(paths.log_dir),
            "state": str(paths.state_dir),
        },
        "settings_warning": warning,
    }
    if args.json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return 0
    lines = [
        f"assistant {data['version']} (Python {data['python']})",
        f"backend:       {data['backend']}",
        f"engine:        {data['engine']}",
        f"default model: {data['default_model']}",
    ]
    lines += [f"{k + ':':<15}{v}" for k, v in data["paths"].items()]
    if warning:
        lines.append(f"warning: {warning}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def cmd_bench(args: argparse.Namespace, paths: paths_mod.Paths) -> int:
    if args.bench in ("writing", "summarize"):
        from assistant.bench import tasks

        return tasks.main(args, paths)
    if args.bench == "finetune":
        from assistant.bench import finetune as bench_finetune

        return bench_finetune.main(args, paths)
    if args.bench == "models":
        from assistant.bench import models as bench_models

        return bench_models.main(args, paths)
    if args.bench == "ui":
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from assistant.ui.chat import bench as bench_ui

        return bench_ui.main(args)
    from assistant.bench import engine as bench_engine

    return bench_engine.main(args, paths)


COMMANDS = {
    "ask": cmd_ask,
    "chat": cmd_chat,
    "write": cmd_write,
    "summarize": cmd_summarize,
    "serve": cmd_serve,
    "info": cmd_info,
    "bench": cmd_bench,
    "models": cli_models.run,
    "personalize": cli_personalize.run,
}
