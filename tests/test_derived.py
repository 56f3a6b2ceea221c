"""Values derived from catalog rows (graph_loader/derived.py), with answers worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from chainkg.graph_loader.derived import (
    LABELS,
    RECONCILE_LABELS,
    RELATIONSHIP_TYPES,
    choose_path,
    edge_from_row,
    edge_key,
    node_from_row,
    ordered_path,
    plan_graph_from_rows,
    reconciliation,
    required_cagr,
    store_subgraph,
)
from chainkg.graph_loader.graph import Edge, Node
from chainkg.graph_loader.store import EmbeddedStore


@pytest.mark.parametrize(
    ("base", "target", "years", "rate"),
    [
        (100, 121, 2, 0.1),
        (100, 133.1, 3, 0.1),
        (100, 100, 5, 0.0),
        (304, 352, 3, 0.0501),  # 光伏 2024 → 2027: (352/304)^(1/3) = 1.05010…
        (177.6, 206, 3, 0.0507),  # 化学药
        (200, 100, 1, -0.5),
        (10, 0, 2, -1.0),  # a target of zero is a fall of 100 %
        (0.5, 2, 2, 1.0),  # a base below 1 (亿元) is a base
        (100, 110.00004, 1, 0.1),  # four decimals
        (0, 10, 3, None),  # no base
        (-5, 10, 3, None),
        (10, -1, 2, None),  # no negative target
        (10, 20, 0, None),  # no years
        (10, 20, -1, None),
    ],
)
def test_required_cagr(base: float, target: float, years: int, rate: float | None) -> None:
    assert required_cagr(base, target, years) == rate


def test_rows_become_nodes_and_edges() -> None:
    node = node_from_row({"id": "chain.pv", "label": "Chain", "name": "光伏", "rank": 22})
    assert node == Node("chain.pv", "Chain", {"name": "光伏", "rank": 22})
    edge = edge_from_row(
        {"from": "park.a", "type": "CARRIES", "to": "chain.pv", "role": "载体", "source": "二(三)"}
    )
    assert edge == Edge("park.a", "CARRIES", "chain.pv", {"role": "载体", "source": "二(三)"})


def test_plan_graph_from_rows_merges_rows_and_sorts_edges() -> None:
    rows: list[dict[str, Any]] = [
        {
            "nodes": [{"id": "b", "label": "Chain"}, {"id": "a", "label": "Park", "name": "甲"}],
            "edges": [{"from": "b", "type": "X", "to": "a", "k": 1}],
        },
        {
            "nodes": [{"id": "c", "label": "Group"}],
            "edges": [{"from": "a", "type": "CARRIES", "to": "b"}],
        },
    ]
    graph = plan_graph_from_rows(rows)
    assert graph.nodes == {
        "a": Node("a", "Park", {"name": "甲"}),
        "b": Node("b", "Chain", {}),
        "c": Node("c", "Group", {}),
    }
    assert graph.edges == [Edge("a", "CARRIES", "b", {}), Edge("b", "X", "a", {"k": 1})]


def test_store_subgraph_reads_the_labels_asked_for(embedded_store: EmbeddedStore) -> None:
    tiers = store_subgraph(embedded_store, ["Tier", "Plan"])
    assert tiers.label_counts() == {"Plan": 1, "Tier": 3}
    assert tiers.type_counts() == {"PART_OF": 3}
    whole = store_subgraph(embedded_store)
    assert whole.label_counts()["Chain"] == 30 and whole.type_counts()["RELATES_TO"] == 25


def test_reconciliation_from_a_store_finds_the_plans_own_mismatches(
    embedded_store: EmbeddedStore,
) -> None:
    rows = reconciliation(embedded_store)
    short = {(r.scope, r.year, r.text_value, r.annex_value) for r in rows if r.status == "short"}
    assert short == {
        ("plan.taizhou_chains", 2027, 7500, 7452),
        ("group.health", 2027, 1500, 1410),
        ("group.smart_manufacturing", 2027, 1800, 1786),
    }
    assert len(rows) == 16
    assert RECONCILE_LABELS == ["Plan", "Tier", "Group", "Chain", "Indicator"]


def test_labels_and_relationship_types_are_sorted_and_complete() -> None:
    assert LABELS[:4] == ("Action", "Chain", "Department", "District")
    assert list(LABELS) == sorted(LABELS) and "Plan" in LABELS and "Park" in LABELS
    assert list(RELATIONSHIP_TYPES) == sorted(set(RELATIONSHIP_TYPES))
    assert {"CARRIES", "IN_GROUP", "SUBGROUP_OF", "RELATES_TO", "LISTS"} <= set(RELATIONSHIP_TYPES)


def e(a: str, t: str, b: str) -> dict[str, str]:
    return {"from": a, "type": t, "to": b}


def test_edge_key() -> None:
    assert edge_key(e("park.a", "CARRIES", "chain.pv")) == "park.a|CARRIES|chain.pv"


def test_ordered_path_puts_the_edges_in_path_order_whatever_their_direction() -> None:
    row = {
        "nodes": ["a", "b", "c", "d"],
        "edges": [e("d", "Z", "c"), e("a", "X", "b"), e("c", "Y", "b")],
    }
    nodes, edges = ordered_path(row)
    assert nodes == ["a", "b", "c", "d"]
    assert edges == [e("a", "X", "b"), e("c", "Y", "b"), e("d", "Z", "c")]
    assert row["edges"] == [e("d", "Z", "c"), e("a", "X", "b"), e("c", "Y", "b")]  # untouched


def test_choose_path_takes_the_shortest_then_the_smallest() -> None:
    assert choose_path([]) is None
    long = {
        "nodes": ["a", "b", "c", "d"],
        "edges": [e("a", "X", "b"), e("b", "X", "c"), e("c", "X", "d")],
    }
    via_c = {"nodes": ["a", "c", "d"], "edges": [e("a", "X", "c"), e("c", "X", "d")]}
    via_b_y = {"nodes": ["a", "b", "d"], "edges": [e("a", "Y", "b"), e("b", "X", "d")]}
    via_b_x = {"nodes": ["a", "b", "d"], "edges": [e("b", "X", "d"), e("a", "X", "b")]}
    assert choose_path([long]) == (long["nodes"], long["edges"])
    assert choose_path([long, via_c]) == (["a", "c", "d"], via_c["edges"])
    assert choose_path([via_c, via_b_y, long]) == (["a", "b", "d"], via_b_y["edges"])
    chosen = choose_path([via_c, via_b_y, via_b_x, long])
    assert chosen == (["a", "b", "d"], [e("a", "X", "b"), e("b", "X", "d")])
