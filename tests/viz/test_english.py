"""English mode is complete: no Chinese on any page type but where the rule of
:mod:`tests.viz.english` allows it (quotes of the plan, sections, proper names with no English
form, what the person typed), each checked for what it claims to be.

Every map's drawn labels and tooltips are checked from its data (all 68 pages); the pages
themselves in real chromium: the front page (search, ask, recommend, lists), one map of each
kind (hovered and selected), the progress page with records, the static site's front page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from chainkg.api.main import create_app
from chainkg.graph_loader.store import EmbeddedStore
from chainkg.records.actuals import ACTUAL_SHEETS, ACTUALS
from chainkg.records.excel import import_workbook
from chainkg.records.store import SqliteRecords
from chainkg.viz.maps import map_pages, render_map
from tests.conftest import serve_app
from tests.qa.conftest import write_fixture
from tests.viz.conftest import Guard
from tests.viz.english import CJK, FIND_JS, Allowed, sections_of
from tests.viz.test_browser import node_point
from tests.viz.test_html import map_data
from tools.chromium import READY_JS, wait_for

DEMO = Path(__file__).resolve().parent.parent.parent / "examples" / "demo-actuals-invented.xlsx"
EN = "try { localStorage.setItem('chainkg.lang', 'en'); } catch (e) {}"
"""Run before every page: the person chose English earlier (the button remembers it)."""


@pytest.fixture(scope="module")
def records(
    embedded_store: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory
) -> SqliteRecords:
    """Records with the demo actuals and the question set's working mechanism (assignments,
    candidates, 卡脖子 items): their names and sources are staff's own (Chinese) words."""
    store = SqliteRecords(tmp_path_factory.mktemp("english") / "records.sqlite3")
    write_fixture(embedded_store, store)
    import_workbook(
        ACTUALS,
        ACTUAL_SHEETS,
        DEMO.read_bytes(),
        embedded_store,
        store,
        actor="统计局.演示",
        origin=None,
    )
    return store


@pytest.fixture(scope="module")
def allowed(embedded_store: EmbeddedStore, plan_text: str, records: SqliteRecords) -> Allowed:
    (sub,) = embedded_store.run("subgraph", labels=None)
    staff = {"统计局.演示"}
    for r in records.records():
        staff |= {r.source, r.note or ""} | {v for v in r.fields.values() if isinstance(v, str)}
    return Allowed(plan_text, sections_of(sub), names=staff)


@pytest.fixture(scope="module")
def url(embedded_store: EmbeddedStore, records: SqliteRecords) -> Iterator[str]:
    with serve_app(create_app(embedded_store, records=records)) as base:
        yield base


# ----------------------------------------------------------------- every map's data


def _tip_problems(tip: list[list[Any]], allowed: Allowed) -> list[str]:
    """Return the Chinese of a tooltip outside allowed marks, and marks that lie."""
    out = []
    for line in tip:
        for part in line:
            if isinstance(part, str):
                if CJK.search(part):
                    out.append(f"unmarked: {part!r}")
            elif not allowed.holds(part[1], part[0]):
                out.append(f"{part[1]}: {part[0]!r}")
    return out


def test_every_maps_labels_and_tooltips_in_english(
    embedded_store: EmbeddedStore, allowed: Allowed
) -> None:
    problems = []
    pages = map_pages(embedded_store)
    assert len(pages) == 67
    for kind, id in pages:
        data = map_data(render_map(embedded_store, kind, id, lang="en"))
        for item in data["nodes"] + data["edges"]:
            where = f"{kind} {id or ''} {item['id']}"
            if CJK.search(item["label_en"]):
                problems.append(f"{where} label {item['label_en']!r}")
            problems += [f"{where} {p}" for p in _tip_problems(item["title_en"], allowed)]
    assert problems == [], "\n".join(sorted(set(problems))[:40])


def test_the_check_of_map_data_can_fail(allowed: Allowed) -> None:
    assert _tip_problems([["Source: 二(三)"]], allowed) == ["unmarked: 'Source: 二(三)'"]
    assert _tip_problems([[["二(三)", "section"]], [["光伏", "quote"]]], allowed) == []
    assert _tip_problems([[["不在方案里的话", "quote"]]], allowed) == ["quote: '不在方案里的话'"]
    assert _tip_problems([[["光伏", "name"]]], allowed) == ["name: '光伏'"]


# ----------------------------------------------------------------- the pages, in chromium


def scan(page: Page, allowed: Allowed, *inputs: str) -> None:
    """Assert the page in English mode shows no Chinese but where the rule allows it."""
    assert page.evaluate("document.documentElement.dataset.lang") == "en"
    found: dict[str, list[list[str]]] = page.evaluate(FIND_JS, None)
    assert found["bad"] == [], found["bad"][:20]
    check = Allowed(allowed.plan_text, allowed.sections, allowed.names, set(inputs))
    assert check.problems(found["allowed"]) == []


def unnamed(label: str, allowed: Allowed) -> str:
    """Return a drawn label without the words staff wrote (a layer's leader or candidate:
    names with no English form, which a canvas label cannot mark)."""
    for name in sorted(allowed.names, key=len, reverse=True):
        if name and CJK.search(name):
            label = label.replace(name, "")
    return label


def english_page(page: Page, target: str, ready: str | None = None) -> None:
    """Open ``target`` as a reader who chose English, and wait until ``ready`` is true."""
    page.context.add_init_script(EN)
    page.goto(target)
    if ready:
        wait_for(page, ready)


@pytest.mark.browser
def test_front_page_in_english(
    guarded_page: tuple[Page, Guard], url: str, allowed: Allowed
) -> None:
    page, guard = guarded_page
    english_page(page, url + "/", "window.chainkgSearch && window.chainkgAsk && window.chainkgLang")
    scan(page, allowed)
    assert page.title() == "Taizhou Key Industrial Chains Knowledge Graph"
    # the departments table: "… Action (by duty); …", the role in English
    row = page.locator("table.departments tr[data-id='dept.miit'] td.duties").inner_text()
    assert "Key Project Breakthrough Action (by duty)" in row and "; " in row
    for q in ("光伏", "Taixing", "医药高新区", "no such thing"):
        page.fill("#q", q)
        wait_for(page, "(q) => document.getElementById('hits').dataset.q === q", q)
        scan(page, allowed, q)
    for question in (
        "Which parks carry photovoltaics?",
        "光伏在哪些园区？",
        "What is the 2027 target of new materials?",
        "Who is responsible for the key project breakthrough action?",
        "what does 泰兴经济开发区 carry",
        "How many high-tech enterprises by 2027?",
        "what is the weather tomorrow",
    ):
        before = page.get_attribute("#ask-answer", "data-done") or "0"
        page.fill("#ask-q", question)
        page.click("#ask-go")
        wait_for(
            page,
            "(n) => (document.getElementById('ask-answer').dataset.done || '0') !== n",
            before,
        )
        scan(page, allowed, question)
    for project in (
        "A 10 GW TOPCon high-efficiency solar cell and module plant",
        "年产10GW TOPCon高效电池组件项目",
        "创新药研发生产基地",
    ):
        before = page.get_attribute("#recommend", "data-done") or "0"
        page.fill("#recommend-q", project)
        page.click("#recommend-go")
        wait_for(
            page, "(n) => (document.getElementById('recommend').dataset.done || '0') !== n", before
        )
        scan(page, allowed, project)
    assert page.locator("#recommend-chains li").count() > 0
    assert guard.errors == []


MAP_PAGES = [
    ("/maps/overview", "chain.pv"),
    ("/maps/chains/chain.pv", "park.jiangyan_edz"),
    ("/maps/chains/chain.fine_chemicals", "park.taixing_edz"),
    ("/maps/parks/park.taixing_edz", "park.taixing_edz"),
    ("/maps/groups/group.health", "group.health"),
    ("/maps/departments/dept.miit", "dept.miit"),
    ("/maps/graph", "tech.perovskite_cell"),
]


@pytest.mark.browser
def test_every_kind_of_map_in_english(
    guarded_page: tuple[Page, Guard], url: str, allowed: Allowed
) -> None:
    page, guard = guarded_page
    page.context.add_init_script(EN)
    for path, node in MAP_PAGES:
        page.goto(url + path)
        wait_for(page, READY_JS)
        scan(page, allowed)
        labels = page.evaluate(
            "[...chainkgMap.nodes.get(), ...chainkgMap.edges.get()].map(x => x.label || '')"
        )
        assert [x for x in labels if CJK.search(unnamed(x, allowed))] == [], path
        x, y = node_point(page, node)
        page.mouse.move(x, y)
        wait_for(page, "document.querySelector('div.vis-tooltip .tip') !== null", timeout=5)
        page.mouse.click(x, y)
        wait_for(page, "!document.getElementById('info').hidden")
        scan(page, allowed)  # the tooltip and the selected node's panel
        tooltips: dict[str, list[list[str]]] = page.evaluate(
            """(find) => {
                const box = document.createElement("div");
                for (const n of chainkgMap.nodes.getIds()) {  // a layer's: below
                    const tip = chainkgMap.tooltip(n, "en");
                    if (tip) { box.appendChild(tip); }
                }
                for (const e of chainkgMap.edges.getIds()) {
                    const tip = chainkgMap.tooltip(e, "en", true);
                    if (tip) { box.appendChild(tip); }
                }
                return eval(find)(box);
            }""",
            FIND_JS,
        )
        assert tooltips["bad"] == [], (path, tooltips["bad"][:5])
        assert allowed.problems(tooltips["allowed"]) == [], path
        if path == "/maps/graph":  # its search and filters, asked in Chinese
            page.fill("#map-search", "钙钛矿")
            page.select_option("#filter-group", "group.new_energy")
            assert page.locator("#map-search-hits button").count() >= 1
            scan(page, allowed, "钙钛矿")
    assert guard.errors == []


@pytest.mark.browser
def test_progress_page_in_english(
    guarded_page: tuple[Page, Guard], url: str, allowed: Allowed
) -> None:
    page, guard = guarded_page
    english_page(page, url + "/progress", "window.chainkgProgress && window.chainkgLang")
    scan(page, allowed)
    assert page.locator("#sources .source [lang='zh'].name").count() >= 1  # staff's own words
    for path in ("/maps/chains/chain.pv", "/maps/departments/dept.miit"):  # their panels
        english_page(page, url + path, READY_JS)
        scan(page, allowed)
    assert guard.errors == []


@pytest.mark.browser
def test_static_front_page_in_english(
    guarded_page: tuple[Page, Guard], site_dir: Path, allowed: Allowed
) -> None:
    page, guard = guarded_page
    english_page(
        page, (site_dir / "index.html").as_uri(), "window.chainkgAsk && window.chainkgLang"
    )
    scan(page, allowed)
    page.fill("#ask-q", "光伏在哪些园区？")
    page.click("#ask-go")
    wait_for(page, "document.getElementById('ask-answer').dataset.state === 'offline'")
    scan(page, allowed, "光伏在哪些园区？")
    assert guard.errors == []


@pytest.mark.browser
def test_the_page_check_can_fail(
    guarded_page: tuple[Page, Guard], url: str, allowed: Allowed
) -> None:
    """Chinese outside a mark, a mark that lies, and a Chinese tooltip are each found."""
    page, _guard = guarded_page
    english_page(page, url + "/", "window.chainkgLang")
    page.evaluate(
        """() => {
            const p = document.createElement("p"); p.textContent = "未标记的中文";
            const q = document.createElement("span"); q.lang = "zh"; q.className = "quote";
            q.textContent = "方案里没有这句话";
            const a = document.createElement("a"); a.title = "中文提示"; a.textContent = "x";
            document.body.append(p, q, a);
        }"""
    )
    found = page.evaluate(FIND_JS, None)
    assert {b[0] for b in found["bad"]} == {"text", "@title"}
    assert allowed.problems(found["allowed"]) == ["quote: '方案里没有这句话'"]


GAP_PAGES = ["/gaps", "/gaps/chains/chain.pv", "/gaps/parks/park.hailing_new_energy_park"]


@pytest.mark.browser
def test_the_working_mechanism_in_english(
    guarded_page: tuple[Page, Guard], url: str, allowed: Allowed
) -> None:
    """The gap pages and the mechanism panels of chain and park maps, with records."""
    page, guard = guarded_page
    for path in GAP_PAGES:
        english_page(page, url + path, "window.chainkgLang")
        scan(page, allowed)
    assert page.locator("section.park-chain").count() >= 2
    for path in ("/maps/chains/chain.pv", "/maps/parks/park.taixing_edz"):
        english_page(page, url + path, "window.chainkgLayers && window.chainkgLayers.ready")
        scan(page, allowed)
        assert page.locator("#mechanism-panel #assignment .leader").count() == 1
        drawn = page.evaluate(
            "[...chainkgMap.nodes.get(), ...chainkgMap.edges.get()]"
            ".map(x => [x.label || '', typeof x.title === 'string' ? x.title : ''])"
        )
        layers = [x for x in drawn if x[1]]  # the layers' items: their tooltips are text
        assert layers, path
        assert [x for pair in drawn for x in pair if CJK.search(unnamed(x, allowed))] == [], path
    assert guard.errors == []
