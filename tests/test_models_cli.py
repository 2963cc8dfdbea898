"""``assistant models …`` as a user runs it, against a stand-in Hub on 127.0.0.1 (no internet)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from assistant.bench.local_hub import StubRepo

from test_cli import assert_user_error, assistant

REPO = "org/tiny-GGUF"


@pytest.fixture(autouse=True)
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, so other apps' model folders are the test's fixtures."""
    home = tmp_path / "userhome"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.fixture
def files() -> dict[str, bytes]:
    return {
        "tiny-Q4_K_M.gguf": os.urandom(300_000),
        "tiny-Q8_0.gguf": os.urandom(500_000),
        "tiny-F16-00001-of-00002.gguf": os.urandom(400_000),
        "tiny-F16-00002-of-00002.gguf": os.urandom(400_000),
    }


def test_search_info_pull_list_and_remove(local_hub, files, user_home) -> None:
    local_hub({REPO: StubRepo(files, downloads=10)})
    found = assistant("models", "search", "tiny", "--json")
    assert found.returncode == 0, found.stderr
    assert [h["repo"] for h in json.loads(found.stdout)] == [REPO]

    info = assistant("models", "info", REPO, "--json")
    assert info.returncode == 0, info.stderr
    listing = json.loads(info.stdout)
    rows = {r["quant"]: r for r in listing["models"]}
    assert set(rows) == {"Q4_K_M", "Q8_0", "F16"} and rows["F16"]["parts"] == 2
    # Tiny files fit anywhere: on a GPU the best useful one (Q8_0, not F16) is recommended, on a
    # CPU the sweet spot (Q4_K_M), since there speed follows file size.
    fits = {r["fit"] for r in rows.values()}
    assert fits in ({"fits on GPU"}, {"CPU only"})
    expected = "Q8_0" if fits == {"fits on GPU"} else "Q4_K_M"
    assert [q for q, r in rows.items() if r["recommended"]] == [expected]

    pulled = assistant("models", "pull", f"{REPO}", "--quant", "F16")
    assert pulled.returncode == 0, pulled.stderr
    path = Path(pulled.stdout.strip())
    assert path.name == "tiny-F16-00001-of-00002.gguf" and path.read_bytes() == files[path.name]
    assert "SHA-256 matches" in pulled.stderr

    again = assistant("models", "pull", f"{REPO}:tiny-F16")
    assert again.returncode == 0 and "already on disk" in again.stderr

    listed = json.loads(assistant("models", "list", "--json").stdout)
    ours = [m for m in listed if m["repo"] == REPO]
    assert [(m["name"], m["size"], m["verified"]) for m in ours] == [("tiny-F16", 800_000, True)]
    assert any(m["source"] == "built in" for m in listed)

    refused = assistant("models", "rm", "tiny-F16")  # no terminal to ask on
    assert_user_error(refused, "--yes")
    assert path.exists()
    removed = assistant("models", "rm", "tiny-F16", "--yes")
    assert removed.returncode == 0 and "800 KB freed" in removed.stdout
    assert not path.exists()


def test_removing_another_apps_model_only_forgets_it(user_home) -> None:
    lm = user_home / ".lmstudio" / "models" / "p" / "r" / "x-Q4_K_M.gguf"
    lm.parent.mkdir(parents=True)
    lm.write_bytes(b"GGUF" + b"\0" * 100)
    listed = json.loads(assistant("models", "list", "--json").stdout)
    assert [m["source"] for m in listed if m["path"] == str(lm)] == ["LM Studio"]
    result = assistant("models", "rm", str(lm), "--yes")
    assert result.returncode == 0 and "Forgot" in result.stdout
    assert lm.read_bytes() == b"GGUF" + b"\0" * 100
    listed = json.loads(assistant("models", "list", "--json").stdout)
    assert str(lm) not in [m["path"] for m in listed]
    assert_user_error(assistant("models", "rm", "SmolLM2-135M-Instruct (Q4_1)", "--yes"), "built-in")


def test_gated_repo_needs_the_token(local_hub, files, monkeypatch) -> None:
    local_hub({REPO: StubRepo(files, gated=True)}, token="hf_secret")
    assert_user_error(assistant("models", "pull", REPO, "--quant", "Q8_0"), "gated", "token")
    monkeypatch.setenv("HF_TOKEN", "hf_secret")
    ok = assistant("models", "pull", REPO, "--quant", "Q8_0")
    assert ok.returncode == 0, ok.stderr


def test_a_damaged_download_is_refused_and_not_listed(local_hub, files) -> None:
    hub = local_hub({REPO: StubRepo(files)})
    hub.faults.corrupt.add("tiny-Q8_0.gguf")
    assert_user_error(assistant("models", "pull", REPO, "--quant", "Q8_0"), "damaged", "will not be offered")
    listed = json.loads(assistant("models", "list", "--json").stdout)
    assert not [m for m in listed if m["repo"] == REPO]


def test_offline_the_local_list_works_and_the_hub_says_it_is_unreachable(user_home) -> None:
    listed = assistant("models", "list")
    assert listed.returncode == 0 and "SmolLM2-135M-Instruct" in listed.stdout
    assert_user_error(assistant("models", "search", "qwen"), "could not be reached", "models already on disk")
    assert_user_error(assistant("models", "pull", "../etc"), "not a Hugging Face repository name")
    assert_user_error(assistant("models", "pull", REPO, "--quant", "Q4_K_M"), "could not be reached")


def test_suggest_names_the_model_the_welcome_names() -> None:
    from assistant.models import advice, catalog
    from assistant.models.memory import available_ram

    said = assistant("models", "suggest", "--json")
    assert said.returncode == 0, said.stderr
    row = json.loads(said.stdout)
    # A CPU build here: no GPU memory to count.
    expected = advice.first_model(catalog.load(), n_ctx=4096, gpu_free=0, ram_free=available_ram())
    assert expected is not None and row["repo"] == expected.model.repo and row["quant"] == expected.quant
    plain = assistant("models", "suggest")
    assert f"assistant models pull {expected.model.repo} --quant {expected.quant}" in plain.stdout
