"""``assistant ask``, ``chat`` and ``serve``: one prompt, a conversation in the terminal (the Chat panel's
flow, saved in the app's history), and the engine's API for other tools."""

from __future__ import annotations

import argparse
import json
import logging
import secrets
import sys

from assistant import paths as paths_mod
from assistant.cli.common import checked_model, generation_params, load_settings, note_chunk, open_engine_for
from assistant.core.cancel import CancelToken
from assistant.core.inference import Chunk, Message
from assistant.errors import AssistantError

log = logging.getLogger(__name__)


def cmd_ask(args: argparse.Namespace, paths: paths_mod.Paths) -> int:
    prompt = sys.stdin.read() if args.prompt == "-" else args.prompt
    if not prompt.strip():
        raise AssistantError("the prompt is empty")
    settings = load_settings(paths)
    params = generation_params(settings, args)
    messages = ([Message("system", args.system)] if args.system else []) + [Message("user", prompt)]
    engine = open_engine_for(args, paths, settings)
    try:
        model = engine.ensure_ready()
        parts: list[str] = []
        last = Chunk()
        for chunk in engine.chat(messages, params):
            parts.append(chunk.text)
            if not args.json:
                sys.stdout.write(chunk.text)
                sys.stdout.flush()
            note_chunk(chunk)
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


def cmd_chat(args: argparse.Namespace, paths: paths_mod.Paths) -> int:
    """The Chat panel's flow in the terminal: each chat is saved in the app's history as it happens."""
    from assistant.jobs.chat import ChatSession
    from assistant.storage.db import Database

    settings = load_settings(paths)
    params = generation_params(settings, args)
    paths.ensure()
    # The app may be open on the same database, even streaming a reply into it.
    db = Database.open(paths.database_file, only_writer=False)
    session = ChatSession(db, params)
    try:
        engine = open_engine_for(args, paths, settings)
    except BaseException:
        db.close()
        raise
    try:
        model = engine.ensure_ready()
        sys.stderr.write(
            f"{model.get('id')} on {model.get('backend')}. Chats are saved in the app's history;"
            " /new starts another, /continue writes on a cut-off reply, Ctrl-C stops a reply, Ctrl-D quits.\n"
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
            if line.strip() == "/continue":
                branch = session.branch()
                reply = session.continue_reply(branch[-1].id) if branch else None
                if reply is None:
                    sys.stderr.write("There is no reply to continue.\n")
                else:
                    _stream_reply(session.reply_stream(reply, engine)(CancelToken()))
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
            sys.stdout.write(chunk.text)
            sys.stdout.flush()
            note_chunk(chunk, at_limit="/continue writes on")
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
    settings = load_settings(paths)
    model = checked_model(args.model)
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
