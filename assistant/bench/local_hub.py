"""A stand-in for the Hugging Face Hub on 127.0.0.1, for the tests and ``assistant bench models``.

It answers the part of the Hub's API that huggingface-hub and the app use: model search
(``/api/models``), repository info with file metadata (``/api/models/<repo>/revision/<rev>``), the file
listing ``snapshot_download`` reads (``/api/models/<repo>/tree/<rev>``) and file
downloads (``/<repo>/resolve/<rev>/<file>``, HEAD and GET, with ETag / X-Linked-Etag / X-Linked-Size /
X-Repo-Commit headers and byte ranges), plus the Hub's error codes for gated and missing repositories.
Faults can be switched on to test the downloader: drop the connection after N bytes, serve wrong
bytes under the right checksum, ignore Range headers. Point ``HF_ENDPOINT`` at ``url``.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class StubRepo:
    files: dict[str, bytes]
    commit: str = "0123456789abcdef0123456789abcdef01234567"
    gated: bool = False
    licence: str | None = "apache-2.0"
    downloads: int = 0
    private: bool = False


@dataclass
class Faults:
    drop_after: dict[str, int] = field(default_factory=dict)
    """File name → bytes after which the next GET of it drops the connection (once)."""
    corrupt: set[str] = field(default_factory=set)
    """File names served with one byte changed (the listing keeps the true SHA-256)."""
    ignore_range: bool = False
    """Answer ranged GETs with the whole file (status 200), as some proxies do."""
    cdn: bool = False
    """Answer file requests with a redirect to another host name (``localhost``), as the Hub sends LFS
    files to its CDN; ``LocalHub.cdn_auth`` records the Authorization header each CDN GET carried."""
    pause_per_piece: float = 0.0
    """Seconds to wait after each 256 KiB sent: a slow link, so a test can stop a transfer midway."""


class LocalHub:
    """``with LocalHub({"org/repo": StubRepo({...})}) as hub: os.environ["HF_ENDPOINT"] = hub.url``."""

    def __init__(self, repos: dict[str, StubRepo], *, token: str | None = None) -> None:
        self.repos = repos
        self.token = token
        """When set, gated and private repositories need ``Authorization: Bearer <token>``."""
        self.faults = Faults()
        self.requests: list[tuple[str, str, str | None]] = []
        """(method, path, Range header) of every request, for tests to check what was asked."""
        self.bytes_sent = 0
        self.cdn_auth: list[str | None] = []
        self.transfers: list[tuple[str, str | None, int]] = []
        """(file, Range header, bytes sent) of each finished GET of a file, in the order they ended."""
        self._lock = threading.Lock()
        self._sha: dict[tuple[str, str], str] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="local-hub", daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def sha256(self, repo: str, filename: str) -> str:
        key = (repo, filename)
        if key not in self._sha:
            self._sha[key] = hashlib.sha256(self.repos[repo].files[filename]).hexdigest()
        return self._sha[key]

    def __enter__(self) -> LocalHub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def record(self, method: str, path: str, range_header: str | None) -> None:
        with self._lock:
            self.requests.append((method, path, range_header))

    def sent(self, n: int) -> None:
        with self._lock:
            self.bytes_sent += n

    def transfer_ended(self, filename: str, range_header: str | None, n: int) -> None:
        with self._lock:
            self.transfers.append((filename, range_header, n))


def _handler(hub: LocalHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_HEAD(self) -> None:
            self._route(head=True)

        def do_GET(self) -> None:
            self._route(head=False)

        # --- routing ---

        def _route(self, *, head: bool) -> None:
            hub.record(self.command, self.path, self.headers.get("Range"))
            url = urllib.parse.urlsplit(self.path)
            path = urllib.parse.unquote(url.path)
            query = urllib.parse.parse_qs(url.query)
            if path == "/api/models":
                return self._search(query)
            if path.startswith("/api/models/"):
                return self._repo_info(path.removeprefix("/api/models/"))
            if path.startswith("/cdn/"):
                with hub._lock:
                    hub.cdn_auth.append(self.headers.get("Authorization"))
                return self._resolve(path.removeprefix("/cdn/"), head=head, from_cdn=True)
            if "/resolve/" in path:
                return self._resolve(path.lstrip("/"), head=head)
            self._error(404, "EntryNotFound", "Not found")

        def _allowed(self, repo: StubRepo) -> bool:
            if not (repo.gated or repo.private):
                return True
            return hub.token is not None and self.headers.get("Authorization") == f"Bearer {hub.token}"

        def _find_repo(self, repo_id: str) -> StubRepo | None:
            repo = hub.repos.get(repo_id)
            if repo is None or (repo.private and not self._allowed(repo)):
                self._error(401, "RepoNotFound", "Repository not found")
                return None
            return repo

        def _search(self, query: dict[str, list[str]]) -> None:
            words = (query.get("search") or [""])[0].lower()
            limit = int((query.get("limit") or ["50"])[0])
            hits = [
                {"_id": name, "id": name, "modelId": name, "downloads": r.downloads, "likes": 0,
                 "gated": "auto" if r.gated else False, "private": False, "tags": ["gguf"]}
                for name, r in hub.repos.items()
                if words in name.lower() and not r.private
            ]  # fmt: skip
            hits.sort(key=lambda h: -h["downloads"])
            self._json(hits[:limit])

        def _repo_info(self, rest: str) -> None:
            if "/tree/" in rest:
                return self._tree(rest)
            repo_id, _, revision = rest.partition("/revision/")
            repo = self._find_repo(repo_id)
            if repo is None:
                return
            if revision and revision not in ("main", repo.commit):
                return self._error(404, "RevisionNotFound", "Revision not found")
            siblings = [
                {"rfilename": name, "size": len(data), "blobId": hashlib.sha1(data).hexdigest(),
                 "lfs": {"sha256": hub.sha256(repo_id, name), "size": len(data), "pointerSize": 134}}
                for name, data in repo.files.items()
            ]  # fmt: skip
            card = {"license": repo.licence} if repo.licence else {}
            self._json(
                {"_id": repo_id, "id": repo_id, "modelId": repo_id, "sha": repo.commit, "private": repo.private,
                 "gated": "auto" if repo.gated else False, "downloads": repo.downloads, "likes": 0,
                 "tags": ["gguf"] + ([f"license:{repo.licence}"] if repo.licence else []),
                 "cardData": card, "siblings": siblings}
            )  # fmt: skip

        def _tree(self, rest: str) -> None:
            """The file listing ``snapshot_download`` asks for (flat repositories: no folders)."""
            repo_id, _, revision = rest.partition("/tree/")
            repo = self._find_repo(repo_id)
            if repo is None:
                return
            if revision.split("/")[0] not in ("main", repo.commit):
                return self._error(404, "RevisionNotFound", "Revision not found")
            self._json(
                [{"type": "file", "oid": hashlib.sha1(data).hexdigest(), "size": len(data), "path": name,
                  "lfs": {"oid": hub.sha256(repo_id, name), "size": len(data), "pointerSize": 134}}
                 for name, data in repo.files.items()]
            )  # fmt: skip

        def _resolve(self, rest: str, *, head: bool, from_cdn: bool = False) -> None:
            owner, name, _, revision, *file_parts = rest.split("/")
            repo_id, filename = f"{owner}/{name}", "/".join(file_parts)
            repo = self._find_repo(repo_id)
            if repo is None:
                return
            if not from_cdn and not self._allowed(repo):
                return self._error(401 if "Authorization" not in self.headers else 403, "GatedRepo", "Access denied")
            if revision not in ("main", repo.commit):
                return self._error(404, "RevisionNotFound", "Revision not found")
            data = repo.files.get(filename)
            if data is None:
                return self._error(404, "EntryNotFound", "Entry not found")
            sha = hub.sha256(repo_id, filename)
            if hub.faults.cdn and not from_cdn:
                port = self.server.server_address[1]
                self.send_response(302)
                self.send_header("Location", f"http://localhost:{port}/cdn/{rest}")
                self.send_header("X-Linked-Etag", f'"{sha}"')
                self.send_header("X-Linked-Size", str(len(data)))
                self.send_header("X-Repo-Commit", repo.commit)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if filename in hub.faults.corrupt:
                data = bytes([data[0] ^ 0xFF]) + data[1:]
            start, status = 0, 200
            wanted = self.headers.get("Range")
            if wanted and not hub.faults.ignore_range and wanted.startswith("bytes="):
                start = int(wanted[6:].split("-")[0] or 0)
                if start >= len(data):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(data)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status = 206
            body = memoryview(data)[start:]
            self.send_response(status)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("ETag", f'"{sha}"')
            self.send_header("X-Linked-Etag", f'"{sha}"')
            self.send_header("X-Linked-Size", str(len(data)))
            self.send_header("X-Repo-Commit", repo.commit)
            if status == 206:
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            self.end_headers()
            if head:
                return
            drop = hub.faults.drop_after.pop(filename, None)
            limit = len(body) if drop is None else max(0, drop - start)
            sent = 0
            try:
                while sent < min(limit, len(body)):
                    piece = body[sent : min(limit, sent + 256 * 1024)]
                    self.wfile.write(piece)
                    sent += len(piece)
                    hub.sent(len(piece))
                    if hub.faults.pause_per_piece:
                        time.sleep(hub.faults.pause_per_piece)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client went away (stopped or paused)
                return
            finally:
                hub.transfer_ended(filename, wanted, sent)
            if drop is not None:
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(2)  # the transfer ends short, as a dropped connection does

        # --- answers ---

        def _json(self, payload: object) -> None:
            body = json.dumps(payload).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _error(self, status: int, code: str, message: str) -> None:
            body = json.dumps({"error": message}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Error-Code", code)
            self.send_header("X-Error-Message", message)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    return Handler
