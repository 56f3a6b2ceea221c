"""The progress page with the demo data, in real headless chromium: charts drawn, statuses
shown, no request leaving the machine, and no violation of a strict Content-Security-Policy
(every inline script and style allowed by its hash only: no inline handler, no eval, no
``style=`` attribute, nothing external)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from chainkg.api.main import create_app
from chainkg.graph_loader.store import EmbeddedStore
from chainkg.records.actuals import ACTUAL_SHEETS, ACTUALS
from chainkg.records.excel import import_workbook
from chainkg.records.store import SqliteRecords
from tests.conftest import serve_app
from tests.viz.conftest import Guard, screenshot
from tools.chromium import wait_for

pytestmark = pytest.mark.browser

DEMO = Path(__file__).resolve().parent.parent.parent / "examples" / "demo-actuals-invented.xlsx"
WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""


@pytest.fixture(scope="module")
def demo_url(
    embedded_store: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The app on the embedded store, with the demo workbook imported into its records."""
    records = SqliteRecords(tmp_path_factory.mktemp("demo") / "records.sqlite3")
    import_workbook(
        ACTUALS,
        ACTUAL_SHEETS,
        DEMO.read_bytes(),
        embedded_store,
        records,
        actor="demo",
        origin=None,
    )
    with serve_app(create_app(embedded_store, records=records)) as url:
        yield url


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def strict_csp(html: str) -> str:
    """Return a CSP that allows this page's own inline scripts and styles, by hash, the
    site's own files (the shared scripts and styles), and nothing else."""
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    styles = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self' " + " ".join(_hash(s) for s in scripts),
            "style-src 'self' " + " ".join(_hash(s) for s in styles),
            "img-src data:",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def open_under_csp(page: Page, url: str) -> None:
    def with_csp(route: Route) -> None:
        response = route.fetch()
        html = response.text()
        headers = {**response.headers, "content-security-policy": strict_csp(html)}
        route.fulfill(response=response, headers=headers, body=html)

    page.add_init_script(WATCH_CSP)
    page.route(url, with_csp)
    page.goto(url)


def test_the_progress_page_with_the_demo_data(
    guarded_page: tuple[Page, Guard], demo_url: str, embedded_store: EmbeddedStore
) -> None:
    page, guard = guarded_page
    open_under_csp(page, f"{demo_url}/progress")
    charts = page.locator("svg.chain-chart")
    expect(charts).to_have_count(30)
    for chart in (charts.first, page.locator("svg.chain-chart[data-id='chain.pv']")):
        box = chart.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
    drawn = page.evaluate(
        """() => [...document.querySelectorAll('svg.chain-chart')].map(svg => ({
            path: svg.querySelector('polyline.path').getAttribute('points').split(' ').length,
            actual: svg.querySelectorAll('circle.actual').length,
            length: svg.querySelector('polyline.path').getTotalLength()}))"""
    )
    assert all(d["path"] == 7 and d["actual"] >= 1 and d["length"] > 50 for d in drawn)
    expect(page.locator("svg.target-bars").first).to_be_visible()
    # the statuses: every chain card has one, and all of ahead, on track and behind occur
    statuses = page.eval_on_selector_all(".chain-card", "els => els.map(e => e.dataset.status)")
    assert len(statuses) == 30 and {"ahead", "on_track", "behind"} <= set(statuses)
    expect(
        page.locator(".chain-card[data-status='behind'] .badge.status-behind").first
    ).to_be_visible()
    expect(page.locator(".chain-card .badge .zh").first).to_be_visible()
    rows = page.locator("table.warnings tbody tr")
    assert rows.count() >= 1
    expect(page.get_by_text("预警（滞后）")).to_be_visible()
    expect(page.locator("#sources")).to_contain_text("虚构")  # the demo says it is invented
    screenshot(page, "progress-zh")
    page.click("#lang-toggle")
    expect(page.get_by_text("Warnings (behind)")).to_be_visible()
    expect(page.locator(".chain-card .badge .en").first).to_be_visible()
    expect(page.locator(".chain-card .badge .zh").first).to_be_hidden()
    screenshot(page, "progress-en")
    assert page.evaluate("window.__csp") == []
    assert page.evaluate("window.chainkgProgress.charts") >= 30
    assert guard.errors == [] and guard.blocked == []


def test_the_csp_check_catches_a_violation(guarded_page: tuple[Page, Guard], demo_url: str) -> None:
    """The check above can fail: an inline handler added to the page is reported."""
    page, guard = guarded_page
    open_under_csp(page, f"{demo_url}/progress")
    page.evaluate(
        """() => { const i = document.createElement('img');
                   i.setAttribute('onerror', 'window.x = 1'); i.src = 'data:,';
                   document.body.appendChild(i); }"""
    )
    wait_for(page, "() => window.__csp.length > 0", timeout=5)
    assert [v["directive"] for v in guard.csp] == ["script-src-attr"]
    guard.csp.clear()  # the violation was made on purpose


def test_the_panels_on_the_maps(guarded_page: tuple[Page, Guard], demo_url: str) -> None:
    page, guard = guarded_page
    page.goto(f"{demo_url}/maps/chains/chain.pv")
    panel = page.locator("#progress-panel")
    expect(panel.locator("svg.chain-chart")).to_be_visible()
    expect(panel.locator(".badge").first).to_be_visible()
    page.goto(f"{demo_url}/maps/departments/dept.miit")
    expect(page.locator("#progress-panel svg.target-bars")).to_be_visible()
    screenshot(page, "department-panel")
    assert guard.blocked == []
