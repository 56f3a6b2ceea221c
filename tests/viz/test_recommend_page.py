"""The front page's 项目落位推荐 form and 清单下载 section: in the HTML, and in real chromium."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from chainkg.graph_loader.lists import LISTS
from chainkg.graph_loader.store import EmbeddedStore
from chainkg.viz.site import render_index
from tests.viz.conftest import Guard, screenshot
from tools.chromium import wait_for

PV = "年产10GW N型TOPCon高效太阳能电池片及组件"
OUTSIDE = "五星级酒店及商业综合体开发"


def test_front_page_has_the_form_and_every_list(embedded_store: EmbeddedStore) -> None:
    html = render_index(embedded_store)
    assert 'id="recommend-form"' in html and 'data-api="/api/v1/recommend"' in html
    for name in LISTS:
        for fmt in ("xlsx", "csv", "json"):
            assert f'href="/api/v1/lists/{name}?format={fmt}"' in html
    assert not re.search(r"\son[a-z]+=", html), "no inline event handlers (CSP)"
    static = render_index(embedded_store, static=True)
    assert 'id="recommend-form"' not in static and "chainkg serve" in static
    assert 'href="lists/chainkg-chains.xlsx" download="产业链清单.xlsx"' in static


def test_static_site_carries_the_lists(site_dir: Path) -> None:
    for name in LISTS:
        wb = load_workbook(site_dir / "lists" / f"chainkg-{name}.xlsx")
        assert wb.sheetnames[1] == "说明"
    assert load_workbook(site_dir / "lists" / "chainkg-chains.xlsx").worksheets[0].max_row == 31


@pytest.mark.browser
def test_recommend_form_shows_chains_and_parks_with_reasons(
    guarded_page: tuple[Page, Guard], server_url: str
) -> None:
    page, guard = guarded_page
    page.goto(server_url + "/")
    page.fill("#recommend-q", PV)
    page.click("#recommend-go")
    wait_for(page, "() => document.getElementById('recommend').dataset.done === '1'")
    api = httpx.get(server_url + "/api/v1/recommend", params={"q": PV, "limit": 5}).json()
    chains = page.locator("#recommend-chains > li")
    assert chains.evaluate_all("els => els.map(e => e.dataset.id)") == [
        c["id"] for c in api["chains"]
    ]
    first = chains.first
    expect(first).to_have_attribute("data-id", "chain.pv")
    expect(first.locator("a").first).to_have_attribute("href", "/maps/chains/chain.pv")
    expect(first.locator(".score")).to_have_text(f"{api['chains'][0]['score']:.3f}")
    reasons = first.locator("ul.reasons > li")
    assert reasons.count() == len(api["chains"][0]["reasons"]) > 0
    expect(reasons.first.locator(".matched").first).to_be_visible()
    source = api["chains"][0]["reasons"][0]["source"]
    expect(reasons.first.locator(".source .zh")).to_have_text(source)
    expect(reasons.first.locator(".source .en [lang='zh'].section")).to_have_text(source)
    expect(reasons.first.locator(":scope > .quote")).to_contain_text(
        api["chains"][0]["reasons"][0]["evidence"]
    )
    parks = page.locator("#recommend-parks > li")
    assert parks.evaluate_all("els => els.map(e => e.dataset.id)") == [
        p["id"] for p in api["parks"]
    ]
    expect(parks.first.locator("ul.reasons > li").first).to_contain_text("光伏")
    expect(parks.first.locator("ul.reasons > li .source .zh").first).to_have_text("二(三)")
    screenshot(page, "served-recommend")
    # a project outside the plan: no chain, no park, a message
    page.fill("#recommend-q", OUTSIDE)
    page.click("#recommend-go")
    wait_for(page, "() => document.getElementById('recommend').dataset.done === '2'")
    expect(page.locator("#recommend")).to_have_attribute("data-matched", "false")
    expect(page.locator("#recommend-out")).to_be_hidden()
    expect(page.locator("#recommend-status")).to_contain_text("没有足够匹配的产业链")
    assert any("/api/v1/recommend?" in u for u in guard.allowed)
    assert guard.errors == []


@pytest.mark.browser
def test_lists_download_from_the_front_page(
    guarded_page: tuple[Page, Guard], server_url: str, tmp_path: Path
) -> None:
    page, guard = guarded_page
    page.goto(server_url + "/")
    rows = page.locator("section#lists tr[data-list]")
    assert rows.evaluate_all("els => els.map(e => e.dataset.list)") == list(LISTS)
    with page.expect_download() as info:
        page.click("tr[data-list='chains'] a[data-format='xlsx']")
    download = info.value
    assert download.suggested_filename == "产业链清单.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    ws = load_workbook(path).worksheets[0]
    assert ws.max_row == 31 and ws.freeze_panes == "A2"
    with page.expect_download() as info:
        page.click("tr[data-list='responsibilities'] a[data-format='csv']")
    csv_path = tmp_path / info.value.suggested_filename
    info.value.save_as(csv_path)
    assert csv_path.name == "责任清单.csv"
    assert csv_path.read_bytes().startswith("\ufeff序号".encode())
    screenshot(page, "served-lists")
    assert guard.errors == []
