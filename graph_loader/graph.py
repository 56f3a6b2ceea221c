"""The in-memory plan graph: typed nodes and edges built from validated seed records.

This is the one graph both stores load: the embedded networkx store and Neo4j.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from chainkg.graph_loader.layouts import Membership, layout_props
from chainkg.graph_loader.models import ChainRelation, Link, LinkAt, LinkSpec, Record, iter_links
from chainkg.graph_loader.seed_io import Seed

__all__ = ["Edge", "Node", "PlanGraph", "build_graph", "iter_links", "link_edge", "relation_edge"]

Scalar = str | int | float | bool
PropValue = Scalar | list[str] | list[int] | list[float]


@dataclass(frozen=True)
class Node:
    """A node: unique ``id``, one ``label`` and flat properties (Neo4j-compatible)."""

    id: str
    label: str
    props: dict[str, PropValue]


@dataclass(frozen=True)
class Edge:
    """A relationship ``source -[type]-> target`` with flat properties.

    ``key`` identifies it across loads: at most one edge of a type joins two nodes.
    """

    source: str
    type: str
    target: str
    props: dict[str, PropValue]

    @property
    def key(self) -> str:
        return f"{self.source}|{self.type}|{self.target}"


@dataclass
class PlanGraph:
    """Nodes by id and edges in a stable order."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def label_counts(self) -> dict[str, int]:
        """Return the number of nodes per label, sorted by label."""
        return dict(sorted(Counter(n.label for n in self.nodes.values()).items()))

    def type_counts(self) -> dict[str, int]:
        """Return the number of edges per relationship type, sorted by type."""
        return dict(sorted(Counter(e.type for e in self.edges).items()))


def node_props(record: Record) -> dict[str, PropValue]:
    """Return the record's own fields (no links, no empty values) as node properties."""
    data: dict[str, Any] = record.model_dump(exclude=set(record.LINKS) | {"id"})
    return {k: v for k, v in data.items() if v is not None and v != []}


def link_edge(record: Record, spec: LinkSpec, link: Link, position: int | None = None) -> Edge:
    """Return the edge a link stands for; a link without evidence inherits the record's.

    An ordered list field (``spec.ordered``) gives the edge ``rank``: ``position`` + 1.
    """
    props: dict[str, PropValue] = {
        "source": link.source or record.source,
        "evidence": link.evidence or record.evidence,
    }
    for key in ("role", "kind", "assumption"):
        value = getattr(link, key)
        if value is not None:
            props[key] = value
    if spec.ordered and position is not None:
        props["rank"] = position + 1
    src, dst = (link.to, record.id) if spec.reverse else (record.id, link.to)
    return Edge(src, spec.rel_type, dst, props)


def _edge(record: Record, at: LinkAt, members: Membership) -> Edge:
    """Return the edge of a link, with its layout's reach when it has one."""
    edge = link_edge(record, at.spec, at.link, at.position)
    if at.link.covers is not None:
        edge.props.update(layout_props(members, at.link.to, at.link.covers))
    return edge


def relation_edge(rel: ChainRelation) -> Edge:
    """Return the edge of a chain-to-chain relation."""
    props: dict[str, PropValue] = {
        "id": rel.id,
        "kind": rel.kind,
        "source": rel.source,
        "evidence": rel.evidence,
    }
    if rel.assumption:
        props["assumption"] = rel.assumption
    return Edge(rel.from_, ChainRelation.REL_TYPE, rel.to, props)


def build_graph(seed: Seed) -> PlanGraph:
    """Return the graph of a seed that passed validation.

    >>> from chainkg.graph_loader.settings import shipped_seed
    >>> from chainkg.graph_loader.validate import load_valid_seed
    >>> g = build_graph(load_valid_seed(shipped_seed()))
    >>> g.label_counts()["Chain"]
    30
    """
    graph = PlanGraph()
    members = Membership(seed)
    for record in seed.all_records():
        graph.nodes[record.id] = Node(record.id, record.LABEL, node_props(record))
        graph.edges.extend(_edge(record, at, members) for at in iter_links(record))
    graph.edges.extend(relation_edge(rel) for rel in seed.relations)
    graph.edges.sort(key=lambda e: e.key)
    return graph
