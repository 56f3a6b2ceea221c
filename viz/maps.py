"""The map registry: every kind of map, in one place, with its label, plural, builder and path.

A kind is either a single page (``overview``, ``graph``) or one page per node of an entity
label (``chain`` for every ``Chain`` …).  Everything that needs to know the kinds (page
paths, links between pages, the static site's page list, the HTTP routes) reads
:data:`MAPS`, so a new map is one :class:`MapKindInfo` here and one builder.

>>> [k for k, info in MAPS.items() if info.label]
['chain', 'park', 'group', 'department']
>>> page_path("chain", "chain.pv"), page_path("overview"), page_path("index")
('maps/chains/chain.pv.html', 'maps/overview.html', 'index.html')
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from markupsafe import Markup

from chainkg.graph_loader.store import GraphStore
from chainkg.records.store import RecordsStore
from chainkg.viz import builders, mechanism, progress
from chainkg.viz.assets import ASSETS_DIR, fingerprint
from chainkg.viz.builders import MapNotFound
from chainkg.viz.marks import english_of
from chainkg.viz.render import MapSpec, place, render_spec
from chainkg.viz.text import Lang

__all__ = ["MAPS", "Links", "MapKind", "MapKindInfo", "MapNotFound", "map_pages", "render_map"]

MapKind = Literal["overview", "graph", "chain", "park", "group", "department"]


@dataclass(frozen=True)
class MapKindInfo:
    """One kind of map: what it is drawn from and where its pages live."""

    kind: MapKind
    build: Callable[..., MapSpec]
    """``build(store)`` for a single page, ``build(store, id)`` for a page per node."""
    label: str | None = None
    """The entity label with one page per node (None: a single page)."""
    plural: str | None = None
    """The folder of the per-node pages: ``/maps/<plural>/<id>``."""
    about: str = ""
    """What the map shows (the HTTP route's description)."""
    name: str = ""
    """The HTTP route's name (default: ``<kind>_map`` for a page per node, else the kind)."""
    panels: tuple[Callable[[GraphStore, RecordsStore, str, Links], Markup], ...] = ()
    """``panel(store, records, id, links)``: side panels from the records (served pages)."""

    @property
    def route_name(self) -> str:
        return self.name or (f"{self.kind}_map" if self.per_node else self.kind)

    @property
    def per_node(self) -> bool:
        return self.label is not None

    def path(self, id: str | None = None) -> str:
        """Return the page's path under the site root, without extension."""
        return f"maps/{self.plural}/{id}" if self.per_node else f"maps/{self.kind}"


MAPS: dict[MapKind, MapKindInfo] = {
    "overview": MapKindInfo(
        "overview",
        builders.overview_spec,
        about="大海新晨 → tiers → groups → the 30 chains, sized by their 2027 target.",
    ),
    "graph": MapKindInfo(
        "graph",
        builders.graph_spec,
        about="Every node and relationship, placed in Python (no physics in the browser).",
        name="whole_graph",
    ),
    "chain": MapKindInfo(
        "chain",
        builders.chain_spec,
        "Chain",
        "chains",
        "A chain's map: group, parks with role, enterprises, projects, technologies,\n"
        "related chains, platforms, the actions (through the plan) and their departments;\n"
        "served, a panel charts its actuals against the path to its targets, and one shows\n"
        "its 挂钩 assignment, 招商 pipeline and gaps, drawn over the map as layers.",
        panels=(mechanism.chain_panel, progress.chain_panel),
    ),
    "park": MapKindInfo(
        "park",
        builders.park_spec,
        "Park",
        "parks",
        "A park's map: the chains and groups it carries, with role; served, a panel shows\n"
        "its 挂钩 assignment and the 招商 candidates that target it, drawn over the map.",
        panels=(mechanism.park_panel,),
    ),
    "group": MapKindInfo(
        "group",
        builders.group_spec,
        "Group",
        "groups",
        "A group's map: tier, sub-groups, goals, chains, parks, platforms, technologies.",
    ),
    "department": MapKindInfo(
        "department",
        builders.department_spec,
        "Department",
        "departments",
        "A department's map: its actions and safeguards, their measures and targets;\n"
        "served, a panel draws its targets' actuals as bars against the targets.",
        panels=(progress.department_panel,),
    ),
}
"""Every kind of map, single pages first."""

KIND_OF_LABEL: dict[str, MapKind] = {i.label: k for k, i in MAPS.items() if i.label}
"""The kind of map a node of each label has (labels without a map of their own are absent)."""


LISTS_DIR = "lists"
"""Where the static site keeps the lists (清单) files."""


def page_path(kind: str, id: str | None = None) -> str:
    """Return where a page lives in the static site, relative to its root."""
    if kind == "index":
        return "index.html"
    return MAPS[kind].path(id) + ".html"  # type: ignore[index]


@dataclass(frozen=True)
class Links:
    """Builds the links of one page: server paths, or relative paths in the static site."""

    static: bool
    here: str = "index.html"
    """The page's own path in the static site (for relative links)."""

    def _to(self, kind: str, id: str | None = None) -> str:
        if self.static:
            target = page_path(kind, id)
            return posixpath.relpath(target, posixpath.dirname(self.here) or ".")
        if kind == "index":
            return "/"
        escaped = None if id is None else quote(str(id), safe=".")
        return "/" + MAPS[kind].path(escaped)  # type: ignore[index]

    def index(self) -> str:
        return self._to("index")

    def map(self, kind: str, id: str | None = None) -> str:
        return self._to(kind, id)

    def node(self, label: str, id: str) -> str | None:
        """Return the link to a node's own map, or None when its type has none."""
        kind = KIND_OF_LABEL.get(label)
        return self._to(kind, id) if kind else None

    def docs(self) -> str | None:
        return None if self.static else "/docs"

    def search_api(self) -> str | None:
        return None if self.static else "/api/v1/search"

    def ask_api(self) -> str | None:
        return None if self.static else "/api/v1/ask"

    def recommend_api(self) -> str | None:
        """Return the recommendation endpoint, or None in the static site (no server)."""
        return None if self.static else "/api/v1/recommend"

    def list_file(self, name: str, fmt: str, file: str) -> str:
        """Return the link to list ``name`` in ``fmt``: the API, or ``file`` under ``lists/``."""
        if self.static:
            target = posixpath.join(LISTS_DIR, file)
            return posixpath.relpath(target, posixpath.dirname(self.here) or ".")
        return f"/api/v1/lists/{quote(name, safe='')}?format={fmt}"

    def progress(self) -> str | None:
        return None if self.static else "/progress"

    def asset(self, name: str) -> str:
        """Return the link to a shared file: beside the pages, or served (with the files'
        fingerprint, so that a browser may keep it for a year)."""
        if self.static:
            target = posixpath.join(ASSETS_DIR, name)
            return posixpath.relpath(target, posixpath.dirname(self.here) or ".")
        return f"/{ASSETS_DIR}/{name}?v={fingerprint()}"

    def gaps(self, kind: str | None = None, id: str | None = None) -> str | None:
        """Return the gap page of a chain or park (``kind``), or their index; None in the
        static site (the gap view counts the records, which only the server has)."""
        if self.static:
            return None
        if kind is None or id is None:
            return "/gaps"
        return f"/gaps/{kind}s/{quote(str(id), safe='.')}"


def map_spec(store: GraphStore, kind: str, id: str | None = None) -> MapSpec:
    """Return the spec of one map (raises :class:`MapNotFound` for an unknown id or kind)."""
    info = MAPS.get(kind)  # type: ignore[call-overload]
    if info is None or (info.per_node and id is None):
        raise MapNotFound(kind, id)
    spec: MapSpec = info.build(store, id) if info.per_node else info.build(store)
    return spec


def render_map(
    store: GraphStore,
    kind: MapKind,
    id: str | None = None,
    *,
    lang: Lang = "zh",
    static: bool = False,
    records: RecordsStore | None = None,
) -> str:
    """Return the full UTF-8 HTML document of one map.

    ``static`` makes every link relative to the page's place in the exported site
    (``maps/chains/chain.pv.html``) instead of a server path.  A caching store
    (:class:`~chainkg.graph_loader.cache.CachedStore`) keeps the page per (version, kind,
    id, lang, panel) and the map's layout per (version, kind, id), so the whole graph is
    laid out once per version whatever the language.  With ``records``, a kind that has a
    panel (progress against the plan) shows it beside the map.
    """
    here = page_path(kind, id) if static else ""
    links = Links(static=static, here=here)
    spec = store.memo(("map", kind, id), lambda: place(map_spec(store, kind, id)))
    info = MAPS[kind]
    panel = None
    if records is not None and info.panels and id is not None:
        panel = Markup("").join(make(store, records, id, links) for make in info.panels)
    english = english_of(store)
    return store.memo(
        ("page", kind, id, lang, static, panel),
        lambda: render_spec(spec, lang=lang, links=links, panel=panel, english=english),
    )


def map_pages(store: GraphStore) -> list[tuple[MapKind, str | None]]:
    """Return every map of the site: the single pages, then one per node of each label."""
    pages: list[tuple[MapKind, str | None]] = []
    for kind, info in MAPS.items():
        if not info.per_node:
            pages.append((kind, None))
            continue
        rows = store.run("nodes", label=info.label)
        pages += [(kind, i) for i in sorted(str(r["node"]["id"]) for r in rows)]
    return pages
