"""The HTML routes of the app and ``chainkg maps``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from chainkg.api.main import create_app
from chainkg.cli import app as cli
from chainkg.graph_loader.store import EmbeddedStore, GraphStore
from chainkg.viz.assets import ASSETS_DIR, assets, fingerprint, media_type
from chainkg.viz.maps import map_pages, render_map
from tests.viz.test_html import map_data

PAGES = [
    "/",
    "/maps/overview",
    "/maps/graph",
    "/maps/chains/chain.pv",
    "/maps/parks/park.taixing_edz",
    "/maps/groups/group.new_energy",
    "/maps/departments/dept.miit",
]


@pytest.fixture(scope="module")
def client(embedded_store: EmbeddedStore) -> TestClient:
    return TestClient(create_app(embedded_store))


def test_the_app_mounts_the_maps(embedded_store: EmbeddedStore) -> None:
    paths = set(create_app(embedded_store).openapi()["paths"])
    assert {"/", "/maps/overview", "/maps/graph", "/maps/chains/{id}"} <= paths
    assert {"/maps/parks/{id}", "/maps/groups/{id}", "/maps/departments/{id}"} <= paths


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_html(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "path",
    [
        "/maps/chains/no.such",
        "/maps/chains/park.taixing_edz",
        "/maps/parks/chain.pv",
        "/maps/groups/dept.miit",
        "/maps/departments/group.health",
    ],
)
def test_unknown_ids_are_problems(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    kind = path.split("/")[2].rstrip("s")
    assert body["id"] == path.rsplit("/", 1)[1] and body["kind"] == kind
    assert body["status"] == 404 and body["instance"] == path


def test_language_parameter(client: TestClient) -> None:
    assert 'data-lang="en"' in client.get("/maps/chains/chain.pv?lang=en").text
    response = client.get("/maps/chains/chain.pv?lang=fr")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_the_served_chain_map_shows_the_chain(client: TestClient) -> None:
    """The page of 光伏 is its map: 新能源 and its tier, the two parks whose 新能源 layout
    二(三) reads as reaching 光伏, the products of its annex row, each linked to its own map."""
    html = client.get("/maps/chains/chain.pv").text
    title = 'data-text-en="Photovoltaics: chain map">光伏 产业链图谱</title>'
    assert title in html
    data = map_data(html)
    assert (data["kind"], data["id"]) == ("chain", "chain.pv")
    names = {n["id"]: n["label_zh"] for n in data["nodes"]}
    assert names["chain.pv"] == "光伏" and names["group.new_energy"] == "新能源"
    parks = {n["label_zh"]: n["href"] for n in data["nodes"] if n["type"] == "Park"}
    assert parks == {
        "海陵新能源产业园": "/maps/parks/park.hailing_new_energy_park",
        "姜堰经济开发区": "/maps/parks/park.jiangyan_edz",
    }
    carries = {(e["from"], e["to"]) for e in data["edges"] if e["type"] == "CARRIES"}
    assert carries == {
        ("park.hailing_new_energy_park", "group.new_energy"),
        ("park.jiangyan_edz", "group.new_energy"),
    }
    products = {n["label_zh"] for n in data["nodes"] if n["type"] == "Technology"}
    assert {"钙钛矿电池", "TOPCon", "太阳能电池组件", "智能逆变器"} <= products


def test_maps_are_identical_on_both_stores(
    embedded_store: EmbeddedStore, neo4j_store: GraphStore
) -> None:
    """Maps use only catalog queries, so Neo4j and the embedded store draw the same pages."""
    for kind, id in map_pages(embedded_store):
        assert render_map(neo4j_store, kind, id) == render_map(embedded_store, kind, id), (kind, id)


def test_cli_writes_the_static_site(tmp_path: Path, embedded_store: EmbeddedStore) -> None:
    result = CliRunner().invoke(cli, ["maps", "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "file://" in result.output
    files = {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*")}
    assert "index.html" in files and "maps/overview.html" in files
    assert "maps/chains/chain.pv.html" in files and "maps/departments/dept.miit.html" in files
    assert sum(f.endswith(".html") for f in files) == len(map_pages(embedded_store)) + 1


def test_cli_reports_a_broken_seed(tmp_path: Path) -> None:
    (tmp_path / "seed").mkdir()
    (tmp_path / "seed" / "chains.yaml").write_text("- id: [oops\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["maps", "--out", str(tmp_path / "site"), "--seed", str(tmp_path / "seed")]
    )
    assert result.exit_code == 1
    assert not (tmp_path / "site").exists()


def test_pages_link_to_the_shared_files_the_app_serves(client: TestClient) -> None:
    """Every page's scripts and style sheets are /assets/… files of the app, cached for a year
    under the current fingerprint, revalidated otherwise; an unknown one is a 404 problem."""
    seen: set[str] = set()
    for path in PAGES:
        html = client.get(path).text
        for url in re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"', html):
            assert url.startswith(f"/{ASSETS_DIR}/") and url.endswith(f"?v={fingerprint()}")
            seen.add(url)
    assert len(seen) == len(assets()) - 1  # every shared file but progress.js (on /progress)
    for url in seen:
        response = client.get(url)
        name = url.split("/")[-1].split("?")[0]
        assert response.status_code == 200, url
        assert response.content == assets()[name].encode("utf-8")
        assert response.headers["content-type"] == media_type(name)
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    stale = client.get(f"/{ASSETS_DIR}/map.js?v=old")
    assert stale.status_code == 200 and stale.headers["cache-control"] == "no-cache"
    again = client.get(f"/{ASSETS_DIR}/map.js", headers={"If-None-Match": stale.headers["etag"]})
    assert again.status_code == 304
    missing = client.get(f"/{ASSETS_DIR}/../seed/chains.yaml")
    assert missing.status_code == 404
    unknown = client.get(f"/{ASSETS_DIR}/nope.js")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
