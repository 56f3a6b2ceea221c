"""The contract: every catalog query answers identically on the embedded store and Neo4j."""

from __future__ import annotations

import json
from typing import Any

import pytest

from chainkg.graph_loader.catalog import CATALOG
from chainkg.graph_loader.lists import DUTY_LABELS
from chainkg.graph_loader.recommend import CORPUS_LABELS
from chainkg.graph_loader.search import search
from chainkg.graph_loader.store import EmbeddedStore, GraphStore, Neo4jStore

# Every catalog query with parameter sets that exercise its branches (hits and misses).
CASES: dict[str, list[dict[str, Any]]] = {
    "node": [{"id": "chain.pv"}, {"id": "park.taixing_edz"}, {"id": "no.such"}],
    "nodes": [{"label": label} for label in ("Chain", "Park", "Technology", "Target", "None")],
    "nodes_by_ids": [{"ids": ["chain.pv", "park.taixing_edz", "no.such", "chain.pv"]}, {"ids": []}],
    "links": [
        {"id": "chain.pv"},
        {"id": "dept.miit"},
        {"id": "tech.perovskite_cell"},
        {"id": "no.such"},
    ],
    "subgraph": [
        {"labels": None},
        {"labels": ["Chain", "Group", "Tier"]},
        {"labels": []},
        {"labels": CORPUS_LABELS},  # the recommender's
        {"labels": DUTY_LABELS},  # 责任清单 and 年度目标清单
        {"labels": ["Enterprise", "Project", "Chain", "Group"]},  # 项目与企业清单
    ],
    "chains": [
        {"group": None, "tier": None, "park": None, "q": None},
        {"group": "group.health", "tier": None, "park": None, "q": None},
        {"group": "group.biomedicine", "tier": None, "park": None, "q": None},
        {"group": None, "tier": "tier.future", "park": None, "q": None},
        {"group": None, "tier": None, "park": "park.hailing_new_energy_park", "q": None},
        {"group": None, "tier": None, "park": "park.pharma_hitech_zone", "q": None},
        {"group": None, "tier": None, "park": "park.taixing_edz", "q": None},
        {"group": None, "tier": None, "park": "park.auto_parts_bases", "q": None},
        {"group": None, "tier": None, "park": "park.jingjiang_edz", "q": None},
        {"group": None, "tier": None, "park": "group.health", "q": None},
        {"group": "group.new_materials", "tier": None, "park": "park.taixing_edz", "q": None},
        {"group": None, "tier": None, "park": None, "q": "pv"},
        {"group": None, "tier": None, "park": None, "q": "汽车"},
        {"group": "group.new_energy", "tier": "tier.emerging", "park": None, "q": "锂"},
        {"group": "no.such", "tier": None, "park": None, "q": None},
    ],
    "chain_parks": [
        {"id": "chain.pv"},
        {"id": "chain.chemical_drugs"},
        {"id": "chain.aerospace"},
        {"id": "chain.hydrogen"},
        {"id": "chain.metal_materials"},
        {"id": "chain.special_alloys"},
        {"id": "chain.auto_parts"},
        {"id": "chain.nev"},
        {"id": "chain.electronics"},
        {"id": "chain.fine_chemicals"},
        {"id": "chain.high_tech_ships"},
        {"id": "park.taixing_edz"},
        {"id": "no.such"},
    ],
    "park_chains": [
        {"id": "park.pharma_hitech_zone"},
        {"id": "park.taixing_edz"},
        {"id": "park.jingjiang_aviation_park"},
        {"id": "park.auto_parts_bases"},
        {"id": "park.chemical_materials_park"},
        {"id": "park.xinghua_hitech_zone"},
        {"id": "park.riverside_area"},
        {"id": "chain.pv"},
        {"id": "no.such"},
    ],
    "group_parks": [
        {"id": "group.health"},
        {"id": "group.new_materials"},
        {"id": "group.smart_manufacturing"},
        {"id": "group.future"},
        {"id": "group.new_energy"},
        {"id": "group.biomedicine"},
        {"id": "chain.pv"},
        {"id": "no.such"},
    ],
    "department_duties": [
        {"id": "dept.miit"},
        {"id": "dept.local_governments"},
        {"id": "dept.statistics"},
        {"id": "no.such"},
    ],
    "action_measures": [
        *({"ids": [f"action.{a}"]} for a in ("innovation", "projects", "enterprises")),
        {"ids": ["action.integration", "action.ecosystem", "action.integration", "no.such"]},
        {"ids": []},
    ],
    "counts": [{}],
    "names": [{}],
    "search": [{"q": q, "lucene": None} for q in ("光", "pv", "医药高新区", "大海新晨", "zzz")],
    "neighborhood": [
        {"id": "chain.pv", "depth": 1, "types": None},
        {"id": "chain.pv", "depth": 2, "types": ["CARRIES", "IN_GROUP"]},
        {"id": "park.taixing_edz", "depth": 2, "types": None},
        {"id": "group.health", "depth": 3, "types": None},
        {"id": "dept.miit", "depth": 3, "types": ["RESPONSIBLE_FOR", "HAS_MEASURE", "HAS_TARGET"]},
        {"id": "no.such", "depth": 1, "types": None},
    ],
    "paths": [
        {"from": "chain.pv", "to": "dept.miit"},
        {"from": "park.taixing_edz", "to": "tech.perovskite_cell"},
        {"from": "chain.pv", "to": "chain.pv"},
        {"from": "chain.pv", "to": "no.such"},
    ],
}

SEARCHES = [
    "光伏",
    "光",
    "医药高新区",
    "大海新晨",
    "“大海新晨”产业体系",
    "化学新材料",
    "储能",
    "CGT",
    "Photovoltaic",
    "photo",
    "TOPCon",
    "钙钛矿",
    "ADC",
    "CAR-T",
    "发改委",
    "泰兴",
    "n",
    "the",
    "400系",
    "Health and",
    "锂电池",
    "zzz",
]


def test_every_catalog_query_has_cases() -> None:
    assert set(CASES) == set(CATALOG)


def dump(rows: list[dict[str, Any]]) -> str:
    """Return rows as JSON text, so that answers compare value by value (1 is not 1.0)."""
    return json.dumps(rows, ensure_ascii=False, sort_keys=True)


def each_case(cases: dict[str, list[dict[str, Any]]]) -> pytest.MarkDecorator:
    """Return a parametrize mark: one test per query and parameter set, named ``query-i``."""
    return pytest.mark.parametrize(
        ("name", "params"),
        [(n, p) for n, ps in cases.items() for p in ps],
        ids=[f"{n}-{i}" for n, ps in cases.items() for i in range(len(ps))],
    )


@each_case(CASES)
def test_query_is_identical_on_both_stores(
    embedded_store: EmbeddedStore, neo4j_store: Neo4jStore, name: str, params: dict[str, Any]
) -> None:
    expected = embedded_store.run(name, **params)
    actual = neo4j_store.run(name, **params)
    assert dump(actual) == dump(expected)


def test_cases_are_not_vacuous(embedded_store: EmbeddedStore) -> None:
    """Every query has a case with rows and most cases return something, so that identical
    answers mean something (the rest are deliberate misses: unknown ids, empty id lists)."""
    empty = [(n, p) for n, ps in CASES.items() for p in ps if not embedded_store.run(n, **p)]
    answered = {n for n, ps in CASES.items() for p in ps if embedded_store.run(n, **p)}
    total = sum(map(len, CASES.values()))
    assert answered == set(CASES), sorted(set(CASES) - answered)
    assert len(empty) <= total // 3, empty
    assert total >= 50


@pytest.mark.parametrize("q", SEARCHES)
def test_search_is_identical_on_both_stores(
    embedded_store: EmbeddedStore, neo4j_store: Neo4jStore, q: str
) -> None:
    assert search(neo4j_store, q, limit=500) == search(embedded_store, q, limit=500)


def test_answers_are_real(store: GraphStore) -> None:
    """Spot checks against the plan on each store, so both cannot be wrong together."""
    parks = {r["park"]["name"]: r["role"] for r in store.run("chain_parks", id="chain.pv")}
    assert parks == {"海陵新能源产业园": "载体", "姜堰经济开发区": "载体"}
    carried = {r["chain"]["name"] for r in store.run("park_chains", id="park.taixing_edz")}
    assert carried == {"精细化工", "石油化工", "化工新材料"}
    metal = {
        r["park"]["name"]: r["basis"] for r in store.run("chain_parks", id="chain.metal_materials")
    }
    assert metal == {"兴化高新区": "stated", "靖江经济技术开发区": "stated"}
    bases = [r for r in store.run("park_chains", id="park.auto_parts_bases")]
    assert sorted((r["chain"]["id"], r["basis"]) for r in bases) == [
        ("chain.auto_parts", "stated"),
        ("chain.nev", "derived"),
    ]
    future = {
        (r["park"]["id"], r["chain"]["id"]) for r in store.run("group_parks", id="group.future")
    }
    assert future == {
        ("park.jingjiang_aviation_park", "chain.aerospace"),
        ("park.pharma_hitech_zone", "chain.synthetic_biology"),
    }
    duties = {r["item"]["id"] for r in store.run("department_duties", id="dept.statistics")}
    assert duties == {"safeguard.organization"}
    duties = {r["item"]["id"] for r in store.run("department_duties", id="dept.miit")}
    assert "plan.taizhou_chains" in duties and "safeguard.organization" in duties
    hits = search(store, "医药高新区")
    assert hits[0].id == "park.pharma_hitech_zone" and hits[0].match == "alias"
    assert search(store, "大海新晨")[0].id == "plan.taizhou_chains"
    counts = {r["name"]: r["count"] for r in store.run("counts") if r["kind"] == "label"}
    assert counts["Chain"] == 30 and counts["Action"] == 5
