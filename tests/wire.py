"""Values as a store's driver hands them over: equal to the seed's, but new objects.

Strings the seed and the code share are often the same object (interned literals), so a bug
that writes ``is`` for ``==`` passes on them; a database's answer is decoded into new strings.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from chainkg.graph_loader.graph import Edge, Node, PlanGraph

T = TypeVar("T")


def fresh(text: str) -> str:
    """Return a string equal to ``text`` that is another object."""
    return "".join([text[:1], text[1:]])


def fresh_value(value: T) -> T:
    """Return ``value`` with every string in it (keys, items) made a new object."""
    copy: Any = value
    if isinstance(value, str):
        copy = fresh(value)
    elif isinstance(value, list):
        copy = [fresh_value(v) for v in value]
    elif isinstance(value, dict):
        copy = {fresh(k): fresh_value(v) for k, v in value.items()}
    return cast(T, copy)


def fresh_graph(graph: PlanGraph, *, reverse: bool = False) -> PlanGraph:
    """Return ``graph`` with every string a new object, its nodes and edges in reverse order
    when ``reverse`` (as a store may give them back)."""
    nodes = [Node(fresh(n.id), fresh(n.label), fresh_value(n.props)) for n in graph.nodes.values()]
    edges = [
        Edge(fresh(e.source), fresh(e.type), fresh(e.target), fresh_value(e.props))
        for e in graph.edges
    ]
    if reverse:
        nodes.reverse()
        edges.reverse()
    return PlanGraph({n.id: n for n in nodes}, edges)
