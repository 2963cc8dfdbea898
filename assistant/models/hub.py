"""Asking the Hugging Face Hub what there is: search GGUF repositories, list a repository's models,
fetch a full-precision (safetensors) repository at one commit for training.

Through huggingface-hub's ``HfApi`` (which honours ``HF_ENDPOINT``, so the tests point it at a local
stand-in). Errors come back as ``HubError``/``HubAccessDenied`` in words a user can act on.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import DownloadError, HubAccessDenied, HubError, translatable
from assistant.models import naming


@dataclass(frozen=True)
class RepoHit:
    repo: str
    downloads: int
    likes: int
    gated: bool


@dataclass(frozen=True)
class RemoteFile:
    filename: str
    size: int
    sha256: str | None
    """From the Hub's LFS metadata; None when the Hub gave none (the download then refuses the file)."""


@dataclass(frozen=True)
class RemoteModel:
    """One model in a repository: a single GGUF file, or the parts of a split GGUF taken together."""

    name: str
    """The file name, or for a split model its stem ("Qwen2.5-7B-Instruct-Q4_K_M")."""
    quant: str | None
    parts: tuple[RemoteFile, ...]

    @property
    def size(self) -> int:
        return sum(p.size for p in self.parts)

    @property
    def first_file(self) -> str:
        """What llama.cpp opens: the only file, or part 1 of a split model (it finds the rest)."""
        return self.parts[0].filename


@dataclass(frozen=True)
class RepoListing:
    repo: str
    commit: str
    licence: str | None
    gated: bool
    models: tuple[RemoteModel, ...]
    incomplete: tuple[str, ...] = ()
    """Split models with parts missing from the repository: listed so the user knows, not offered."""


def _api():
    from huggingface_hub import HfApi

    return HfApi()


@contextlib.contextmanager
def hub_errors(what: str) -> Iterator[None]:
    """Turn huggingface-hub's and the network's exceptions into messages for the user."""
    from huggingface_hub import errors as hf

    try:
        yield
    except hf.GatedRepoError as err:
        raise HubAccessDenied(
            translatable(
                "{what}: this repository is gated. Accept its terms on huggingface.co with your account, "
                "then add your access token in Models → Hub token."
            ),
            what=what,
        ) from err
    except hf.RepositoryNotFoundError as err:
        if _status(err) in (401, 403):
            raise denied(what) from err
        raise HubError(
            translatable(
                "{what}: no such repository on the Hub (or it is private: add an access token that can read it)."
            ),
            what=what,
        ) from err
    except (hf.RevisionNotFoundError, hf.RemoteEntryNotFoundError) as err:
        raise HubError(translatable("{what}: that file or revision is not in the repository."), what=what) from err
    except hf.HfHubHTTPError as err:
        status = _status(err)
        if status in (401, 403):
            raise denied(what) from err
        raise HubError(
            translatable("{what}: the Hub answered with an error ({status}). Try again later."),
            what=what,
            status=status or "no status",
        ) from err
    except hf.OfflineModeIsEnabled as err:
        raise HubError(
            translatable("{what}: offline mode is on (HF_HUB_OFFLINE); models on disk still work."), what=what
        ) from err
    except OSError as err:
        raise _unreachable(what, err) from err
    except Exception as err:
        # httpx2's transport errors (connect, read timeouts) are not OSErrors.
        if type(err).__module__.startswith(("httpx", "httpcore")):
            raise _unreachable(what, err) from err
        raise


def _status(err: Exception) -> int | None:
    response = getattr(err, "response", None)
    return getattr(response, "status_code", None)


def denied(what: str) -> HubAccessDenied:
    return HubAccessDenied(
        translatable(
            "{what}: the Hub refused access. The repository is private or gated, or your access token is "
            "wrong or missing: set it in Models → Hub token (or `HF_TOKEN`)."
        ),
        what=what,
    )


def _unreachable(what: str, err: Exception) -> HubError:
    return HubError(
        translatable(
            "{what}: the Hugging Face Hub could not be reached ({reason}). "
            "Check the connection; models already on disk still work."
        ),
        what=what,
        reason=_reason(err),
    )


def _reason(err: Exception) -> str:
    text = str(err).strip() or type(err).__name__
    return text if len(text) < 160 else text[:157] + "…"


def search(query: str, *, limit: int = 40, token: str | None = None) -> list[RepoHit]:
    """GGUF repositories matching ``query``, most downloaded first.

    One request through huggingface-hub's session rather than ``HfApi.list_models``: that retries a
    refused connection with back-off for ~25 s, and an offline user should hear so at once.
    """
    from huggingface_hub import constants, get_session
    from huggingface_hub.utils import build_hf_headers, hf_raise_for_status

    params = {"filter": "gguf", "sort": "downloads", "direction": "-1", "limit": str(limit)}
    if query:
        params["search"] = query
    with hub_errors("Searching the Hub"):
        response = get_session().get(
            f"{constants.ENDPOINT}/api/models", params=params, headers=build_hf_headers(token=token), timeout=15
        )
        hf_raise_for_status(response)
        results = response.json()
    hits = []
    for item in results if isinstance(results, list) else ():
        if not isinstance(item, dict):
            continue
        try:
            repo = naming.check_repo_id(str(item.get("id") or item.get("modelId") or ""))
        except DownloadError:
            continue  # a name we would refuse to download is not worth showing
        hits.append(
            RepoHit(repo, int(item.get("downloads") or 0), int(item.get("likes") or 0), bool(item.get("gated")))
        )
    return hits


def list_repo(repo: str, *, revision: str | None = None, token: str | None = None) -> RepoListing:
    """The GGUF models in ``repo`` at ``revision`` (default: the main branch), split files joined."""
    naming.check_repo_id(repo)
    with hub_errors(repo):
        info = _api().model_info(repo, revision=revision, files_metadata=True, token=token)
    files = []
    for sibling in info.siblings or ():
        name = sibling.rfilename
        if not name.lower().endswith(".gguf"):
            continue
        try:
            naming.check_filename(name)
        except DownloadError:
            continue  # listed by the Hub but unsafe as a path here: never offered
        lfs = sibling.lfs
        sha = (lfs.get("sha256") if isinstance(lfs, dict) else getattr(lfs, "sha256", None)) if lfs else None
        size = (lfs.get("size") if isinstance(lfs, dict) else getattr(lfs, "size", None)) if lfs else None
        files.append(RemoteFile(name, int(size or sibling.size or 0), sha))
    models, incomplete = group_models(files)
    card = info.card_data
    licence = getattr(card, "license", None) if card else None
    if not licence:
        licence = next((t.split(":", 1)[1] for t in info.tags or () if t.startswith("license:")), None)
    return RepoListing(repo, info.sha or (revision or "main"), licence, bool(info.gated), models, incomplete)


def group_models(files: list[RemoteFile]) -> tuple[tuple[RemoteModel, ...], tuple[str, ...]]:
    """Join split GGUFs (``x-00001-of-00003.gguf`` …) into one model; keep single files as they are.

    A split model with a part missing is returned by name in the second tuple, not as a model.
    Multimodal projector files (``mmproj*``) are not chat models and are left out.
    """
    singles: list[RemoteModel] = []
    splits: dict[tuple[str, str, int], dict[int, RemoteFile]] = {}
    for f in files:
        base = f.filename.rsplit("/", 1)[-1]
        if base.lower().startswith("mmproj"):
            continue
        split = naming.split_name(f.filename)
        if split is None:
            singles.append(RemoteModel(base, naming.quant_label(base), (f,)))
            continue
        folder = f.filename.rsplit("/", 1)[0] if "/" in f.filename else ""
        splits.setdefault((folder, split.stem, split.total), {})[split.part] = f
    incomplete = []
    for (_folder, stem, total), parts in splits.items():
        if len(parts) != total:
            incomplete.append(f"{stem} ({len(parts)} of {total} parts)")
            continue
        ordered = tuple(parts[i] for i in range(1, total + 1))
        singles.append(RemoteModel(stem, naming.quant_label(stem + ".gguf"), ordered))
    singles.sort(key=lambda m: (m.size, m.name))
    return tuple(singles), tuple(sorted(incomplete))


WEIGHT_FILES = ("*.safetensors", "*.safetensors.index.json", "config.json", "generation_config.json",
                "tokenizer*", "special_tokens_map.json", "*.model", "*.jinja")  # fmt: skip
"""What training fetches from a full-precision repository: safetensors weights, configs, tokenizer.
Never ``*.bin`` / ``*.pt`` (pickles, which can run code when loaded) and never ``*.py`` (remote code)."""


def fetch_weights(repo: str, revision: str | None = None, *, token: str | None = None) -> tuple[Path, str]:
    """A safetensors model repository at one commit, in the Hugging Face cache: (its folder, the commit).

    ``revision`` (a branch, tag or commit; default main) is resolved to a commit first and everything is
    fetched at that commit, so the weights cannot change underneath a run. A commit already in the
    cache is used without asking the Hub, so training works offline once the weights are on disk."""
    from huggingface_hub import snapshot_download

    naming.check_repo_id(repo)
    if revision and re.fullmatch(r"[0-9a-f]{40}", revision):
        with contextlib.suppress(Exception):  # not (completely) in the cache: ask the Hub below
            folder = snapshot_download(repo, revision=revision, allow_patterns=list(WEIGHT_FILES),
                                       local_files_only=True)  # fmt: skip
            if any(Path(folder).glob("*.safetensors")):
                return Path(folder), revision
    with hub_errors(repo):
        info = _api().model_info(repo, revision=revision, token=token)
        commit = str(info.sha or "")
        if not re.fullmatch(r"[0-9a-f]{40}", commit):
            raise HubError(
                translatable("{repo}: the Hub did not say which commit {revision} is."),
                repo=repo,
                revision=revision or "main",
            )
        names = [s.rfilename for s in info.siblings or ()]
        if not any(n.endswith(".safetensors") for n in names):
            raise HubError(
                translatable(
                    "{repo} has no safetensors weights. Only safetensors are loaded: other formats (.bin, .pt) "
                    "can run code when opened."
                ),
                repo=repo,
            )
        if "config.json" not in names:
            raise HubError(
                translatable("{repo} has no config.json: it is not a transformers model repository."), repo=repo
            )
        folder = snapshot_download(repo, revision=commit, allow_patterns=list(WEIGHT_FILES), token=token)
    return Path(folder), commit
