"""Shared fixtures. Tests use the real parts: llama.cpp with the real default model, real files,
real Qt (offscreen). Every test gets its own ASSISTANT_HOME, so no test touches the developer's files.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from assistant import paths as paths_mod
from assistant.engine.local import LocalEngine
from assistant.models.store import default_model_path


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> paths_mod.Paths:
    """Point every app path at a fresh folder under tmp_path (child processes inherit it)."""
    monkeypatch.setenv(paths_mod.HOME_ENV, str(tmp_path / "home"))
    paths_mod.get.cache_clear()
    yield paths_mod.get().ensure()
    paths_mod.get.cache_clear()


@pytest.fixture(autouse=True)
def hub_sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test off the real Hugging Face Hub and out of the developer's caches and keyring:
    a fresh HF_HOME, an endpoint nobody listens on (port 9, discard) unless a test starts `local_hub`,
    and no OS keyring. huggingface-hub reads these at import, so its constants are patched as well."""
    import huggingface_hub.constants as hf

    home = tmp_path / "hf"
    env = {
        "HF_HOME": str(home),
        "HF_HUB_CACHE": str(home / "hub"),
        "HF_ENDPOINT": "http://127.0.0.1:9",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    _point_hub_at(monkeypatch, env["HF_ENDPOINT"])
    monkeypatch.setattr(hf, "HF_HOME", str(home))
    monkeypatch.setattr(hf, "HF_HUB_CACHE", str(home / "hub"))
    monkeypatch.setattr(hf, "HF_TOKEN_PATH", str(home / "token"))
    return home


def _point_hub_at(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    import huggingface_hub.constants as hf

    monkeypatch.setenv("HF_ENDPOINT", url)
    monkeypatch.setattr(hf, "ENDPOINT", url)
    monkeypatch.setattr(hf, "HUGGINGFACE_CO_URL_TEMPLATE", url + "/{repo_id}/resolve/{revision}/{filename}")


@pytest.fixture
def local_hub(monkeypatch: pytest.MonkeyPatch):
    """Start a stand-in Hub (assistant/bench/local_hub.py) with the given repositories and point
    huggingface-hub, in this process and in child processes, at it."""
    from assistant.bench.local_hub import LocalHub

    hubs = []

    def start(repos, **kwargs):
        hub = LocalHub(repos, **kwargs).__enter__()
        hubs.append(hub)
        _point_hub_at(monkeypatch, hub.url)
        return hub

    yield start
    for hub in hubs:
        hub.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def no_leftover_threads():
    """Fail a test that leaves non-daemon threads or pool work running (napari's rule): they outlive
    the test and make the next one flaky. Work on Qt's pool threads is not in threading.enumerate,
    so GeneratorJob keeps its own count."""
    from assistant.workers.runner import running_jobs

    before, jobs_before = set(threading.enumerate()), set(running_jobs())
    yield
    deadline = time.monotonic() + 5
    while True:
        extra = [t.name for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
        extra += [job for job in running_jobs() if job not in jobs_before]
        if not extra or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert not extra, f"test left threads or jobs running: {extra}"


@pytest.fixture(scope="session")
def default_model() -> Path:
    return default_model_path()


@pytest.fixture(scope="session")
def session_paths(tmp_path_factory: pytest.TempPathFactory) -> paths_mod.Paths:
    root = tmp_path_factory.mktemp("engine-home")
    return paths_mod.Paths(root / "config", root / "data", root / "cache", root / "logs", root / "state").ensure()


@pytest.fixture(scope="session")
def engine(session_paths: paths_mod.Paths, default_model: Path) -> LocalEngine:
    """One engine process with the default model, shared by the tests that only ask it things."""
    local = LocalEngine(session_paths, default_model, {"n_ctx": 2048})
    local.ensure_ready()
    yield local
    local.close()


@pytest.fixture
def model_copy(tmp_path: Path, default_model: Path):
    """Returns a function that copies the default model into tmp_path, patched at byte level.

    ``patch(find=b"...", replace=b"...")`` replaces bytes of equal length, so the GGUF's layout is
    kept and only the chosen metadata changes (a model with a hostile template, a huge context...).
    """

    def make(name: str, *, find: bytes | None = None, replace: bytes | None = None) -> Path:
        target = tmp_path / name
        shutil.copyfile(default_model, target)
        if find is not None:
            assert replace is not None and len(find) == len(replace)
            with open(target, "r+b") as f:
                head = f.read(4 * 1024 * 1024)
                at = head.find(find)
                assert at >= 0, f"{find[:40]!r} not in the model header"
                f.seek(at)
                f.write(replace)
        return target

    return make


@pytest.fixture
def model_with_templates(tmp_path: Path, default_model: Path):
    """Returns a function that writes the default model again with other chat templates, of any
    length: ``make(name, default=..., tool_use=...)``. gguf's own metadata copier does the writing."""
    import gguf
    from gguf.scripts.gguf_new_metadata import MetadataDetails, copy_with_new_metadata

    def make(name: str, **templates: str) -> Path:
        target = tmp_path / name
        reader = gguf.GGUFReader(default_model, "r")
        writer = gguf.GGUFWriter(target, arch=reader.fields[gguf.Keys.General.ARCHITECTURE].contents())
        choices = [{"name": key, "template": text} for key, text in templates.items()]
        new = {gguf.Keys.Tokenizer.CHAT_TEMPLATE: MetadataDetails(gguf.GGUFValueType.STRING, choices)}
        copy_with_new_metadata(reader, writer, new, [])
        return target

    return make


# A Qwen3-style template over the default model: it opens a thinking block unless thinking is off,
# and writes an earlier reply's thinking back (so llama-server's template analysis finds the tags).
THINKING_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n"
    "{% if m.reasoning_content %}<think>\n{{ m.reasoning_content }}\n</think>\n{% endif %}"
    "{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n"
    "{% if enable_thinking is defined and enable_thinking is false %}<think>\n\n</think>\n\n"
    "{% else %}<think>\n{% endif %}{% endif %}"
)


# A Hermes-style template (Qwen 2.5 and its kin) that offers tools and shows earlier calls.
TOOLS_TEMPLATE = (
    "{% if tools %}<|im_start|>system\nTools: {{ tools|tojson }}\n"
    'Call one as <tool_call>{"name": …, "arguments": …}</tool_call><|im_end|>\n{% endif %}'
    "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}"
    "{% for c in m.tool_calls or [] %}<tool_call>{{ c.function|tojson }}</tool_call>{% endfor %}<|im_end|>\n"
    "{% endfor %}<|im_start|>assistant\n"
)


def _with_template(model_copy, name: str, template: str) -> Path:
    """The default model with another chat template (written over its own: the file keeps its layout)."""
    from assistant.models.gguf_info import read_info

    original = read_info(default_model_path()).chat_template.encode()
    body = template.encode()
    padded = body + b"{#" + b" " * (len(original) - len(body) - 4) + b"#}"
    return model_copy(name, find=original, replace=padded)


@pytest.fixture
def thinking_model(model_copy) -> Path:
    """The default model with a reasoning model's template: every reply starts inside a thinking
    block (the template opens it), which the small model rarely closes, unless thinking is off."""
    return _with_template(model_copy, "thinking.gguf", THINKING_TEMPLATE)


@pytest.fixture
def tools_model(model_copy) -> Path:
    """The default model with a template that takes tools (SmolLM2's own does not)."""
    return _with_template(model_copy, "tools.gguf", TOOLS_TEMPLATE)
