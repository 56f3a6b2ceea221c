"""Write the static site: ``index.html``, every map, the lists and one copy of the shared
files (``assets/``: vis-network, our scripts and styles), with relative links only.

The directory can be copied onto a USB stick and opened from disk (``file://``): every
page carries its own data (and the front page its search index) and loads the shared
files beside it; nothing is requested from another host.  Files are written as UTF-8 by
us (never with pyvis's ``write_html``, which uses the platform's default encoding and
breaks Chinese on Windows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from chainkg.graph_loader.lists import LISTS, build_list
from chainkg.graph_loader.sheets import FORMATS, ascii_file_name, render
from chainkg.graph_loader.store import GraphStore
from chainkg.viz.assets import write_assets
from chainkg.viz.maps import LISTS_DIR, MapKind, map_pages, page_path, render_map
from chainkg.viz.site import render_index


@dataclass(frozen=True)
class Page:
    """One page of the site: its kind, id (None for overview, graph, index) and path."""

    kind: MapKind | None
    id: str | None
    path: str


def site_pages(store: GraphStore) -> list[Page]:
    """Return every page of the static site, the front page last."""
    pages = [Page(kind, id, page_path(kind, id)) for kind, id in map_pages(store)]
    return [*pages, Page(None, None, page_path("index"))]


def write_page(out: Path, page: Page, html: str) -> Path:
    """Write one page under ``out`` as UTF-8 and return its path."""
    path = out / page.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8", newline="\n")
    return path


def export_site(
    store: GraphStore,
    out: Path,
    *,
    on_pages: Callable[[int], None] | None = None,
    on_written: Callable[[Page], None] | None = None,
) -> list[Path]:
    """Write every map, ``index.html``, the lists and the shared files under ``out``; return
    the files written.

    ``on_pages`` is told how many pages there are, ``on_written`` each page when done
    (the CLI's progress bar).
    """
    pages = site_pages(store)
    if on_pages:
        on_pages(len(pages))
    written = []
    for page in pages:
        if page.kind is None:
            html = render_index(store, static=True)
        else:
            html = render_map(store, page.kind, page.id, static=True)
        written.append(write_page(out, page, html))
        if on_written:
            on_written(page)
    return written + write_assets(out) + write_lists(store, out / LISTS_DIR)


def write_lists(store: GraphStore, out: Path) -> list[Path]:
    """Write every list (清单) in every format under ``out``; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in LISTS:
        table = build_list(store, name)
        for fmt in FORMATS:
            path = out / ascii_file_name(name, fmt)
            path.write_bytes(render(table, fmt))
            written.append(path)
    return written
