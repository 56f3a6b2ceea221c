"""Records benchmark: writing actuals and computing progress, on both records stores.

For each backend (SQLite in a temporary directory, then Neo4j) it measures, in the same run:

1. **writes**: the demo workbook's 74 actuals written as one checked, audited write
   (``write_records``: one transaction, one audit entry), beside the baseline of the same
   records written one per write (74 transactions, 74 audit entries), as a naive client
   posting one record per request would; the ratio of records per second;
2. **progress**: ``plan_progress`` (every chain, target, indicator, group, department and the
   预警 list) beside the catalog query it starts from (``subgraph`` of its labels), the floor
   of any computation on the graph; the ratio of the medians.

Neo4j is ``NEO4J_URI`` (its records labels are wiped: ``--allow-wipe`` is required) or an
embedded Neo4j 5.26 started for the run.

    .venv/bin/python bench/records.py                 # 7 repetitions per measure
    .venv/bin/python bench/records.py --smoke         # 2 repetitions, for the test suite
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: make `bench` and `tools` importable
    sys.path.insert(0, str(REPO_ROOT))

from neo4j import GraphDatabase  # noqa: E402

from bench.load import neo4j_target  # noqa: E402
from chainkg.graph_loader.derived import store_subgraph  # noqa: E402
from chainkg.graph_loader.graph import build_graph  # noqa: E402
from chainkg.graph_loader.neo4j_loader import load_graph  # noqa: E402
from chainkg.graph_loader.settings import shipped_seed  # noqa: E402
from chainkg.graph_loader.store import EmbeddedStore, GraphStore, Neo4jStore  # noqa: E402
from chainkg.graph_loader.validate import load_valid_seed  # noqa: E402
from chainkg.records.actuals import ACTUAL_SHEETS, ACTUALS, ActualIn  # noqa: E402
from chainkg.records.excel import read_workbook  # noqa: E402
from chainkg.records.progress import PROGRESS_LABELS, plan_progress  # noqa: E402
from chainkg.records.store import Neo4jRecords, RecordsStore, SqliteRecords  # noqa: E402
from chainkg.records.validate import write_records  # noqa: E402

DEMO = REPO_ROOT / "examples" / "demo-actuals-invented.xlsx"
WIPE = "MATCH (n) WHERE n:Record OR n:AuditEntry OR n:ApiKey OR n:RecordsMeta DETACH DELETE n"


def demo_records(scale: float) -> list[ActualIn]:
    """Return the demo workbook's actuals, every value times ``scale`` (so each run writes)."""
    items, _, _ = read_workbook(DEMO.read_bytes(), ACTUAL_SHEETS)
    return [
        ActualIn.model_validate({**i, "value": round(float(i["value"]) * scale, 3)}) for i in items
    ]


def median_ms(runs: int, func: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench(name: str, graph: GraphStore, records: RecordsStore, runs: int) -> None:
    print(f"\n{name}")
    round_ = iter(range(1, 10_000))

    def one_write() -> None:
        batch = demo_records(1 + next(round_) / 1000)
        write_records(ACTUALS, batch, graph, records, actor="bench", action="bench")

    def one_per_record() -> None:
        for item in demo_records(1 + next(round_) / 1000):
            write_records(ACTUALS, [item], graph, records, actor="bench", action="bench")

    n = len(demo_records(1))
    batched = median_ms(runs, one_write)
    single = median_ms(max(1, runs // 2), one_per_record)
    print(f"  write {n} actuals, one checked and audited write : {batched:8.1f} ms")
    print(f"  the same, one write per record (baseline)        : {single:8.1f} ms")
    print(
        f"  records per second: {n / batched * 1000:,.0f} vs {n / single * 1000:,.0f}"
        f"  ({single / batched:.1f}x)"
    )
    progress = median_ms(runs, lambda: plan_progress(graph, records))
    floor = median_ms(runs, lambda: store_subgraph(graph, PROGRESS_LABELS))
    print(f"  plan_progress (all of /api/v1/progress)           : {progress:8.1f} ms")
    print(
        f"  its subgraph query alone (baseline)              : {floor:8.1f} ms"
        f"  (progress {progress / floor:.1f}x the query)"
    )
    print(f"  records version after the run: {records.version()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--smoke", action="store_true", help="2 repetitions")
    parser.add_argument("--backend", choices=["both", "sqlite", "neo4j"], default="both")
    parser.add_argument("--allow-wipe", action="store_true", help="wipe records of NEO4J_URI")
    args = parser.parse_args()
    runs = 2 if args.smoke else args.runs
    graph = build_graph(load_valid_seed(shipped_seed()))
    if args.backend in ("both", "sqlite"):
        with tempfile.TemporaryDirectory(prefix="chainkg-bench-records-") as tmp:
            records = SqliteRecords(Path(tmp) / "records.sqlite3")
            bench("embedded store + SQLite records", EmbeddedStore(graph), records, runs)
    if args.backend in ("both", "neo4j"):
        if os.environ.get("NEO4J_URI") and not args.allow_wipe:
            raise SystemExit(
                "NEO4J_URI is set: pass --allow-wipe to let the benchmark wipe its records"
            )
        with neo4j_target("1g", "256m") as (uri, auth, database, description):
            with GraphDatabase.driver(uri, auth=auth) as driver:
                load_graph(driver, database, graph)
                store = Neo4jStore(driver, uri, database)
                neo4j_records = Neo4jRecords(driver, uri, database)
                driver.execute_query(WIPE, database_=database)
                try:
                    bench(f"Neo4j {description}", store, neo4j_records, runs)
                finally:
                    driver.execute_query(WIPE, database_=database)


if __name__ == "__main__":
    main()
