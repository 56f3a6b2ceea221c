"""Layouts computed in Python: complete, deterministic, and without overlaps where promised."""

from __future__ import annotations

import math
from itertools import pairwise

from bench.maps import synthetic_spec
from chainkg.viz.layout import (
    SPRING_MAX,
    Box,
    auto_layout,
    columns_under,
    community,
    layered,
    spring,
)


def test_layered_rows_do_not_overlap() -> None:
    boxes = [Box("root", 0, 80, 30)] + [Box(f"k{i}", 1, 120, 30) for i in range(40)]
    edges = [("root", f"k{i}") for i in range(40)]
    pos = layered(boxes, edges, max_row_width=1000)
    assert len(pos) == 41
    rows: dict[float, list[tuple[float, float]]] = {}
    for b in boxes[1:]:
        x, y = pos[b.id]
        rows.setdefault(y, []).append((x - b.width / 2, x + b.width / 2))
    assert len(rows) > 1  # the wide layer was wrapped
    for spans in rows.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in pairwise(spans))
        assert spans[-1][1] - spans[0][0] <= 1000
    assert all(pos["root"][1] < y for y in rows)


def test_layered_orders_by_neighbours() -> None:
    """Barycentre sweeps put each child under its parent: no crossing in a simple tree."""
    boxes = [Box(p, 0, 60, 20, (i,)) for i, p in enumerate("ab")]
    boxes += [Box(c, 1, 60, 20, (i,)) for i, c in enumerate(["b1", "a1", "b2", "a2"])]
    pos = layered(boxes, [("a", "a1"), ("a", "a2"), ("b", "b1"), ("b", "b2")])
    assert max(pos["a1"][0], pos["a2"][0]) < min(pos["b1"][0], pos["b2"][0])


def test_columns_hang_under_their_parent() -> None:
    upper = [Box("g1", 0, 40, 20), Box("g2", 0, 40, 20)]
    leaves = {"g1": [Box("c1", 1, 200, 40)], "g2": [Box("c2", 1, 200, 40), Box("c3", 1, 200, 40)]}
    pos = columns_under(upper, [], leaves)
    assert pos["c1"][0] == pos["g1"][0] and pos["c2"][0] == pos["c3"][0] == pos["g2"][0]
    assert abs(pos["g1"][0] - pos["g2"][0]) >= 200  # columns as wide as their leaves


def test_spring_is_deterministic() -> None:
    ids = [f"n{i}" for i in range(30)]
    edges = [(f"n{i}", f"n{(i * 7) % 30}") for i in range(30)]
    assert spring(ids, edges) == spring(ids, edges)


def test_large_graphs_get_the_community_layout() -> None:
    spec = synthetic_spec(3000)
    ids = [n.id for n in spec.nodes]
    edges = [(e["from"], e["to"]) for e in spec.edges]
    name, pos = auto_layout(ids, edges)
    assert name == "community" and len(ids) > SPRING_MAX
    assert set(pos) == set(ids)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    assert len(set(pos.values())) == len(ids)
    assert pos == community(ids, edges)  # seeded: the same map every time
    small_name, _ = auto_layout(ids[:100], edges[:80])
    assert small_name == "spring"
