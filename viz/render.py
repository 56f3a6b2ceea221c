"""Turn a :class:`MapSpec` into one self-contained HTML document with pyvis and our template.

pyvis builds the vis-network nodes, edges and options (``Network.add_node`` /
``add_edge`` / ``get_network_data``); the document comes from our own Jinja template
(``viz/templates/map.html``), never from pyvis's, whose HTML loads Bootstrap and
vis-network from CDNs.  vis-network 9.1.2 (Apache-2.0 OR MIT) is inlined from the copy
that ships inside the pyvis wheel, so a page makes no request at all: it works from
``file://`` on a machine with no network.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Protocol

import jinja2
from markupsafe import Markup
from pyvis.network import Network

from chainkg.viz.csp import with_csp
from chainkg.viz.layout import Box, Positions, auto_layout, layered
from chainkg.viz.style import (
    DERIVED_MARK,
    EDGE_STYLES,
    LABEL_INSIDE,
    NODE_STYLES,
    edge_caption,
    edge_style,
    node_style,
)
from chainkg.viz.text import LANGS, Lang, edge_tooltip, node_tooltip, text_width, wrap

VIS_VERSION = "9.1.2"
VIS_LICENSE = "Apache-2.0 OR MIT"
HERE = Path(__file__).resolve().parent
FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", '
    '"PingFang SC", "WenQuanYi Micro Hei", sans-serif'
)
"""Fonts installed on the machine only: the maps load no web font."""
FONT_PX = 14
PHYSICS_MAX_NODES = 150
"""Physics (then frozen once stable) only for ``force`` maps up to this many nodes."""
BIG_MAP = 1500
"""From this many nodes on, edges are straight and hidden while dragging or zooming."""

Layout = Literal["layered", "overview", "force", "auto"]


class VisAssetsMissing(RuntimeError):
    """The vis-network files are not where the pyvis wheel ships them."""


@functools.cache
def vis_assets() -> tuple[str, str]:
    """Return vis-network's (JavaScript, CSS) from the pyvis wheel, checking the version."""
    base = resources.files("pyvis") / "templates" / "lib" / f"vis-{VIS_VERSION}"
    try:
        js = (base / "vis-network.min.js").read_text(encoding="utf-8")
        css = (base / "vis-network.css").read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise VisAssetsMissing(
            f"vis-network {VIS_VERSION} not found in the pyvis package ({base}): "
            "install pyvis 0.3.2"
        ) from exc
    if f"@version {VIS_VERSION}" not in js[:600]:
        raise VisAssetsMissing(f"the vis-network in pyvis is not version {VIS_VERSION}")
    if "</script" in js.lower() or "</style" in css.lower():
        raise VisAssetsMissing("vis-network cannot be inlined: it contains a closing tag")
    return js, css


@functools.cache
def static_text(name: str) -> str:
    """Return one of our own files under ``viz/static``."""
    return (HERE / "static" / name).read_text(encoding="utf-8")


@functools.cache
def templates() -> jinja2.Environment:
    """Return the Jinja environment of ``viz/templates`` (HTML autoescaped)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def script_json(value: Any) -> Markup:
    """Return ``value`` as JSON safe inside a ``<script>`` element.

    >>> str(script_json({"a": "</script>&"}))
    '{"a":"\\\\u003c/script\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return Markup(text)


# ----------------------------------------------------------------- links between pages


class PageLinks(Protocol):
    """Where a page links to; :class:`chainkg.viz.maps.Links` builds them from the registry."""

    def index(self) -> str: ...

    def map(self, kind: str, id: str | None = None) -> str: ...

    def node(self, label: str, id: str) -> str | None:
        """Return the link to a node's own map, or None when its type has none."""

    def docs(self) -> str | None: ...

    def search_api(self) -> str | None: ...

    def progress(self) -> str | None:
        """Return the progress page's path (None in the static site)."""

    def gaps(self, kind: str | None = None, id: str | None = None) -> str | None:
        """Return the gap page of a chain or park, or their index (None in the static site)."""


# ----------------------------------------------------------------- the map model


@dataclass
class MapNode:
    """A node on a map: its row from the store, its layer and optional caption and size."""

    row: dict[str, Any]
    level: int = 0
    caption: dict[str, str] | None = None
    """Label override per language (default: the wrapped name)."""
    figure: float | None = None
    """The figure the node is sized by (kept in the page's data as ``figure``)."""
    radius: float | None = None
    """Radius of a shape drawn without its label inside (default: its type's)."""

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def type(self) -> str:
        return str(self.row.get("label", ""))


@dataclass
class MapSpec:
    """Everything a map shows, before layout and rendering."""

    kind: str
    id: str | None
    title: dict[str, str]
    nodes: list[MapNode]
    edges: list[dict[str, Any]]
    layout: Layout = "layered"
    notes: list[dict[str, str]] = field(default_factory=list)
    """Paragraphs shown beside the map, per language."""
    positions: Positions | None = None
    """Precomputed positions (``overview``), else computed from ``layout``."""
    quiet: frozenset[str] = frozenset()
    """Relationship types whose role is only in the tooltip, not drawn on the edge."""
    smooth: dict[str, dict[str, Any]] = field(default_factory=dict)
    """vis ``smooth`` options per relationship type (default: the map's)."""
    placement: tuple[str, Positions] | None = None
    """The layout used and the positions, once :func:`place` computed them."""


class MapBuilder:
    """Collects node and edge rows from catalog queries; the first level given to a node wins."""

    def __init__(self) -> None:
        self.nodes: dict[str, MapNode] = {}
        self.edges: dict[str, dict[str, Any]] = {}

    def node(self, row: Mapping[str, Any], level: int, **extra: Any) -> MapNode:
        key = str(row["id"])
        if key not in self.nodes:
            self.nodes[key] = MapNode(dict(row), level, **extra)
        return self.nodes[key]

    def edge(self, row: Mapping[str, Any]) -> None:
        key = f"{row['from']}|{row['type']}|{row['to']}"
        self.edges.setdefault(key, dict(row))

    def has(self, id: str) -> bool:
        return id in self.nodes

    def spec(self, kind: str, id: str | None, title: dict[str, str], **kw: Any) -> MapSpec:
        """Return the spec; edges whose ends are not both on the map are dropped."""
        edges = [
            e for e in self.edges.values() if e["from"] in self.nodes and e["to"] in self.nodes
        ]
        return MapSpec(kind, id, title, list(self.nodes.values()), edges, **kw)


# ----------------------------------------------------------------- layout


def _caption(node: MapNode, lang: Lang) -> str:
    if node.caption and lang in node.caption:
        return node.caption[lang]
    name = node.row.get("name" if lang == "zh" else "name_en") or node.row.get("name") or node.id
    return wrap(str(name), lang)


def box_of(node: MapNode, key: tuple[Any, ...] = ()) -> Box:
    style = node_style(node.type)
    lines = max(_caption(node, lang).count("\n") + 1 for lang in LANGS)
    width = max(text_width(_caption(node, lang)) for lang in LANGS) * FONT_PX
    if style.shape in LABEL_INSIDE:
        return Box(node.id, node.level, width + 24, lines * (FONT_PX + 4) + 14, key)
    radius = _radius(node)
    return Box(node.id, node.level, max(width, 2 * radius), 2 * radius + lines * (FONT_PX + 3), key)


def _radius(node: MapNode) -> float:
    return node.radius if node.radius is not None else float(node_style(node.type).size)


def _rank(node: MapNode) -> int:
    rank = node.row.get("rank")
    return rank if isinstance(rank, int) else 0


def compute_positions(spec: MapSpec) -> tuple[str, Positions]:
    """Return the layout used and the position of every node of ``spec``."""
    if spec.placement is not None:
        return spec.placement
    if spec.positions is not None:
        return spec.layout, spec.positions
    ids = [n.id for n in spec.nodes]
    pairs = [(str(e["from"]), str(e["to"])) for e in spec.edges]
    if spec.layout == "auto":
        return auto_layout(ids, pairs)
    boxes = [box_of(n, (node_style(n.type).order, _rank(n), _caption(n, "zh"))) for n in spec.nodes]
    return spec.layout, layered(boxes, pairs)


def place(spec: MapSpec) -> MapSpec:
    """Return ``spec`` with its layout computed (rendering it again reuses the positions)."""
    spec.placement = compute_positions(spec)
    return spec


# ----------------------------------------------------------------- vis data


def _node_options(
    node: MapNode, pos: tuple[float, float] | None, links: PageLinks
) -> dict[str, Any]:
    style = node_style(node.type)
    inside = style.shape in LABEL_INSIDE
    options: dict[str, Any] = {
        "shape": style.shape,
        "color": {
            "background": style.color,
            "border": "#263238" if inside else style.color,
            "highlight": {"background": style.color, "border": "#000000"},
            "hover": {"background": style.color, "border": "#000000"},
        },
        "font": {"color": "#ffffff"}
        if inside
        else {"color": "#263238", "strokeWidth": 3, "strokeColor": "#ffffff"},
        "type": node.type,
    }
    if pos is not None:
        options["x"], options["y"] = pos
    if inside:
        options["margin"] = 8
    else:
        options["size"] = _radius(node)
    if node.figure is not None:
        options["figure"] = node.figure
    href = links.node(node.type, node.id)
    if href:
        options["href"] = href
    for lang in LANGS:
        options[f"label_{lang}"] = _caption(node, lang)
        options[f"title_{lang}"] = node_tooltip(node.row, lang)
    return options


def _edge_options(
    edge: dict[str, Any], names: dict[Lang, dict[str, str]], spec: MapSpec
) -> dict[str, Any]:
    style = edge_style(str(edge["type"]))
    quiet = edge["type"] in spec.quiet
    captions = ("", "") if quiet else edge_caption(edge.get("role"), edge.get("kind"))
    derived = bool(edge.get("derived_for"))
    if derived:  # a group layout drawn for a chain it covers: not stated for the chain
        captions = (captions[0] + DERIVED_MARK[0], captions[1] + DERIVED_MARK[1])
    options: dict[str, Any] = {
        "id": f"{edge['from']}|{edge['type']}|{edge['to']}",
        "color": {"color": style.color, "highlight": "#000000", "hover": "#37474f"},
        "width": style.width,
        "dashes": style.dashes or derived,
        "type": edge["type"],
    }
    if edge["type"] in spec.smooth:
        options["smooth"] = spec.smooth[edge["type"]]
    for lang, caption in zip(LANGS, captions, strict=True):
        options[f"label_{lang}"] = caption
        options[f"title_{lang}"] = edge_tooltip(edge, names[lang], lang)
    return options


def vis_options(*, physics: bool, layout: str, n_nodes: int, n_edges: int) -> dict[str, Any]:
    """Return the vis-network options of a map."""
    big = n_nodes >= BIG_MAP or n_edges >= 2 * BIG_MAP
    layered_like = layout in ("layered", "overview")
    smooth: dict[str, Any] | bool = (
        {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.45}
        if layered_like
        else ({"enabled": False} if big or not physics else {"enabled": True, "type": "continuous"})
    )
    options: dict[str, Any] = {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "nodes": {
            "font": {"face": FONT_STACK, "size": FONT_PX, "multi": False},
            "borderWidth": 1,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            "smooth": smooth,
            "font": {
                "face": FONT_STACK,
                "size": 12,
                "align": "horizontal",
                "color": "#37474f",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "physics": {"enabled": False},
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "springLength": 140,
                "springConstant": 0.03,
                "avoidOverlap": 0.4,
            },
            "stabilization": {
                "enabled": True,
                "iterations": 200,
                "updateInterval": 25,
                "fit": True,
            },
        }
    return options


def pyvis_default_options() -> dict[str, Any]:
    """Return the vis options of a default ``pyvis.network.Network()`` (physics on, 1000
    stabilisation iterations, dynamic smooth edges): the benchmark's baseline."""
    options: dict[str, Any] = json.loads(Network().options.to_json())
    return options


def build_network(
    spec: MapSpec, links: PageLinks, *, pyvis_defaults: bool = False
) -> tuple[Network, str, bool]:
    """Return the pyvis network of ``spec`` with positions, the layout used and physics on/off.

    With ``pyvis_defaults`` no position is computed and the options are pyvis's defaults,
    so vis-network places the nodes with physics in the browser (the benchmark's baseline).
    """
    if pyvis_defaults:
        layout, positions = "pyvis-default", None
        physics = True
    else:
        layout, positions = compute_positions(spec)
        physics = spec.layout == "force" and len(spec.nodes) <= PHYSICS_MAX_NODES
    net = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    for node in spec.nodes:
        options = _node_options(node, positions[node.id] if positions else None, links)
        if node.id == spec.id:  # the map's own node stands out
            options["font"] = {**options["font"], "size": FONT_PX + 6}
            options["borderWidth"] = 3
            if "size" in options:
                options["size"] = options["size"] * 1.6
        net.add_node(node.id, label=options["label_zh"], **options)
    names = {
        lang: {
            n.id: _caption(n, lang).replace("\n", "" if lang == "zh" else " ") for n in spec.nodes
        }
        for lang in LANGS
    }
    for edge in spec.edges:
        net.add_edge(edge["from"], edge["to"], **_edge_options(edge, names, spec))
    if pyvis_defaults:
        net.options = pyvis_default_options()
    else:
        net.options = vis_options(
            physics=physics, layout=layout, n_nodes=len(spec.nodes), n_edges=len(spec.edges)
        )
    return net, layout, physics


def legend(spec: MapSpec) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """Return the node types and relationship types the map shows, for its legend."""
    types = {n.type for n in spec.nodes}
    rels = {str(e["type"]) for e in spec.edges}
    node_items = [
        {"zh": s.zh, "en": s.en, "color": s.color, "shape": s.shape, "type": t}
        for t, s in sorted(NODE_STYLES.items(), key=lambda kv: kv[1].order)
        if t in types
    ]
    edge_items = [
        {"zh": s.zh, "en": s.en, "color": s.color, "dashes": s.dashes, "type": t}
        for t, s in EDGE_STYLES.items()
        if t in rels
    ]
    return node_items, edge_items


def render_spec(
    spec: MapSpec,
    *,
    lang: Lang = "zh",
    links: PageLinks,
    pyvis_defaults: bool = False,
    panel: Markup | None = None,
) -> str:
    """Return the HTML document of a map (with ``panel`` beside it, when given).

    ``pyvis_defaults`` leaves the layout to pyvis's default physics in the browser, through
    the same offline template (the benchmark's baseline; see :func:`build_network`).
    """
    net, layout, physics = build_network(spec, links, pyvis_defaults=pyvis_defaults)
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    options = json.loads(options_json)
    node_items, edge_items = legend(spec)
    js, css = vis_assets()
    data = {
        "kind": spec.kind,
        "id": spec.id,
        "layout": layout,
        "physics": physics,
        "nodes": nodes,
        "edges": edges,
        "options": options,
    }
    html = (
        templates()
        .get_template("map.html")
        .render(
            lang=lang,
            title=spec.title,
            spec=spec,
            notes=spec.notes,
            legend_nodes=node_items,
            legend_edges=edge_items,
            links=links,
            counts={"nodes": len(nodes), "edges": len(edges)},
            layout=layout,
            physics=physics,
            data=script_json(data),
            vis_js=Markup(js),
            vis_css=Markup(css),
            page_css=Markup(static_text("page.css")),
            map_js=Markup(static_text("map.js")),
            panel=panel,
            panel_css=Markup(static_text("progress.css") + static_text("mechanism.css"))
            if panel
            else None,
        )
    )
    return with_csp(html)
