"""Fidelity: every park–chain pair the API answers, on both stores, read against the plan.

The general checks (:mod:`tests.fidelity.checks`) run over every pair of every answer; the
negative cases are the misreadings issue 9 found; the tampered seeds show that the checks
catch a layout read too widely.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from chainkg.graph_loader.store import EmbeddedStore, GraphStore
from chainkg.viz.maps import render_map
from chainkg.viz.site import render_index
from tests.api.conftest import TestClient, make_client
from tests.fidelity.checks import CHECKS, Answers, all_problems, collect

METAL = ("chain.metal_materials", "chain.special_alloys")
CHEMICAL_PARKS = ("park.taixing_edz", "park.chemical_materials_park")
METAL_PARKS = {"park.xinghua_hitech_zone", "park.jingjiang_edz"}
UNPLACED = ("chain.electronics", "chain.intelligent_equipment", "chain.energy_saving_env")
AUTO_LAYOUT = ("park.taizhou_port_edz", "park.auto_parts_bases")
ROUTES = (
    "/chains/{id}/parks",
    "/chains/{id}",
    "/parks/{id}/chains",
    "/parks/{id}",
    "/chains?park={id}",
    "/groups/{id}",
)
"""Every route that answers park–chain pairs."""


@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__ for c in CHECKS])
def test_the_api_is_faithful_to_the_plan(
    answers: Answers, check: Callable[[Answers], list[str]]
) -> None:
    assert check(answers) == []


def test_the_suite_reads_every_pair(answers: Answers) -> None:
    """Not vacuous: every route answered, derived and stated rows both present."""
    assert set(answers.family.values()) == set(ROUTES)
    assert {p.row["basis"] for p in answers.rows} == {"stated", "derived"}
    assert len({(p.park, p.chain) for p in answers.rows}) >= 40


def _pairs(answers: Answers, route: str) -> set[tuple[str, str]]:
    return {
        pair
        for url, pairs in answers.listed.items()
        if answers.family[url] == route
        for pair in pairs
    }


@pytest.mark.parametrize("route", ROUTES)
def test_the_metal_chains_are_where_the_plan_puts_them(answers: Answers, route: str) -> None:
    """二(三): 依托兴化高新区、靖江经济开发区，重点发展先进钢铁材料、特种合金材料… — not the
    chemical core 泰兴经济开发区 nor 化学新材料产业园."""
    pairs = _pairs(answers, route)
    for chain in METAL:
        parks = {p for p, c in pairs if c == chain}
        assert parks == METAL_PARKS, (route, chain)
    for park in CHEMICAL_PARKS:
        assert not {c for p, c in pairs if p == park} & set(METAL), (route, park)


@pytest.mark.parametrize("route", ROUTES)
def test_the_new_vehicle_layout_does_not_reach_the_other_smart_chains(
    answers: Answers, route: str
) -> None:
    """二(三): the 新智造 layout belongs to the sentence on new-energy vehicles; 同时，…做大做强
    电子信息、智能装备、航空航天、节能环保等产业链 names no park; 空天装备 has its own carrier."""
    pairs = _pairs(answers, route)
    assert not {(p, c) for p, c in pairs if p in AUTO_LAYOUT and c in UNPLACED}
    assert {p for p, c in pairs if c == "chain.aerospace"} == {"park.jingjiang_aviation_park"}
    assert {c for p, c in pairs if p == "park.taizhou_port_edz"} == {
        "chain.nev",
        "chain.auto_parts",
    }


def test_the_acceptance_answers(client: TestClient) -> None:
    for chain in METAL:
        parks = client.get(f"/api/v1/chains/{chain}/parks").json()["parks"]
        assert {p["name"] for p in parks} == {"兴化高新区", "靖江经济技术开发区"}
        assert {(p["basis"], p["role"], p["via"]) for p in parks} == {("stated", "依托", None)}
    bases = client.get("/api/v1/parks/park.auto_parts_bases/chains").json()["chains"]
    assert [(c["id"], c["basis"]) for c in bases] == [
        ("chain.nev", "derived"),
        ("chain.auto_parts", "stated"),
    ]
    materials = {
        p["id"]: p for p in client.get("/api/v1/groups/group.new_materials").json()["parks"]
    }
    assert set(materials) == set(CHEMICAL_PARKS) | METAL_PARKS
    assert [c["id"] for c in materials["park.xinghua_hitech_zone"]["chains"]] == list(METAL)
    assert materials["park.xinghua_hitech_zone"]["role"] is None  # named for chains, no layout
    assert materials["park.taixing_edz"]["role"] == "核心"
    assert materials["park.taixing_edz"]["covers"] == [
        "chain.fine_chemicals",
        "chain.petrochemicals",
        "chain.new_chemical_materials",
    ]
    future = client.get("/api/v1/groups/group.future").json()["parks"]
    assert {(p["id"], c["id"]) for p in future for c in p["chains"]} == {
        ("park.jingjiang_aviation_park", "chain.aerospace"),
        ("park.pharma_hitech_zone", "chain.synthetic_biology"),
    }


def _map_parks(store: GraphStore, chain: str) -> dict[str, list[dict[str, Any]]]:
    html = render_map(store, "chain", chain)
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert match
    data = yaml.safe_load(match.group(1))  # JSON is YAML
    parks = {n["id"] for n in data["nodes"] if n["type"] == "Park"}
    return {
        p: [e for e in data["edges"] if e["type"] == "CARRIES" and e["from"] == p] for p in parks
    }


def test_chain_maps_draw_each_park_once_as_the_api_answers(
    store: GraphStore, answers: Answers
) -> None:
    """Every chain map: the parks of /chains/{id}/parks and no other; a stated park joined to
    the chain, a derived one to its group, dashed and marked derived."""
    for chain in answers.names.chain_rank:
        rows = {p.park: p.row for p in answers.rows if p.where == f"/chains/{chain}/parks"}
        drawn = _map_parks(store, chain)
        assert set(drawn) == set(rows), chain
        for park, edges in drawn.items():
            row = rows[park]
            target = chain if row["basis"] == "stated" else row["via"]
            assert [e["to"] for e in edges] == [target], (chain, park)
            assert edges[0]["dashes"] == (row["basis"] == "derived"), (chain, park)
            assert edges[0]["label_zh"].endswith("推导") == (row["basis"] == "derived")


def test_the_front_page_lists_each_chain_once_per_park(store: GraphStore, answers: Answers) -> None:
    html = render_index(store)
    for park in answers.names.parks:
        row = re.search(rf'<tr data-id="{re.escape(park)}">(.*?)</tr>', html, re.S)
        assert row, park
        chips = re.findall(
            r'<a href="[^"]*?(chain\.[a-z0-9_]+)[^"]*"( class="derived[^"]*")?', row.group(1)
        )
        want = {p.chain: p.row["basis"] for p in answers.rows if p.where == f"/parks/{park}/chains"}
        assert [c for c, _ in chips] == sorted(want, key=answers.names.chain_rank.__getitem__)
        assert {c: "derived" if d else "stated" for c, d in chips} == want


# ----------------------------------------------------------------- the checks can fail


def _tampered(seed_dir: Path, tmp_path: Path, park: str, chains: Any) -> EmbeddedStore:
    """Return a store of the seed with ``park``'s layout reaching ``chains``."""
    target = tmp_path / "seed"
    shutil.copytree(seed_dir, target)
    path = target / "parks.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    record = next(r for r in data if r["id"] == park)
    record["carries"][0]["covers"]["chains"] = chains
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return EmbeddedStore.from_seed(target)


@pytest.mark.parametrize(
    ("park", "chain", "why"),
    [
        ("park.taixing_edz", "chain.special_alloys", "the paragraph gives it to"),
        ("park.chemical_materials_park", "chain.metal_materials", "the paragraph gives it to"),
        ("park.taizhou_port_edz", "chain.electronics", "in a sentence without a park"),
        ("park.auto_parts_bases", "chain.energy_saving_env", "in a sentence without a park"),
    ],
)
def test_a_layout_read_for_the_whole_group_is_caught(
    seed_dir: Path, tmp_path: Path, plan_text: str, park: str, chain: str, why: str
) -> None:
    """The pre-fix reading (the layout reaches every chain of its group) fails the suite."""
    store = _tampered(seed_dir, tmp_path, park, "all")
    with make_client(store) as client:
        problems = all_problems(collect(client, plan_text))
    assert any(park in p and chain in p and why in p for p in problems), problems
