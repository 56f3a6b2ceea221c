"""Turn a :class:`MapSpec` into an HTML document with pyvis and our template.

pyvis builds the vis-network nodes, edges and options (``Network.add_node`` /
``add_edge`` / ``get_network_data``); the document comes from our own Jinja template
(``viz/templates/map.html``), never from pyvis's, whose HTML loads Bootstrap and
vis-network from CDNs.  The page carries its own data; vis-network 9.1.2 and our scripts
and styles are the shared files of :mod:`chainkg.viz.assets`, beside the pages of the
static site or served by the app, so a page requests nothing from another host: it works
from ``file://`` on a machine with no network.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

import jinja2
from markupsafe import Markup
from pyvis.network import Network

from chainkg.viz.csp import with_csp
from chainkg.viz.layout import Box, Positions, auto_layout, extent, fit_scale, layered
from chainkg.viz.marks import marked, verbatim
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
HERE = Path(__file__).resolve().parent

Layout = Literal["layered", "overview", "force", "auto"]


@functools.cache
def templates() -> jinja2.Environment:
    """Return the Jinja environment of ``viz/templates`` (HTML autoescaped)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["verbatim"] = verbatim
    env.filters["marked"] = marked
    return env


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

    def asset(self, name: str) -> str:
        """Return the link to a shared file (:mod:`chainkg.viz.assets`)."""

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
    block: str | None = None
    """The :class:`Block` the node belongs to (drawn apart, collapsed at first), if any."""
    groups: tuple[str, ...] = ()
    """The groups (产业) the node belongs to, for the whole graph's filter."""

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def type(self) -> str:
        return str(self.row.get("label", ""))


@dataclass(frozen=True)
class Block:
    """Nodes of a map drawn apart, to the right of the rest, and collapsed into one node
    until the reader opens them (the node, or the toggle beside the map): e.g. the generic
    responsibility part of a chain map (plan ← actions ← departments)."""

    id: str
    caption: dict[str, str]
    """The collapsed node's label, per language."""
    toggle: dict[str, str]
    """The toggle's text, per language (what opening it shows)."""


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
    """Paragraphs shown beside the map, per language (a ``Markup`` may mark the Chinese an
    English paragraph quotes, :func:`chainkg.viz.marks.zh`)."""
    positions: Positions | None = None
    """Precomputed positions (``overview``), else computed from ``layout``."""
    quiet: frozenset[str] = frozenset()
    """Relationship types whose role is only in the tooltip, not drawn on the edge."""
    smooth: dict[str, dict[str, Any]] = field(default_factory=dict)
    """vis ``smooth`` options per relationship type (default: the map's)."""
    placement: tuple[str, Positions] | None = None
    """The layout used and the positions, once :func:`place` computed them."""
    font: int = FONT_PX
    """Label size in pixels (shapes grow with it); the map's own node is larger still."""
    max_row_width: float = 1600
    """Layers wider than this wrap into rows (layered layouts)."""
    viewport: tuple[float, float] | None = None
    """The area the map should fill (layered layouts): the row width is then chosen among a
    few so that the map, fitted into this area, is drawn largest."""
    blocks: list[Block] = field(default_factory=list)
    """Parts drawn apart and collapsed at first (their nodes name them in ``block``)."""
    filters: list[dict[str, str]] | None = None
    """The groups to filter by (``id``, ``zh``, ``en``): the map gets filters by entity type
    and group and a search that focuses a node (the whole graph)."""


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
    # Chinese inside a box is wrapped wider: vis draws a label's lines with no leading, so
    # that two lines of Chinese touch (the plan's name is one line: 16 characters)
    wide = lang == "zh" and node_style(node.type).shape in LABEL_INSIDE
    return wrap(str(name), lang, 2.0 if wide else 1.0)


def box_of(node: MapNode, key: tuple[Any, ...] = (), font: int = FONT_PX) -> Box:
    """Return the box a node takes on the map with labels of ``font`` pixels."""
    style = node_style(node.type)
    lines = max(_caption(node, lang).count("\n") + 1 for lang in LANGS)
    width = max(text_width(_caption(node, lang)) for lang in LANGS) * font
    if style.shape in LABEL_INSIDE:
        return Box(node.id, node.level, width + 24, lines * (font + 4) + 14, key)
    radius = _radius(node, font)
    return Box(node.id, node.level, max(width, 2 * radius), 2 * radius + lines * (font + 3), key)


def _radius(node: MapNode, font: int = FONT_PX) -> float:
    """Return a node's radius; shapes grow with the map's labels."""
    base = node.radius if node.radius is not None else float(node_style(node.type).size)
    return base * font / FONT_PX


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
    boxes = {
        n.id: box_of(n, (node_style(n.type).order, _rank(n), _caption(n, "zh")), spec.font)
        for n in spec.nodes
    }
    main = [boxes[n.id] for n in spec.nodes if n.block is None]
    positions = _fitted(main, pairs, spec, boxes)
    for block in spec.blocks:  # each to the right of what is placed, top-aligned
        members = [boxes[n.id] for n in spec.nodes if n.block == block.id]
        if not members:
            continue
        inner = layered(members, pairs, max_row_width=spec.max_row_width)
        _, right, top, _ = extent(positions, boxes) if positions else (0.0, 0.0, 0.0, 0.0)
        left, _, inner_top, _ = extent(inner, boxes)
        dx, dy = right + BLOCK_GAP - left, top - inner_top
        positions.update({i: (round(x + dx, 1), round(y + dy, 1)) for i, (x, y) in inner.items()})
    return spec.layout, positions


ROW_WIDTHS = (700.0, 900.0, 1100.0, 1300.0, 1600.0, 2000.0)
"""The row widths a map with a viewport tries."""


def _fitted(
    main: list[Box], pairs: list[tuple[str, str]], spec: MapSpec, boxes: Mapping[str, Box]
) -> Positions:
    """Return the layered positions of ``main``: with the spec's row width, or, given a
    viewport, with the row width that lets the map be drawn largest in it."""
    if spec.viewport is None or not main:
        return layered(main, pairs, max_row_width=spec.max_row_width)
    best: tuple[float, Positions] | None = None
    for width in ROW_WIDTHS:  # a collapsed block's node goes beside the top row
        positions = layered(main, pairs, max_row_width=width)
        scale = fit_scale(positions, boxes, spec.viewport)
        if best is None or scale > best[0] + 1e-9:
            best = (scale, positions)
    return best[1] if best else {}


BLOCK_GAP = 140.0
"""Pixels between the main part of a map and a block drawn beside it."""


def place(spec: MapSpec) -> MapSpec:
    """Return ``spec`` with its layout computed (rendering it again reuses the positions)."""
    spec.placement = compute_positions(spec)
    return spec


# ----------------------------------------------------------------- vis data


def _node_options(
    node: MapNode,
    pos: tuple[float, float] | None,
    links: PageLinks,
    english: Mapping[str, str] | None = None,
    font: int = FONT_PX,
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
        options["size"] = _radius(node, font)
    if node.block is not None:
        options["block"] = node.block
    if node.groups:
        options["groups"] = list(node.groups)
    if node.figure is not None:
        options["figure"] = node.figure
    href = links.node(node.type, node.id)
    if href:
        options["href"] = href
    for lang in LANGS:
        options[f"label_{lang}"] = _caption(node, lang)
        options[f"title_{lang}"] = node_tooltip(node.row, lang, english)
    return options


def _edge_options(
    edge: dict[str, Any],
    names: dict[Lang, dict[str, str]],
    spec: MapSpec,
    english: Mapping[str, str] | None = None,
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
        options[f"title_{lang}"] = edge_tooltip(edge, names[lang], lang, english)
    return options


def vis_options(
    *, physics: bool, layout: str, n_nodes: int, n_edges: int, font: int = FONT_PX
) -> dict[str, Any]:
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
            "font": {"face": FONT_STACK, "size": font, "multi": False},
            "borderWidth": 1,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            "smooth": smooth,
            "font": {
                "face": FONT_STACK,
                "size": max(12, font - 2),
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
    spec: MapSpec,
    links: PageLinks,
    *,
    pyvis_defaults: bool = False,
    english: Mapping[str, str] | None = None,
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
        pos = positions[node.id] if positions else None
        options = _node_options(node, pos, links, english, spec.font)
        if node.id == spec.id:  # the map's own node stands out
            options["font"] = {**options["font"], "size": spec.font + 8}
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
        net.add_edge(edge["from"], edge["to"], **_edge_options(edge, names, spec, english))
    if pyvis_defaults:
        net.options = pyvis_default_options()
    else:
        net.options = vis_options(
            physics=physics,
            layout=layout,
            n_nodes=len(spec.nodes),
            n_edges=len(spec.edges),
            font=spec.font,
        )
    return net, layout, physics


def block_data(spec: MapSpec) -> list[dict[str, Any]]:
    """Return what ``map.js`` needs to collapse each block into one node: its label and
    toggle text per language, its size, and where the collapsed node goes: level with the
    highest node of the rest that the block is linked to, just right of that row."""
    _layout, positions = compute_positions(spec)
    boxes = {n.id: box_of(n, font=spec.font) for n in spec.nodes}
    out = []
    for block in spec.blocks:
        members = {n.id for n in spec.nodes if n.block == block.id}
        if not members:
            continue
        linked = [
            positions[str(e[end])][1]
            for e in spec.edges
            for end, other in (("from", "to"), ("to", "from"))
            if e[other] in members and e[end] not in members
        ]
        y = min(linked) if linked else min(positions[i][1] for i in members)
        row = [
            positions[n.id][0] + boxes[n.id].width / 2
            for n in spec.nodes
            if n.block is None and abs(positions[n.id][1] - y) < 1
        ]
        width = max(text_width(text) for text in block.caption.values()) * spec.font + 24
        left = max(row) + BLOCK_GAP / 2 if row else min(positions[i][0] for i in members)
        out.append(
            {
                "id": block.id,
                "label_zh": block.caption["zh"],
                "label_en": block.caption["en"],
                "toggle_zh": block.toggle["zh"],
                "toggle_en": block.toggle["en"],
                "count": len(members),
                "x": round(left + width / 2, 1),
                "y": y,
            }
        )
    return out


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
    english: Mapping[str, str] | None = None,
) -> str:
    """Return the HTML document of a map (with ``panel`` beside it, when given).

    ``english`` (Chinese name → English name, :func:`chainkg.viz.marks.english_names`)
    puts the Chinese names inside English tooltips into English.

    ``pyvis_defaults`` leaves the layout to pyvis's default physics in the browser, through
    the same offline template (the benchmark's baseline; see :func:`build_network`).
    """
    net, layout, physics = build_network(
        spec, links, pyvis_defaults=pyvis_defaults, english=english
    )
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    options = json.loads(options_json)
    node_items, edge_items = legend(spec)
    data = {
        "kind": spec.kind,
        "id": spec.id,
        "layout": layout,
        "physics": physics,
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "blocks": [] if pyvis_defaults else block_data(spec),
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
            panel=panel,
        )
    )
    return with_csp(html)
