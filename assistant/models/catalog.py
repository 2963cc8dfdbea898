"""The curated list of models the app offers before any search (``resources/models/catalog.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError, translatable
from assistant.models import fit
from assistant.models.naming import check_filename, check_repo_id
from assistant.paths import resources_dir

SIZES = ("small", "medium", "large")


@dataclass(frozen=True)
class CatalogModel:
    name: str
    family: str
    repo: str
    licence: str
    parameters: float
    """Billions."""
    geometry: fit.Geometry
    context: int
    languages: tuple[str, ...]
    size: str
    summary: str
    quants: tuple[str, ...]

    def approx_bytes(self, quant: str) -> int:
        """Size on disk of this model at ``quant``, from its parameter count (the Hub's listing is exact)."""
        return round(self.parameters * 1e9 * fit.BITS_PER_WEIGHT[quant] / 8)

    def estimates(self, *, n_ctx: int, gpu_free: int, ram_free: int) -> dict[str, fit.Estimate]:
        ctx = min(n_ctx, self.context)
        return {
            q: fit.estimate(
                self.approx_bytes(q),
                quant=q,
                n_ctx=ctx,
                gpu_free=gpu_free,
                ram_free=ram_free,
                geometry=self.geometry,
                parameters=self.parameters * 1e9,
            )
            for q in self.quants
        }


def catalog_file() -> Path:
    return resources_dir() / "models" / "catalog.toml"


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise AssistantError(
            translatable("The model catalog ({path}) could not be read: {reason}"), path=str(path), reason=str(err)
        ) from err


def load(path: Path | None = None) -> list[CatalogModel]:
    """Read and check the catalog; raise ``AssistantError`` naming the entry that is wrong."""
    path = path or catalog_file()
    data = _read(path)
    default_quants = tuple(data.get("quants", ()))
    models = []
    for i, entry in enumerate(data.get("model", []), 1):
        try:
            quants = tuple(entry.get("quants", default_quants))
            unknown = [q for q in quants if q not in fit.BITS_PER_WEIGHT]
            if unknown or entry["size"] not in SIZES:
                raise ValueError(f"unknown quantisation {unknown} or size {entry['size']!r}")
            models.append(
                CatalogModel(
                    name=str(entry["name"]),
                    family=str(entry["family"]),
                    repo=check_repo_id(str(entry["repo"])),
                    licence=str(entry["licence"]),
                    parameters=float(entry["parameters"]),
                    geometry=fit.Geometry(int(entry["layers"]), int(entry["kv_width"])),
                    context=int(entry["context"]),
                    languages=tuple(str(x) for x in entry["languages"]),
                    size=str(entry["size"]),
                    summary=str(entry.get("summary", "")),
                    quants=quants,
                )
            )
        except (KeyError, TypeError, ValueError, AssistantError) as err:
            raise AssistantError(
                translatable("Model catalog entry {number} in {path} is wrong: {reason}"),
                number=i,
                path=str(path),
                reason=str(err),
            ) from err
    return models


def find(repo: str, models: list[CatalogModel] | None = None) -> CatalogModel | None:
    """The catalog entry for a repository, matched without regard to case."""
    for model in models if models is not None else load():
        if model.repo.lower() == repo.lower():
            return model
    return None


@dataclass(frozen=True)
class EmbeddingEntry:
    """An embedding model the Library can use: one GGUF file, and the text it expects in front of a
    question and of a passage (as its model card says; without them its retrieval is worse)."""

    name: str
    repo: str
    """"" for the built-in model, which set-up makes (``models.store.built_in_embedding_path``)."""
    file: str
    licence: str
    size_mb: int
    dimensions: int
    languages: tuple[str, ...]
    query_prefix: str
    document_prefix: str
    summary: str


def load_embeddings(path: Path | None = None) -> list[EmbeddingEntry]:
    """The catalog's embedding models; ``AssistantError`` naming the entry that is wrong."""
    path = path or catalog_file()
    entries = []
    for i, entry in enumerate(_read(path).get("embedding", []), 1):
        try:
            entries.append(
                EmbeddingEntry(
                    name=str(entry["name"]),
                    repo=check_repo_id(str(entry["repo"])),
                    file=check_filename(str(entry["file"])),
                    licence=str(entry["licence"]),
                    size_mb=int(entry["size_mb"]),
                    dimensions=int(entry["dimensions"]),
                    languages=tuple(str(x) for x in entry["languages"]),
                    query_prefix=str(entry.get("query_prefix", "")),
                    document_prefix=str(entry.get("document_prefix", "")),
                    summary=str(entry.get("summary", "")),
                )
            )
        except (KeyError, TypeError, ValueError, AssistantError) as err:
            raise AssistantError(
                translatable("Embedding model entry {number} in {path} is wrong: {reason}"),
                number=i,
                path=str(path),
                reason=str(err),
            ) from err
    return entries
