"""The generated documents: offline, UTF-8, complete, honest (every edge is in the graph)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from chainkg.graph_loader.search import search
from chainkg.graph_loader.store import EmbeddedStore, GraphStore
from chainkg.viz.assets import ASSETS_DIR, VIS_VERSION, assets, vis_assets
from chainkg.viz.maps import MapKind, MapNotFound, map_pages, map_spec, page_path, render_map
from chainkg.viz.site import render_index
from chainkg.viz.text import tip_text

URL = re.compile(r"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s\"'<>)\\]*")
SAMPLES: list[tuple[MapKind, str | None]] = [
    ("overview", None),
    ("chain", "chain.pv"),
    ("chain", "chain.chemical_drugs"),
    ("park", "park.taixing_edz"),
    ("park", "park.pharma_hitech_zone"),
    ("group", "group.health"),
    ("department", "dept.miit"),
    ("department", "dept.statistics"),
    ("graph", None),
]


@pytest.fixture(scope="module")
def vis_urls() -> set[str]:
    """The URL strings inside vis-network itself: its licence header, core-js's error text
    and the SVG namespace.  None is fetched; they are the only ones a page may contain."""
    js, css = vis_assets()
    return set(URL.findall(js + css))


def map_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert match, "no map data in the page"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


SHARED = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)=\"([^\"]*)\"", re.I)


def assert_offline(html: str, vis_urls: set[str]) -> None:
    """No URL to another host, nothing fetched but the shared files of the site."""
    foreign = set(URL.findall(html)) - vis_urls
    assert foreign == set(), f"URLs to other hosts: {sorted(foreign)}"
    assert not re.search(r"<(iframe|img|object|embed)\b", html, re.I)
    for tag in re.findall(r"<link\b[^>]*>", html, re.I):
        assert 'rel="stylesheet"' in tag, tag
    for url in SHARED.findall(html):  # scripts and style sheets: the site's own assets only
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, url
        folder, _, name = parts.path.rpartition("/")
        assert folder.endswith(ASSETS_DIR) and name in assets(), url
    assert not re.search(r"@import|@font-face", html)
    for url in re.findall(r"url\(\s*[\"']?([^\"')]*)", html):
        assert url.startswith("data:"), url
    for href in re.findall(r'href="([^"]*)"', html):
        assert not urlsplit(href).netloc, href


def test_vis_network_is_the_pyvis_copy() -> None:
    js, css = vis_assets()
    assert f"@version {VIS_VERSION}" in js[:600]
    assert "dual licensed" in js[:1200] and ".vis-network" in css


@pytest.mark.parametrize(("kind", "id"), SAMPLES, ids=[f"{k}-{i}" for k, i in SAMPLES])
def test_map_is_offline_and_complete(
    embedded_store: EmbeddedStore, vis_urls: set[str], kind: MapKind, id: str | None
) -> None:
    html = render_map(embedded_store, kind, id)
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html
    assert_offline(html, vis_urls)
    data = map_data(html)
    spec = map_spec(embedded_store, kind, id)
    assert len(data["nodes"]) == len(spec.nodes) > 0
    assert {n["id"] for n in data["nodes"]} == {n.id for n in spec.nodes}
    for node in data["nodes"]:
        assert (
            node["label_zh"]
            and node["label_en"]
            and tip_text(node["title_zh"])
            and tip_text(node["title_en"])
        )
        if not data["physics"]:
            assert isinstance(node["x"], int | float) and isinstance(node["y"], int | float)
    for edge in data["edges"]:
        assert "出处：" in tip_text(edge["title_zh"]) and "原文：“" in tip_text(edge["title_zh"])
        assert "Source: " in tip_text(edge["title_en"]) and "Quote: “" in tip_text(edge["title_en"])


@pytest.mark.parametrize(("kind", "id"), SAMPLES, ids=[f"{k}-{i}" for k, i in SAMPLES])
def test_every_edge_drawn_is_in_the_graph(
    embedded_store: EmbeddedStore, kind: MapKind, id: str | None
) -> None:
    """No map invents a link: each edge is a stored relationship, with its evidence."""
    for edge in map_spec(embedded_store, kind, id).edges:
        stored = [
            r["edge"]
            for r in embedded_store.run("links", id=edge["from"])
            if r["type"] == edge["type"] and r["edge"]["to"] == edge["to"]
        ]
        assert stored, edge
        assert stored[0]["evidence"] == edge["evidence"]
        assert stored[0]["source"] == edge["source"]


def test_overview_is_the_system(embedded_store: EmbeddedStore) -> None:
    data = map_data(render_map(embedded_store, "overview"))
    labels = [n["type"] for n in data["nodes"]]
    assert labels.count("Chain") == 30 and labels.count("Tier") == 3 and labels.count("Plan") == 1
    chains = {n["id"]: n for n in data["nodes"] if n["type"] == "Chain"}
    for row in embedded_store.run("nodes", label="Chain"):
        assert chains[row["node"]["id"]]["figure"] == row["node"]["target_2027"]
    sizes = {i: n["size"] for i, n in chains.items()}
    assert sizes["chain.high_tech_ships"] > sizes["chain.pv"] > sizes["chain.hydrogen"]
    plan = next(n for n in data["nodes"] if n["type"] == "Plan")
    assert "大海新晨" in plan["label_zh"]
    tree = {e["type"] for e in data["edges"]}
    assert tree == {"PART_OF", "IN_TIER", "IN_GROUP", "SUBGROUP_OF"}


def test_chain_map_holds_what_the_issue_asks(embedded_store: EmbeddedStore) -> None:
    """Group, parks with role (also through the group), technologies, related chains,
    the five actions and their departments, for 光伏."""
    store = embedded_store
    data = map_data(render_map(store, "chain", "chain.pv"))
    ids = {n["id"] for n in data["nodes"]}
    links = store.run("links", id="chain.pv")
    assert "group.new_energy" in ids
    assert {r["park"]["id"] for r in store.run("chain_parks", id="chain.pv")} <= ids
    techs = {r["other"]["id"] for r in links if r["type"] == "FOCUSES_ON"}
    related = {r["other"]["id"] for r in links if r["type"] == "RELATES_TO"}
    assert techs and techs <= ids and related and related <= ids
    actions = {r["node"]["id"] for r in store.run("nodes", label="Action")}
    assert actions <= ids and "plan.taizhou_chains" in ids
    responsible = {
        e["from"] for e in data["edges"] if e["type"] == "RESPONSIBLE_FOR" and e["to"] in actions
    }
    assert {"dept.miit", "dept.ndrc", "dept.local_governments"} <= responsible
    carries = [e for e in data["edges"] if e["type"] == "CARRIES"]
    # both parks carry the 新能源 layout: drawn to the group, dashed and marked derived
    assert {e["label_zh"] for e in carries} == {"载体·推导"}
    assert {e["to"] for e in carries} == {"group.new_energy"} and all(e["dashes"] for e in carries)
    assert all(
        "由产业布局推导" in tip_text(e["title_zh"]) and "推导假设" in tip_text(e["title_zh"])
        for e in carries
    )
    assert all("Derived from the group layout" in tip_text(e["title_en"]) for e in carries)
    chain = next(n for n in data["nodes"] if n["id"] == "chain.pv")
    assert "2024年 304 → 2027年目标" in tip_text(chain["title_zh"]) and "所需年均增速" in tip_text(
        chain["title_zh"]
    )
    assert "Required annual growth" in tip_text(chain["title_en"])


@pytest.mark.parametrize("chain", ["chain.metal_materials", "chain.special_alloys"])
def test_metal_chain_maps_show_the_parks_the_plan_names(
    embedded_store: EmbeddedStore, chain: str
) -> None:
    data = map_data(render_map(embedded_store, "chain", chain))
    ids = {n["id"] for n in data["nodes"]}
    assert {"park.xinghua_hitech_zone", "park.jingjiang_edz"} <= ids
    assert not {"park.taixing_edz", "park.chemical_materials_park"} & ids
    carries = {(e["from"], e["to"], e["label_zh"]) for e in data["edges"] if e["type"] == "CARRIES"}
    assert carries == {
        ("park.xinghua_hitech_zone", chain, "依托"),
        ("park.jingjiang_edz", chain, "依托"),
    }


def test_park_roles_and_carried_chains(embedded_store: EmbeddedStore) -> None:
    data = map_data(render_map(embedded_store, "park", "park.pharma_hitech_zone"))
    ids = {n["id"] for n in data["nodes"]}
    carried = {r["chain"]["id"] for r in embedded_store.run("park_chains", id=data["id"])}
    assert carried <= ids
    roles = {e["label_zh"] for e in data["edges"] if e["type"] == "CARRIES"}
    assert roles == {"核心", "先导区"}
    assert data["physics"] is True  # a small map: physics, stopped once stable


def test_department_map_is_duties_measures_targets(embedded_store: EmbeddedStore) -> None:
    data = map_data(render_map(embedded_store, "department", "dept.science"))
    types = {n["type"] for n in data["nodes"]}
    assert types == {"Department", "Action", "Measure", "Target"}
    duties = {r["item"]["id"] for r in embedded_store.run("department_duties", id="dept.science")}
    assert duties <= {n["id"] for n in data["nodes"]}


def test_whole_graph_is_placed_in_python(embedded_store: EmbeddedStore) -> None:
    data = map_data(render_map(embedded_store, "graph"))
    rows = embedded_store.run("counts")
    assert len(data["nodes"]) == sum(r["count"] for r in rows if r["kind"] == "label")
    assert len(data["edges"]) == sum(r["count"] for r in rows if r["kind"] == "type")
    assert data["options"]["physics"]["enabled"] is False and data["physics"] is False
    assert data["layout"] == "spring"


def test_english_labels_by_request(embedded_store: EmbeddedStore) -> None:
    html = render_map(embedded_store, "chain", "chain.pv", lang="en")
    assert '<html lang="en" data-lang="en">' in html
    node = next(n for n in map_data(html)["nodes"] if n["id"] == "chain.pv")
    name_en = embedded_store.run("node", id="chain.pv")[0]["node"]["name_en"]
    assert node["label_en"] == name_en and node["label_zh"] == "光伏"
    assert tip_text(node["title_en"]).startswith(name_en + "\nChain · chain.pv\n")
    assert tip_text(node["title_zh"]).startswith("光伏\n" + name_en + "\n")


@pytest.mark.parametrize(
    ("kind", "id"),
    [("chain", "no.such"), ("chain", "park.taixing_edz"), ("park", "chain.pv"), ("group", None)],
)
def test_unknown_ids_raise(embedded_store: EmbeddedStore, kind: MapKind, id: str | None) -> None:
    with pytest.raises(MapNotFound) as info:
        render_map(embedded_store, kind, id)
    assert info.value.kind == kind and info.value.id == id


def test_front_page(embedded_store: EmbeddedStore, vis_urls: set[str]) -> None:
    html = render_index(embedded_store)
    assert_offline(html, vis_urls)
    assert 'href="/docs"' in html and "/api/v1/search" in html
    for path in ("/maps/overview", "/maps/graph", "/maps/chains/chain.pv"):
        assert f'href="{path}"' in html
    for path in ("/maps/parks/park.taixing_edz", "/maps/departments/dept.miit"):
        assert f'href="{path}"' in html
    assert "光伏" in html and "泰州医药高新区（高港区）" in html and "市工业和信息化局" in html
    static = render_index(embedded_store, static=True)
    assert_offline(static, vis_urls)
    assert "/docs" not in static and '"searchApi":null' in static


def test_front_page_index_matches_the_server_search(embedded_store: EmbeddedStore) -> None:
    """The offline index holds every name, English name and alias the server searches."""
    html = render_index(embedded_store, static=True)
    match = re.search(r'id="site-data">(.*?)</script>', html, re.S)
    assert match
    index = json.loads(match.group(1))["index"]
    assert len(index) == len(embedded_store.graph)
    by_id = {e[0]: e for e in index}
    hit = search(embedded_store, "医药高新区")[0]
    assert hit.id == "park.pharma_hitech_zone" and "医药高新区" in by_id[hit.id][4]


def test_static_site(site_dir: Path, embedded_store: GraphStore, vis_urls: set[str]) -> None:
    """Every page is written as UTF-8, works offline, and every relative link resolves."""
    files = sorted(site_dir.rglob("*.html"))
    assert len(files) == len(map_pages(embedded_store)) + 1
    assert (site_dir / page_path("chain", "chain.pv")).exists()
    for path in files:
        raw = path.read_bytes()
        html = raw.decode("utf-8")  # UTF-8 on every platform
        assert_offline(html, vis_urls)
        for href in re.findall(r'(?:href|src)="([^"]*)"', html):
            target = unquote(href.split("#", 1)[0])
            if target:
                assert (path.parent / target).resolve().is_file(), f"{path}: {href}"
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="maps/chains/chain.pv.html"' in index
    chain = (site_dir / "maps/chains/chain.pv.html").read_text(encoding="utf-8")
    assert 'href="../../index.html"' in chain
    assert '"href":"../parks/park.jiangyan_edz.html"' in chain
