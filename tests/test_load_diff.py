"""The loader's diff as plain data, no Neo4j: what a load creates, updates and deletes.

The database side is written as the rows Neo4j's ``subgraph`` snapshot returns (a node as
its properties with ``id`` and ``label``, a relationship as its properties with ``type``,
``from`` and ``to``); every expected change set is written out by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from chainkg.graph_loader.graph import Edge, Node, PlanGraph, PropValue
from chainkg.graph_loader.load_diff import ChangeSet, LoadReport, diff, edge_row_key
from chainkg.graph_loader.store import EmbeddedStore
from tests.wire import fresh_value

Rows = tuple[dict[str, Any], dict[tuple[str, str, str], Any]]

PV: dict[str, PropValue] = {
    "name": "光伏",
    "name_en": "Photovoltaics",
    "source": "附件#22",
    "evidence": "光伏",
}
H2: dict[str, PropValue] = {
    "name": "氢能",
    "name_en": "Hydrogen",
    "source": "附件#30",
    "evidence": "氢能",
}
PARK: dict[str, PropValue] = {
    "name": "海陵新能源产业园",
    "name_en": "Hailing",
    "source": "二(三)",
    "evidence": "海陵",
}
CARRIES: dict[str, PropValue] = {
    "role": "载体",
    "source": "二(三)",
    "evidence": "依托海陵新能源产业园",
}
RELATES: dict[str, PropValue] = {
    "id": "rel.pv_h2",
    "kind": "上下游",
    "source": "二(三)",
    "evidence": "光伏制氢",
}


def db(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> Rows:
    """Return the snapshot the loader reads: nodes by id, relationships by key."""
    return {n["id"]: n for n in nodes}, {edge_row_key(e): e for e in edges}


def node_row(id: str, label: str, props: dict[str, Any]) -> dict[str, Any]:
    return fresh_value({**props, "id": id, "label": label})  # decoded as the driver does


def edge_row(a: str, t: str, b: str, props: dict[str, Any]) -> dict[str, Any]:
    return fresh_value({**props, "type": t, "from": a, "to": b})


def graph(nodes: list[Node], edges: list[Edge]) -> PlanGraph:
    return PlanGraph({n.id: n for n in nodes}, sorted(edges, key=lambda e: e.key))


BASE_NODES = [("chain.pv", "Chain", PV), ("chain.h2", "Chain", H2), ("park.hl", "Park", PARK)]
BASE_EDGES = [
    ("park.hl", "CARRIES", "chain.pv", CARRIES),
    ("chain.pv", "RELATES_TO", "chain.h2", RELATES),
]
"""Two chains, a park carrying one, and a relation between the chains."""


def base_graph() -> PlanGraph:
    """The seed graph of :data:`BASE_NODES` and :data:`BASE_EDGES`."""
    return graph([Node(*n) for n in BASE_NODES], [Edge(*e) for e in BASE_EDGES])


def base_db() -> Rows:
    """The database holding exactly :func:`base_graph`, as Neo4j's snapshot gives it."""
    return db([node_row(*n) for n in BASE_NODES], [edge_row(*e) for e in BASE_EDGES])


def create(id: str, label: str, props: dict[str, Any]) -> dict[str, Any]:
    return {"id": id, "label": label, "props": {**props, "id": id}}


def rel(a: str, t: str, b: str, props: dict[str, Any]) -> dict[str, Any]:
    return {"from": a, "to": b, "type": t, "props": props}


def test_an_empty_database_gets_every_node_and_relationship() -> None:
    changes = diff(base_graph(), {}, {})
    assert changes == ChangeSet(
        node_creates=[
            create("chain.pv", "Chain", PV),
            create("chain.h2", "Chain", H2),
            create("park.hl", "Park", PARK),
        ],
        edge_creates=[
            rel("chain.pv", "RELATES_TO", "chain.h2", RELATES),
            rel("park.hl", "CARRIES", "chain.pv", CARRIES),
        ],
        report=LoadReport(nodes_created=3, relationships_created=2),
    )
    assert changes.size == 5 and changes.report.changed


def test_the_same_graph_writes_nothing() -> None:
    changes = diff(base_graph(), *base_db())
    assert changes == ChangeSet() and changes.size == 0
    assert not changes.report.changed


def test_a_changed_added_or_removed_property_updates_the_node() -> None:
    new = base_graph()
    new.nodes["chain.pv"] = Node("chain.pv", "Chain", {**PV, "target_2027": 352})
    new.nodes["chain.h2"] = Node("chain.h2", "Chain", {**H2, "name_en": "Hydrogen Energy"})
    park: dict[str, PropValue] = {k: v for k, v in PARK.items() if k != "evidence"}
    new.nodes["park.hl"] = Node("park.hl", "Park", park)
    changes = diff(new, *base_db())
    assert changes == ChangeSet(
        node_updates=[
            create("chain.pv", "Chain", {**PV, "target_2027": 352}),
            create("chain.h2", "Chain", {**H2, "name_en": "Hydrogen Energy"}),
            create("park.hl", "Park", park),
        ],
        report=LoadReport(nodes_updated=3),
    )


def test_a_property_of_another_type_is_a_change() -> None:
    """352 and "352" differ in Neo4j, so the diff must not treat them as equal."""
    nodes, edges = base_db()
    nodes["chain.pv"] = {**nodes["chain.pv"], "target_2027": "352"}
    new = base_graph()
    new.nodes["chain.pv"] = Node("chain.pv", "Chain", {**PV, "target_2027": 352})
    assert diff(new, nodes, edges).report == LoadReport(nodes_updated=1)


def test_a_node_no_longer_in_the_seed_is_deleted_with_its_relationships() -> None:
    new = graph(
        [Node("chain.pv", "Chain", PV), Node("park.hl", "Park", PARK)],
        [Edge("park.hl", "CARRIES", "chain.pv", CARRIES)],
    )
    changes = diff(new, *base_db())
    assert changes == ChangeSet(
        node_deletes=["chain.h2"],
        edge_deletes=[{"from": "chain.pv", "type": "RELATES_TO", "to": "chain.h2"}],
        report=LoadReport(nodes_deleted=1, relationships_deleted=1),
    )


def test_new_changed_and_removed_relationships() -> None:
    new = graph(
        list(base_graph().nodes.values()),
        [
            Edge("park.hl", "CARRIES", "chain.pv", {**CARRIES, "role": "核心"}),
            Edge("park.hl", "CARRIES", "chain.h2", CARRIES),
        ],
    )
    changes = diff(new, *base_db())
    assert changes == ChangeSet(
        edge_creates=[rel("park.hl", "CARRIES", "chain.h2", CARRIES)],
        edge_updates=[rel("park.hl", "CARRIES", "chain.pv", {**CARRIES, "role": "核心"})],
        edge_deletes=[{"from": "chain.pv", "type": "RELATES_TO", "to": "chain.h2"}],
        report=LoadReport(
            relationships_created=1, relationships_updated=1, relationships_deleted=1
        ),
    )


def test_a_relationship_whose_type_changed_is_deleted_and_created() -> None:
    new = base_graph()
    new.edges[0] = Edge("chain.pv", "SUPPLIES", "chain.h2", RELATES)
    changes = diff(new, *base_db())
    assert changes.edge_creates == [rel("chain.pv", "SUPPLIES", "chain.h2", RELATES)]
    assert changes.edge_deletes == [{"from": "chain.pv", "type": "RELATES_TO", "to": "chain.h2"}]
    assert changes.report == LoadReport(relationships_created=1, relationships_deleted=1)


def test_a_relabelled_node_is_deleted_and_created_and_so_are_its_relationships() -> None:
    """Neo4j cannot change a node's label in place here: the node is deleted (with its
    relationships) and created again, and the report says so for both."""
    new = base_graph()
    new.nodes["chain.h2"] = Node("chain.h2", "Technology", H2)
    changes = diff(new, *base_db())
    assert changes == ChangeSet(
        node_creates=[create("chain.h2", "Technology", H2)],
        node_deletes=["chain.h2"],
        edge_creates=[rel("chain.pv", "RELATES_TO", "chain.h2", RELATES)],
        edge_deletes=[{"from": "chain.pv", "type": "RELATES_TO", "to": "chain.h2"}],
        report=LoadReport(
            nodes_created=1, nodes_deleted=1, relationships_created=1, relationships_deleted=1
        ),
    )


def test_a_relabelled_and_edited_node_with_a_removed_relationship() -> None:
    new = graph(
        [*base_graph().nodes.values(), Node("park.hl", "District", {**PARK, "name": "海陵区"})],
        [Edge("chain.pv", "RELATES_TO", "chain.h2", RELATES)],
    )
    changes = diff(new, *base_db())
    assert changes.node_creates == [create("park.hl", "District", {**PARK, "name": "海陵区"})]
    assert changes.node_deletes == ["park.hl"] and changes.node_updates == []
    assert changes.edge_deletes == [{"from": "park.hl", "type": "CARRIES", "to": "chain.pv"}]
    assert changes.edge_creates == changes.edge_updates == []
    assert changes.report == LoadReport(nodes_created=1, nodes_deleted=1, relationships_deleted=1)


def test_the_seed_graph_against_an_empty_database_and_against_itself(
    graph: PlanGraph, embedded_store: EmbeddedStore, seed_dir: Path
) -> None:
    """Every relationship type of the seed is written (RELATES_TO included), and the
    snapshot of a store that holds the seed (the rows Neo4j returns too) changes nothing."""
    first = diff(graph, {}, {})
    created: dict[str, int] = {}
    for row in first.edge_creates:
        created[row["type"]] = created.get(row["type"], 0) + 1
    assert created == graph.type_counts()
    relations = yaml.safe_load((seed_dir / "chain_relations.yaml").read_text(encoding="utf-8"))
    parks = yaml.safe_load((seed_dir / "parks.yaml").read_text(encoding="utf-8"))
    assert created["RELATES_TO"] == len(relations) == 25
    assert created["CARRIES"] == sum(len(p.get("carries", [])) for p in parks)
    assert {r["id"] for r in first.node_creates} == set(graph.nodes)
    assert first.report == LoadReport(
        nodes_created=len(graph.nodes), relationships_created=len(graph.edges)
    )
    snapshot = embedded_store.run("subgraph", labels=None)[0]
    again = diff(
        graph,
        {n["id"]: n for n in snapshot["nodes"]},
        {edge_row_key(e): e for e in snapshot["edges"]},
    )
    assert again == ChangeSet()
