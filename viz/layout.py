"""Node positions computed in Python, so the browser draws a map at once.

- :func:`layered`: nodes in horizontal layers (group → chain → parks, enterprises,
  technologies …), each layer ordered by the barycentre of its neighbours to cut
  crossings and wrapped into rows when it is wider than the page.  Linear in the
  size of the map; used for every map with a natural hierarchy.
- :func:`spring`: networkx's Fruchterman–Reingold (``spring_layout``) with a fixed seed
  and bounded iterations, for graphs without a hierarchy up to :data:`SPRING_MAX` nodes
  (the dense numpy solver; beyond that networkx needs scipy and is slow).
- :func:`community`: for larger graphs, networkx's Louvain communities, each placed by
  :func:`spring`, the communities themselves placed by ``spring_layout`` on the graph of
  communities, then pushed apart until no two overlap: 5,000 nodes in about a second.

All return ``{id: (x, y)}`` in vis-network pixels (y grows downwards).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

Positions = dict[str, tuple[float, float]]
SPRING_MAX = 500
"""Above this many nodes :func:`auto_layout` uses :func:`community` instead of :func:`spring`."""


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
            for m in sorted(adj[node])  # a fixed order: float sums must not depend on hashing
            if (level[m] < lv if down else level[m] > lv) or (both and level[m] != lv)
        ]
        return math.fsum(near) / len(near) if near else pos[node]

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


def extent(positions: Positions, boxes: Mapping[str, Box]) -> tuple[float, float, float, float]:
    """Return (left, right, top, bottom) of the placed boxes.

    >>> extent({"a": (0, 0), "b": (100, 50)}, {"a": Box("a", 0, 20, 10), "b": Box("b", 1, 40, 10)})
    (-10.0, 120.0, -5.0, 55.0)
    """
    placed = [(positions[i], boxes[i]) for i in positions]
    return (
        min(x - b.width / 2 for (x, _), b in placed),
        max(x + b.width / 2 for (x, _), b in placed),
        min(y - b.height / 2 for (_, y), b in placed),
        max(y + b.height / 2 for (_, y), b in placed),
    )


def fit_scale(
    positions: Positions, boxes: Mapping[str, Box], viewport: tuple[float, float]
) -> float:
    """Return the zoom at which the placed boxes just fill ``viewport`` (width, height)."""
    left, right, top, bottom = extent(positions, boxes)
    return min(viewport[0] / max(right - left, 1.0), viewport[1] / max(bottom - top, 1.0))


def columns_under(
    upper: Sequence[Box],
    edges: Iterable[tuple[str, str]],
    leaves: dict[str, list[Box]],
    *,
    gap: float = 26,
    top_gap: float = 70,
    max_row_width: float = 1600,
    per_column: int | None = None,
) -> Positions:
    """Lay out ``upper`` in layers, then stack each node's ``leaves`` in a column below it;
    with ``per_column``, a longer stack is split into columns side by side, in order.

    Each upper node is made as wide as its columns, so columns never overlap.

    >>> kids = {"g": [Box("a", 1, 60, 20), Box("b", 1, 60, 20)]}
    >>> pos = columns_under([Box("g", 0, 40, 20)], [], kids)
    >>> pos["a"][0] == pos["b"][0] == pos["g"][0], pos["a"][1] < pos["b"][1]
    (True, True)
    >>> pos = columns_under([Box("g", 0, 40, 20)], [], kids, per_column=1)
    >>> pos["a"][1] == pos["b"][1], pos["a"][0] < pos["g"][0] < pos["b"][0]
    (True, True)
    """
    stacks = {
        parent: [
            kids[i : i + (per_column or len(kids))]
            for i in range(0, len(kids), per_column or len(kids) or 1)
        ]
        for parent, kids in leaves.items()
    }
    column_width = {
        parent: max((k.width for k in kids), default=0.0) for parent, kids in leaves.items()
    }

    def width(b: Box) -> float:
        columns = len(stacks.get(b.id, []))
        return max(b.width, columns * column_width.get(b.id, 0.0) + (columns - 1) * gap)

    widened = [Box(b.id, b.level, width(b), b.height, b.key) for b in upper]
    positions = layered(widened, edges, max_row_width=max_row_width)
    bottom = max((positions[b.id][1] + b.height / 2 for b in upper), default=0.0)
    for parent, columns in stacks.items():
        span = len(columns) * column_width[parent] + (len(columns) - 1) * gap
        x = positions[parent][0] - span / 2 + column_width[parent] / 2
        for column in columns:
            y = bottom + top_gap
            for kid in column:
                positions[kid.id] = (round(x, 1), round(y + kid.height / 2, 1))
                y += kid.height + gap
            x += column_width[parent] + gap
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


def _sunflower(nodes: Sequence[str], spacing: float) -> Positions:
    """Return ``nodes`` on a sunflower spiral (a filled disc), in the given order."""
    golden = math.pi * (3 - math.sqrt(5))
    return {
        n: (
            spacing * 0.62 * math.sqrt(i + 0.5) * math.cos(i * golden),
            spacing * 0.62 * math.sqrt(i + 0.5) * math.sin(i * golden),
        )
        for i, n in enumerate(nodes)
    }


def _separate(centres: np.ndarray, radii: np.ndarray, rounds: int = 60) -> np.ndarray:
    """Push apart circles that overlap (vectorised), keeping their arrangement."""
    pos = centres.astype(float).copy()
    need = radii[:, None] + radii[None, :]
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=2))
        np.fill_diagonal(dist, 1e18)
        overlap = need - dist
        if (overlap <= 1e-6).all():
            break
        push = np.where(overlap > 0, overlap / (2 * np.maximum(dist, 1e-9)), 0.0)
        pos += (delta * push[:, :, None]).sum(axis=1)
    return pos


MAX_GROUPS = 300
"""At most this many communities are placed apart (the rest share one disc)."""


def community(
    ids: Sequence[str], edges: Iterable[tuple[str, str]], *, spacing: float = 40, seed: int = 7
) -> Positions:
    """Return a layout for large graphs built from networkx pieces, in about a second.

    Louvain communities (seeded); each community laid out by :func:`spring` (or as a
    sunflower disc when it is itself large); the graph of communities laid out by
    ``spring_layout`` weighted by the links between them; then the communities' discs
    are pushed apart until none overlaps.  Area grows with the number of nodes, so the
    picture stays compact, and related nodes stay together.

    >>> pos = community([f"n{i}" for i in range(40)], [(f"n{i}", f"n{i + 1}") for i in range(39)])
    >>> len(pos), len(set(pos.values()))
    (40, 40)
    """
    g = nx.Graph()
    g.add_nodes_from(sorted(ids))
    g.add_edges_from((a, b) for a, b in edges if a in g and b in g and a != b)
    groups = nx.community.louvain_communities(g, seed=seed)
    groups = sorted((sorted(c) for c in groups), key=lambda c: (-len(c), c[0]))
    # isolated nodes, and the smallest groups past MAX_GROUPS, share one disc
    tail = [n for c in groups[MAX_GROUPS:] for n in c] + [c[0] for c in groups if len(c) == 1]
    groups = [c for c in groups[:MAX_GROUPS] if len(c) > 1]
    if tail:
        groups.append(sorted(set(tail)))
    of = {n: i for i, c in enumerate(groups) for n in c}
    inner: list[Positions] = []
    radii = []
    for members in groups:
        sub = g.subgraph(members)
        if len(members) <= SPRING_MAX:
            pos = spring(members, list(sub.edges()), seed=seed, iterations=60, spacing=spacing)
        else:
            order = list(nx.bfs_tree(sub, max(members, key=lambda n: (sub.degree(n), n))))
            pos = _sunflower(order + [n for n in members if n not in set(order)], spacing)
        cx = sum(x for x, _ in pos.values()) / len(pos)
        cy = sum(y for _, y in pos.values()) / len(pos)
        pos = {n: (x - cx, y - cy) for n, (x, y) in pos.items()}
        inner.append(pos)
        radii.append(max(math.hypot(x, y) for x, y in pos.values()) + spacing)
    cg = nx.Graph()
    cg.add_nodes_from(range(len(groups)))
    for a, b in g.edges():
        i, j = of[a], of[b]
        if i != j:
            cg.add_edge(i, j, weight=cg.get_edge_data(i, j, {"weight": 0})["weight"] + 1)
    if len(groups) == 1:
        centres = np.zeros((1, 2))
    else:
        raw = nx.spring_layout(cg, seed=seed, iterations=100, weight="weight", method="force")
        area = math.sqrt(sum(r * r for r in radii))  # about the side of the packed discs
        centres = np.array([raw[i] for i in range(len(groups))]) * area * 1.5
    centres = _separate(centres, np.array(radii))
    positions: Positions = {}
    for (x0, y0), pos in zip(centres, inner, strict=True):
        for n, (x, y) in pos.items():
            positions[n] = (round(float(x0) + x, 1), round(float(y0) + y, 1))
    return positions


def auto_layout(ids: Sequence[str], edges: Iterable[tuple[str, str]]) -> tuple[str, Positions]:
    """Return the layout that suits a graph without layers: spring when small, else community."""
    edges = list(edges)
    if len(ids) <= SPRING_MAX:
        return "spring", spring(ids, edges)
    return "community", community(ids, edges)
