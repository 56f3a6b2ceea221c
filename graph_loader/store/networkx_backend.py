"""The embedded store: the plan graph in memory as a networkx ``MultiDiGraph``; no server.

>>> store = EmbeddedStore.from_seed()
>>> store.run("node", id="chain.pv")[0]["node"]["name"]
'光伏'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from chainkg.graph_loader.catalog import Query, Row
from chainkg.graph_loader.graph import PlanGraph, build_graph
from chainkg.graph_loader.settings import get_settings
from chainkg.graph_loader.store.base import GraphStore
from chainkg.graph_loader.validate import load_valid_seed
from chainkg.graph_loader.version import graph_version


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
        self._version = graph_version(graph)

    def version(self) -> str:
        """Return the content hash of the graph the store was built from."""
        return self._version

    @classmethod
    def from_seed(cls, seed_dir: Path | None = None) -> EmbeddedStore:
        """Return a store built from the (validated) seed directory."""
        return cls(build_graph(load_valid_seed(seed_dir or get_settings().seed_dir)))

    def _run(self, query: Query, params: dict[str, Any]) -> list[Row]:
        return query.embedded(self.graph, **params)
