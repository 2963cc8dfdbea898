"""The command line, run as a user runs it: ``python -m assistant …`` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.core.inference import GenerationParams, Message
from assistant.engine.remote import RemoteEngine


def assistant(*args: str, stdin: str | None = None, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=os.environ.copy(),
    )


def assert_user_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    # Progress lines ("reading scan.pdf…") may come first; the error is one line, and the last.
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0], result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in errors[0]


def test_ask_json_gives_text_and_timings() -> None:
    result = assistant("ask", "Name a colour.", "--json", "--max-tokens", "16", "--temperature", "0", "--seed", "3")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["text"].strip()
    assert out["timings"]["predicted_n"] > 0 and out["timings"]["predicted_per_second"] > 0
    assert out["timings"]["ttft_ms"] > 0


def test_ask_reads_stdin_and_streams_plain_text() -> None:
    result = assistant("ask", "--max-tokens", "8", "--system", "Answer briefly.", stdin="What is 2+2?")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_missing_model_file_is_a_one_line_error(tmp_path: Path) -> None:
    assert_user_error(assistant("ask", "hi", "--model", str(tmp_path / "nope.gguf")), "nope.gguf")


def test_not_a_model_file_is_a_one_line_error(tmp_path: Path) -> None:
    fake = tmp_path / "fake.gguf"
    fake.write_bytes(b"PK\x03\x04 this is a zip file, not a model")
    assert_user_error(assistant("ask", "hi", "--model", str(fake)), "fake.gguf")


@pytest.mark.parametrize("args", [("ask", "--temperature", "hot"), ("--frobnicate",), ("bench", "nothing")])
def test_bad_flag_is_a_one_line_error(args) -> None:
    assert_user_error(assistant(*args))


def test_empty_prompt_is_a_user_error() -> None:
    assert_user_error(assistant("ask", "-", stdin="   \n"), "empty")


def test_info_json() -> None:
    result = assistant("info", "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["backend"].startswith(("CPU", "CUDA"))
    assert info["default_model"].endswith(".gguf")
    assert info["paths"]["data"].startswith(os.environ["ASSISTANT_HOME"])


def test_info_text() -> None:
    result = assistant("info")
    assert result.returncode == 0 and "backend:" in result.stdout


def test_chat_in_the_terminal_is_saved_in_the_apps_history() -> None:
    """The Chat panel's flow: each chat is stored as it happens and titled after its first exchange,
    so it is there in the app afterwards; /new starts another."""
    from assistant import paths as paths_mod
    from assistant.storage.db import Database

    result = assistant("chat", "--system", "Answer briefly.", stdin="Hello there\n/new\nSay yes\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("> ") >= 3
    assert "on CPU" in result.stderr or "on CUDA" in result.stderr
    with Database.open(paths_mod.get().database_file) as db:
        chats = sorted(db.list_conversations(), key=lambda c: c.id)
        assert len(chats) == 2
        for chat, said in zip(chats, ("Hello there", "Say yes"), strict=True):
            branch = db.path(chat.id)
            assert [(m.role, m.status) for m in branch] == [("user", "complete"), ("assistant", "complete")]
            assert branch[0].content == said and branch[1].content.strip()
            assert branch[1].content.strip() in result.stdout
            assert db.get_conversation(chat.id).system_prompt == "Answer briefly."
            assert chat.title and chat.title != "New chat"


def test_serve_refuses_a_network_host_without_a_key() -> None:
    assert_user_error(assistant("serve", "--host", "0.0.0.0"), "--api-key")


def test_serve_offers_the_api_to_other_tools(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--port", str(port), "--api-key", "k3y"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        banner = ""
        while "API key" not in banner and time.monotonic() < deadline:
            banner += proc.stderr.readline()
        assert f"http://127.0.0.1:{port}/v1" in banner
        remote = RemoteEngine(f"http://127.0.0.1:{port}/v1", "k3y")
        text = "".join(c.text for c in remote.chat([Message("user", "Hi")], GenerationParams(max_tokens=8)))
        assert text.strip()
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()


def test_unreachable_remote_engine_is_a_one_line_error_and_logged() -> None:
    home = Path(os.environ["ASSISTANT_HOME"])
    (home / "config" / "settings.toml").write_text('[engine]\nmode = "remote"\nremote_url = "http://127.0.0.1:9/v1"\n')
    result = assistant("ask", "hi")
    assert_user_error(result, "Could not reach")
    assert "Could not reach" in (home / "logs" / "assistant.log").read_text()


def test_bench_engine_prints_ratios_or_says_why_not() -> None:
    result = assistant(
        "bench", "engine", "--tokens", "16", "--prompt-tokens", "64", "--reps", "1", "--json", timeout=600
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    names = [r["name"] for r in report["results"]]
    assert names[0].startswith("app") and names[1].startswith("llama-cpp-python")
    app = report["results"][0]
    assert app["prompt_tps"] > 0 and app["gen_tps"] > 0 and app["gen_tokens"] == 16
    if len(names) == 3:
        assert report["ratios"]["app/llama-bench gen"] > 0
    else:
        assert "llama-bench not found" in result.stderr


def test_bench_ui_prints_stalls_for_both_renderers() -> None:
    result = assistant("bench", "ui", "--tokens", "200", "--rate", "4000", "--history", "5", "--json", timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert "p99" in json.dumps(report) and "naive" in json.dumps(report).lower()


def test_write_proofreads_a_file_and_prints_the_diff(tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text("Their are many reasons why peoples like to travel. Last summer my familly visited Lisbon.\n")
    result = assistant("write", str(text), "--diff")
    assert result.returncode == 0, result.stderr
    assert "[-" in result.stdout or "{+" in result.stdout, "a changed word is marked"
    plain = assistant("write", "--mode", "proofread", stdin="I recieve teh mail every day.")
    assert plain.returncode == 0 and plain.stdout.strip() and "[-" not in plain.stdout


def test_write_errors_are_one_line(tmp_path: Path) -> None:
    assert_user_error(assistant("write", "--mode", "translate", stdin="hello"), "--to")
    assert_user_error(assistant("write", str(tmp_path / "missing.txt")), "missing.txt")


def test_summarize_prints_json_with_sources(tmp_path: Path) -> None:
    doc = tmp_path / "harbour.md"
    doc.write_text(
        "# Harbour\n\nThe harbour was rebuilt in 1921 after a storm.\n\n# Railway\n\n"
        "The railway reached the town in 1899 and closed in 1965.\n"
    )
    result = assistant("summarize", str(doc), "--json", "--length", "short")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["summary"].strip() and out["sources"][0]["name"] == "harbour.md"
    assert len(out["sources"][0]["sha256"]) == 64


def test_summarize_keeps_two_files_of_the_same_name_apart(tmp_path: Path) -> None:
    """The same flow as the Summarize panel: two inputs named alike get distinct names, so their
    passages never mix."""
    for folder, text in (("a", "The harbour was rebuilt in 1921."), ("b", "The railway closed in 1965.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.md").write_text(f"# Notes\n\n{text}\n")
    result = assistant("summarize", str(tmp_path / "a" / "notes.md"), str(tmp_path / "b" / "notes.md"), "--json")
    assert result.returncode == 0, result.stderr
    assert [source["name"] for source in json.loads(result.stdout)["sources"]] == ["notes.md", "notes.md (2)"]


def test_summarize_refuses_junk_in_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "scan.pdf"
    junk.write_bytes(os.urandom(4096))
    assert_user_error(assistant("summarize", str(junk)), "scan.pdf")
