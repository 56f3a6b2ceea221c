"""The maps and the front page in real headless chromium, served by uvicorn and from disk.

Each page is opened twice: from the app on 127.0.0.1 and from the static site as a
``file://`` URL with no server.  Every request is intercepted; one leaving the machine
is aborted and fails the test (see ``guarded_page``).  Screenshots go to
``tests/artifacts/``.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from chainkg.graph_loader.search import search
from chainkg.graph_loader.store import GraphStore
from tests.test_contract import SEARCHES
from tests.viz.conftest import Guard, Url, screenshot
from tools.chromium import READY_JS, wait_for

pytestmark = pytest.mark.browser


# ----------------------------------------------------------------- what the store says


def expected_overview(store: GraphStore) -> set[str]:
    (sub,) = store.run("subgraph", labels=["Plan", "Tier", "Group", "Chain"])
    return {n["id"] for n in sub["nodes"]}


def expected_chain(store: GraphStore, id: str) -> set[str]:
    """The chain map's nodes, as documented in viz.maps, from the store's answers."""

    def others(node: str, *wanted: tuple[str, str]) -> set[str]:
        return {
            r["other"]["id"]
            for r in store.run("links", id=node)
            if (r["type"], r["direction"]) in wanted
        }

    ids = {id}
    ids |= others(
        id,
        *[("IN_GROUP", "out"), ("IN_TIER", "out"), ("FOCUSES_ON", "out")],
        *[(t, d) for t in ("ANCHORS", "CARRIES", "SUPPORTS", "RELATES_TO") for d in ("in", "out")],
    )
    groups = others(id, ("IN_GROUP", "out"))
    for group in groups:
        ids |= others(
            group,
            ("IN_TIER", "out"),
            ("SUBGROUP_OF", "out"),
            ("GOAL_OF", "in"),
            ("SUPPORTS", "in"),
            ("ANCHORS", "in"),
        )
    ids |= {r["park"]["id"] for r in store.run("chain_parks", id=id)}
    ids |= {o for n in list(ids) if n.startswith("proj.") for o in others(n, ("OWNS", "in"))}
    for tier in others(id, ("IN_TIER", "out")):
        ids |= others(tier, ("PART_OF", "out"))
    actions = {r["node"]["id"] for r in store.run("nodes", label="Action")}
    ids |= actions
    ids |= {
        r["other"]["id"]
        for a in actions
        for r in store.run("links", id=a)
        if r["type"] == "RESPONSIBLE_FOR"
    }
    return ids


def expected_park(store: GraphStore, id: str) -> set[str]:
    ids = {id} | {r["chain"]["id"] for r in store.run("park_chains", id=id)}
    ids |= {r["other"]["id"] for r in store.run("links", id=id)}
    return ids


MAPS: list[tuple[str, str | None, str, Callable[..., set[str]]]] = [
    ("overview", None, "chain.pv", expected_overview),
    ("chain", "chain.pv", "chain.pv", expected_chain),
    ("park", "park.taixing_edz", "park.taixing_edz", expected_park),
]

# ----------------------------------------------------------------- helpers


def open_map(page: Page, url: str) -> dict[str, Any]:
    page.goto(url)
    wait_for(page, READY_JS)
    state: dict[str, Any] = page.evaluate(
        """() => ({ready: chainkgMap.ready, placed: chainkgMap.placed,
                   count: chainkgMap.nodes.length, ids: chainkgMap.nodes.getIds(),
                   physics: chainkgMap.physics, layout: chainkgMap.layout})"""
    )
    return state


def node_point(page: Page, id: str) -> tuple[float, float]:
    """Return the page coordinates of a node's centre."""
    point: dict[str, float] = page.evaluate(
        """(id) => {
            const net = chainkgMap.network;
            const dom = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById("net").getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""",
        id,
    )
    return point["x"], point["y"]


def positions(page: Page) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate("chainkgMap.network.getPositions()")
    return result


# ----------------------------------------------------------------- the maps


@pytest.mark.parametrize(("kind", "id", "hover", "expected"), MAPS, ids=[m[0] for m in MAPS])
def test_map_draws_every_node_offline(
    guarded_page: tuple[Page, Guard],
    url: Url,
    mode: str,
    embedded_store: GraphStore,
    kind: str,
    id: str | None,
    hover: str,
    expected: Callable[..., set[str]],
) -> None:
    page, guard = guarded_page
    state = open_map(page, url(kind, id))
    want = expected(embedded_store) if id is None else expected(embedded_store, id)
    assert state["ready"] is True
    assert state["count"] == len(want) == state["placed"]
    assert set(state["ids"]) == want
    # the layout is final: physics is off (or was stopped once stable), nothing moves
    before = positions(page)
    page.wait_for_timeout(400)
    assert positions(page) == before
    # hovering a node shows its tooltip: names, figures or type, source and quote
    x, y = node_point(page, hover)
    page.mouse.move(x, y)
    tooltip = page.locator("div.vis-tooltip")
    expect(tooltip).to_be_visible(timeout=5_000)
    name = embedded_store.run("node", id=hover)[0]["node"]["name"]
    expect(tooltip).to_contain_text(name)
    expect(tooltip).to_contain_text("出处：")
    if hover.startswith("chain."):
        expect(tooltip).to_contain_text("2027年目标")
    screenshot(page, f"{mode}-{kind}")
    assert guard.errors == []
    assert guard.blocked == []


def test_language_toggle_on_a_map(guarded_page: tuple[Page, Guard], url: Url) -> None:
    page, guard = guarded_page
    open_map(page, url("chain", "chain.pv"))
    label = "chainkgMap.nodes.get('chain.pv').label"
    assert page.evaluate(label) == "光伏"
    page.click("#lang-toggle")
    assert page.evaluate(label) == "Photovoltaics"
    assert page.evaluate("document.documentElement.dataset.lang") == "en"
    expect(page.locator("h1 .en")).to_be_visible()
    page.click("#lang-toggle")
    assert page.evaluate(label) == "光伏"
    assert guard.errors == []


def test_double_click_opens_the_group_map(guarded_page: tuple[Page, Guard], url: Url) -> None:
    page, guard = guarded_page
    open_map(page, url("chain", "chain.pv"))
    x, y = node_point(page, "group.new_energy")
    page.mouse.dblclick(x, y)
    page.wait_for_url(url("group", "group.new_energy"))
    state = open_map(page, page.url)
    assert "chain.pv" in state["ids"] and state["ready"]
    assert guard.errors == []


# ----------------------------------------------------------------- the front page


def test_front_page_search(guarded_page: tuple[Page, Guard], url: Url, mode: str) -> None:
    page, guard = guarded_page
    page.goto(url("index"))
    expect(page.locator("table.chains tr[data-id='chain.pv']")).to_be_visible()
    for q, first in [("光伏", "chain.pv"), ("医药高新区", "park.pharma_hitech_zone")]:
        page.fill("#q", q)
        wait_for(page, "(q) => document.getElementById('hits').dataset.q === q", q)
        hits = page.locator("#hits li")
        expect(hits.first).to_have_attribute("data-id", first)
        source = page.get_attribute("#hits", "data-source")
        assert source == ("api" if mode == "served" else "local")
    if mode == "served":
        assert any("/api/v1/search?" in u for u in guard.allowed)
    screenshot(page, f"{mode}-index")
    page.click("#lang-toggle")
    expect(page.get_by_text("Chains and targets")).to_be_visible()
    # the first hit leads to a map that draws (from disk: with no server)
    page.click("#hits li >> nth=0 >> a")
    wait_for(page, READY_JS)
    assert page.evaluate("chainkgMap.id") == "park.pharma_hitech_zone"
    assert page.evaluate("chainkgMap.ready") is True
    assert guard.errors == []


def test_search_hit_without_a_map_opens_the_whole_graph_on_it(
    guarded_page: tuple[Page, Guard], url: Url
) -> None:
    page, guard = guarded_page
    page.goto(url("index"))
    page.fill("#q", "钙钛矿电池")
    wait_for(page, "() => document.getElementById('hits').dataset.q === '钙钛矿电池'")
    link = page.locator("#hits li[data-id='tech.perovskite_cell'] a")
    assert (link.get_attribute("href") or "").endswith("#tech.perovskite_cell")
    link.click()
    wait_for(page, READY_JS)
    assert page.evaluate("chainkgMap.kind") == "graph"
    assert page.evaluate("chainkgMap.network.getSelectedNodes()") == ["tech.perovskite_cell"]
    expect(page.locator("#info-text")).to_contain_text("钙钛矿电池")
    assert guard.errors == []


def test_offline_search_ranks_like_the_server(
    guarded_page: tuple[Page, Guard], site_dir: Path, embedded_store: GraphStore
) -> None:
    """The static page's client-side search gives the API's hits in the API's order."""
    page, _guard = guarded_page
    page.goto((site_dir / "index.html").as_uri())
    for q in SEARCHES:
        got = page.evaluate(
            "(q) => chainkgSearch.local(q, 500).map(h => [h.id, h.match, h.matched])", q
        )
        want = [[h.id, h.match, h.matched] for h in search(embedded_store, q, limit=500)]
        assert got == want, q


def test_chainkg_maps_output_opens_from_disk(
    guarded_page: tuple[Page, Guard], tmp_path: Path
) -> None:
    """The acceptance check: the files ``chainkg maps --out`` writes work as file:// URLs."""
    out = tmp_path / "usb-stick"
    done = subprocess.run(
        [str(Path(sys.executable).parent / "chainkg"), "maps", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    page, guard = guarded_page
    state = open_map(page, (out / "maps" / "chains" / "chain.pv.html").as_uri())
    assert state["ready"] and state["count"] == state["placed"] > 20
    assert all(u.startswith(("file:", "data:")) for u in guard.allowed)
    assert guard.errors == []


def test_api_docs_work_offline(guarded_page: tuple[Page, Guard], server_url: str) -> None:
    """/docs (Swagger UI) loads its scripts from the app, not from a CDN; no /redoc (it would)."""
    page, guard = guarded_page
    page.goto(f"{server_url}/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
    assert "chainkg" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = page.eval_on_selector_all(".opblock-summary-path", "els => els.map(e => e.textContent)")
    assert any("/api/v1/chains/{id}/parks" in p for p in paths)
    screenshot(page, "api-docs")
    assert page.goto(f"{server_url}/redoc").status == 404  # type: ignore[union-attr]
    assert guard.blocked == []
    assert any(url.endswith("swagger-ui-bundle.js") for url in guard.allowed)
