"""Node positions computed in Python, so the browser draws a map at once.

- :func:`layered`: nodes in horizontal layers (group → chain → parks, enterprises,
  technologies …), each layer ordered by the barycentre of its neighbours to cut
  crossings and wrapped into rows when it is wider than the page.  Linear in the
  size of the map; used for every map with a natural hierarchy.
- :func:`spring`: networkx's Fruchterman–Reingold (``spring_layout``) with a fixed seed
  and bounded iterations, for graphs without a hierarchy up to :data:`SPRING_MAX` nodes
  (the dense numpy solver; beyond that networkx needs scipy and is slow).
- :func:`radial`: a radial tree per connected component (BFS from the busiest node,
  each subtree in an angular wedge proportional to its size), components packed on
  shelves.  Linear time: a 5,000-node graph is placed in well under a second.

All return ``{id: (x, y)}`` in vis-network pixels (y grows downwards).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

Positions = dict[str, tuple[float, float]]
SPRING_MAX = 500
"""Above this many nodes :func:`auto_layout` uses :func:`radial` instead of :func:`spring`."""


@dataclass(frozen=True)
class Box:
    """A node to place: its layer, its drawn size in pixels and its initial sort key."""

    id: str
    level: int
    width: float
    height: float
    key: tuple[Hashable, ...] = ()


def _adjacency(ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    adj: dict[str, set[str]] = {i: set() for i in ids}
    for a, b in edges:
        if a in adj and b in adj and a != b:
            adj[a].add(b)
            adj[b].add(a)
    return adj


def _order_layers(
    boxes: Sequence[Box], adj: dict[str, set[str]], sweeps: int
) -> dict[int, list[str]]:
    """Return each layer's node order after barycentre sweeps down and up."""
    level = {b.id: b.level for b in boxes}
    layers: dict[int, list[str]] = defaultdict(list)
    for b in sorted(boxes, key=lambda b: (b.level, b.key, b.id)):
        layers[b.level].append(b.id)
    keys = sorted(layers)

    def rel_pos() -> dict[str, float]:
        pos: dict[str, float] = {}
        for lv in keys:
            n = len(layers[lv])
            for i, node in enumerate(layers[lv]):
                pos[node] = (i + 0.5) / n
        return pos

    def bary(node: str, lv: int, pos: dict[str, float], down: bool, both: bool) -> float:
        near = [
            pos[m]
            for m in adj[node]
            if (level[m] < lv if down else level[m] > lv) or (both and level[m] != lv)
        ]
        return sum(near) / len(near) if near else pos[node]

    for sweep in range(sweeps):
        down = sweep % 2 == 0
        for lv in keys if down else reversed(keys):
            pos = rel_pos()
            keyed = {n: bary(n, lv, pos, down, sweep > 1) for n in layers[lv]}
            layers[lv].sort(key=keyed.__getitem__)  # stable: ties keep the current order
    return layers


def layered(
    boxes: Sequence[Box],
    edges: Iterable[tuple[str, str]],
    *,
    max_row_width: float = 1600,
    h_gap: float = 28,
    row_gap: float = 36,
    level_gap: float = 90,
    sweeps: int = 4,
) -> Positions:
    """Return positions of ``boxes`` in layers (by ``level``), rows wrapped at ``max_row_width``.

    >>> pos = layered([Box("a", 0, 50, 20), Box("b", 1, 50, 20), Box("c", 1, 50, 20)],
    ...               [("a", "b"), ("a", "c")])
    >>> pos["a"][1] < pos["b"][1] == pos["c"][1], pos["a"][0]
    (True, 0.0)
    """
    by_id = {b.id: b for b in boxes}
    adj = _adjacency(by_id, edges)
    layers = _order_layers(boxes, adj, sweeps)
    positions: Positions = {}
    y = 0.0
    first = True
    for lv in sorted(layers):
        rows: list[list[Box]] = [[]]
        width = 0.0
        for node in layers[lv]:
            box = by_id[node]
            if rows[-1] and width + box.width > max_row_width:
                rows.append([])
                width = 0.0
            rows[-1].append(box)
            width += box.width + h_gap
        for r, row in enumerate(rows):
            height = max(b.height for b in row)
            if not first:
                y += (row_gap if r else level_gap) + height / 2
            first = False
            total = sum(b.width for b in row) + h_gap * (len(row) - 1)
            x = -total / 2
            for b in row:
                positions[b.id] = (round(x + b.width / 2, 1), round(y, 1))
                x += b.width + h_gap
            y += height / 2
    return positions


def columns_under(
    upper: Sequence[Box],
    edges: Iterable[tuple[str, str]],
    leaves: dict[str, list[Box]],
    *,
    gap: float = 26,
    top_gap: float = 70,
    max_row_width: float = 1600,
) -> Positions:
    """Lay out ``upper`` in layers, then stack each node's ``leaves`` in a column below it.

    Each upper node is made as wide as its column, so columns never overlap.

    >>> kids = {"g": [Box("a", 1, 60, 20), Box("b", 1, 60, 20)]}
    >>> pos = columns_under([Box("g", 0, 40, 20)], [], kids)
    >>> pos["a"][0] == pos["b"][0] == pos["g"][0], pos["a"][1] < pos["b"][1]
    (True, True)
    """
    widened = [
        Box(
            b.id, b.level, max([b.width, *(k.width for k in leaves.get(b.id, []))]), b.height, b.key
        )
        for b in upper
    ]
    positions = layered(widened, edges, max_row_width=max_row_width)
    bottom = max((positions[b.id][1] + b.height / 2 for b in upper), default=0.0)
    for parent, kids in leaves.items():
        x = positions[parent][0]
        y = bottom + top_gap
        for kid in kids:
            positions[kid.id] = (x, round(y + kid.height / 2, 1))
            y += kid.height + gap
    return positions


def spring(
    ids: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    seed: int = 7,
    iterations: int = 80,
    spacing: float = 90,
) -> Positions:
    """Return a force-directed layout from networkx (seeded, so the same graph looks the same).

    ``spacing`` is about the distance between neighbours in pixels.
    """
    g = nx.Graph()
    g.add_nodes_from(sorted(ids))
    g.add_edges_from((a, b) for a, b in edges if a in g and b in g and a != b)
    if len(g) == 1:
        return {next(iter(g)): (0.0, 0.0)}
    raw = nx.spring_layout(g, seed=seed, iterations=iterations, method="force")
    scale = spacing * math.sqrt(len(g)) / 1.6
    return {
        str(n): (round(float(p[0]) * scale, 1), round(float(p[1]) * scale, 1))
        for n, p in raw.items()
    }


def _radial_component(
    nodes: list[str], adj: dict[str, set[str]], spacing: float
) -> tuple[Positions, float]:
    """Place one connected component as a radial tree; return positions and radius."""
    root = max(nodes, key=lambda n: (len(adj[n]), n))
    parent: dict[str, str | None] = {root: None}
    depth = {root: 0}
    order = [root]
    for node in order:  # BFS; the list grows while we walk it
        for m in sorted(adj[node]):
            if m not in parent:
                parent[m] = node
                depth[m] = depth[node] + 1
                order.append(m)
    children: dict[str, list[str]] = defaultdict(list)
    for node in order[1:]:
        p = parent[node]
        assert p is not None
        children[p].append(node)
    size = dict.fromkeys(order, 1)
    for node in reversed(order[1:]):
        p = parent[node]
        assert p is not None
        size[p] += size[node]
    # angular wedge of each node, proportional to its subtree size
    wedge: dict[str, tuple[float, float]] = {root: (0.0, 2 * math.pi)}
    for node in order:
        start, end = wedge[node]
        span = end - start
        total = size[node] - 1
        at = start
        for child in children[node]:
            share = span * size[child] / total if total else 0.0
            wedge[child] = (at, at + share)
            at += share
    angle = {n: (a + b) / 2 for n, (a, b) in wedge.items()}
    # each ring far enough out that its neighbours are ``spacing`` apart
    rings: dict[int, list[str]] = defaultdict(list)
    for node in order:
        rings[depth[node]].append(node)
    radius = {0: 0.0}
    for d in range(1, max(rings) + 1):
        angles = sorted(angle[n] for n in rings[d])
        gaps = [b - a for a, b in pairwise(angles)]
        gaps.append(2 * math.pi - angles[-1] + angles[0])
        smallest = max(min(gaps), 1e-9)
        radius[d] = max(radius[d - 1] + spacing * 1.5, min(spacing / smallest, 1e7))
    pos = {
        n: (radius[depth[n]] * math.cos(angle[n]), radius[depth[n]] * math.sin(angle[n]))
        for n in order
    }
    return pos, radius[max(rings)]


def radial(
    ids: Sequence[str], edges: Iterable[tuple[str, str]], *, spacing: float = 40
) -> Positions:
    """Return a radial-tree layout of every connected component, packed on shelves.

    >>> pos = radial(["a", "b", "c", "d"], [("a", "b"), ("a", "c")])
    >>> pos["a"], len(pos)
    ((0.0, 0.0), 4)
    """
    adj = _adjacency(ids, edges)
    seen: set[str] = set()
    components: list[list[str]] = []
    for start in sorted(adj):
        if start in seen:
            continue
        comp, stack = [], [start]
        seen.add(start)
        while stack:
            node = stack.pop()
            comp.append(node)
            for m in adj[node]:
                if m not in seen:
                    seen.add(m)
                    stack.append(m)
        components.append(comp)
    placed = [_radial_component(c, adj, spacing) for c in components]
    placed.sort(key=lambda pr: (-pr[1], min(pr[0])))
    # shelf packing: the biggest component first, rows no wider than it (or 8 small ones)
    row_width = max(2 * placed[0][1] + spacing, 8 * (2 * spacing)) if placed else 0.0
    positions: Positions = {}
    x = y = shelf = 0.0
    for pos, r in placed:
        d = 2 * r + spacing
        if x and x + d > row_width:
            x, y, shelf = 0.0, y + shelf, 0.0
        cx, cy = x + d / 2, y + d / 2
        for n, (px, py) in pos.items():
            positions[n] = (round(cx + px, 1), round(cy + py, 1))
        x += d
        shelf = max(shelf, d)
    if positions:  # centre on the first component's root
        ox, oy = positions[max(placed[0][0], key=lambda n: (len(adj[n]), n))]
        positions = {n: (round(px - ox, 1), round(py - oy, 1)) for n, (px, py) in positions.items()}
    return positions


def auto_layout(ids: Sequence[str], edges: Iterable[tuple[str, str]]) -> tuple[str, Positions]:
    """Return the layout that suits a graph without layers: spring when small, else radial."""
    edges = list(edges)
    if len(ids) <= SPRING_MAX:
        return "spring", spring(ids, edges)
    return "radial", radial(ids, edges)
