"""Sub-groups through the contract, on a small hand-written plan (tests/fixtures/subgroups).

No chain of the shipped seed is in a sub-group, so there the ``SUBGROUP_OF`` and parent-group
branches of the queries never change an answer.  The fixture plan has 化学药 in the sub-group
生物医药 and 功能性食品 in 健康食品 (both under 大健康), 现代中药 in 大健康 itself, and parks
that carry the parent group, a sub-group, or a chain.  Every expected answer below is read off
tests/fixtures/subgroups/parks.yaml by hand; both stores must give it, and give identical rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chainkg.graph_loader.catalog import CATALOG
from chainkg.graph_loader.graph import PlanGraph, build_graph
from chainkg.graph_loader.neo4j_loader import load_graph
from chainkg.graph_loader.store import EmbeddedStore, GraphStore, Neo4jStore
from chainkg.graph_loader.validate import load_valid_seed
from tests.conftest import NEO4J_DB
from tests.test_contract import dump, each_case

FIXTURE = Path(__file__).parent / "fixtures" / "subgroups"

DRUGS, TCM, FOOD, PV = (
    "chain.chemical_drugs",
    "chain.modern_tcm",
    "chain.functional_food",
    "chain.pv",
)
HEALTH, BIO, HEALTH_FOOD = "group.health", "group.biomedicine", "group.health_food"
PHARMA, BIO_PORT, FOOD_PARK, TCM_PARK, PV_PARK = (
    "park.pharma_zone",
    "park.bio_port",
    "park.food_park",
    "park.tcm_park",
    "park.pv_park",
)

# (park, chain, basis, what the winning link carries, role): one row per park and chain.
# A stated link wins over a layout; among layouts the smallest group id (生物医药 before 大健康).
PAIRS = {
    (PHARMA, DRUGS, "derived", HEALTH, "核心"),
    (PHARMA, TCM, "derived", HEALTH, "核心"),
    (PHARMA, FOOD, "derived", HEALTH, "核心"),
    (BIO_PORT, DRUGS, "derived", BIO, "依托"),
    (BIO_PORT, TCM, "derived", HEALTH, "支点"),
    (FOOD_PARK, FOOD, "stated", FOOD, "依托"),
    (TCM_PARK, TCM, "stated", TCM, "依托"),
    (PV_PARK, PV, "stated", PV, "依托"),
}


def pairs(*, park: str | None = None, chains: set[str] | None = None) -> set[tuple[str, ...]]:
    """Return the expected rows of :data:`PAIRS` for a park, or for a set of chains."""
    return {
        p for p in PAIRS if (park is None or p[0] == park) and (chains is None or p[1] in chains)
    }


@pytest.fixture(scope="module")
def fixture_graph() -> PlanGraph:
    return build_graph(load_valid_seed(FIXTURE))


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def sub_store(request: pytest.FixtureRequest, fixture_graph: PlanGraph) -> Iterator[GraphStore]:
    """The fixture plan in each store.  Neo4j Community has one user database, so the
    fixture replaces the session's graph for this module and the shipped seed is loaded
    back afterwards, whatever the tests did."""
    if request.param == "embedded":
        yield EmbeddedStore(fixture_graph)
        return
    neo4j: Neo4jStore = request.getfixturevalue("neo4j_store")
    shipped: PlanGraph = request.getfixturevalue("graph")
    load_graph(neo4j.driver, NEO4J_DB, fixture_graph)
    try:
        yield neo4j
    finally:
        load_graph(neo4j.driver, NEO4J_DB, shipped)


def _rows(store: GraphStore, query: str, id: str) -> set[tuple[str, ...]]:
    """Return (park, chain, basis, carried, role) of each row; ``id`` is the park of a
    ``park_chains`` row and the chain of a ``chain_parks`` row."""
    out: set[tuple[str, ...]] = set()
    for r in store.run(query, id=id):
        park = r["park"]["id"] if "park" in r else id
        chain = r["chain"]["id"] if "chain" in r else id
        out.add((park, chain, r["basis"], r["carried"], r["role"]))
    return out


def test_the_fixture_plan_is_what_the_tests_say(fixture_graph: PlanGraph) -> None:
    in_group = {e.source: e.target for e in fixture_graph.edges if e.type == "IN_GROUP"}
    assert in_group == {DRUGS: BIO, FOOD: HEALTH_FOOD, TCM: HEALTH, PV: "group.new_energy"}
    parent = {e.source: e.target for e in fixture_graph.edges if e.type == "SUBGROUP_OF"}
    assert parent == {BIO: HEALTH, HEALTH_FOOD: HEALTH}


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        (HEALTH, {DRUGS, TCM, FOOD}),  # its own chain and those of both sub-groups
        (BIO, {DRUGS}),
        (HEALTH_FOOD, {FOOD}),
        ("group.new_energy", {PV}),
        ("group.nope", set()),
    ],
)
def test_chains_of_a_group_include_its_sub_groups(
    sub_store: GraphStore, group: str, expected: set[str]
) -> None:
    rows = sub_store.run("chains", group=group, tier=None, park=None, q=None)
    assert {r["node"]["id"] for r in rows} == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"park": PHARMA}, {DRUGS, TCM, FOOD}),  # the parent's layout reaches the sub-groups
        ({"park": BIO_PORT}, {DRUGS, TCM}),
        ({"park": FOOD_PARK}, {FOOD}),
        ({"park": PHARMA, "group": BIO}, {DRUGS}),
        ({"park": TCM_PARK, "group": HEALTH}, {TCM}),
        ({"park": TCM_PARK, "group": BIO}, set()),
        ({"tier": "tier.landmark", "group": HEALTH_FOOD}, {FOOD}),
        ({"group": HEALTH, "q": "food"}, {FOOD}),
        ({"group": HEALTH, "q": "化药"}, {DRUGS}),
    ],
)
def test_chains_filtered_by_park_group_tier_and_words(
    sub_store: GraphStore, params: dict[str, str], expected: set[str]
) -> None:
    full = {"group": None, "tier": None, "park": None, "q": None, **params}
    assert {r["node"]["id"] for r in sub_store.run("chains", **full)} == expected


@pytest.mark.parametrize("park", [PHARMA, BIO_PORT, FOOD_PARK, TCM_PARK, PV_PARK])
def test_park_chains_reach_into_sub_groups(sub_store: GraphStore, park: str) -> None:
    assert _rows(sub_store, "park_chains", id=park) == pairs(park=park)


@pytest.mark.parametrize("chain", [DRUGS, TCM, FOOD, PV])
def test_chain_parks_of_a_chain_in_a_sub_group(sub_store: GraphStore, chain: str) -> None:
    assert _rows(sub_store, "chain_parks", id=chain) == pairs(chains={chain})


@pytest.mark.parametrize(
    ("group", "chains"),
    [(HEALTH, {DRUGS, TCM, FOOD}), (BIO, {DRUGS}), (HEALTH_FOOD, {FOOD}), ("group.nope", set())],
)
def test_group_parks_of_a_parent_group_include_its_sub_groups(
    sub_store: GraphStore, group: str, chains: set[str]
) -> None:
    assert _rows(sub_store, "group_parks", id=group) == pairs(chains=chains)


def test_derived_rows_carry_the_layout_quote_and_assumption(sub_store: GraphStore) -> None:
    rows = {r["chain"]["id"]: r for r in sub_store.run("park_chains", id=BIO_PORT)}
    assert rows[DRUGS]["evidence"] == "生物医药，依托示例生物港"
    assert (
        rows[DRUGS]["assumption"] == "The 生物医药 layout is read to reach every chain of 生物医药."
    )
    assert rows[TCM]["covers_evidence"] == "重点发展化学药，兼顾现代中药"
    stated = sub_store.run("park_chains", id=FOOD_PARK)
    assert [(r["evidence"], r["covers_evidence"]) for r in stated] == [
        ("依托示例食品园，重点发展功能性食品", None)
    ]


def test_neighbourhood_and_links_of_a_sub_group(sub_store: GraphStore) -> None:
    links = {(r["type"], r["direction"], r["other"]["id"]) for r in sub_store.run("links", id=BIO)}
    assert links == {
        ("SUBGROUP_OF", "out", HEALTH),
        ("IN_TIER", "out", "tier.landmark"),
        ("IN_GROUP", "in", DRUGS),
        ("CARRIES", "in", BIO_PORT),
    }


# Every catalog query on the fixture plan, for the identical-answers contract.
CASES: dict[str, list[dict[str, Any]]] = {
    "node": [{"id": BIO}, {"id": "no.such"}],
    "nodes": [{"label": "Group"}, {"label": "Chain"}],
    "nodes_by_ids": [{"ids": [DRUGS, HEALTH_FOOD, "no.such"]}],
    "links": [{"id": HEALTH}, {"id": BIO_PORT}, {"id": FOOD}],
    "subgraph": [{"labels": None}, {"labels": ["Group", "Chain"]}],
    "chains": [
        {"group": g, "tier": None, "park": p, "q": None}
        for g in (None, HEALTH, BIO, HEALTH_FOOD)
        for p in (None, PHARMA, BIO_PORT, FOOD_PARK)
    ],
    "chain_parks": [{"id": c} for c in (DRUGS, TCM, FOOD, PV, HEALTH)],
    "park_chains": [{"id": p} for p in (PHARMA, BIO_PORT, FOOD_PARK, TCM_PARK, PV_PARK, BIO)],
    "group_parks": [{"id": g} for g in (HEALTH, BIO, HEALTH_FOOD, "group.new_energy", DRUGS)],
    "department_duties": [{"id": "dept.none"}],
    "action_measures": [{"ids": []}],
    "counts": [{}],
    "names": [{}],
    "search": [{"q": q, "lucene": None} for q in ("生物", "food", "示例")],
    "neighborhood": [
        {"id": BIO, "depth": 2, "types": None},
        {"id": HEALTH, "depth": 1, "types": ["SUBGROUP_OF", "IN_GROUP"]},
    ],
    "paths": [{"from": DRUGS, "to": FOOD}, {"from": BIO_PORT, "to": HEALTH_FOOD}],
}


def test_every_catalog_query_has_fixture_cases() -> None:
    assert set(CASES) == set(CATALOG)


@pytest.fixture(scope="module")
def fixture_embedded(fixture_graph: PlanGraph) -> EmbeddedStore:
    return EmbeddedStore(fixture_graph)


@pytest.mark.parametrize(
    "sub_store", [pytest.param("neo4j", marks=pytest.mark.neo4j)], indirect=True
)
@each_case(CASES)
def test_fixture_query_is_identical_on_both_stores(
    fixture_embedded: EmbeddedStore, sub_store: GraphStore, name: str, params: dict[str, Any]
) -> None:
    assert dump(sub_store.run(name, **params)) == dump(fixture_embedded.run(name, **params))
