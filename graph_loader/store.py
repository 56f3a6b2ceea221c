"""One store interface with two implementations: embedded networkx and Neo4j.

The API and the maps only ever call :meth:`GraphStore.run` with a catalog
query name, so they never care which store is behind them.

>>> from graph_loader.store import EmbeddedStore
>>> store = EmbeddedStore.from_seed()
>>> store.run("node", id="chain.pv")[0]["node"]["name"]
'光伏'
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import networkx as nx

from graph_loader import queries as _queries  # noqa: F401 - registers the catalog
from graph_loader.catalog import CATALOG, Query, Row, canonical_rows
from graph_loader.graph import PlanGraph, build_graph
from graph_loader.settings import get_settings
from graph_loader.validate import load_valid_seed

if TYPE_CHECKING:
    from neo4j import Driver

ENTITY = "Entity"
"""The label every node has in Neo4j besides its own, holding the unique ``id``."""


class StoreUnavailable(Exception):
    """The store cannot answer now (Neo4j unreachable, refused, or not ready)."""


class UnknownQuery(KeyError):
    """A query name that is not in the catalog."""


@dataclass
class Health:
    """Which backend is in use, whether it answers, and its counts."""

    backend: str
    reachable: bool
    detail: str = ""
    labels: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)


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
        return Health(
            self.backend,
            reachable=True,
            labels={r["name"]: r["count"] for r in rows if r["kind"] == "label"},
            types={r["name"]: r["count"] for r in rows if r["kind"] == "type"},
        )

    def close(self) -> None:  # noqa: B027 - optional for stores without resources
        """Release the store's resources."""

    @abstractmethod
    def _run(self, query: Query, params: dict[str, Any]) -> list[Row]: ...


def to_networkx(graph: PlanGraph) -> nx.MultiDiGraph:
    """Return ``graph`` as a networkx ``MultiDiGraph`` keyed by relationship type."""
    g = nx.MultiDiGraph()
    for node in graph.nodes.values():
        g.add_node(node.id, label=node.label, props={**node.props, "id": node.id})
    for edge in graph.edges:
        g.add_edge(edge.source, edge.target, key=edge.type, props=dict(edge.props))
    return g


class EmbeddedStore(GraphStore):
    """The graph in memory as a networkx ``MultiDiGraph``; needs no server."""

    backend = "embedded"

    def __init__(self, graph: PlanGraph) -> None:
        self.graph = to_networkx(graph)

    @classmethod
    def from_seed(cls, seed_dir: Path | None = None) -> EmbeddedStore:
        """Return a store built from the (validated) seed directory."""
        return cls(build_graph(load_valid_seed(seed_dir or get_settings().seed_dir)))

    def _run(self, query: Query, params: dict[str, Any]) -> list[Row]:
        return query.embedded(self.graph, **params)


class Neo4jStore(GraphStore):
    """A Neo4j database reached through the official driver (passed in, never global)."""

    backend = "neo4j"

    def __init__(self, driver: Driver, uri: str, database: str) -> None:
        self.driver = driver
        self.uri = uri
        self.database = database

    def _run(self, query: Query, params: dict[str, Any]) -> list[Row]:
        from graph_loader.neo4j_conn import translate_errors

        with translate_errors(self.uri, self.database):
            records, _, _ = self.driver.execute_query(
                query.cypher, params, database_=self.database, routing_="r"
            )
        return [record.data() for record in records]

    def close(self) -> None:
        self.driver.close()
