"""The static site shares one copy of vis-network and of our scripts and styles (``assets/``),
so 68 pages weigh a few megabytes, not 50; it still works from ``file://`` with no server, no
request leaving the disk and no Content-Security-Policy violation."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from chainkg.graph_loader.store import EmbeddedStore
from chainkg.viz.assets import ASSETS_DIR, VIS_JS, VIS_VERSION, assets
from chainkg.viz.maps import map_pages, page_path
from tests.viz.conftest import Guard
from tools.chromium import READY_JS, wait_for

SITE_LIMIT = 10_000_000
"""The whole site, lists included (measured: about 6.4 MB; it was 50 MB with vis-network in
every page)."""
PAGE_LIMIT = 1_000_000
"""The largest page, the whole graph with its data (measured: about 0.9 MB)."""


def _sizes(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_size for p in site.rglob("*") if p.is_file()}


def test_the_site_shares_one_copy_of_each_asset(site_dir: Path) -> None:
    sizes = _sizes(site_dir)
    total = sum(sizes.values())
    pages = {k: v for k, v in sizes.items() if k.endswith(".html")}
    shared = sum(v for k, v in sizes.items() if k.startswith(ASSETS_DIR))
    print(
        f"\nstatic site: {total / 1e6:.2f} MB in {len(sizes)} files; {len(pages)} pages, "
        f"{sum(pages.values()) / 1e6:.2f} MB; largest {max(pages, key=pages.__getitem__)} "
        f"{max(pages.values()) / 1e6:.2f} MB; assets {shared / 1e6:.2f} MB"
    )
    assert total < SITE_LIMIT
    assert max(pages.values()) < PAGE_LIMIT
    assert {f"{ASSETS_DIR}/{name}" for name in assets()} <= set(sizes)
    # vis-network is in the site exactly once: its version header, in its own file
    holders = [
        name
        for name in sizes
        if f"@version {VIS_VERSION}".encode() in (site_dir / name).read_bytes()[:2000]
    ]
    assert holders == [f"{ASSETS_DIR}/{VIS_JS}"]
    for name in pages:
        html = (site_dir / name).read_text(encoding="utf-8")
        assert "vis-network" not in html or VIS_JS in html  # a link to it, never a copy
        assert len(html) < sizes[f"{ASSETS_DIR}/{VIS_JS}"] * 2


@pytest.mark.browser
def test_every_kind_of_page_works_from_disk(
    guarded_page: tuple[Page, Guard], site_dir: Path, embedded_store: EmbeddedStore
) -> None:
    """One page of each kind, opened from disk: drawn, the shared files read from assets/."""
    page, guard = guarded_page
    kinds: dict[str, str | None] = {}
    for kind, id in map_pages(embedded_store):
        kinds.setdefault(kind, id)
    assert set(kinds) == {"overview", "graph", "chain", "park", "group", "department"}
    shared = (site_dir / ASSETS_DIR).as_uri()
    for each, id in kinds.items():
        guard.allowed.clear()
        page.goto((site_dir / page_path(each, id)).as_uri())
        wait_for(page, READY_JS)
        assert page.evaluate("chainkgMap.ready && chainkgMap.placed === chainkgMap.nodes.length")
        assert all(u.startswith(("file:", "data:")) for u in guard.allowed), guard.allowed
        assert f"{shared}/{VIS_JS}" in guard.allowed
        assert f"{shared}/map.js" in guard.allowed
    guard.allowed.clear()
    page.goto((site_dir / "index.html").as_uri())
    wait_for(page, "window.chainkgSearch && window.chainkgLang")
    assert f"{shared}/index.js" in guard.allowed
    assert guard.errors == [] and guard.csp == [] and guard.blocked == []
