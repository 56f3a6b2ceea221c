"""Working-mechanism benchmark: the gap view, the stage histories and a chain's map with its
panel, on the embedded store with SQLite records, each beside a baseline measured in the same
run.

The records are synthetic and invented: every chain gets ``--per-chain`` candidates, each
written three times (线索 → 在谈 → 签约), so the audit holds three entries per candidate.

1. **gap view** of one chain (``chain_gaps``: plan covers, every candidate linked to its
   direction) beside the catalog query it starts from (``subgraph`` of its labels);
2. **histories** of one chain's candidates (read from the audit, page by page) beside reading
   the same records without them (``records(kind, subject)``), at two audit sizes, to show how
   the history grows with the audit;
3. **a chain's map** rendered with its panels and layers beside the same map without records
   (the plan's map alone), neither cached: the panels' cost on top of a map's.

    .venv/bin/python bench/mechanism.py               # 7 repetitions, 20 and 200 per chain
    .venv/bin/python bench/mechanism.py --smoke       # 2 repetitions, 2 and 4 per chain
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: make `bench` and `tools` importable
    sys.path.insert(0, str(REPO_ROOT))

from bench.records import median_ms  # noqa: E402
from chainkg.graph_loader.cache import CachedStore  # noqa: E402
from chainkg.graph_loader.derived import store_subgraph  # noqa: E402
from chainkg.graph_loader.graph import PlanGraph, build_graph  # noqa: E402
from chainkg.graph_loader.settings import shipped_seed  # noqa: E402
from chainkg.graph_loader.store import EmbeddedStore, GraphStore  # noqa: E402
from chainkg.graph_loader.validate import load_valid_seed  # noqa: E402
from chainkg.graph_loader.version import VersionTracker  # noqa: E402
from chainkg.records.candidates import CANDIDATES, CandidateIn  # noqa: E402
from chainkg.records.directions import focus_of  # noqa: E402
from chainkg.records.gaps import GAP_LABELS, chain_gaps  # noqa: E402
from chainkg.records.history import histories  # noqa: E402
from chainkg.records.store import RecordsStore, SqliteRecords  # noqa: E402
from chainkg.records.validate import write_records  # noqa: E402
from chainkg.viz.maps import render_map  # noqa: E402

CHAIN = "chain.pv"


def fill(graph: GraphStore, plan: PlanGraph, records: RecordsStore, per_chain: int) -> int:
    """Write ``per_chain`` invented candidates for every chain, each through three stages;
    return the number of audit entries written."""
    chains = sorted(n.id for n in plan.nodes.values() if n.label == "Chain")
    entries = 0
    for stage in ("线索", "在谈", "签约"):
        batch = []
        for chain in chains:
            techs = focus_of(plan, chain)
            for i in range(per_chain):
                direction = techs[i % len(techs)].id if techs else None
                batch.append(
                    CandidateIn(
                        subject=chain,
                        enterprise=f"示例企业{i:04d}（虚构）",
                        category="配套",
                        direction=direction,
                        stage=stage,
                        source="示例数据（虚构）",
                    )
                )
        for start in range(0, len(batch), per_chain):  # one write per chain and stage
            write_records(
                CANDIDATES,
                batch[start : start + per_chain],
                graph,
                records,
                actor="bench",
                action="bench",
            )
            entries += 1
    return entries


def bench(graph: GraphStore, records: RecordsStore, per_chain: int, runs: int) -> None:
    plan = store_subgraph(graph, ["Chain", "Technology"])
    entries = fill(graph, plan, records, per_chain)
    changes = 3 * 30 * per_chain
    print(
        f"\n{per_chain} candidates per chain, {30 * per_chain} in all: {entries} audit entries "
        f"holding {changes} changes"
    )
    gap = median_ms(runs, lambda: chain_gaps(graph, records, CHAIN))
    floor = median_ms(runs, lambda: store_subgraph(graph, GAP_LABELS))
    print(f"  gap view of {CHAIN} (/api/v1/gaps/chains/{CHAIN})       : {gap:8.1f} ms")
    print(
        f"  its subgraph query alone (baseline)                   : {floor:8.1f} ms"
        f"  ({gap / floor:.1f}x)"
    )
    history = median_ms(runs, lambda: histories(records, CANDIDATES, CHAIN))
    bare = median_ms(runs, lambda: records.records(CANDIDATES.name, CHAIN))
    print(f"  stage histories of its {per_chain} candidates (from the audit): {history:8.1f} ms")
    print(
        f"  the same records without history (baseline)           : {bare:8.1f} ms"
        f"  ({history / bare:.1f}x)"
    )
    with_panels = median_ms(runs, lambda: render_map(graph, "chain", CHAIN, records=records))
    without = median_ms(runs, lambda: render_map(graph, "chain", CHAIN))
    served = CachedStore(graph, VersionTracker(2.0))
    render_map(served, "chain", CHAIN, records=records)  # the catalog answers and the layout
    warm = median_ms(runs, lambda: render_map(served, "chain", CHAIN, records=records))
    print(f"  {CHAIN}'s map with its panels and layers (uncached)   : {with_panels:8.1f} ms")
    print(f"  the same served (catalog answers and page cached)     : {warm:8.1f} ms")
    print(
        f"  the map alone, laid out and rendered (baseline)       : {without:8.1f} ms"
        f"  ({with_panels / without:.2f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--smoke", action="store_true", help="2 repetitions, few records")
    args = parser.parse_args()
    runs = 2 if args.smoke else args.runs
    graph = EmbeddedStore(build_graph(load_valid_seed(shipped_seed())))
    for per_chain in (2, 4) if args.smoke else (20, 200):
        with tempfile.TemporaryDirectory(prefix="chainkg-bench-mechanism-") as tmp:
            bench(graph, SqliteRecords(Path(tmp) / "records.sqlite3"), per_chain, runs)


if __name__ == "__main__":
    main()
