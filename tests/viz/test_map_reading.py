"""Maps a person can read at 1440×900: a chain map leads with the chain (its own part large,
the responsibility block collapsed into one node that opens), labels measured in the
browser, the overview legible, and the whole graph filtered by type and group with a
search that focuses a node."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from chainkg.graph_loader.store import EmbeddedStore
from chainkg.viz.builders import RESPONSIBILITY, chain_spec, graph_spec, group_members
from tests.viz.conftest import Guard
from tools.chromium import READY_JS, wait_for

MIN_LABEL_PX = 12.0
"""The smallest label drawn on a map's opening view (vis draws labels on a canvas: the
size is the node's font size times the view's scale)."""
CHAIN_LABEL_PX = 18.0
"""The chain's own label on its map."""

COLLAPSED = (
    "chainkgMap.blocks.responsibility === 'collapsed'"
    " && chainkgMap.network.findNode('dept.miit').join() === 'block:responsibility,dept.miit'"
)
"""The responsibility block is one node: a department is found inside it."""
MEASURE = """() => {
  const net = chainkgMap.network, scale = net.getScale();
  const box = document.getElementById("net").getBoundingClientRect();
  const drawn = net.body.nodeIndices.filter((id) => !net.body.nodes[id].options.hidden);
  const px = (id) => net.body.nodes[id].options.font.size * scale;
  const inView = drawn.every((id) => {
    const p = net.canvasToDOM(net.getPosition(id));
    return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
  });
  return {scale, drawn, min: Math.min(...drawn.map(px)), inView,
          own: chainkgMap.id && net.body.nodes[chainkgMap.id] ? px(chainkgMap.id) : null,
          width: box.width, height: box.height};
}"""


@pytest.fixture
def window(browser: Browser, guarded_page: tuple[Page, Guard]) -> Iterator[tuple[Page, Guard]]:
    """A guarded page in a 1440×900 window."""
    page, guard = guarded_page
    page.set_viewport_size({"width": 1440, "height": 900})
    yield page, guard


def _open(page: Page, url: str) -> dict[str, Any]:
    page.goto(url)
    wait_for(page, READY_JS)
    measured: dict[str, Any] = page.evaluate(MEASURE)
    return measured


def test_the_responsibility_block_is_what_every_chain_shares(embedded_store: EmbeddedStore) -> None:
    spec = chain_spec(embedded_store, "chain.pv")
    block = {n.id: n.type for n in spec.nodes if n.block == RESPONSIBILITY}
    assert set(block.values()) == {"Plan", "Action", "Department"}
    assert list(block.values()).count("Action") == 5
    others = {n.type for n in spec.nodes if n.block is None}
    assert {"Chain", "Group", "Park", "Technology"} <= others
    assert not others & {"Plan", "Action", "Department"}
    for other in ("chain.hydrogen", "chain.chemical_drugs"):  # the same block on every chain
        assert {
            n.id for n in chain_spec(embedded_store, other).nodes if n.block == RESPONSIBILITY
        } == set(block)


@pytest.mark.browser
def test_chain_maps_lead_with_the_chain(
    window: tuple[Page, Guard], server_url: str, embedded_store: EmbeddedStore
) -> None:
    page, guard = window
    chains = [r["node"]["id"] for r in embedded_store.run("nodes", label="Chain")]
    assert len(chains) == 30
    smallest = []
    for chain in chains:
        m = _open(page, f"{server_url}/maps/chains/{chain}")
        assert page.evaluate(COLLAPSED), chain
        hidden = page.evaluate(
            """() => chainkgMap.nodes.get().filter((n) => n.block === "responsibility")
                 .filter((n) => chainkgMap.network.body.nodeIndices.includes(n.id)).length"""
        )
        assert hidden == 0, chain  # the block's nodes are inside the one collapsed node
        assert m["inView"], chain
        assert m["min"] >= MIN_LABEL_PX, (chain, m["min"])
        assert m["own"] >= CHAIN_LABEL_PX, (chain, m["own"])
        smallest.append((round(m["min"], 1), chain))
    print("\nsmallest label on a chain map at 1440x900:", min(smallest), "px")
    assert guard.errors == []


@pytest.mark.browser
def test_the_block_opens_and_closes(window: tuple[Page, Guard], server_url: str) -> None:
    page, guard = window
    _open(page, f"{server_url}/maps/chains/chain.pv")
    toggle = page.locator("input[data-block='responsibility']")
    assert not toggle.is_checked()
    toggle.check()
    assert not page.evaluate(COLLAPSED)
    layout = page.evaluate(
        """() => { const pos = chainkgMap.network.getPositions(), block = [], rest = [];
                   for (const n of chainkgMap.nodes.get()) {
                     (n.block === "responsibility" ? block : rest).push(pos[n.id].x); }
                   return {block: Math.min(...block), rest: Math.max(...rest),
                           drawn: chainkgMap.network.body.nodeIndices.length,
                           count: chainkgMap.nodes.length}; }"""
    )
    assert layout["drawn"] == layout["count"]  # every node drawn
    assert layout["block"] > layout["rest"]  # the block beside the chain's part, on its right
    toggle.uncheck()
    assert page.evaluate(COLLAPSED)
    # the collapsed node itself opens the block, and says what it holds in the page's language
    label = page.evaluate("chainkgMap.network.body.nodes['block:responsibility'].options.label")
    assert "5项行动" in label
    page.click("#lang-toggle")
    label = page.evaluate("chainkgMap.network.body.nodes['block:responsibility'].options.label")
    assert label.startswith("5 actions")
    point = page.evaluate(
        """() => { const net = chainkgMap.network;
                   const p = net.canvasToDOM(net.getPosition('block:responsibility'));
                   const box = document.getElementById('net').getBoundingClientRect();
                   return {x: box.left + p.x, y: box.top + p.y}; }"""
    )
    page.mouse.click(point["x"], point["y"])
    wait_for(page, "!(" + COLLAPSED + ")")
    assert toggle.is_checked()
    assert guard.errors == [], guard.errors


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["/maps/overview", "/maps/groups/group.health", "/maps/parks/park.taixing_edz"]
)
def test_labels_are_legible(window: tuple[Page, Guard], server_url: str, path: str) -> None:
    page, _guard = window
    m = _open(page, server_url + path)
    assert m["inView"]
    assert m["min"] >= (MIN_LABEL_PX if path == "/maps/overview" else 9.5), m


@pytest.mark.browser
def test_whole_graph_filters_and_search(
    window: tuple[Page, Guard], server_url: str, embedded_store: EmbeddedStore
) -> None:
    page, guard = window
    _open(page, f"{server_url}/maps/graph")
    (sub,) = embedded_store.run("subgraph", labels=None)
    members = group_members(sub["nodes"], sub["edges"])
    want = {i for i, groups in members.items() if "group.new_energy" in groups}
    assert {"group.new_energy", "chain.pv", "park.hailing_new_energy_park"} <= want
    page.select_option("#filter-group", "group.new_energy")
    visible = set(page.evaluate("chainkgMap.nodes.get().filter(n => !n.hidden).map(n => n.id)"))
    assert visible == want
    page.locator("#filters input[data-type='Technology']").uncheck()
    visible = set(page.evaluate("chainkgMap.nodes.get().filter(n => !n.hidden).map(n => n.id)"))
    assert visible == {i for i in want if not i.startswith("tech.")}
    assert page.evaluate(MEASURE)["inView"]  # the view fits what is left
    page.select_option("#filter-group", "")
    page.locator("#filters input[data-type='Technology']").check()
    assert page.evaluate("chainkgMap.nodes.get().filter(n => n.hidden).length") == 0
    # search: by Chinese, English or id; a hit focuses its node and shows its details
    for q, first in (("钙钛矿", "tech.perovskite_cell"), ("Photovoltaics", "chain.pv")):
        page.fill("#map-search", q)
        hit = page.locator("#map-search-hits button").first
        assert hit.get_attribute("data-id") == first
        hit.click()
        assert page.evaluate("chainkgMap.network.getSelectedNodes()") == [first]
        centre = page.evaluate(
            """(id) => { const net = chainkgMap.network, p = net.canvasToDOM(net.getPosition(id));
                         const box = document.getElementById('net').getBoundingClientRect();
                         return [p.x / box.width, p.y / box.height, net.getScale()]; }""",
            first,
        )
        assert abs(centre[0] - 0.5) < 0.05 and abs(centre[1] - 0.5) < 0.05 and centre[2] >= 1
        assert page.locator("#info").is_visible()
    # a node the filters hide is shown when searched for
    page.select_option("#filter-group", "group.health")
    page.fill("#map-search", "park.taixing_edz")
    page.press("#map-search", "Enter")
    assert page.evaluate("chainkgMap.network.getSelectedNodes()") == ["park.taixing_edz"]
    assert page.evaluate("chainkgMap.nodes.get('park.taixing_edz').hidden") is False
    assert guard.errors == [] or all("404" in e for e in guard.errors)  # a browser's favicon


def test_whole_graph_groups(embedded_store: EmbeddedStore) -> None:
    spec = graph_spec(embedded_store)
    ranked = sorted(
        (r["node"] for r in embedded_store.run("nodes", label="Group")),
        key=lambda n: (n.get("rank", 0), n["id"]),
    )
    assert [g["id"] for g in spec.filters or []] == [g["id"] for g in ranked]
    groups = {n.id: set(n.groups) for n in spec.nodes}
    assert groups["chain.pv"] == {"group.new_energy"}
    assert groups["group.biomedicine"] == {"group.biomedicine", "group.health"}  # a sub-group
    assert "group.new_materials" in groups["park.taixing_edz"]
    assert "group.health" in groups["chain.chemical_drugs"]
    assert groups["dept.miit"] == set() and groups["plan.taizhou_chains"] == set()
