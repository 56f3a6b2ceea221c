"""HTTP caching: the kind of each route, its Cache-Control, ETags and the response cache.

Every GET route is of one **kind**, which decides how its 200 answers are cached:

- ``graph``: the answer depends only on the graph version and the URL (the plan data,
  the maps). ``Cache-Control: public, no-cache``; ETag ``W/"<version>-<hash of URL and
  code>"``, known before the route runs; kept in the response cache.
- ``live``: the answer is about now (``/health``). ``no-store``; no ETag; never kept.
- ``revalidate``, the default for a route that declares nothing: ``no-cache``; ETag
  ``W/"b-<hash of the body>"`` (a 304 only when the body is the same); never kept.

A router (or one route) opts in with a dependency: ``APIRouter(dependencies=[GRAPH])``
or ``@router.get(..., dependencies=[LIVE])``; the route's own dependency wins.  Whatever
the kind, the middleware (:mod:`chainkg.api.middleware`) never caches, and never answers
with a 304 from the cache, a request that is not GET or HEAD, nor one that carries
credentials (``Authorization``, ``Cookie`` or ``X-API-Key``: ``private, no-store``).  An
error or a redirect is ``no-store``; a write is ``no-store`` and makes the next request ask
the version sources again.

The ``graph`` ETag and the cache key are the version of
:class:`~chainkg.graph_loader.version.VersionTracker` (the plan, plus any other source such
as the staff records), so a load or a write changes every ETag; the code fingerprint in
the ETag changes it on every release too.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from importlib import metadata, resources
from typing import Any, Literal

from cachetools import LRUCache
from fastapi import Depends, Request

Kind = Literal["graph", "live", "revalidate"]
SCOPE_KEY = "chainkg.route"
"""Where the middleware puts the :class:`RouteInfo` that a route's kind is written to."""

CACHE_CONTROL: dict[Kind, str] = {
    "graph": "public, no-cache",
    "live": "no-store",
    "revalidate": "no-cache",
}
"""The Cache-Control of a 200 answer to a GET without credentials, per kind."""
PRIVATE = "private, no-store"
"""The Cache-Control of any answer to a request with credentials."""
NO_STORE = "no-store"
"""The Cache-Control of errors, redirects and writes."""
CREDENTIAL_HEADERS = (b"authorization", b"cookie", b"x-api-key")
"""A request carrying any of these is answered for its sender only."""


@dataclass
class RouteInfo:
    """What the route that answered a request declared (filled in by its dependency)."""

    kind: Kind = "revalidate"


def _declare(kind: Kind) -> Any:
    async def declare(request: Request) -> None:
        info = request.scope.get(SCOPE_KEY)
        if isinstance(info, RouteInfo):
            info.kind = kind

    declare.__name__ = f"cache_{kind}"
    return Depends(declare)


GRAPH = _declare("graph")
"""The dependency of routes whose answer depends only on the graph version and the URL."""
LIVE = _declare("live")
"""The dependency of routes whose answer is about now and must never be stored."""


def _code_fingerprint() -> str:
    """Return a hash of the code that renders answers: our package files and key libraries."""
    digest = hashlib.sha256()
    for package in ("chainkg.api", "chainkg.viz", "chainkg.graph_loader", "chainkg.cypher"):
        root = resources.files(package)
        stack = [root]
        files = []
        while stack:
            for entry in stack.pop().iterdir():
                if entry.is_dir() and not entry.name.startswith(("__pycache__", ".")):
                    stack.append(entry)
                elif entry.name.endswith((".py", ".html", ".js", ".css", ".cypher", ".json")):
                    files.append(entry)
        for entry in sorted(files, key=str):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    for dist in ("fastapi", "pydantic", "pyvis", "jinja2"):
        digest.update(f"{dist}={metadata.version(dist)}".encode())
    return digest.hexdigest()[:16]


CODE = _code_fingerprint()
"""Changes whenever the code or the libraries that shape an answer change."""


def graph_etag(version: str, path: bytes, query: bytes) -> str:
    """Return the weak ETag of a ``graph`` answer: the version, the URL and the code."""
    digest = hashlib.blake2b(CODE.encode() + b"\0" + path + b"?" + query, digest_size=8)
    return f'W/"{version}-{digest.hexdigest()}"'


def body_etag(body: bytes) -> str:
    """Return the weak ETag of an answer by its body (the ``revalidate`` kind)."""
    return f'W/"b-{hashlib.blake2b(body, digest_size=12).hexdigest()}"'


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Return True when ``If-None-Match`` names ``etag`` (weak comparison) or is ``*``.

    >>> etag_matches('W/"a", "b"', 'W/"b"'), etag_matches('"c"', 'W/"b"'), etag_matches("*", "x")
    (True, False, True)
    """
    wanted = etag.removeprefix("W/")
    tags = [tag.strip() for tag in if_none_match.split(",")]
    return any(tag == "*" or tag.removeprefix("W/") == wanted for tag in tags)


@dataclass
class Entry:
    """A cached 200 answer: its headers, its body, and its compressed forms once made."""

    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: str
    compressible: bool
    encoded: dict[str, bytes] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(b) for b in self.encoded.values()) + 512


class ResponseCache:
    """The ``graph`` answers of one worker, by (version, path, query), up to ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: LRUCache[tuple[str, bytes, bytes], Entry] = LRUCache(
            max(1, max_bytes), getsizeof=lambda e: e.size
        )
        self._lock = threading.Lock()

    def get(self, key: tuple[str, bytes, bytes]) -> Entry | None:
        with self._lock:
            return self._entries.get(key)

    def put(self, key: tuple[str, bytes, bytes], entry: Entry) -> None:
        """Keep ``entry`` (again, after it gained a compressed form) unless it is too big."""
        if entry.size > self.max_bytes:
            return
        with self._lock:
            self._entries[key] = entry

    def __len__(self) -> int:
        return len(self._entries)
