"""The working mechanism in real headless chromium: the gap page and a chain page with its
挂钩 assignment and 招商 candidates (tests/qa/records.yaml, invented), under the pages' own
Content-Security-Policy and under a strict one that allows their inline scripts and styles by
hash only, with no violation and no request leaving the machine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from chainkg.api.main import create_app
from chainkg.graph_loader.store import EmbeddedStore
from chainkg.records.gaps import chain_gaps
from chainkg.records.store import RecordsStore
from tests.conftest import serve_app
from tests.qa.conftest import qa_records
from tests.viz.conftest import Guard, screenshot
from tests.viz.test_progress_browser import open_under_csp
from tools.chromium import wait_for

pytestmark = pytest.mark.browser
__all__ = ["qa_records"]  # the fixture, used by name

LAYERS_READY = "() => window.chainkgLayers && window.chainkgLayers.ready"
PV_CANDIDATES = ["示例钙钛矿科技", "示例逆变器制造", "示例电池片集团", "示例储能系统"]


@pytest.fixture(scope="module")
def served(embedded_store: EmbeddedStore, qa_records: RecordsStore) -> Iterator[str]:
    """The app on the embedded store with the question set's records, served by uvicorn."""
    with serve_app(create_app(embedded_store, records=qa_records)) as url:
        yield url


def test_the_gap_page_of_a_chain(
    guarded_page: tuple[Page, Guard],
    served: str,
    embedded_store: EmbeddedStore,
    qa_records: RecordsStore,
) -> None:
    page, guard = guarded_page
    open_under_csp(page, f"{served}/gaps/chains/chain.pv")
    expected = chain_gaps(embedded_store, qa_records, "chain.pv")
    rows = page.locator("tr.direction")
    expect(rows).to_have_count(len(expected.directions))
    statuses = rows.evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert statuses == sorted(statuses, key=lambda s: s != "open")  # open first
    assert statuses.count("covered") == expected.counts["covered"] == 1
    covered = page.locator("tr.direction[data-status='covered']")
    expect(covered).to_have_attribute("data-id", "tech.smart_inverters")
    expect(covered.locator("td.covers")).to_contain_text("示例逆变器制造")
    pursued = page.locator("tr[data-id='tech.perovskite_cell'] td.pursued")
    expect(pursued).to_contain_text("示例钙钛矿科技")  # 在谈: pursued, not covering
    expect(page.locator("#counts [data-status='open']")).to_have_text(str(expected.counts["open"]))
    expect(page.get_by_text("待补链").first).to_be_visible()
    screenshot(page, "gaps-chain-pv-zh")
    page.click("#lang-toggle")
    expect(page.locator("tr.direction[data-status='open'] td.status .en").first).to_be_visible()
    expect(page.locator("tr.direction td.status .zh").first).to_be_hidden()
    screenshot(page, "gaps-chain-pv-en")
    assert page.evaluate("window.__csp") == []
    download = page.locator(".downloads a").first.get_attribute("href")
    assert download == "/api/v1/gaps/chains/chain.pv?format=xlsx"
    assert guard.errors == [] and guard.blocked == []


def test_the_gap_pages_of_a_park_and_of_every_chain(
    guarded_page: tuple[Page, Guard], served: str
) -> None:
    page, guard = guarded_page
    open_under_csp(page, f"{served}/gaps/parks/park.hailing_new_energy_park")
    sections = page.locator("section.park-chain")
    assert sections.count() >= 2  # 光伏 and 锂电, through the 新能源 layout
    expect(page.locator(".carried[data-basis='derived']").first).to_be_visible()
    pv = page.locator("section#chain\\.pv")
    expect(pv.locator("tr[data-id='tech.smart_inverters']")).to_have_attribute(
        "data-status", "covered"
    )  # the signed candidate targets this park
    assert page.evaluate("window.__csp") == []
    open_under_csp(page, f"{served}/gaps")
    expect(page.locator("table.gap-index tbody tr")).to_have_count(30)
    page.locator("table.gap-index a[href='/gaps/chains/chain.pv']").click()
    expect(page.locator("tr.direction").first).to_be_visible()
    assert guard.errors == [] and guard.blocked == []


def _overlay(page: Page) -> list[str]:
    return list(
        page.evaluate(
            "() => window.chainkgMap.nodes.getIds().filter(id => "
            "id.startsWith('assignment:') || id.startsWith('candidate:'))"
        )
    )


def test_a_chain_map_with_its_assignment_and_candidates(
    guarded_page: tuple[Page, Guard], served: str
) -> None:
    page, guard = guarded_page
    page.goto(f"{served}/maps/chains/chain.pv")
    panel = page.locator("#mechanism-panel")
    expect(panel.locator(".leader")).to_contain_text("张示例")
    expect(panel.locator(".department a")).to_have_attribute("href", "/maps/departments/dept.miit")
    expect(panel.locator(".task-force")).to_contain_text("光伏产业链服务专班")
    counts = panel.locator("#pipeline li").evaluate_all(
        "items => Object.fromEntries(items.map(i => [i.dataset.stage, +i.dataset.count]))"
    )
    assert counts == {"线索": 1, "在谈": 2, "签约": 1, "开工": 0, "投产": 0}
    expect(panel.locator(".gaps-link a")).to_have_attribute("href", "/gaps/chains/chain.pv")
    wait_for(page, LAYERS_READY)
    drawn = _overlay(page)
    assert {f"candidate:chain.pv|{e}" for e in PV_CANDIDATES} <= set(drawn)
    assert {"assignment:chain.pv#leader", "assignment:chain.pv#task_force"} <= set(drawn)
    # the department is the map's own node (joined by a 牵头 edge), not drawn twice
    assert "assignment:chain.pv#department" not in drawn
    edges = page.evaluate("() => window.chainkgMap.edges.get().filter(e => e.layer)")
    assert any(e["from"] == "dept.miit" and e["to"] == "chain.pv" for e in edges)
    into = {e["from"]: e["to"] for e in edges}
    assert into["candidate:chain.pv|示例逆变器制造"] == "tech.smart_inverters"  # its direction
    positions = page.evaluate(
        "() => window.chainkgMap.network.getPositions(['candidate:chain.pv|示例逆变器制造'])"
    )
    spot = positions["candidate:chain.pv|示例逆变器制造"]
    assert all(abs(v) < 1e6 for v in (spot["x"], spot["y"]))
    screenshot(page, "chain-pv-mechanism")
    # each layer switches off and on again
    page.uncheck("#layer-candidates")
    assert not any(i.startswith("candidate:") for i in _overlay(page))
    assert any(i.startswith("assignment:") for i in _overlay(page))
    page.uncheck("#layer-assignment")
    assert _overlay(page) == []
    page.check("#layer-candidates")
    page.check("#layer-assignment")
    assert len(_overlay(page)) == len(drawn)
    # the language button relabels the layers too
    page.click("#lang-toggle")
    label = page.evaluate("() => window.chainkgMap.nodes.get('assignment:chain.pv#leader').label")
    assert label.startswith("City leader")
    stage = page.evaluate(
        "() => window.chainkgMap.nodes.get('candidate:chain.pv|示例储能系统').label"
    )
    assert stage.endswith("in talks")
    assert guard.errors == [] and guard.blocked == []


def test_a_chain_map_under_a_strict_policy(guarded_page: tuple[Page, Guard], served: str) -> None:
    """The chain page with its panel and layers, allowed its inline scripts and styles by
    hash only: no violation."""
    page, guard = guarded_page
    open_under_csp(page, f"{served}/maps/chains/chain.pv")
    wait_for(page, LAYERS_READY)
    page.uncheck("#layer-candidates")
    page.check("#layer-candidates")
    assert page.evaluate("window.__csp") == []
    assert guard.errors == []


def test_a_park_map_with_the_candidates_that_target_it(
    guarded_page: tuple[Page, Guard], served: str
) -> None:
    page, guard = guarded_page
    page.goto(f"{served}/maps/parks/park.taixing_edz")
    expect(page.locator("#mechanism-panel .leader")).to_contain_text("王示例")
    wait_for(page, LAYERS_READY)
    assert "assignment:park.taixing_edz#leader" in _overlay(page)
    page.goto(f"{served}/maps/parks/park.hailing_new_energy_park")
    wait_for(page, LAYERS_READY)
    drawn = _overlay(page)
    expected = {"candidate:chain.pv|示例钙钛矿科技", "candidate:chain.pv|示例逆变器制造"}
    assert set(drawn) == expected  # the two that target this park, nothing of another
    expect(page.locator("#assignment-none")).to_be_visible()
    assert guard.errors == [] and guard.blocked == []
