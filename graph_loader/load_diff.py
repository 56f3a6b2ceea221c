"""The loader's diff: the writes that turn what Neo4j holds into the seed graph.

Pure data in, pure data out (no driver), so it is tested without Neo4j.
:mod:`chainkg.graph_loader.neo4j_loader` reads the database's snapshot (``subgraph``
rows: nodes as flat maps with ``id`` and ``label``, relationships as flat maps with
``type``, ``from`` and ``to``), calls :func:`diff` and writes the :class:`ChangeSet`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chainkg.graph_loader.graph import PlanGraph

EdgeKey = tuple[str, str, str]
"""``(from, type, to)``: at most one relationship of a type joins two nodes."""

_EDGE_KEYS = ("type", "from", "to")


@dataclass
class LoadReport:
    """What a load changed."""

    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0
    relationships_deleted: int = 0

    @property
    def changed(self) -> bool:
        return any(vars(self).values())


@dataclass
class ChangeSet:
    """The writes that turn the database into the seed graph."""

    node_creates: list[dict[str, Any]] = field(default_factory=list)
    node_updates: list[dict[str, Any]] = field(default_factory=list)
    node_deletes: list[str] = field(default_factory=list)
    edge_creates: list[dict[str, Any]] = field(default_factory=list)
    edge_updates: list[dict[str, Any]] = field(default_factory=list)
    edge_deletes: list[dict[str, Any]] = field(default_factory=list)
    report: LoadReport = field(default_factory=LoadReport)

    @property
    def size(self) -> int:
        parts: list[list[Any]] = [
            self.node_creates,
            self.node_updates,
            self.node_deletes,
            self.edge_creates,
            self.edge_updates,
            self.edge_deletes,
        ]
        return sum(len(p) for p in parts)


def edge_row_key(row: dict[str, Any]) -> EdgeKey:
    """Return ``(from, type, to)`` of a relationship row."""
    return (row["from"], row["type"], row["to"])


def diff(graph: PlanGraph, nodes: dict[str, Any], edges: dict[EdgeKey, Any]) -> ChangeSet:
    """Return the writes that turn the database (``nodes``, ``edges``) into ``graph``.

    ``nodes`` maps an id to the database's node row, ``edges`` an :data:`EdgeKey` to its
    relationship row.  A node whose label changed is deleted and created again, and so
    are its relationships.
    """
    changes = ChangeSet()
    report = changes.report
    for node in graph.nodes.values():
        props = {**node.props, "id": node.id}
        old = nodes.get(node.id)
        if old is not None and old["label"] != node.label:
            changes.node_deletes.append(node.id)
            report.nodes_deleted += 1
            old = None
        row = {"id": node.id, "label": node.label, "props": props}
        if old is None:
            report.nodes_created += 1
            changes.node_creates.append(row)
        elif {k: v for k, v in old.items() if k != "label"} != props:
            report.nodes_updated += 1
            changes.node_updates.append(row)
    for node_id in nodes.keys() - graph.nodes.keys():
        changes.node_deletes.append(node_id)
        report.nodes_deleted += 1
    new_edges = {(e.source, e.type, e.target): e for e in graph.edges}
    relabelled = set(changes.node_deletes) & graph.nodes.keys()
    for key, edge in new_edges.items():
        row = {"from": edge.source, "to": edge.target, "type": edge.type, "props": edge.props}
        old = edges.get(key)
        if old is not None and relabelled & {edge.source, edge.target}:
            # A relabelled node is deleted with its relationships and created again.
            changes.edge_deletes.append({"from": key[0], "type": key[1], "to": key[2]})
            report.relationships_deleted += 1
            old = None
        if old is None:
            report.relationships_created += 1
            changes.edge_creates.append(row)
        elif {k: v for k, v in old.items() if k not in _EDGE_KEYS} != edge.props:
            report.relationships_updated += 1
            changes.edge_updates.append(row)
    for key in edges.keys() - new_edges.keys():
        changes.edge_deletes.append({"from": key[0], "type": key[1], "to": key[2]})
        report.relationships_deleted += 1
    return changes


__all__ = ["ChangeSet", "EdgeKey", "LoadReport", "diff", "edge_row_key"]
