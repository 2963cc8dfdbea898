"""``assistant bench models``: the app's download path against plain ``hf_hub_download``, same run.

A file of random bytes (200 MB by default) is served by the stand-in Hub on 127.0.0.1
(``bench/local_hub.py``) and fetched into fresh Hugging Face caches, alternately through the app's
path (``models/download.py``: streamed, SHA-256 checked before the final name) and through
``huggingface_hub.hf_hub_download`` (which does not check it). Then a download is paused halfway
and resumed, and the bytes the server sent for the resume are compared with the bytes missing.

Loopback is far faster than any real link, so this measures the app's own overhead (hashing,
writes, Python per chunk); over the internet both paths wait on the network. Not a test: it asserts
nothing and prints the machine it ran on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from assistant.bench.local_hub import LocalHub, StubRepo
from assistant.bench.machine import cpu
from assistant.core.cancel import CancelToken
from assistant.errors import Cancelled
from assistant.paths import Paths

REPO = "bench/model-GGUF"
FILENAME = "model-Q4_K_M.gguf"


def _random_bytes(size: int) -> bytes:
    # Seeded and incompressible: the same file every run, and no transfer encoding can shrink it.
    out = bytearray()
    block = hashlib.sha256(b"assistant bench models").digest()
    while len(out) < size:
        block = hashlib.sha512(block).digest()
        out += block * 512
    return bytes(out[:size])


def _point_hub_at(url: str, cache: Path) -> None:
    import huggingface_hub.constants as hf

    os.environ["HF_ENDPOINT"] = url
    hf.ENDPOINT = url
    hf.HUGGINGFACE_CO_URL_TEMPLATE = url + "/{repo_id}/resolve/{revision}/{filename}"
    hf.HF_HUB_CACHE = str(cache)


def run(size: int, rounds: int) -> dict[str, object]:
    from huggingface_hub import hf_hub_download

    from assistant.models import download, hub

    data = _random_bytes(size)
    report: dict[str, object] = {"machine": cpu(), "file_bytes": size, "rounds": rounds}
    with (
        tempfile.TemporaryDirectory(prefix="assistant-bench-models-") as tmp,
        LocalHub({REPO: StubRepo({FILENAME: data})}) as server,
    ):
        root = Path(tmp)
        _point_hub_at(server.url, root / "unused")
        listing = hub.list_repo(REPO)
        model = listing.models[0]
        app_times, hf_times = [], []
        for rnd in range(rounds):
            cache = root / f"app-{rnd}"
            start = time.perf_counter()
            for _event in download.download(
                REPO, model, commit=listing.commit, cancel=CancelToken(), app_dir=root / f"appdir-{rnd}", cache=cache
            ):
                pass
            app_times.append(time.perf_counter() - start)

            start = time.perf_counter()
            hf_hub_download(REPO, FILENAME, cache_dir=root / f"hf-{rnd}")
            hf_times.append(time.perf_counter() - start)

        # Pause at about half, then resume: the server must send only what is missing.
        cache = root / "resume"
        cancel = CancelToken()
        try:
            for event in download.download(
                REPO, model, commit=listing.commit, cancel=cancel, app_dir=root / "appdir-resume", cache=cache
            ):
                if isinstance(event, download.Progress) and event.done >= size // 2:
                    cancel.cancel()
        except Cancelled:
            pass
        kept = download.partial_bytes(REPO, model, cache)
        server.faults.pause_per_piece = 0.0
        resumed = list(
            download.download(
                REPO, model, commit=listing.commit, cancel=CancelToken(), app_dir=root / "appdir-resume", cache=cache
            )
        )[-1]
        sent_for_resume = sum(n for _f, rng, n in server.transfers if rng == f"bytes={kept}-")

    # Medians: on a shared VM one round in a few is slowed by a neighbour.
    def mbps(seconds: list[float]) -> float:
        return size / statistics.median(seconds) / 1e6

    report |= {
        "app_seconds": [round(t, 3) for t in app_times],
        "hf_hub_download_seconds": [round(t, 3) for t in hf_times],
        "app_mb_per_s": round(mbps(app_times), 1),
        "hf_hub_download_mb_per_s": round(mbps(hf_times), 1),
        "ratio": round(statistics.median(hf_times) / statistics.median(app_times), 3),
        "resume": {
            "kept_bytes": kept,
            "missing_bytes": size - kept,
            "sent_by_server": sent_for_resume,
            "transferred_by_app": resumed.transferred,
        },
    }
    return report


def main(args: argparse.Namespace, paths: Paths) -> int:
    report = run(args.size_mb * 1_000_000, args.rounds)
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return 0
    m = report["machine"]
    r = report["resume"]
    sys.stdout.write(
        f"{m['cpu']}, {m['physical_cores']} cores; {report['file_bytes'] / 1e6:,.0f} MB over loopback, "  # type: ignore[index]
        f"{report['rounds']} rounds\n"
        f"app (SHA-256 checked)    {report['app_mb_per_s']:>8,.1f} MB/s\n"
        f"hf_hub_download          {report['hf_hub_download_mb_per_s']:>8,.1f} MB/s\n"
        f"ratio (app / hf)         {report['ratio']:>8}\n"
        f"resume after a pause at {r['kept_bytes'] / 1e6:,.0f} MB: server sent {r['sent_by_server']:,} bytes "  # type: ignore[index]
        f"for {r['missing_bytes']:,} missing\n"  # type: ignore[index]
    )
    return 0
