"""Maps benchmark: our layout (positions computed in Python, physics off) against pyvis's
default physics, on a synthetic graph of 5,000 nodes, in the same run.

For each variant it measures:

- **HTML**: the time to build the document (layout, pyvis network, template), in Python;
- **placed**: the time from navigation until headless chromium has drawn the network with
  every node at a finite position (the page sets ``chainkgMap.readyAt`` on the first
  ``afterDrawing`` after the layout is final: at once for ours, after
  ``stabilizationIterationsDone`` for pyvis's physics), read from the page's clock.

Both variants go through the same offline template (vis-network inlined), so the only
difference is the layout: ours places the nodes in Python (a balloon tree per component
for graphs above 500 nodes, see :mod:`viz.layout`); pyvis's default options leave it to
vis-network (Barnes-Hut physics, 1,000 stabilisation iterations, dynamic smooth edges).

The synthetic graph has the plan graph's shape: a preferential-attachment tree (hubs with
many leaves, like chains with their technologies) plus a quarter as many cross links
between nearby nodes (the end of a 2–4 step walk, like a chain and the park of its
group), about 1.25 edges per node (the seed has 1.28), typed and styled like the maps.

    .venv/bin/python bench/maps.py              # 5,000 nodes
    .venv/bin/python bench/maps.py --nodes 1500
    .venv/bin/python bench/maps.py --smoke      # a tiny run for the test suite
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: make `tools` importable
    sys.path.insert(0, str(REPO_ROOT))

from chainkg.viz.assets import write_assets  # noqa: E402
from chainkg.viz.maps import Links  # noqa: E402
from chainkg.viz.render import MapNode, MapSpec, render_spec  # noqa: E402
from tools.chromium import READY_JS, launch, wait_for  # noqa: E402

HUB_LABELS = ["Plan", "Tier", "Tier", "Tier", *["Group"] * 8]


def synthetic_spec(n: int, seed: int = 7) -> MapSpec:
    """Return a map of ``n`` nodes shaped like the plan graph (see the module docstring)."""
    rng = random.Random(seed)
    tree = nx.barabasi_albert_graph(n, 1, seed=seed)
    order = sorted(tree, key=lambda v: (-tree.degree(v), v))
    label: dict[int, str] = {}
    for rank, v in enumerate(order):
        if rank < len(HUB_LABELS):
            label[v] = HUB_LABELS[rank]
        elif rank < n * 0.06:
            label[v] = "Chain"
        elif rank < n * 0.10:
            label[v] = "Park"
        elif rank < n * 0.12:
            label[v] = rng.choice(["Enterprise", "Platform", "Project"])
        else:
            label[v] = "Technology"
    nodes = [
        MapNode(
            {
                "id": f"n{v:05d}",
                "label": label[v],
                "name": f"合成节点{v}",
                "name_en": f"Synthetic node {v}",
                "source": "bench",
                "evidence": "合成数据",
            }
        )
        for v in sorted(tree)
    ]
    edges: list[dict[str, Any]] = []
    for a, b in sorted(tree.edges()):
        hub, leaf = (a, b) if tree.degree(a) >= tree.degree(b) else (b, a)
        edges.append(_edge("FOCUSES_ON", hub, leaf))
    # cross links join related nodes: the end of a short random walk in the tree
    seen = {(min(a, b), max(a, b)) for a, b in tree.edges()}
    while len(edges) < n + n // 4 - 1:
        a = b = rng.randrange(n)
        for _ in range(rng.randint(2, 4)):
            b = rng.choice(sorted(tree[b]))
        if a != b and (min(a, b), max(a, b)) not in seen:
            seen.add((min(a, b), max(a, b)))
            edges.append(_edge("RELATES_TO", a, b, kind=rng.choice(["synergy", "upstream"])))
    return MapSpec(
        "graph",
        None,
        {"zh": f"合成图 {n} 个节点", "en": f"Synthetic graph, {n} nodes"},
        nodes,
        edges,
        layout="auto",
    )


def _edge(rel: str, a: int, b: int, **props: str) -> dict[str, Any]:
    return {
        "type": rel,
        "from": f"n{a:05d}",
        "to": f"n{b:05d}",
        "source": "bench",
        "evidence": "合成关系",
        **props,
    }


@dataclass
class Result:
    """One variant's numbers."""

    name: str
    html_seconds: float
    html_bytes: int
    placed_seconds: float | None
    """None when the browser did not finish within the timeout."""
    nodes: int
    placed: int
    layout: str


def run_variant(
    browser: Any, spec: MapSpec, out: Path, *, pyvis_defaults: bool, timeout_s: float
) -> Result:
    """Build one document and time it in the browser."""
    start = time.perf_counter()
    html = render_spec(spec, links=Links(static=True), pyvis_defaults=pyvis_defaults)
    html_seconds = time.perf_counter() - start
    name = "pyvis-default" if pyvis_defaults else "ours"
    path = out / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    write_assets(out)  # vis-network and map.js beside the page, as in the static site
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(path.as_uri(), wait_until="commit")
        try:
            wait_for(page, READY_JS, timeout=timeout_s)
        except TimeoutError:
            return Result(name, html_seconds, len(html.encode()), None, len(spec.nodes), 0, "")
        state = page.evaluate(
            "({at: chainkgMap.readyAt, placed: chainkgMap.placed, n: chainkgMap.nodes.length,"
            " layout: chainkgMap.layout})"
        )
    finally:
        page.close()
    return Result(
        name,
        html_seconds,
        len(html.encode()),
        state["at"] / 1000,
        state["n"],
        state["placed"],
        state["layout"],
    )


def machine() -> str:
    """Return the CPU count and load average (the machine may be shared)."""
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"machine: {os.cpu_count()} CPUs, load average {load} (1, 5, 15 min)"


def report(n_nodes: int, n_edges: int, version: str, ours: Result, theirs: Result) -> str:
    """Return the results as a Markdown table with the ratios."""

    def placed(r: Result) -> str:
        return "did not finish" if r.placed_seconds is None else f"{r.placed_seconds:.2f}"

    lines = [
        f"Synthetic graph: {n_nodes} nodes, {n_edges} edges; headless chromium {version}.",
        machine(),
        "",
        "| layout | HTML built (s) | HTML size (MB) | drawn, all nodes placed (s) | nodes placed |",
        "|---|---:|---:|---:|---:|",
    ]
    for r, label in (
        (ours, f"ours: positions from Python ({ours.layout}), physics off"),
        (theirs, "pyvis default: physics in the browser (1,000 stabilisation iterations)"),
    ):
        lines.append(
            f"| {label} | {r.html_seconds:.2f} | {r.html_bytes / 1e6:.1f} | {placed(r)} "
            f"| {r.placed}/{r.nodes} |"
        )
    lines.append("")
    if ours.placed_seconds and theirs.placed_seconds:
        ratio = theirs.placed_seconds / ours.placed_seconds
        total = (theirs.html_seconds + theirs.placed_seconds) / (
            ours.html_seconds + ours.placed_seconds
        )
        lines.append(
            f"ratio (pyvis default / ours): drawn and placed {ratio:.1f}x, "
            f"HTML + drawn {total:.1f}x"
        )
    else:
        lines.append("ratio (pyvis default / ours): pyvis default did not finish in time")
    return "\n".join(lines)


def say(r: Result) -> None:
    placed = "timeout" if r.placed_seconds is None else f"{r.placed_seconds:.2f}s"
    print(f"  {r.name}: HTML {r.html_seconds:.2f}s, drawn and placed {placed}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--nodes", type=int, default=5000, help="nodes of the synthetic graph")
    parser.add_argument(
        "--timeout", type=float, default=900, help="seconds to wait for each browser run"
    )
    parser.add_argument("--smoke", action="store_true", help="a tiny run (60 nodes)")
    args = parser.parse_args(argv)
    n = 60 if args.smoke else args.nodes
    timeout_s = 60 if args.smoke else args.timeout

    from playwright.sync_api import sync_playwright

    spec = synthetic_spec(n)
    print(f"maps benchmark: {n} nodes, {len(spec.edges)} edges", flush=True)
    print(machine(), flush=True)
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = launch(pw)
        try:
            version = browser.version
            ours = run_variant(browser, spec, Path(tmp), pyvis_defaults=False, timeout_s=timeout_s)
            say(ours)
            theirs = run_variant(browser, spec, Path(tmp), pyvis_defaults=True, timeout_s=timeout_s)
            say(theirs)
        finally:
            browser.close()
    print()
    print(report(n, len(spec.edges), version, ours, theirs))
    return 0 if ours.placed == ours.nodes else 1


if __name__ == "__main__":
    sys.exit(main())
