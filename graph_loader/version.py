"""The graph's version: what every cache and every ETag is keyed on.

- **The plan version** is the content hash of the plan graph (:func:`graph_version`): the
  embedded store computes it from the seed it was built from, and ``chainkg load`` commits
  it to Neo4j as a stamp (a ``:GraphVersion`` node) in the same transaction as the data, so
  a reader never sees new data under the old stamp or the reverse. A load that changes
  anything changes it; a load of identical content keeps it (nothing needs refreshing).
- **Other sources** of served data, such as the records staff write (yearly actuals,
  kept apart from the plan facts), join with :meth:`VersionTracker.add_source`: the
  version the HTTP layer keys on combines every source, so a write that bumps its
  source's version changes every ETag and empties every response cache.
- :class:`VersionTracker` asks the sources at most once per ``interval`` seconds (Neo4j:
  one tiny read query), so a load is seen within ``interval`` (≤ 5 s) plus one request.
  :meth:`VersionTracker.invalidate` makes the next call ask again at once (a writer calls
  it after its own commit, so its worker sees the write immediately).

>>> tracker = VersionTracker(interval=5)
>>> tracker.add_source("plan", lambda: "abc")
>>> tracker.part("plan"), len(tracker.current() or "")
('abc', 16)
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable

from chainkg.graph_loader.graph import PlanGraph

VersionSource = Callable[[], str | None]
"""Returns a source's current version, or None when it has none (nothing may be cached)."""

MAX_INTERVAL = 5.0
"""The documented bound: a load is visible within this many seconds (plus one request)."""


def graph_version(graph: PlanGraph) -> str:
    """Return the content hash of ``graph`` (16 hex digits): equal graphs, equal versions.

    >>> graph_version(PlanGraph()) == graph_version(PlanGraph())
    True
    """
    nodes = sorted(graph.nodes.values(), key=lambda n: n.id)
    edges = sorted(graph.edges, key=lambda e: (e.source, e.type, e.target))
    content = {
        "nodes": [[n.id, n.label, n.props] for n in nodes],
        "edges": [[e.source, e.type, e.target, e.props] for e in edges],
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def combine(parts: dict[str, str | None]) -> str | None:
    """Return one version for the versions of several sources.

    None when there is no source, or when one of them has no version.

    >>> combine({"plan": "a"}) != combine({"plan": "a", "records": "1"})
    True
    >>> combine({"plan": "a", "records": None}) is None
    True
    """
    if not parts or any(v is None for v in parts.values()):
        return None
    text = ";".join(f"{name}={parts[name]}" for name in sorted(parts))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class VersionTracker:
    """The current version of every source, asked at most once per ``interval`` seconds.

    Thread-safe. A source that raises (Neo4j unreachable) propagates the error and
    nothing is remembered, so the next call asks again.
    """

    def __init__(self, interval: float = 2.0, clock: Callable[[], float] = time.monotonic):
        if not 0 <= interval <= MAX_INTERVAL:
            raise ValueError(f"the version check interval must be 0 to {MAX_INTERVAL:g} s")
        self.interval = interval
        self._clock = clock
        self._sources: dict[str, VersionSource] = {}
        self._parts: dict[str, str | None] = {}
        self._combined: str | None = None
        self._checked_at: float | None = None
        self._lock = threading.Lock()

    def add_source(self, name: str, read: VersionSource) -> None:
        """Add a source of served data; its version becomes part of :meth:`current`."""
        with self._lock:
            self._sources[name] = read
            self._checked_at = None

    def invalidate(self) -> None:
        """Make the next call ask every source again (call it after a write commits)."""
        with self._lock:
            self._checked_at = None

    def due(self) -> bool:
        """Return True when the next call will ask the sources (so it may block on I/O)."""
        checked = self._checked_at
        return checked is None or self._clock() - checked >= self.interval

    def _refresh(self) -> None:
        with self._lock:
            if not self.due():
                return
            parts = {name: read() for name, read in self._sources.items()}
            self._parts, self._combined = parts, combine(parts)
            self._checked_at = self._clock()

    def current(self) -> str | None:
        """Return the combined version of every source (None: some source has none)."""
        if self.due():
            self._refresh()
        return self._combined

    def part(self, name: str) -> str | None:
        """Return one source's version (as of the last check)."""
        if self.due():
            self._refresh()
        return self._parts.get(name)
