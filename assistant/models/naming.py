"""What the names of Hub repositories and GGUF files tell us, and which names are safe to use as paths.

A repository id and a file name come from the network (search results, a repo listing, a user's
paste) and end up as parts of a path in the cache. Anything that could climb out of the models
folder or mean something else on another OS is refused before any folder is made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.errors import DownloadError, translatable

_REPO_PART = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_-])?")
# Windows would read these as devices whatever the extension ("nul.gguf" is NUL).
_WINDOWS_DEVICES = re.compile(r"(?i)^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$")
_FILE_PART_BAD = re.compile(r'[\x00-\x1f\\:*?"<>|]')

_SPLIT = re.compile(r"^(?P<stem>.+)-(?P<part>\d{5})-of-(?P<total>\d{5})\.gguf$", re.IGNORECASE)
# Quantisation labels as llama.cpp's quantize tool and the usual uploaders write them.
_QUANT = re.compile(
    r"(?<![A-Za-z0-9])(?P<q>I?Q[1-8](?:_[0-9A-Z]{1,2}){0,2}|TQ[12]_0|MXFP4(?:_MOE)?|BF16|F16|F32|FP16)(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def check_repo_id(repo_id: str) -> str:
    """Return ``repo_id`` ("owner/name") if it is a plain Hub id; raise ``DownloadError`` otherwise."""
    parts = repo_id.split("/")
    if len(parts) != 2 or not all(_REPO_PART.fullmatch(p) for p in parts) or ".." in repo_id:
        raise DownloadError(
            translatable("{name} is not a Hugging Face repository name. It should look like owner/model-name."),
            name=_shown(repo_id),
        )
    return repo_id


def check_filename(filename: str) -> str:
    """Return ``filename`` (a path inside a repository, "/"-separated) if it is safe to use as a
    relative path on any OS; raise ``DownloadError`` otherwise."""
    problem = _filename_problem(filename)
    if problem:
        raise DownloadError(problem, name=_shown(filename))
    return filename


def _filename_problem(filename: str) -> str | None:
    """What is wrong with ``filename``: a whole ``translatable`` sentence with ``{name}``; None if nothing."""
    if not filename or len(filename) > 1000:
        return translatable("The file name {name} is not safe to save: it is empty or too long.")
    if filename.startswith("/") or re.match(r"^[A-Za-z]:", filename):
        return translatable("The file name {name} is not safe to save: it is an absolute path.")
    for part in filename.split("/"):
        if part in ("", ".", ".."):
            return translatable("The file name {name} is not safe to save: it points outside the model's folder.")
        if _FILE_PART_BAD.search(part):
            return translatable(
                "The file name {name} is not safe to save: it contains characters that are not allowed in file names."
            )
        if part[-1] in ". ":
            return translatable("The file name {name} is not safe to save: a part of it ends with a dot or a space.")
        if _WINDOWS_DEVICES.match(part):
            return translatable("The file name {name} is not safe to save: it names a device on Windows.")
    return None


def _shown(name: str) -> str:
    """A name for a message: control characters made visible, kept short."""
    return repr(name[:120])


@dataclass(frozen=True)
class SplitName:
    stem: str
    part: int
    total: int


def split_name(filename: str) -> SplitName | None:
    """``model-00002-of-00003.gguf`` → SplitName("model", 2, 3); None for a single-file model."""
    m = _SPLIT.match(filename.rsplit("/", 1)[-1])
    if not m:
        return None
    part, total = int(m["part"]), int(m["total"])
    if not 1 <= part <= total:
        return None
    return SplitName(m["stem"], part, total)


def quant_label(filename: str) -> str | None:
    """The quantisation a file name states ("Q4_K_M", "IQ4_XS", "F16"), upper-cased; None if none.

    The last match wins: "Qwen2.5-7B-Instruct-Q4_K_M.gguf" has no earlier false hit, but
    "Q8-model.Q4_0.gguf"-style names put the real label last.
    """
    base = filename.rsplit("/", 1)[-1]
    hits = _QUANT.findall(base)
    if not hits:
        return None
    label = hits[-1].upper()
    return "F16" if label == "FP16" else label
