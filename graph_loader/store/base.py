"""The store interface: a store answers the catalog's named queries, nothing else.

The API and the maps only ever call :meth:`GraphStore.run` with a catalog query
name, so they never care which backend is behind them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from chainkg.graph_loader.catalog import CATALOG, Query, Row, canonical_rows
from chainkg.graph_loader.errors import StoreUnavailable, UnknownQuery

T = TypeVar("T")


@dataclass
class Health:
    """Which backend is in use, whether it answers, and its counts."""

    backend: str
    reachable: bool
    detail: str = ""
    labels: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)


def counted(backend: str, rows: list[Row]) -> Health:
    """Return the health of a store that answered the ``counts`` query with ``rows``."""
    return Health(
        backend,
        reachable=True,
        labels={r["name"]: r["count"] for r in rows if r["kind"] == "label"},
        types={r["name"]: r["count"] for r in rows if r["kind"] == "type"},
    )


class GraphStore(ABC):
    """A store that answers catalog queries."""

    backend: ClassVar[str]

    def run(self, name: str, **params: Any) -> list[Row]:
        """Return the canonical rows of the named catalog query."""
        try:
            query = CATALOG[name]
        except KeyError:
            raise UnknownQuery(name) from None
        return canonical_rows(query, self._run(query, params))

    def health(self) -> Health:
        """Return whether the store answers, and its node and relationship counts."""
        try:
            rows = self.run("counts")
        except StoreUnavailable as exc:
            return Health(self.backend, reachable=False, detail=str(exc))
        return counted(self.backend, rows)

    def version(self) -> str | None:
        """Return the version of the graph the store holds (None: unknown, cache nothing).

        See :mod:`chainkg.graph_loader.version`.
        """
        return None

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Return ``compute()``; a caching store keeps it per graph version and ``key``."""
        return compute()

    def close(self) -> None:  # noqa: B027 - optional for stores without resources
        """Release the store's resources."""

    @abstractmethod
    def _run(self, query: Query, params: dict[str, Any]) -> list[Row]: ...
