"""A result cache keyed on the graph's version, for either store.

:class:`CachedStore` wraps a store: ``run(name, **params)`` answers from memory while the
plan version is unchanged, so the Neo4j-backed API does not ask the database again for an
unchanged graph. The version is asked at most once per interval
(:class:`~chainkg.graph_loader.version.VersionTracker`), which bounds how long after a
load a stale answer can be served. :meth:`CachedStore.memo` keeps derived values (map
layouts, rendered pages) under the same version, computing each at most once even when
several threads ask for it at the same time.

Cached rows are shared between callers: code that gets rows from ``run`` must not change
them (``tests/api/test_caching.py`` checks every endpoint and map leaves them unchanged).

>>> from chainkg.graph_loader.store import EmbeddedStore
>>> store = CachedStore(EmbeddedStore.from_seed())
>>> store.run("node", id="chain.pv") is store.run("node", id="chain.pv")
True
"""

from __future__ import annotations

import json
import threading
import time
import weakref
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from cachetools import LRUCache

from chainkg.graph_loader.catalog import Query, Row
from chainkg.graph_loader.errors import StoreUnavailable
from chainkg.graph_loader.store.base import GraphStore, Health, counted
from chainkg.graph_loader.version import VersionTracker

T = TypeVar("T")

PLAN = "plan"
"""The name of the plan graph's source in the tracker."""


class CachedStore(GraphStore):
    """``store`` with its catalog answers and derived values cached per plan version."""

    backend = "cached"
    """The wrapped store's name is in :meth:`health` (``inner.backend``)."""

    def __init__(
        self,
        store: GraphStore,
        tracker: VersionTracker | None = None,
        *,
        max_queries: int = 4096,
        max_memos: int = 64,
    ) -> None:
        self.inner = store
        self.tracker = tracker or VersionTracker()
        self.tracker.add_source(PLAN, store.version)
        self._rows: LRUCache[tuple[Any, ...], list[Row]] = LRUCache(max_queries)
        self._memos: LRUCache[tuple[Any, ...], Any] = LRUCache(max_memos)
        self._lock = threading.Lock()
        self._computing: dict[tuple[Any, ...], threading.Lock] = {}

    def version(self) -> str | None:
        """Return the plan version as of the tracker's last check."""
        return self.tracker.part(PLAN)

    def run(self, name: str, **params: Any) -> list[Row]:
        """Return the named query's rows: from the cache while the plan is unchanged."""
        version = self.version()
        if version is None:
            return self.inner.run(name, **params)
        key = (version, name, json.dumps(params, sort_keys=True, default=str))
        with self._lock:
            rows = self._rows.get(key)
        if rows is None:
            rows = self.inner.run(name, **params)
            with self._lock:
                self._rows[key] = rows
        return rows

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Return ``compute()``, computed once per plan version and ``key``.

        Concurrent callers of one key wait for the first one's result instead of
        computing it again (the whole-graph layout costs most of a second).
        """
        version = self.version()
        if version is None:
            return compute()
        full = (version, key)
        with self._lock:
            if full in self._memos:
                return self._memos[full]  # type: ignore[no-any-return]
            gate = self._computing.setdefault(full, threading.Lock())
        with gate:
            try:
                with self._lock:
                    if full in self._memos:
                        return self._memos[full]  # type: ignore[no-any-return]
                value = compute()
                with self._lock:
                    self._memos[full] = value
            finally:
                with self._lock:
                    self._computing.pop(full, None)
        return value

    def cached_rows(self) -> list[tuple[str, dict[str, Any], list[Row]]]:
        """Return ``(query, params, rows)`` of every cached answer (for tests)."""
        with self._lock:
            items = list(self._rows.items())
        return [(name, json.loads(params), rows) for (_v, name, params), rows in items]

    def health(self) -> Health:
        """Return the wrapped store's health: whether it answers, and its counts.

        Whether it answers is known from the version check, made at most once per interval
        like every other question to the store (so at most that old); the counts are a
        catalog answer like any other, cached per version.
        """
        try:
            self.tracker.current()
            rows = self.run("counts")
        except StoreUnavailable as exc:
            return Health(self.inner.backend, reachable=False, detail=str(exc))
        return counted(self.inner.backend, rows)

    def close(self) -> None:
        self.inner.close()

    def _run(self, query: Query, params: dict[str, Any]) -> list[Row]:
        return self.inner._run(query, params)


class PerStore(Generic[T]):
    """One value built from each store, kept while the store's graph version is unchanged.

    For a store that knows no version (``version()`` is None) the value is built again after
    ``ttl`` seconds, so a reload shows up.  Used for what is costly to build from a whole
    graph and cheap to keep: the ask lexicon, the recommender's index.
    """

    def __init__(self, build: Callable[[GraphStore], T], ttl: float = 60.0) -> None:
        self.build = build
        self.ttl = ttl
        self._lock = threading.Lock()
        self._built: weakref.WeakKeyDictionary[GraphStore, tuple[str | None, float, T]] = (
            weakref.WeakKeyDictionary()
        )

    def get(self, store: GraphStore) -> T:
        """Return the value for ``store``'s graph as it is now, building it when needed."""
        version = store.version()
        now = time.monotonic()
        with self._lock:
            cached = self._built.get(store)
        if cached is not None:
            built_for, at, value = cached
            if version is not None and built_for == version:
                return value
            if version is None and built_for is None and now - at < self.ttl:
                return value
        value = self.build(store)
        with self._lock:
            self._built[store] = (version, now, value)
        return value
