"""``python -m assistant.finetune train …``: the training process. One JSON object per line on stdout
(``{"event": "step", "step": 12, "loss": 2.31, …}``), so the app (``workers/training_process.py``) and
the terminal read the same thing. An ``error`` event carries the message in English and the ``template``
and ``fields`` it was made of, for the app to show it translated. SIGTERM or Ctrl-C stops at the next
step with a checkpoint saved; ``--resume`` continues from the newest complete checkpoint."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from assistant.errors import AssistantError, plain_fields, translatable
from assistant.finetune.launch import EXIT_STOPPED

EXIT_ERROR = 2


def _emit(event: dict) -> None:
    if os.environ.get("RANK", "0") != "0":
        return  # under `accelerate launch` the first process speaks for all
    sys.stdout.write(json.dumps(event, default=str) + "\n")
    sys.stdout.flush()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant.finetune")
    sub = parser.add_subparsers(dest="command", required=True)
    train = sub.add_parser("train", help="train a LoRA adapter on your writing")
    train.add_argument("--base", type=Path, required=True, help="the GGUF model to adapt")
    train.add_argument("--out", type=Path, required=True, help="the adapter's folder")
    train.add_argument("--data", type=Path, nargs="+", required=True, help="files and folders of your writing")
    train.add_argument("--name", default="My style")
    train.add_argument("--steps", type=int)
    train.add_argument("--epochs", type=float, default=1.0)
    train.add_argument("--rank", type=int, default=16)
    train.add_argument("--lr", type=float, default=1e-3)
    train.add_argument("--seq", type=int, default=256)
    train.add_argument("--batch", type=int, default=4)
    train.add_argument("--checkpoint-every", type=int, default=20)
    train.add_argument("--resume", action="store_true")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--weights", metavar="REPO[@REVISION]",
                       help="full-precision weights from this safetensors repository (pinned to a commit)")  # fmt: skip
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    stop = {"asked": False}

    def ask_stop(*_: object) -> None:
        stop["asked"] = True

    signal.signal(signal.SIGTERM, ask_stop)
    signal.signal(signal.SIGINT, ask_stop)
    from assistant.finetune import corpus
    from assistant.finetune import train as training

    try:
        from assistant.models.gguf_info import read_info

        read_info(args.base)  # a clear message for a file that is not a model, before any data work
        docs, skipped = corpus.gather(args.data)
        built = corpus.build(docs, skipped=skipped)
        description = built.describe()
        _emit({"event": "corpus", **description})
        config = training.TrainConfig(
            base=args.base,
            out_dir=args.out,
            train_texts=[d.text for d in built.train],
            held_out_texts=[d.text for d in built.held_out],
            name=args.name,
            steps=args.steps,
            epochs=args.epochs,
            rank=args.rank,
            lr=args.lr,
            seq_len=args.seq,
            batch=args.batch,
            checkpoint_every=args.checkpoint_every,
            resume=args.resume,
            seed=args.seed,
            weights=args.weights,
            extra={"data": description},
        )
        args.out.mkdir(parents=True, exist_ok=True)
        training.train(config, _emit, lambda: stop["asked"])
    except training.Stopped:
        return EXIT_STOPPED
    except AssistantError as err:
        _emit(error_event(err))
        return EXIT_ERROR
    except Exception as err:
        _emit(error_event(_plain(err)))
        return EXIT_ERROR
    return 0


def error_event(err: AssistantError) -> dict:
    """The ``error`` event for ``err``: its English message, and its template and fields (made plain
    for JSON) so the app can rebuild it and show it in the user's language."""
    return {"event": "error", "message": str(err), "template": err.template, "fields": plain_fields(err.fields)}


def _plain(err: BaseException) -> AssistantError:
    """Words for the failures a user can meet; anything else with its type, for the log."""
    text = str(err)
    if "out of memory" in text.lower():
        return AssistantError(
            translatable(
                "The GPU ran out of memory. The last checkpoint is kept: try a smaller batch or sequence length, "
                "then resume."
            )
        )
    if isinstance(err, (OSError, ValueError)) and ("gguf" in text.lower() or "tokenizer" in text.lower()):
        return AssistantError(translatable("The base model could not be read for training: {reason}"), reason=text)
    return AssistantError(translatable("Training failed ({kind}: {reason})."), kind=type(err).__name__, reason=text)


if __name__ == "__main__":
    sys.exit(main())
