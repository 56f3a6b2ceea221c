"""The pages' Content-Security-Policy in real chromium: no violation on any kind of page, served
or from disk, while the maps still draw, hover, switch language and navigate.

The violations are counted through ``securitypolicyviolation`` events (``guarded_page``
fails on any).  A control page proves the counter sees a violation, and that eval is not
allowed: so vis-network, which draws every map here without one, needs no
``'unsafe-eval'``.  Scripts moved into files beside the pages need nothing more: a page with
a same-origin script file runs it, served and from ``file://``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from starlette.staticfiles import StaticFiles

from chainkg.api.main import create_app
from chainkg.graph_loader.store import EmbeddedStore
from chainkg.viz.csp import with_csp
from tests.conftest import serve_app
from tests.viz.conftest import Guard, Url
from tests.viz.test_browser import node_point, open_map
from tools.chromium import READY_JS, wait_for

pytestmark = pytest.mark.browser

PAGES: list[tuple[str, str | None, str]] = [
    ("overview", None, "chain.pv"),
    ("graph", None, "chain.pv"),
    ("chain", "chain.pv", "park.jiangyan_edz"),
    ("park", "park.taixing_edz", "park.taixing_edz"),
    ("group", "group.health", "group.health"),
    ("department", "dept.miit", "dept.miit"),
]
"""Every kind of map, and a node to hover on it."""


@pytest.mark.parametrize(("kind", "id", "hover"), PAGES, ids=[p[0] for p in PAGES])
def test_no_violation_on_any_map(
    guarded_page: tuple[Page, Guard], url: Url, kind: str, id: str | None, hover: str
) -> None:
    page, guard = guarded_page
    state = open_map(page, url(kind, id))
    assert state["ready"] and state["placed"] == state["count"] > 0
    x, y = node_point(page, hover)
    page.mouse.move(x, y)
    expect(page.locator("div.vis-tooltip")).to_be_visible(timeout=5_000)
    page.mouse.click(x, y)
    expect(page.locator("#info")).to_be_visible()
    page.click("#lang-toggle")
    assert page.evaluate("document.documentElement.dataset.lang") == "en"
    page.mouse.wheel(0, 300)  # zoom: vis-network redraws
    page.wait_for_timeout(300)
    assert guard.csp == [] and guard.errors == []


def test_no_violation_on_the_front_page(
    guarded_page: tuple[Page, Guard], url: Url, mode: str
) -> None:
    page, guard = guarded_page
    page.goto(url("index"))
    page.fill("#q", "光伏")
    wait_for(page, "() => document.getElementById('hits').dataset.q === '光伏'")
    source = page.get_attribute("#hits", "data-source")
    assert source == ("api" if mode == "served" else "local")  # the served page may fetch
    page.click("#lang-toggle")
    page.click("#hits li >> nth=0 >> a")
    wait_for(page, READY_JS)
    assert guard.csp == [] and guard.errors == []


def test_no_violation_on_the_api_docs(guarded_page: tuple[Page, Guard], server_url: str) -> None:
    page, guard = guarded_page
    page.goto(f"{server_url}/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    page.click(".opblock-summary >> nth=0")
    page.wait_for_timeout(300)
    assert guard.csp == []


def test_a_malformed_fragment_does_not_break_the_map(
    guarded_page: tuple[Page, Guard], url: Url
) -> None:
    page, guard = guarded_page
    for fragment in ("#%", "#%E4%B8", "#chain.pv%"):
        state = open_map(page, url("chain", "chain.pv") + fragment)
        assert state["ready"]
        page.click("#lang-toggle")
        assert page.evaluate("chainkgMap.nodes.get('chain.pv').label") == page.evaluate(
            "chainkgMap.nodes.get('chain.pv').label_en"
        )
        page.click("#lang-toggle")
    x, y = node_point(page, "group.new_energy")
    page.mouse.click(x, y)
    expect(page.locator("#info")).to_be_visible()
    page.evaluate("() => { window.location.hash = '%'; }")  # after setup too
    page.wait_for_timeout(200)
    assert guard.errors == [] and guard.csp == []


def test_the_counter_sees_violations_and_eval_is_refused(
    guarded_page: tuple[Page, Guard], tmp_path: Path
) -> None:
    """The control: an inline script without its hash, and eval, are both reported."""
    page, guard = guarded_page
    html = with_csp(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
        "<script>try { eval('1 + 1'); window.evaled = true; } catch (e) { window.evaled = false; }"
        "</script></body></html>"
    )
    html = html.replace("</body>", "<script>window.sneaked = true;</script></body>")
    (tmp_path / "control.html").write_text(html, encoding="utf-8")
    page.goto((tmp_path / "control.html").as_uri())
    page.wait_for_timeout(300)
    assert page.evaluate("window.evaled") is False
    assert page.evaluate("window.sneaked") is None
    directives = sorted(v["directive"] for v in guard.csp)
    assert directives == ["script-src", "script-src-elem"], guard.csp
    guard.csp.clear()


RAN = """[window.fromFile, window.inline, getComputedStyle(document.body).color,
        getComputedStyle(document.querySelector("p")).marginTop]"""
"""What the page's script file, inline script, style sheet and inline style did."""


def _page_with_a_script_file(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "shared.js").write_text("window.fromFile = 'ran';\n", encoding="utf-8")
    (folder / "shared.css").write_text("body { color: rgb(1, 2, 3); }\n", encoding="utf-8")
    (folder / "page.html").write_text(
        with_csp(
            '<!DOCTYPE html><html><head><meta charset="utf-8">'
            '<link rel="stylesheet" href="shared.css"><style>p { margin: 7px; }</style>'
            '<script src="shared.js"></script><script>window.inline = "ran";</script>'
            "</head><body><p>x</p></body></html>"
        ),
        encoding="utf-8",
    )
    return folder / "page.html"


def test_script_files_beside_the_pages_run(
    guarded_page: tuple[Page, Guard], tmp_path: Path
) -> None:
    """The mechanism for pages whose scripts and styles live in shared files: 'self' plus
    hashes for what stays inline."""
    page, guard = guarded_page
    on_disk = _page_with_a_script_file(tmp_path / "site")
    page.goto(on_disk.as_uri())
    assert page.evaluate(RAN) == ["ran", "ran", "rgb(1, 2, 3)", "7px"]
    app = create_app(EmbeddedStore.from_seed())
    app.mount("/shared", StaticFiles(directory=tmp_path / "site", html=True))
    with serve_app(app) as base:
        response = page.goto(base + "/shared/page.html")
        assert (
            response is not None
            and "script-src 'self'" in response.headers["content-security-policy"]
        )
        assert page.evaluate(RAN) == ["ran", "ran", "rgb(1, 2, 3)", "7px"]
    assert guard.csp == []
