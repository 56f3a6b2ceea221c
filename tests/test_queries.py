"""The catalog queries answer what the plan says: literal answers, worked out by hand.

Most cases use the small fixture plan of tests/fixtures/subgroups (16 nodes, 23 relationships,
drawn in tests/test_subgroups.py), where every answer can be checked by eye; a few use the plan.
They run on the embedded store in the fast subset; tests/test_subgroups.py runs the fixture on
Neo4j too, and the contract test requires both stores to agree on every query.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from chainkg.graph_loader.graph import Edge, Node, PlanGraph, PropValue, build_graph
from chainkg.graph_loader.store import EmbeddedStore, GraphStore
from chainkg.graph_loader.validate import load_valid_seed
from tests.test_subgroups import (
    BIO,
    BIO_PORT,
    DRUGS,
    FIXTURE,
    FOOD,
    FOOD_PARK,
    HEALTH,
    HEALTH_FOOD,
    PHARMA,
    PV,
    PV_PARK,
    TCM,
    TCM_PARK,
)
from tests.wire import fresh, fresh_graph

TIER = "tier.landmark"


@pytest.fixture(scope="module", params=["seed", "wire"])
def plan(request: pytest.FixtureRequest) -> EmbeddedStore:
    """The fixture plan; and the same with every string a new object, as rows from a store
    or parameters from a request are (so ``is`` cannot pass for ``==``)."""
    graph = build_graph(load_valid_seed(FIXTURE))
    return EmbeddedStore(fresh_graph(graph) if request.param == "wire" else graph)


@pytest.fixture(scope="module", params=["seed", "wire"])
def seed_store(request: pytest.FixtureRequest, graph: PlanGraph) -> EmbeddedStore:
    """The plan; and the same with every string a new object."""
    return EmbeddedStore(fresh_graph(graph) if request.param == "wire" else graph)


def ids(rows: list[dict[str, Any]], key: str = "node") -> set[str]:
    return {r[key]["id"] for r in rows}


def edges(row: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(e["from"], e["type"], e["to"]) for e in row["edges"]}


def test_node(plan: GraphStore) -> None:
    assert plan.run("node", id=BIO) == [
        {
            "node": {
                "id": BIO,
                "label": "Group",
                "name": "生物医药",
                "name_en": "Biomedicine",
                "rank": 2,
                "source": "二(一)",
                "evidence": "生物医药，依托示例生物港",
            }
        }
    ]
    assert plan.run("node", id="no.such") == []


def test_nodes_and_nodes_by_ids(plan: GraphStore) -> None:
    assert ids(plan.run("nodes", label="Park")) == {PHARMA, BIO_PORT, FOOD_PARK, TCM_PARK, PV_PARK}
    assert ids(plan.run("nodes", label="Chain")) == {DRUGS, TCM, FOOD, PV}
    assert plan.run("nodes", label="None") == []
    rows = plan.run("nodes_by_ids", ids=[DRUGS, "no.such", DRUGS, HEALTH])
    assert len(rows) == 2 and ids(rows) == {DRUGS, HEALTH}
    assert plan.run("nodes_by_ids", ids=[]) == []


def test_counts(plan: GraphStore) -> None:
    counts = {(r["kind"], r["name"]): r["count"] for r in plan.run("counts")}
    assert counts == {
        ("label", "Plan"): 1,
        ("label", "Tier"): 2,
        ("label", "Group"): 4,
        ("label", "Chain"): 4,
        ("label", "Park"): 5,
        ("type", "PART_OF"): 2,
        ("type", "IN_TIER"): 8,
        ("type", "SUBGROUP_OF"): 2,
        ("type", "IN_GROUP"): 4,
        ("type", "CARRIES"): 7,
    }


def test_links_in_both_directions(plan: GraphStore) -> None:
    rows = plan.run("links", id=HEALTH)
    assert {(r["type"], r["direction"], r["other"]["id"]) for r in rows} == {
        ("IN_TIER", "out", TIER),
        ("SUBGROUP_OF", "in", BIO),
        ("SUBGROUP_OF", "in", HEALTH_FOOD),
        ("IN_GROUP", "in", TCM),
        ("CARRIES", "in", PHARMA),
        ("CARRIES", "in", BIO_PORT),
    }
    carried = next(r for r in rows if r["other"]["id"] == BIO_PORT)
    assert carried["edge"]["from"] == BIO_PORT and carried["edge"]["to"] == HEALTH
    assert carried["edge"]["type"] == "CARRIES" and carried["edge"]["role"] == "支点"
    assert carried["edge"]["covers"] == [DRUGS, TCM]
    assert carried["other"]["label"] == "Park" and carried["other"]["name"] == "示例生物港"
    out = plan.run("links", id=BIO_PORT)
    assert {(r["direction"], r["other"]["id"]) for r in out} == {("out", BIO), ("out", HEALTH)}
    assert plan.run("links", id="no.such") == []


def test_subgraph_by_labels(plan: GraphStore) -> None:
    [groups] = plan.run("subgraph", labels=["Group"])
    assert ids([{"node": n} for n in groups["nodes"]]) == {
        BIO,
        HEALTH,
        HEALTH_FOOD,
        "group.new_energy",
    }
    assert edges(groups) == {(BIO, "SUBGROUP_OF", HEALTH), (HEALTH_FOOD, "SUBGROUP_OF", HEALTH)}
    [two] = plan.run("subgraph", labels=["Park", "Chain"])
    assert edges(two) == {
        (FOOD_PARK, "CARRIES", FOOD),
        (TCM_PARK, "CARRIES", TCM),
        (PV_PARK, "CARRIES", PV),
    }
    [everything] = plan.run("subgraph", labels=None)
    assert (len(everything["nodes"]), len(everything["edges"])) == (16, 23)
    assert plan.run("subgraph", labels=[]) == [{"nodes": [], "edges": []}]


def test_neighborhood_by_depth_and_type(plan: GraphStore) -> None:
    [one] = plan.run("neighborhood", id=BIO, depth=1, types=None)
    assert {n["id"] for n in one["nodes"]} == {BIO, HEALTH, TIER, DRUGS, BIO_PORT}
    assert edges(one) == {  # every relationship among them, not only those to 生物医药
        (BIO, "SUBGROUP_OF", HEALTH),
        (BIO, "IN_TIER", TIER),
        (DRUGS, "IN_GROUP", BIO),
        (BIO_PORT, "CARRIES", BIO),
        (HEALTH, "IN_TIER", TIER),
        (DRUGS, "IN_TIER", TIER),
        (BIO_PORT, "CARRIES", HEALTH),
    }
    [sub] = plan.run("neighborhood", id=BIO, depth=1, types=["SUBGROUP_OF"])
    assert {n["id"] for n in sub["nodes"]} == {BIO, HEALTH}
    assert edges(sub) == {(BIO, "SUBGROUP_OF", HEALTH)}
    [two] = plan.run("neighborhood", id=BIO, depth=2, types=["SUBGROUP_OF"])
    assert {n["id"] for n in two["nodes"]} == {BIO, HEALTH, HEALTH_FOOD}
    [three] = plan.run("neighborhood", id=DRUGS, depth=3, types=["IN_GROUP", "SUBGROUP_OF"])
    assert {n["id"] for n in three["nodes"]} == {DRUGS, BIO, HEALTH, HEALTH_FOOD, TCM}
    [alone] = plan.run("neighborhood", id=BIO, depth=0, types=None)
    assert alone["edges"] == []
    assert [n["id"] for n in alone["nodes"]] == [BIO]
    assert plan.run("neighborhood", id="no.such", depth=1, types=None) == []


def test_paths(plan: GraphStore) -> None:
    rows = plan.run("paths", **{"from": DRUGS, "to": FOOD})
    assert [(r["nodes"], edges(r)) for r in rows] == [
        ([DRUGS, TIER, FOOD], {(DRUGS, "IN_TIER", TIER), (FOOD, "IN_TIER", TIER)})
    ]
    rows = plan.run("paths", **{"from": BIO_PORT, "to": HEALTH_FOOD})
    assert [(r["nodes"], edges(r)) for r in rows] == [
        (
            [BIO_PORT, HEALTH, HEALTH_FOOD],
            {(BIO_PORT, "CARRIES", HEALTH), (HEALTH_FOOD, "SUBGROUP_OF", HEALTH)},
        )
    ]
    assert plan.run("paths", **{"from": DRUGS, "to": DRUGS}) == []
    assert plan.run("paths", **{"from": fresh(DRUGS), "to": fresh(DRUGS)}) == []
    assert plan.run("paths", **{"from": DRUGS, "to": "no.such"}) == []
    assert plan.run("paths", **{"from": "no.such", "to": DRUGS}) == []


def test_no_path_between_unconnected_nodes() -> None:
    graph = PlanGraph(
        {i: Node(i, "Chain", {"name": i, "name_en": i}) for i in ("chain.a", "chain.b", "chain.c")},
        [Edge("chain.a", "RELATES_TO", "chain.b", {})],
    )
    store = EmbeddedStore(graph)
    assert store.run("paths", **{"from": "chain.a", "to": "chain.c"}) == []
    assert len(store.run("paths", **{"from": "chain.b", "to": "chain.a"})) == 1


def test_two_relationships_between_two_chains_are_two_paths(seed_store: GraphStore) -> None:
    """新型储能 builds on 锂电 (附件#27), 锂电 is upstream of it (附件#23): two one-step paths."""
    rows = seed_store.run(
        "paths", **{"from": "chain.energy_storage", "to": "chain.lithium_battery"}
    )
    # in the canonical order of the answer (by the rows' JSON: the upstream edge's evidence,
    # "重点发展…", sorts after its "from"), not in the order networkx finds them
    assert [(r["nodes"], [e["kind"] for e in r["edges"]]) for r in rows] == [
        (["chain.energy_storage", "chain.lithium_battery"], ["upstream"]),
        (["chain.energy_storage", "chain.lithium_battery"], ["builds_on"]),
    ]


def test_chains_match_names_case_insensitively(plan: GraphStore) -> None:
    def chains(q: str) -> set[str]:
        return ids(plan.run("chains", group=None, tier=None, park=None, q=q))

    assert chains("FOOD") == {FOOD}  # Functional Food
    assert chains("化药") == {DRUGS}  # an alias
    assert chains("中药") == {TCM}
    assert chains("o") == {FOOD, PV, TCM}  # Functional Food, Photovoltaics, Modern Chinese Medicine
    assert chains("锂电") == set()
    assert ids(plan.run("chains", group=None, tier="tier.emerging", park=None, q=None)) == {PV}


def test_chains_filter_by_the_right_relationship(seed_store: GraphStore) -> None:
    """A group filter follows IN_GROUP (and SUBGROUP_OF), a tier filter IN_TIER, nothing else."""

    def chains(**params: str) -> set[str]:
        full: dict[str, str | None] = {"group": None, "tier": None, "park": None, "q": None}
        return ids(seed_store.run("chains", **(full | params)))

    assert chains(group="group.new_energy") == {"chain.pv", "chain.lithium_battery"}
    assert chains(group="tier.emerging") == set()  # a tier is no group
    assert chains(group="tech.perovskite_cell") == set()  # nor a product (FOCUSES_ON)
    assert chains(group="chain.lithium_battery") == set()  # nor a related chain
    assert chains(tier="group.future") == set()
    assert len(chains(tier="tier.future")) == 7


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("nodes", {"label": "Park"}),
        ("nodes", {"label": "Chain"}),
        ("links", {"id": HEALTH}),
        ("park_chains", {"id": PHARMA}),
        ("group_parks", {"id": HEALTH}),
        ("chains", {"group": HEALTH, "tier": None, "park": None, "q": None}),
    ],
)
def test_rows_come_in_one_canonical_order(
    plan: GraphStore, name: str, params: dict[str, Any]
) -> None:
    """Both stores give rows in the order of their JSON (keys sorted), whatever order the
    graph holds them in, so that answers compare equal."""
    rows = plan.run(name, **params)
    assert len(rows) > 1
    assert rows == sorted(rows, key=lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True))


def test_search_candidates(plan: GraphStore) -> None:
    assert ids(plan.run("search", q="示例生", lucene=None)) == {BIO_PORT}
    assert ids(plan.run("search", q="food", lucene=None)) == {FOOD, HEALTH_FOOD, FOOD_PARK}
    assert plan.run("search", q="zzz", lucene=None) == []


def test_department_duties_and_action_measures(seed_store: GraphStore) -> None:
    [duty] = seed_store.run("department_duties", id="dept.statistics")
    assert (duty["item"]["id"], duty["role"], duty["source"]) == (
        "safeguard.organization",
        "会同",
        "四(一)",
    )
    assert duty["evidence"] == "会同市统计局完善“大海新晨”产业体系统计监测机制"
    assert seed_store.run("department_duties", id="chain.pv") == []
    rows = seed_store.run(
        "action_measures", ids=["action.integration", "action.integration", "chain.pv"]
    )
    assert {
        (r["action"], r["measure"]["id"]): sorted(t["id"] for t in r["targets"]) for r in rows
    } == {
        ("action.integration", "measure.integration_1"): [
            "target.informatization_industrialization_level",
            "target.smart_manufacturing_factories",
        ],
        ("action.integration", "measure.integration_2"): [
            "target.service_oriented_manufacturers",
            "target.two_industries_benchmarks",
        ],
        ("action.integration", "measure.integration_3"): [
            "target.energy_saving_green_projects",
            "target.green_manufacturing_demos",
        ],
    }


def _carrying(order: list[tuple[str, str, dict[str, PropValue]]]) -> EmbeddedStore:
    """Return a store with park.p carrying what ``order`` lists, in that order."""
    graph = PlanGraph()
    for id, label in [
        ("park.p", "Park"),
        ("group.a", "Group"),
        ("group.b", "Group"),
        ("chain.c", "Chain"),
        ("chain.d", "Chain"),
        ("district.x", "District"),
    ]:
        graph.nodes[id] = Node(id, label, {"name": id, "name_en": id})
    located = Edge("park.p", "LOCATED_IN", "district.x", {})  # not a carrying link, and first
    graph.edges = [located, *(Edge("park.p", "CARRIES", to, props) for to, _, props in order)]
    return EmbeddedStore(graph)


B = ("group.b", "layout", {"role": "核心", "covers": ["chain.c", "chain.d"]})
A = ("group.a", "layout", {"role": "支撑", "covers": ["chain.c"]})
D = ("chain.d", "stated", {"role": "依托"})


@pytest.mark.parametrize("order", [[B, A, D], [D, A, B], [A, D, B], [B, D, A]])
def test_one_row_per_chain_whatever_the_order_of_the_links(
    order: list[tuple[str, str, dict[str, PropValue]]],
) -> None:
    """A stated link wins over a layout, and of two layouts the smaller group id wins, in
    whichever order the park's links come."""
    rows = _carrying(order).run("park_chains", id="park.p")
    assert sorted((r["chain"]["id"], r["basis"], r["carried"], r["role"]) for r in rows) == [
        ("chain.c", "derived", "group.a", "支撑"),
        ("chain.d", "stated", "chain.d", "依托"),
    ]
