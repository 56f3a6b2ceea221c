"""Recommendation and lists benchmark: what a request costs, on both backends.

For each backend (the embedded store, then Neo4j) it times, in the same run:

1. the baseline: one ``search`` of a chain name (``graph_loader.search.search``), the
   cheapest request the API makes of a store;
2. building a :class:`~chainkg.graph_loader.recommend.Recommender` (the ``subgraph`` query and
   the BM25 index), which ``GET /recommend`` does once per request;
3. one recommendation on a built recommender (the ranking, the reasons and the
   ``chain_parks`` queries of the parks), over the cases of tests/recommend/cases.yaml;
4. building each list (清单) and writing it as .xlsx.

Each is the median of ``--repeat`` runs, printed beside its ratio to the baseline.  The
accuracy on the cases is printed too.  Neo4j is an embedded Neo4j 5.26 started for the run
and loaded with the seed, unless ``NEO4J_URI`` (with ``NEO4J_USER``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE``) points at one that holds it.

    .venv/bin/python bench/recommend.py                # both backends
    .venv/bin/python bench/recommend.py --backend embedded --repeat 5
    .venv/bin/python bench/recommend.py --smoke        # one run of each, a few cases
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: make `tools` importable
    sys.path.insert(0, str(REPO_ROOT))

from neo4j import GraphDatabase  # noqa: E402

from chainkg.graph_loader.graph import build_graph  # noqa: E402
from chainkg.graph_loader.lists import LISTS, build_list  # noqa: E402
from chainkg.graph_loader.neo4j_loader import load_graph  # noqa: E402
from chainkg.graph_loader.recommend import THRESHOLD, Recommender  # noqa: E402
from chainkg.graph_loader.search import search  # noqa: E402
from chainkg.graph_loader.settings import shipped_seed  # noqa: E402
from chainkg.graph_loader.sheets import render  # noqa: E402
from chainkg.graph_loader.store import EmbeddedStore, GraphStore, Neo4jStore  # noqa: E402
from chainkg.graph_loader.validate import load_valid_seed  # noqa: E402
from chainkg.graph_loader.zh import segmenter  # noqa: E402
from tools.recommend_threshold import accuracy, load_cases, outcomes  # noqa: E402


def median_ms(action: Callable[[], object], repeat: int) -> float:
    """Return the median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


@contextlib.contextmanager
def neo4j_store() -> Iterator[GraphStore]:
    """Yield a Neo4j store holding the seed: ``NEO4J_URI``'s, or one started for the run."""
    uri = os.environ.get("NEO4J_URI")
    database = os.environ.get("NEO4J_DATABASE", "neo4j")
    if uri:
        auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
        with GraphDatabase.driver(uri, auth=auth) as driver:
            yield Neo4jStore(driver, uri, database)
        return
    from tools.neo4j_server import DEFAULT_PASSWORD, EmbeddedNeo4j, free_port

    with tempfile.TemporaryDirectory() as workdir:
        server = EmbeddedNeo4j(free_port(), Path(workdir) / "neo4j", DEFAULT_PASSWORD)
        server.start()
        try:
            with GraphDatabase.driver(server.uri, auth=server.auth) as driver:
                load_graph(driver, database, build_graph(load_valid_seed(shipped_seed())))
                yield Neo4jStore(driver, server.uri, database)
        finally:
            server.stop()


def run(name: str, store: GraphStore, repeat: int, cases: int | None) -> None:
    """Print the timings of one backend."""
    queries = [str(c["q"]) for c in load_cases()["in_plan"]][:cases]
    base = median_ms(lambda: search(store, "光伏"), repeat * 5)
    rows: list[tuple[str, float]] = [("search 光伏 (baseline)", base)]
    rows.append(("build Recommender", median_ms(lambda: Recommender(store), repeat)))
    built = Recommender(store)
    per_query = [median_ms(partial(built.recommend, q), 1) for q in queries]  # each q once
    rows.append((f"recommend, per query ({len(queries)} cases)", statistics.median(per_query)))
    for list_name in LISTS:
        built_ms = median_ms(partial(build_list, store, list_name), repeat)
        rows.append((f"build list {list_name}", built_ms))
        table = build_list(store, list_name)
        rows.append(("  write it as .xlsx", median_ms(partial(render, table, "xlsx"), repeat)))
    print(f"\n## {name}\n")
    print(f"{'what':48} {'median ms':>10} {'× baseline':>11}")
    for what, ms in rows:
        print(f"{what:48} {ms:10.2f} {ms / base:11.1f}")
    found = outcomes(Recommender(store))
    print(f"\naccuracy on tests/recommend/cases.yaml: {accuracy(found, THRESHOLD)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["both", "embedded", "neo4j"], default="both")
    parser.add_argument("--repeat", type=int, default=7, help="runs per timing (median)")
    parser.add_argument("--smoke", action="store_true", help="one run each, five cases")
    args = parser.parse_args(argv)
    repeat, cases = (1, 5) if args.smoke else (args.repeat, None)
    segmenter()  # jieba's dictionary: loaded once per process, not part of any request
    if args.backend in ("both", "embedded"):
        run("embedded", EmbeddedStore.from_seed(), repeat, cases)
    if args.backend in ("both", "neo4j"):
        with neo4j_store() as store:
            run("neo4j", store, repeat, cases)
    return 0


if __name__ == "__main__":
    sys.exit(main())
