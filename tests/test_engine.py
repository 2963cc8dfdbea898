"""The engine, end to end: the real engine process with the real default model, over real HTTP."""

from __future__ import annotations

import http.client
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from assistant.core.cancel import CancelToken
from assistant.core.inference import GenerationParams, Message
from assistant.engine.client import EngineClient
from assistant.engine.local import LocalEngine, startup_model
from assistant.engine.process import EngineProcess
from assistant.engine.quarantine import Quarantine
from assistant.engine.remote import RemoteEngine
from assistant.errors import (
    EngineAuthError,
    EngineCrashed,
    EngineRequestError,
    EngineUnavailable,
    ModelFileError,
    NoModelLoaded,
)
from assistant.models.gguf_info import read_info

GREEDY = GenerationParams(temperature=0.0, max_tokens=48, seed=1)
HELLO = [Message("user", "Say hello in three words.")]


def test_stream_arrives_in_order_with_timings(engine: LocalEngine) -> None:
    chunks = list(engine.chat(HELLO, GREEDY))
    streamed = "".join(c.text for c in chunks)
    assert streamed.strip(), "the reply is empty"
    last = chunks[-1]
    assert last.finish_reason in ("stop", "length")
    assert all(c.finish_reason is None for c in chunks[:-1])
    t = last.timings
    assert t is not None
    assert t.prompt_n > 0 and t.prompt_per_second > 0
    assert t.predicted_n > 0 and t.predicted_per_second > 0
    assert t.ttft_ms > 0
    assert t.backend.startswith(("CPU", "CUDA"))
    # The same greedy request through the non-streamed API gives the same text in one piece:
    # the streamed pieces were complete and in order.
    assert engine._client is not None
    whole = engine._client.request_json(
        "POST", "/v1/chat/completions", {"messages": [m.to_dict() for m in HELLO], **GREEDY.to_request()}
    )
    assert whole["choices"][0]["message"]["content"] == streamed
    assert whole["timings"]["predicted_n"] == t.predicted_n


def test_raw_completion_and_token_count(engine: LocalEngine) -> None:
    text = "".join(
        c.text for c in engine.complete("The capital of France is", GenerationParams(temperature=0, max_tokens=8))
    )
    assert text.strip()
    assert engine.count_tokens("hello world") == 2


def test_second_turn_reuses_the_prompt_cache(engine: LocalEngine) -> None:
    first = list(engine.chat(HELLO, GREEDY))
    reply = "".join(c.text for c in first)
    follow = [*HELLO, Message("assistant", reply), Message("user", "And in French?")]
    last = list(engine.chat(follow, GREEDY))[-1]
    assert last.timings is not None
    assert last.timings.cache_n > 10, "the shared history should come from the KV cache"


def _first_token_seconds(engine: LocalEngine) -> float:
    """Wall time until the first token of a short reply: what waiting for a busy engine would add to."""
    started = time.perf_counter()
    for chunk in engine.chat(HELLO, GenerationParams(temperature=0, max_tokens=4)):
        if chunk.text:
            return time.perf_counter() - started
    raise AssertionError("no reply")


# Wall-clock bounds on a shared 2-core machine: a burst of load from elsewhere can stretch one
# measurement, so each cancel is tried up to three times and must once stop within 200 ms. An
# engine that does not stop fails every time (it would keep going for minutes, or seconds of prompt).
ATTEMPTS = 3


def _stop_delay(engine: LocalEngine, messages: list[Message], params: GenerationParams, cancel_after) -> float:
    """Seconds the engine takes, after a cancel, to be free again (beyond an idle first token)."""
    idle = min(_first_token_seconds(engine) for _ in range(3))
    cancel = CancelToken()
    stream = engine.chat(messages, params, cancel)
    cancelled_at = cancel_after(stream, cancel)
    rest = list(stream)
    assert rest and rest[-1].finish_reason == "cancelled"
    assert time.perf_counter() - cancelled_at < 0.2, "the caller is released at once"
    return _first_token_seconds(engine) - idle


def _after_tokens(n: int):
    def cancel_after(stream, cancel: CancelToken) -> float:
        got = 0
        for chunk in stream:
            got += bool(chunk.text)
            if got == n:
                break
        cancel.cancel()
        return time.perf_counter()

    return cancel_after


def _after_seconds(seconds: float):
    def cancel_after(stream, cancel: CancelToken) -> float:
        timer = threading.Timer(seconds, cancel.cancel)
        timer.start()
        timer.join()
        return time.perf_counter()

    return cancel_after


def test_cancel_stops_generation_within_200ms(engine: LocalEngine) -> None:
    endless = GenerationParams(temperature=0.7, max_tokens=100_000, ignore_eos=True)
    delays = []
    for _ in range(ATTEMPTS):
        delays.append(_stop_delay(engine, [Message("user", "Tell me a very long story.")], endless, _after_tokens(3)))
        if delays[-1] < 0.2:
            break
    assert min(delays) < 0.2, f"the engine took {[round(d * 1000) for d in delays]} ms to stop"


def test_cancel_during_a_long_prompt_stops_within_200ms(engine: LocalEngine) -> None:
    long_prompt = "Summarise this. " + "The river ran past the mill and the town slept. " * 160
    assert engine.count_tokens(long_prompt) > 1500  # several seconds of prompt processing on a CPU
    delays = []
    for attempt in range(ATTEMPTS):
        # A different start each time, so the prompt cache cannot make the next attempt short.
        prompt = f"Attempt {attempt}. {long_prompt}"
        delays.append(_stop_delay(engine, [Message("user", prompt)], GREEDY, _after_seconds(0.3)))
        if delays[-1] < 0.2:
            break
    assert min(delays) < 0.2, f"the engine took {[round(d * 1000) for d in delays]} ms to stop evaluating the prompt"


def test_closing_the_stream_early_frees_the_engine(engine: LocalEngine) -> None:
    endless = GenerationParams(max_tokens=100_000, ignore_eos=True)
    stream = engine.chat([Message("user", "Write forever.")], endless)
    next(iter(stream))
    stream.close()  # the consumer walks away without cancelling: closing the connection is enough
    started = time.perf_counter()
    list(engine.chat(HELLO, GREEDY))
    assert time.perf_counter() - started < 10


def test_kill_9_mid_stream_raises_engine_crashed_then_recovers(session_paths, default_model: Path) -> None:
    local = LocalEngine(session_paths, default_model, {"n_ctx": 1024})
    try:
        local.ensure_ready()
        pid = local.process.pid
        stream = local.chat(
            [Message("user", "Count to a thousand.")], GenerationParams(max_tokens=100_000, ignore_eos=True)
        )
        next(iter(stream))
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(EngineCrashed) as caught:
            for _ in stream:
                pass
        message = str(caught.value)
        assert "stopped unexpectedly" in message and "SIGKILL" in message
        assert "conversation is saved" in message
        # The next request starts a new engine and succeeds.
        text = "".join(c.text for c in local.chat(HELLO, GREEDY))
        assert text.strip()
        assert local.process.pid != pid
    finally:
        local.close()


def test_conversation_longer_than_the_context_still_gets_a_reply(session_paths, default_model: Path) -> None:
    local = LocalEngine(session_paths, default_model, {"n_ctx": 512})
    try:
        assert local.ensure_ready()["n_ctx"] == 512
        history = [Message("system", "You are terse.")]
        for i in range(30):
            history += [
                Message("user", f"Fact {i}: the {i}th planet of a far star is covered in blue sand and ice."),
                Message("assistant", f"Noted fact {i} about the blue sand and the ice."),
            ]
        history.append(Message("user", "Which fact was last?"))
        chunks = list(local.chat(history, GenerationParams(temperature=0, max_tokens=32)))
        assert "".join(c.text for c in chunks).strip()
        dropped = sum(c.dropped_messages for c in chunks)
        assert dropped > 0 and dropped % 2 == 0, "whole exchanges are dropped"
        assert chunks[-1].timings.prompt_n + chunks[-1].timings.cache_n <= 512
    finally:
        local.close()


def test_a_prompt_that_alone_exceeds_the_context_is_a_clear_error(session_paths, default_model: Path) -> None:
    local = LocalEngine(session_paths, default_model, {"n_ctx": 256})
    try:
        with pytest.raises(EngineRequestError, match="context window"):
            list(local.chat([Message("user", "word " * 2000)], GREEDY))
        assert "".join(c.text for c in local.chat(HELLO, GREEDY)).strip(), "the engine keeps working"
    finally:
        local.close()


# -- the API is for the app only ------------------------------------------------------------------


def _raw(engine: LocalEngine, method: str, path: str, headers: dict[str, str], body: bytes | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", engine.process.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


@pytest.mark.parametrize("path", ["/health", "/v1/models", "/v1/chat/completions", "/tokenize", "/app/load"])
def test_every_endpoint_needs_the_key(engine: LocalEngine, path: str) -> None:
    method = "GET" if path in ("/health", "/v1/models") else "POST"
    status, _, _ = _raw(engine, method, path, {}, b"{}" if method == "POST" else None)
    assert status == 401
    status, _, _ = _raw(engine, method, path, {"Authorization": "Bearer wrong"}, b"{}" if method == "POST" else None)
    assert status == 401


def test_non_loopback_host_header_is_refused(engine: LocalEngine) -> None:
    auth = {"Authorization": f"Bearer {engine.process.api_key}"}
    status, _, _ = _raw(engine, "GET", "/health", {**auth, "Host": "evil.example:80"})
    assert status == 403
    status, _, _ = _raw(engine, "GET", "/health", {**auth, "Host": f"localhost:{engine.process.port}"})
    assert status == 200


def test_no_cors_for_browsers(engine: LocalEngine) -> None:
    headers = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    status, got, _ = _raw(engine, "OPTIONS", "/v1/chat/completions", headers)
    assert status in (401, 403, 404, 405)
    assert not any(k.lower().startswith("access-control-") for k in got)
    auth = {"Authorization": f"Bearer {engine.process.api_key}", "Origin": "https://evil.example"}
    _, got, _ = _raw(engine, "GET", "/health", auth)
    assert not any(k.lower().startswith("access-control-") for k in got)


def test_oversized_and_malformed_requests_get_clear_errors(engine: LocalEngine) -> None:
    auth = {"Authorization": f"Bearer {engine.process.api_key}", "Content-Type": "application/json"}
    status, _, body = _raw(engine, "POST", "/v1/chat/completions", auth, b"not json")
    assert status == 400 and b"JSON" in body
    status, _, body = _raw(engine, "POST", "/v1/chat/completions", auth, json.dumps({"messages": []}).encode())
    assert status == 400
    status, _, _ = _raw(engine, "POST", "/v1/chat/completions", {**auth, "Content-Length": str(64 * 1024 * 1024)}, None)
    assert status == 413
    assert engine.count_tokens("still alive") > 0


def test_engine_listens_on_loopback_only(engine: LocalEngine) -> None:
    import psutil

    conns = [c for c in psutil.Process(engine.process.pid).net_connections() if c.status == "LISTEN"]
    assert conns and all(c.laddr.ip == "127.0.0.1" for c in conns)


# -- models that must not be loaded ----------------------------------------------------------------


def test_a_broken_gguf_is_refused_and_the_engine_lives(
    engine: LocalEngine, tmp_path: Path, default_model: Path
) -> None:
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(os.urandom(4096))
    truncated = tmp_path / "truncated.gguf"
    truncated.write_bytes(default_model.read_bytes()[:5_000_000])
    assert engine._client is not None
    for bad in (junk, truncated, tmp_path / "missing.gguf"):
        with pytest.raises(EngineRequestError) as caught:
            engine._client.load_model(str(bad), {})
        assert bad.name in str(caught.value)
        # What the engine raised crosses the process boundary whole: the GUI translates the template.
        with pytest.raises(ModelFileError) as raised_there:
            read_info(bad)
        assert str(caught.value) == str(raised_there.value)
        assert caught.value.template == raised_there.value.template and "{name}" in caught.value.template
        assert caught.value.fields == raised_there.value.fields and caught.value.fields["name"] == bad.name
    assert engine.process.alive()
    # The failed loads left no model behind; put the default back for the other tests.
    engine._client.load_model(str(default_model), {"n_ctx": 2048})
    assert "".join(c.text for c in engine.chat(HELLO, GREEDY)).strip()


def test_a_model_too_large_for_memory_is_refused_with_numbers(session_paths, model_copy) -> None:
    # The default model, claiming a 2-billion-token context: its KV cache alone would be tens of TB.
    import struct

    key = b"llama.context_length"
    original = key + struct.pack("<I", 4) + struct.pack("<I", 8192)
    huge = model_copy(
        "huge-context.gguf", find=original, replace=key + struct.pack("<I", 4) + struct.pack("<I", 2**31 - 1)
    )
    local = LocalEngine(session_paths, huge, {"n_ctx": 2**31 - 1})
    try:
        with pytest.raises(EngineRequestError) as caught:
            local.ensure_ready()
        message = str(caught.value)
        assert "needs" in message and "free" in message and "GB" in message
        assert caught.value.fields["name"] in message and caught.value.fields["n_ctx"] == 2**31 - 1
        assert caught.value.template.format(**caught.value.fields) == message
        assert local.process.alive()
    finally:
        local.close()


def test_hostile_chat_template_falls_back_and_runs_nothing(session_paths, model_copy, tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    # Replace the model's own template (same byte length) with a sandbox escape attempt.
    from assistant.models.gguf_info import read_info
    from assistant.models.store import default_model_path

    original = read_info(default_model_path()).chat_template.encode()
    payload = (
        "{{ cycler.__init__.__globals__.os.system('touch " + str(canary) + "') }}"
        "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    ).encode()
    padded = payload + b"{#" + b"x" * (len(original) - len(payload) - 4) + b"#}"
    assert len(padded) == len(original)
    hostile = model_copy("hostile-template.gguf", find=original, replace=padded)
    local = LocalEngine(session_paths, hostile, {"n_ctx": 1024})
    try:
        described = local.ensure_ready()
        assert described["template_warning"] and "built-in format" in described["template_warning"]
        chunks = list(local.chat(HELLO, GREEDY))
        assert "".join(c.text for c in chunks).strip()
        assert any("built-in format" in w for c in chunks for w in c.warnings)
        assert not canary.exists()
    finally:
        local.close()


def test_engine_dying_while_loading_quarantines_the_model(session_paths, default_model: Path, model_copy) -> None:
    suspect = model_copy("suspect.gguf")
    local = LocalEngine(session_paths, suspect, {"n_ctx": 1024})
    marker = session_paths.state_dir / "loading.json"
    local._ensure_process()
    pid = local.process.pid

    def kill_when_loading() -> None:
        deadline = time.monotonic() + 30
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.001)
        os.kill(pid, signal.SIGKILL)

    killer = threading.Thread(target=kill_when_loading)
    killer.start()
    try:
        with pytest.raises(EngineCrashed, match=r"while loading suspect\.gguf"):
            local.ensure_ready()
    finally:
        killer.join()
        local.close()
    assert Quarantine(session_paths).reason(suspect)
    # At the next start the configured model is skipped, with a notice, for the default one.
    chosen, notice = startup_model(session_paths, str(suspect), default_model)
    assert chosen == default_model and notice and "suspect.gguf" in notice
    # Choosing it explicitly loads it and lifts the quarantine.
    again = LocalEngine(session_paths, suspect, {"n_ctx": 1024})
    try:
        again.ensure_ready()
        assert Quarantine(session_paths).reason(suspect) is None
    finally:
        again.close()


def test_missing_model_in_settings_falls_back_to_default(session_paths, default_model: Path, tmp_path: Path) -> None:
    chosen, notice = startup_model(session_paths, str(tmp_path / "gone.gguf"), default_model)
    assert chosen == default_model and "missing" in notice


# -- remote engine ------------------------------------------------------------------------------


def test_remote_engine_by_url_and_key(session_paths, default_model: Path) -> None:
    """A second engine process, addressed only by URL and key, works through the same client."""
    other = EngineProcess(session_paths)
    other.start()
    try:
        EngineClient(other.base_url, other.api_key).load_model(str(default_model), {"n_ctx": 1024})
        remote = RemoteEngine(other.base_url + "/v1", other.api_key)
        assert remote.ensure_ready()["id"]
        chunks = list(remote.chat(HELLO, GREEDY))
        assert "".join(c.text for c in chunks).strip()
        assert chunks[-1].timings and chunks[-1].timings.predicted_n > 0
        wrong = RemoteEngine(other.base_url, "not-the-key")
        with pytest.raises(EngineAuthError, match="refused the API key"):
            wrong.ensure_ready()
        with pytest.raises(EngineAuthError):
            list(wrong.chat(HELLO, GREEDY))
    finally:
        other.stop()


def test_unreachable_remote_is_a_clear_error() -> None:
    from assistant.errors import EngineUnavailable

    with pytest.raises(EngineUnavailable, match="Could not reach"):
        RemoteEngine("http://127.0.0.1:9").ensure_ready()


def test_errors_from_a_server_are_rebuilt_from_their_template_only_when_it_makes_the_message() -> None:
    """Our engine adds ``template`` and ``fields`` to OpenAI's error object (and to a stream's error
    event); other servers (llama-server) send the message alone, and a template that does not make
    the message again, or asks for more than a field's plain text, is not used."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    template = "{name} is {size:,} bytes, {what}."
    fields = {"name": "a.gguf", "size": 1234567, "what": "{braces} stay"}
    message = template.format(**fields)
    replies: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            error = replies.pop(0)
            if "stream" in self.path:
                data = b"data: " + json.dumps({"error": error}).encode() + b"\n\n"
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
            else:
                data = json.dumps({"error": error}).encode()
                self.send_response(400 if error.get("code") != "model_not_loaded" else 503)
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client = EngineClient(f"http://127.0.0.1:{server.server_address[1]}")
    ours = {"message": message, "type": "invalid_request_error", "code": "x", "template": template, "fields": fields}
    try:
        replies.append(ours)
        with pytest.raises(EngineRequestError) as caught:
            client.request_json("POST", "/tokenize", {})
        assert (caught.value.template, caught.value.fields, str(caught.value)) == (template, fields, message)

        replies.append(ours | {"code": "model_not_loaded", "fields": {}, "template": "No model is loaded."})
        with pytest.raises(NoModelLoaded):
            client.request_json("POST", "/tokenize", {})

        replies.append(ours)
        with pytest.raises(EngineRequestError) as caught:
            list(client._stream("/stream", {}, CancelToken(), chat=True))
        assert (caught.value.template, caught.value.fields, str(caught.value)) == (template, fields, message)

        untrusted = [
            {"message": message},  # llama-server: no template
            ours | {"template": "{name} is {size} bytes."},  # does not make the message
            ours | {"template": "{name:>99999999}"},  # would build a huge text first
            ours | {"template": "{name.__class__}"},  # more than the field itself
            ours | {"fields": {**fields, "size": [1]}},  # not a plain value
        ]
        for error in untrusted:
            replies.append(error)
            with pytest.raises(EngineRequestError) as caught:
                client.request_json("POST", "/tokenize", {})
            assert (caught.value.template, caught.value.fields, str(caught.value)) == (message, {}, message)

        # A server whose message is not text: the error is still words, and the window can show it.
        from assistant.ui.error_presenter import message_for

        for odd in (123, ["a", "list"], {"a": "dict"}):
            replies.append({"message": odd, "type": "x"})
            with pytest.raises(EngineRequestError) as caught:
                client.request_json("POST", "/tokenize", {})
            assert message_for(caught.value) == str(odd)
    finally:
        server.shutdown()
        server.server_close()


def test_model_file_error_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match=r"nothing\.gguf"):
        read_info(tmp_path / "nothing.gguf")


# -- loading, switching, unloading ----------------------------------------------------------------


def test_switch_models_and_unload(session_paths, default_model: Path, model_copy) -> None:
    other = model_copy("other-name.gguf")
    local = LocalEngine(session_paths, default_model, {"n_ctx": 1024})
    try:
        assert local.ensure_ready()["path"] == str(default_model)
        pid = local.process.pid
        described = local.load_model(other)
        assert described["path"] == str(other) and local.process.pid == pid, "switched without a restart"
        assert "".join(c.text for c in local.chat(HELLO, GREEDY)).strip()
        local._client.unload_model()
        assert local._client.health()["status"] == "no model"
        from assistant.errors import NoModelLoaded

        with pytest.raises(NoModelLoaded):
            list(local._client.chat(HELLO, GREEDY))
    finally:
        local.close()


def test_context_is_capped_by_what_the_model_was_trained_on(session_paths, default_model: Path) -> None:
    local = LocalEngine(session_paths, default_model, {"n_ctx": 100_000})
    try:
        described = local.ensure_ready()
        assert described["n_ctx_train"] == 8192 and described["n_ctx"] == 8192
    finally:
        local.close()


def test_cuda_build_puts_every_layer_on_the_gpu(session_paths, default_model: Path) -> None:
    from assistant.engine.backend import detect

    if not detect().gpu_offload:
        pytest.skip("needs a CUDA build of llama.cpp and an NVIDIA GPU; this machine has neither")
    local = LocalEngine(session_paths, default_model, {"n_ctx": 2048})
    try:
        described = local.ensure_ready()
        assert described["n_gpu_layers"] == described["n_layers"]
        assert described["backend"].startswith("CUDA")
    finally:
        local.close()


def test_header_mutants_that_pass_validation_never_take_the_app_down(
    session_paths, default_model: Path, model_copy
) -> None:
    """Byte-level mutants of the real model's header that gguf_info accepts go on to llama.cpp: each
    must load, or fail with a clear error, or kill only the engine, which then comes back."""
    import random

    from assistant.errors import AssistantError
    from assistant.models.gguf_info import read_info

    target = model_copy("mutant.gguf")
    header = default_model.read_bytes()[:2_000_000]
    rng = random.Random(20261123)
    local = LocalEngine(session_paths, default_model, {"n_ctx": 512})
    tried = 0
    try:
        for _ in range(300):
            spots = {rng.randrange(24, len(header)): rng.randrange(256) for _ in range(rng.randint(1, 4))}
            with open(target, "r+b") as f:
                for at, value in spots.items():
                    f.seek(at)
                    f.write(bytes([value]))
            try:
                read_info(target)
                accepted = True
            except AssistantError:
                accepted = False
            if accepted:
                tried += 1
                try:
                    local.load_model(target)
                    list(local.chat(HELLO, GenerationParams(max_tokens=4)))
                except AssistantError as err:
                    assert str(err), "errors are explained"
                # Whatever happened, the engine answers again on the real model (which also
                # unmaps the mutant before its bytes are put back).
                local.load_model(default_model)
                assert "".join(c.text for c in local.chat(HELLO, GREEDY)).strip()
            with open(target, "r+b") as f:
                for at in spots:
                    f.seek(at)
                    f.write(header[at : at + 1])
            if tried == 8:
                break
    finally:
        local.close()
    assert tried, "some mutants should pass validation (e.g. changed token text)"


def test_token_counts_do_not_wait_for_a_reply(engine: LocalEngine) -> None:
    """The input box counts tokens while a reply streams: counting must not queue behind it."""
    stream = engine.chat(
        [Message("user", "Talk for a long time.")], GenerationParams(max_tokens=100_000, ignore_eos=True)
    )
    next(iter(stream))
    try:
        started = time.perf_counter()
        assert engine.count_tokens("hello world") == 2
        assert engine.count_chat(HELLO) > engine.count_tokens(HELLO[0].content), "the template adds tokens"
        assert time.perf_counter() - started < 2.0
    finally:
        stream.close()


def test_a_load_that_takes_too_long_stops_the_engine_and_quarantines_the_model(session_paths, model_copy) -> None:
    slow = model_copy("slow.gguf")
    # No real file is this slow here; a limit no load can meet stands in for one that hangs llama.cpp.
    local = LocalEngine(session_paths, slow, {"n_ctx": 512}, load_timeout=0.001)
    try:
        with pytest.raises(EngineUnavailable, match=r"slow\.gguf was not loaded: it took longer than"):
            local.ensure_ready()
        assert not local.process.alive(), "the stuck engine is stopped"
        assert "took longer" in Quarantine(session_paths).reason(slow)
        local.load_timeout = None
        assert local.load_model(slow)["path"] == str(slow), "chosen again, it loads (and leaves quarantine)"
        assert Quarantine(session_paths).reason(slow) is None
    finally:
        local.close()


def test_stop_strings_never_leak_however_the_text_is_cut() -> None:
    from assistant.engine.runtime import StopMatcher

    for text, stops, shown, hit in (
        ("Hello END world", ("END",), "Hello ", True),
        ("a </ b </s> c", ("</s>", "STOP"), "a </ b ", True),
        ("no stop here, E N D", ("END",), "no stop here, E N D", False),
        ("ends in a prefix EN", ("END",), "ends in a prefix EN", False),
    ):
        for cut in range(1, len(text)):
            matcher = StopMatcher(stops)
            out, stopped = "", False
            for piece in (text[:cut], text[cut:]):
                emitted, stopped = matcher.feed(piece)
                out += emitted
                assert not any(s in out for s in stops)
                if stopped:
                    break
            if not stopped:
                out += matcher.flush()
            assert (out, stopped) == (shown, hit), (text, cut)
