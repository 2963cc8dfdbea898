"""The lock (packaging/lock.txt) is what the set-up installs and what these tests run on.

These fail when pyproject.toml changes without `make lock`, when a hand edit leaves a package
without hashes, or when the environment running the suite is not the locked one.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).parent.parent
LOCK = ROOT / "packaging" / "lock.txt"
LOCK_CUDA = ROOT / "packaging" / "lock-cuda.txt"


def bootstrap():
    spec = importlib.util.spec_from_file_location("bootstrap", ROOT / "packaging" / "bootstrap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pinned(path: Path) -> dict[str, Version]:
    blocks = bootstrap().read_lock(path)
    versions = {}
    for name, block in blocks.items():
        match = re.match(r"[^=\s]+==([^\s\\]+)", block)
        assert match, f"{name} is not pinned to one version in {path.name}: {block!r}"
        versions[name] = Version(match.group(1))
    return versions


def test_every_dependency_of_pyproject_is_locked_at_a_version_it_allows():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for extra in ("finetune", "dev"):
        wanted += project["optional-dependencies"][extra]
    locked = pinned(LOCK)
    for line in wanted:
        requirement = Requirement(line)
        name = bootstrap().normalise(requirement.name)
        assert name in locked, f"{requirement.name} is in pyproject.toml but not in the lock: run `make lock`"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"the lock holds {name} {locked[name]}, which pyproject.toml's {line!r} does not allow: run `make lock`"
        )


def test_every_locked_file_is_checked_by_its_hash():
    for path in (LOCK, LOCK_CUDA):
        for name, block in bootstrap().read_lock(path).items():
            assert re.search(r"--hash=sha256:[0-9a-f]{64}", block), f"{name} has no hash in {path.name}"


def test_the_cuda_lock_changes_nothing_but_torch_and_what_it_brings():
    cpu, cuda = pinned(LOCK), pinned(LOCK_CUDA)
    assert cuda["torch"].base_version == cpu["torch"].base_version and cpu["torch"].local == "cpu"
    for name in set(cpu) & set(cuda) - {"torch"}:
        assert cuda[name] == cpu[name], f"{name}: {cuda[name]} in lock-cuda.txt, {cpu[name]} in lock.txt"


def test_the_lock_fits_the_machine_the_suite_runs_on():
    """Else the set-up would fall back to unlocked versions, and CI would not test what is locked."""
    assert bootstrap().lock_misfit() is None


def test_the_suite_runs_on_the_locked_versions():
    """`make test` runs on exactly the lock; `make test-latest` on the newest allowed, never older."""
    unlocked = os.environ.get("ASSISTANT_UNLOCKED") == "1"
    cuda = pinned(LOCK_CUDA)
    for name, version in pinned(LOCK).items():
        installed = Version(importlib.metadata.version(name))
        if name in cuda and installed == cuda[name]:
            continue  # a GPU machine's set-up takes lock-cuda.txt's build of this one
        if unlocked:
            assert installed >= version, f"{name} {installed} is older than the lock's {version}"
        else:
            assert installed == version, f"{name} {installed} is installed, the lock holds {version}: run `make setup`"
