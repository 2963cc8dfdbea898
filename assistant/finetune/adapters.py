"""The user's trained adapters: ``<data dir>/adapters/<folder>/`` with ``adapter.gguf`` (what the
engine loads), ``adapter.json`` (base model, data summary, date, scores) and ``checkpoints/``.
No torch here: the GUI lists, renames and deletes adapters, and checks one fits the model in use."""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError, translatable

ADAPTER_FILE = "adapter.gguf"
SUMMARY_FILE = "adapter.json"


class AdapterError(AssistantError):
    """An adapter is missing, damaged, or made for another model."""


@dataclass(frozen=True)
class Adapter:
    folder: Path
    name: str
    summary: dict

    @property
    def path(self) -> Path:
        return self.folder / ADAPTER_FILE

    @property
    def base_name(self) -> str:
        return Path(str(self.summary.get("base", ""))).name

    @property
    def scores(self) -> dict:
        return dict(self.summary.get("held_out_perplexity") or {})


def adapters_dir(data_dir: Path) -> Path:
    return data_dir / "adapters"


def folder_for(data_dir: Path, name: str) -> Path:
    """A folder name from an adapter's name: letters, digits, dashes; never a path."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "adapter"
    return adapters_dir(data_dir) / slug


def list_adapters(data_dir: Path) -> list[Adapter]:
    """Finished adapters (those with both the GGUF and the summary), newest first."""
    found = []
    root = adapters_dir(data_dir)
    for folder in sorted(root.iterdir()) if root.is_dir() else ():
        summary_file = folder / SUMMARY_FILE
        if not (folder / ADAPTER_FILE).is_file() or not summary_file.is_file():
            continue
        try:
            summary = json.loads(summary_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(summary, dict):
            found.append(Adapter(folder, str(summary.get("name") or folder.name), summary))
    return sorted(found, key=lambda a: str(a.summary.get("created", "")), reverse=True)


def find(data_dir: Path, name: str) -> Adapter:
    for adapter in list_adapters(data_dir):
        if adapter.name.lower() == name.lower() or adapter.folder.name == name:
            return adapter
    raise AdapterError(
        translatable("There is no adapter called {name!r}. `assistant personalize list` shows them."), name=name
    )


def rename(adapter: Adapter, new_name: str) -> Adapter:
    new_name = new_name.strip()
    if not new_name:
        raise AdapterError(translatable("An adapter needs a name."))
    summary = {**adapter.summary, "name": new_name}
    temp = adapter.folder / (SUMMARY_FILE + ".tmp")
    temp.write_text(json.dumps(summary, indent=2))
    os.replace(temp, adapter.folder / SUMMARY_FILE)
    return Adapter(adapter.folder, new_name, summary)


def delete(adapter: Adapter, data_dir: Path) -> None:
    """Remove the adapter's folder (only ever a folder inside the adapters folder)."""
    root = adapters_dir(data_dir).resolve()
    folder = adapter.folder.resolve()
    if folder.parent != root:
        raise AdapterError(
            translatable("{folder} is not in the adapters folder; it was not deleted."), folder=str(adapter.folder)
        )
    shutil.rmtree(folder)


def export_file(adapter: Adapter, out: Path) -> Path:
    """Copy the adapter's GGUF to ``out`` (for another llama.cpp app: ``--lora out``), atomically."""
    out = Path(out)
    if out.resolve() == adapter.path.resolve():
        raise AdapterError(translatable("Choose another file to export to: that is the adapter itself."))
    temp = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        shutil.copyfile(adapter.path, temp)
        os.replace(temp, out)
    except OSError as err:
        temp.unlink(missing_ok=True)
        raise AdapterError(
            translatable("The adapter could not be written to {path}: {reason}."),
            path=str(out),
            reason=err.strerror or str(err),
        ) from err
    return out


def fingerprint(model_path: Path) -> str:
    """SHA-256 of a model file's size and first 16 MiB: tells base models apart in a moment, where
    hashing gigabytes would take minutes (the header and first tensors differ between models)."""
    import hashlib

    h = hashlib.sha256(str(model_path.stat().st_size).encode())
    with open(model_path, "rb") as f:
        h.update(f.read(16 * 1024 * 1024))
    return h.hexdigest()


def trained_base(adapter: Adapter) -> Path:
    """The model file the adapter was trained on, checked to be there and to be that model."""
    base = Path(str(adapter.summary.get("base")))
    if not base.is_file():
        raise AdapterError(
            translatable("The model “{name}” was trained on is no longer at {path}."), name=adapter.name, path=str(base)
        )
    check_fits(adapter, base)
    return base


def check_fits(adapter: Adapter, model_path: Path) -> None:
    """Refuse an adapter trained on another base model, in words, before the engine is asked."""
    from assistant.models.gguf_info import read_adapter_info, read_info

    info = read_adapter_info(adapter.path)
    model = read_info(model_path)
    trained_on = adapter.summary.get("base_fingerprint")
    same = fingerprint(model_path) == trained_on if trained_on else info.base_model in (None, model_path.name)
    if info.architecture != model.architecture or not same:
        raise AdapterError(
            translatable(
                "“{name}” was trained on {trained_on}, not on {model}. "
                "Switch to that model, or train a new adapter on this one."
            ),
            name=adapter.name,
            trained_on=info.base_model or info.architecture,
            model=model_path.name,
        )
