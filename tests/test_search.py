"""Search ranking and the full-text query (graph_loader/search.py): a small graph, the plan."""

from __future__ import annotations

import pytest

from chainkg.graph_loader.graph import Node, PlanGraph, PropValue
from chainkg.graph_loader.search import classify, lucene_query, normalize, search
from chainkg.graph_loader.store import EmbeddedStore


@pytest.mark.parametrize(
    ("q", "lucene"),
    [
        ("光伏", '"光伏"'),
        ("化学新材料", '"化学" OR "学新" OR "新材" OR "材料"'),
        ("光", None),  # one CJK character: no bigram to look up
        ("n", None),  # could be inside a dropped stop word (and, in, no …)
        ("the", None),  # a stop word alone
        ("a-b", None),  # both words could lie inside stop words
        ("TOPCon 电池", '*topcon* OR "电池"'),
        ("Photo  Voltaic", "*photo* OR *voltaic*"),
        ("储能 the", '"储能"'),
        ("2030", "*2030*"),
        ("CAR-T", "*car* OR *t*"),
        ("光伏 光伏", '"光伏"'),  # each term once
        ("医药 high", '"医药" OR *high*'),
    ],
)
def test_lucene_query(q: str, lucene: str | None) -> None:
    assert lucene_query(q) == lucene


def test_normalize_trims_folds_and_lowers() -> None:
    assert normalize("  Photo \t Voltaic\n") == "photo voltaic"
    assert normalize("光伏") == "光伏" and normalize("   ") == ""


@pytest.mark.parametrize(
    ("node", "q", "found"),
    [
        ({"name": "光伏", "name_en": "PV"}, "光伏", ("exact", "光伏")),
        ({"name": "光伏", "name_en": "Photovoltaics"}, "photovoltaics", ("exact", "Photovoltaics")),
        ({"name": "新型储能", "name_en": "x", "aliases": ["储能"]}, "储能", ("alias", "储能")),
        ({"name": "储能系统", "name_en": "x", "aliases": ["储能"]}, "储能", ("alias", "储能")),
        ({"name": "储能系统", "name_en": "x"}, "储能", ("prefix", "储能系统")),
        ({"name": "电网侧储能", "name_en": "x"}, "储能", ("substring", "电网侧储能")),
        # the best match wins, and the first of equals
        (
            {"name": "侧储能", "name_en": "储能 x", "aliases": ["大储能"]},
            "储能",
            ("prefix", "储能 x"),
        ),
        ({"name": "a储能", "name_en": "b储能"}, "储能", ("substring", "a储能")),
        ({"name": "Solar  PV", "name_en": "x"}, "solar pv", ("exact", "Solar  PV")),
        ({"name": "光伏", "name_en": "x"}, "锂电", None),
        ({"name": "", "name_en": "", "aliases": [""]}, "", None),
    ],
)
def test_classify(node: dict[str, object], q: str, found: tuple[str, str] | None) -> None:
    assert classify(node, q) == found


def small_store() -> EmbeddedStore:
    graph = PlanGraph()
    for id, label, name, name_en, aliases in [
        ("chain.b", "Chain", "储能", "Storage", []),
        ("tech.b", "Technology", "储能系统", "Storage systems", []),
        ("tech.a", "Technology", "储能设备", "Storage devices", []),
        ("tech.c", "Technology", "用户侧储能", "User-side storage", []),
        ("chain.a", "Chain", "新型储能", "New storage", ["储能"]),
        ("chain.c", "Chain", "一体化储能", "Integrated storage", ["储能"]),
        ("park.a", "Park", "储能产业园区", "Storage park", []),
    ]:
        props: dict[str, PropValue] = {"name": name, "name_en": name_en}
        if aliases:
            props["aliases"] = aliases
        graph.nodes[id] = Node(id, label, props)
    return EmbeddedStore(graph)


def test_search_ranks_exact_alias_prefix_substring_then_length_name_and_id() -> None:
    hits = search(small_store(), " 储能 ", limit=None)
    assert [(h.id, h.match, h.matched) for h in hits] == [
        ("chain.b", "exact", "储能"),  # before the aliases, although 一 sorts before 储
        ("chain.c", "alias", "储能"),  # equals by rank and length: by name, 一 before 新
        ("chain.a", "alias", "储能"),
        ("tech.b", "prefix", "储能系统"),  # 储能系统 and 储能设备 are as long: by name
        ("tech.a", "prefix", "储能设备"),
        ("park.a", "prefix", "储能产业园区"),
        ("tech.c", "substring", "用户侧储能"),
    ]
    assert hits[2].name == "新型储能" and hits[2].name_en == "New storage"
    assert hits[2].type == "Chain"


def test_search_limit_types_and_empty_query() -> None:
    store = small_store()
    assert [h.id for h in search(store, "储能", limit=2)] == ["chain.b", "chain.c"]
    assert len(search(store, "储能")) == 7  # the default limit (20) keeps all
    assert [h.id for h in search(store, "储能", types=["Technology", "Park"], limit=None)] == [
        "tech.b",
        "tech.a",
        "park.a",
        "tech.c",
    ]
    assert len(search(store, "储能", types=[], limit=None)) == 7  # no filter
    assert search(store, "   ") == [] and search(store, "") == []
    assert [h.id for h in search(store, "STORAGE DEV")] == ["tech.a"]


def test_search_on_the_plan(embedded_store: EmbeddedStore) -> None:
    hits = search(embedded_store, "储能", limit=None)
    assert [(h.id, h.match) for h in hits[:3]] == [
        ("chain.energy_storage", "alias"),
        ("tech.energy_storage_systems", "prefix"),
        ("tech.energy_storage_lithium_batteries", "prefix"),
    ]
    assert len(search(embedded_store, "光", limit=None)) == 8
    assert len(search(embedded_store, "产业", limit=None)) == 37
    assert len(search(embedded_store, "产业")) == 20  # the default limit
    assert [h.id for h in search(embedded_store, "光", limit=3)] == [
        "chain.pv",
        "tech.solar_cells",
        "tech.solar_modules",
    ]
