"""The ``assistant`` command: the GUI with no arguments, and subcommands for the terminal.

No Qt on these paths (only ``assistant`` alone imports ``assistant.app``). User errors exit with
status 2 and one line ``error: …`` on stderr; the traceback of anything unexpected goes to the
log file, never to the terminal.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from assistant import __version__
from assistant import paths as paths_mod
from assistant.cli import chat as chat_commands
from assistant.cli import info as info_commands
from assistant.cli import library as library_commands
from assistant.cli import models as models_commands
from assistant.cli import personalize as personalize_commands
from assistant.cli import tasks as task_commands
from assistant.cli.common import model_flag
from assistant.errors import AssistantError

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
    model_flag(ask)
    ask.add_argument("--system", help="system prompt")
    ask.add_argument("--max-tokens", type=int, help="longest reply in tokens")
    ask.add_argument("--temperature", type=float, help="randomness, 0 = always the most likely token")
    ask.add_argument("--seed", type=int, help="random seed, for repeatable replies")
    ask.add_argument("--json", action="store_true", help="print one JSON object with text and timings")

    chat = sub.add_parser(
        "chat", help="chat in the terminal, saved in the app's history (Ctrl-C stops a reply, Ctrl-D quits)"
    )
    model_flag(chat)
    chat.add_argument("--system", help="system prompt")

    serve = sub.add_parser("serve", help="offer the engine's OpenAI-compatible API to your other tools")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--api-key", help="key clients must send; required off loopback, generated if absent")
    model_flag(serve)

    write = sub.add_parser("write", help="proofread, rewrite, translate… a text (prints the new text or the diff)")
    write.add_argument("file", nargs="?", default="-", help="a .txt, .md or .docx file, or - (the default) for stdin")
    write.add_argument("--mode", choices=WRITE_MODES, help="what to do (default: proofread)")
    write.add_argument("--to", metavar="LANG", help="language to translate to (with --mode translate)")
    write.add_argument("--instruction", metavar="TEXT", help="a free instruction, e.g. 'make it a press release'")
    write.add_argument("--diff", action="store_true", help="print the changes ([-old-]{+new+}) instead")
    model_flag(write)

    summarize = sub.add_parser("summarize", help="summarise files of any length (progress on stderr)")
    summarize.add_argument("files", nargs="+", type=Path, help=".txt, .md, .pdf, .docx or .html files")
    summarize.add_argument("--style", choices=["tldr", "keypoints", "outline", "executive"], default="keypoints")
    summarize.add_argument("--question", help="answer this question from the documents instead")
    summarize.add_argument("--length", choices=["short", "medium", "long"], default="medium")
    summarize.add_argument("--language", help="language of the summary (default: the documents')")
    summarize.add_argument("--json", action="store_true", help="one JSON object: the summary, its points and sources")
    model_flag(summarize)

    info = sub.add_parser("info", help="version, backend, default model, where files live")
    info.add_argument("--json", action="store_true")

    models_commands.add_parser(sub, _Parser)
    personalize_commands.add_parser(sub, _Parser)
    library_commands.add_parser(sub, _Parser)

    bench = sub.add_parser("bench", help="benchmarks (ratios against baselines measured in the same run)")
    bench_sub = bench.add_subparsers(dest="bench", metavar="WHAT", required=True, parser_class=_Parser)
    engine = bench_sub.add_parser("engine", help="token speed: app path vs llama-cpp-python vs llama-bench")
    model_flag(engine)
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
        model_flag(task)
        task.add_argument("--json", action="store_true")
    models = bench_sub.add_parser("models", help="download speed: the app's checked path vs hf_hub_download")
    models.add_argument("--size-mb", type=int, default=200, help="file size in MB (default 200)")
    models.add_argument("--rounds", type=int, default=5, help="downloads per path, alternating; medians (default 5)")
    models.add_argument("--json", action="store_true")
    tune = bench_sub.add_parser("finetune", help="training speed and memory: the app's loop vs Trainer + peft")
    model_flag(tune)
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
    library = bench_sub.add_parser("library", help="Library: indexing speed vs Llama.embed, search latency, recall")
    library.add_argument("--model", type=Path, help="chat GGUF the engine loads (the Library uses its embedding model)")
    library.add_argument(
        "--corpus", type=Path, nargs="+", metavar="PATH", help="folders and files to index (default: licences, docs)"
    )
    library.add_argument("--reranker", type=Path, help="a reranking GGUF: its row is added to the quality table")
    library.add_argument("--max-mb", type=float, default=2.0, help="MB of text taken from the corpus (default 2)")
    library.add_argument(
        "--sizes", type=_sizes, default=[10_000, 100_000], help="passages per latency collection (default 10000,100000)"
    )
    library.add_argument("--rounds", type=int, default=3, help="rounds of the latency queries (default 3)")
    library.add_argument("--json", action="store_true")
    return parser


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.strip().replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r} (e.g. 10000,100000)") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"sizes must be positive numbers: {text!r}")
    return sizes


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


COMMANDS: dict[str, Callable[[argparse.Namespace, paths_mod.Paths], int]] = {
    "ask": chat_commands.cmd_ask,
    "chat": chat_commands.cmd_chat,
    "write": task_commands.cmd_write,
    "summarize": task_commands.cmd_summarize,
    "serve": chat_commands.cmd_serve,
    "info": info_commands.cmd_info,
    "bench": info_commands.cmd_bench,
    "models": models_commands.run,
    "personalize": personalize_commands.run,
    "library": library_commands.run,
}
