"""API benchmark: the main endpoints under concurrent clients, on both backends.

For each backend (the embedded store, then Neo4j) the app is served by uvicorn on
127.0.0.1 in a child process, exactly as ``chainkg serve`` serves it, and:

1. after ``--warmup`` seconds of the same load (not reported), ``--clients`` concurrent
   clients (threads, one keep-alive connection each) cycle through the main endpoints for
   ``--seconds``; requests per second and p50/p99 latency are printed per endpoint;
2. one client then measures, for a few endpoints, the API's latency beside the raw call of
   the same catalog queries (``driver.execute_query`` of their Cypher on Neo4j, the
   embedded function on the embedded store), and prints the ratio of the medians.

Neo4j is an embedded Neo4j 5.26 started for the run (``tools/neo4j_server.py``), loaded
with the seed, unless ``NEO4J_URI`` (with ``NEO4J_USER``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE``) is set; that database must already hold the seed (``chainkg load``),
since the benchmark never writes to it.

    .venv/bin/python bench/api.py                          # 15 s per backend, 8 clients
    .venv/bin/python bench/api.py --seconds 5 --clients 4 --backend embedded
    .venv/bin/python bench/api.py --smoke                  # about 2 s per backend
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: make `tools` importable
    sys.path.insert(0, str(REPO_ROOT))

import httpx  # noqa: E402

from chainkg.graph_loader.catalog import CATALOG  # noqa: E402
from chainkg.graph_loader.search import lucene_query  # noqa: E402

HOST = "127.0.0.1"
V1 = "/api/v1"

ENDPOINTS: list[tuple[str, str]] = [
    ("chains", "/chains"),
    ("chain", "/chains/chain.pv"),
    ("chain parks", "/chains/chain.pv/parks"),
    ("park chains", "/parks/park.taixing_edz/chains"),
    ("group", "/groups/group.health"),
    ("group parks", "/groups/group.new_materials"),
    ("action", "/actions/action.innovation"),
    ("department", "/departments/dept.miit"),
    ("search", "/search?q=光伏"),
    ("neighborhood", "/graph/neighborhood?id=chain.pv&depth=2"),
    ("path", "/graph/path?from=park.taixing_edz&to=dept.miit"),
    ("health", "/health"),
]
"""The endpoints the clients drive: (name, path under /api/v1)."""

RATIO_CASES: list[tuple[str, str, list[tuple[str, dict[str, Any]]]]] = [
    (
        "chain parks",
        "/chains/chain.pv/parks",
        [("node", {"id": "chain.pv"}), ("chain_parks", {"id": "chain.pv"})],
    ),
    (
        "park chains",
        "/parks/park.taixing_edz/chains",
        [("node", {"id": "park.taixing_edz"}), ("park_chains", {"id": "park.taixing_edz"})],
    ),
    (
        "group parks",
        "/groups/group.new_materials",
        [
            ("node", {"id": "group.new_materials"}),
            ("links", {"id": "group.new_materials"}),
            ("group_parks", {"id": "group.new_materials"}),
            ("subgraph", {"labels": ["Plan", "Tier", "Group", "Chain", "Indicator"]}),
        ],
    ),
    ("search", "/search?q=光伏", [("search", {"q": "光伏", "lucene": lucene_query("光伏")})]),
    (
        "neighborhood",
        "/graph/neighborhood?id=chain.pv&depth=2",
        [("neighborhood", {"id": "chain.pv", "depth": 2, "types": None})],
    ),
]
"""For the ratio: the endpoint and the catalog queries it runs, in order."""


@dataclass
class Backend:
    """A backend to serve: its name, the server's environment, and the raw query runner."""

    name: str
    env: dict[str, str]
    raw: Callable[[str, dict[str, Any]], object]
    close: Callable[[], None] = lambda: None


@dataclass
class Samples:
    """Latencies (seconds) and errors per endpoint."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)


def percentile(values: Sequence[float], q: float) -> float:
    """Return the ``q`` quantile (0..1) of ``values`` by nearest rank.

    >>> percentile([1, 2, 3, 4], 0.5), percentile([1, 2, 3, 4], 0.99)
    (2, 4)
    """
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q * len(ordered))) - 1]


def _free_port() -> int:
    from tools.neo4j_server import free_port

    return free_port(HOST)


@contextlib.contextmanager
def serve(env: dict[str, str]) -> Iterator[str]:
    """Run the app with uvicorn on 127.0.0.1 in a child process; yield its base URL."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "chainkg.api.main:create_app",
        "--factory",
        "--host",
        HOST,
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    child_env.update(env)
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=child_env)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"uvicorn exited with code {process.returncode}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(base + V1 + "/health", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("the API did not answer /health within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def drive(base: str, seconds: float, clients: int) -> tuple[Samples, float]:
    """Run ``clients`` threads cycling through the endpoints; return samples and elapsed time."""
    samples = Samples()
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    stop_at: list[float] = []

    def client(offset: int) -> None:
        local: dict[str, list[float]] = {}
        errors: dict[str, int] = {}
        with httpx.Client(base_url=base + V1, timeout=30) as http:
            start.wait()
            i = offset
            while time.monotonic() < stop_at[0]:
                name, path = ENDPOINTS[i % len(ENDPOINTS)]
                i += 1
                began = time.perf_counter()
                try:
                    ok = http.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - began
                if ok:
                    local.setdefault(name, []).append(elapsed)
                else:
                    errors[name] = errors.get(name, 0) + 1
        with lock:
            for name, values in local.items():
                samples.latencies.setdefault(name, []).extend(values)
            for name, n in errors.items():
                samples.errors[name] = samples.errors.get(name, 0) + n

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    stop_at.append(began + seconds)
    start.wait()
    for thread in threads:
        thread.join()
    return samples, time.monotonic() - began


def ratios(base: str, backend: Backend, rounds: int) -> list[tuple[str, float, float]]:
    """Return, per ratio case, the median latency of the API and of the raw query calls."""
    results = []
    with httpx.Client(base_url=base + V1, timeout=30) as http:
        for name, path, queries in RATIO_CASES:
            api, raw = [], []
            for _ in range(max(3, rounds // 10)):  # warm-up
                http.get(path)
                for query, params in queries:
                    backend.raw(query, params)
            for _ in range(rounds):
                began = time.perf_counter()
                response = http.get(path)
                api.append(time.perf_counter() - began)
                if response.status_code != 200:
                    raise RuntimeError(f"{path} answered {response.status_code}")
                began = time.perf_counter()
                for query, params in queries:
                    backend.raw(query, params)
                raw.append(time.perf_counter() - began)
            results.append((name, statistics.median(api), statistics.median(raw)))
    return results


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def report(backend: str, samples: Samples, elapsed: float, clients: int) -> None:
    """Print requests per second and latency percentiles per endpoint."""
    total = sum(len(v) for v in samples.latencies.values())
    errors = sum(samples.errors.values())
    print(f"\n### {backend}: {clients} clients, {elapsed:.1f} s, {total / elapsed:.0f} req/s")
    print("\n| endpoint | requests | req/s | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, path in ENDPOINTS:
        values = samples.latencies.get(name, [])
        if not values:
            print(f"| {name} `{path}` | 0 | 0 | - | - | {samples.errors.get(name, 0)} |")
            continue
        print(
            f"| {name} `{path}` | {len(values)} | {len(values) / elapsed:.0f} | "
            f"{_ms(percentile(values, 0.5))} | {_ms(percentile(values, 0.99))} | "
            f"{samples.errors.get(name, 0)} |"
        )
    everything = [v for values in samples.latencies.values() for v in values]
    if everything:
        print(
            f"| **all** | {total} | {total / elapsed:.0f} | {_ms(percentile(everything, 0.5))} | "
            f"{_ms(percentile(everything, 0.99))} | {errors} |"
        )


def report_ratios(backend: Backend, rows: list[tuple[str, float, float]], rounds: int) -> None:
    """Print the API's median latency over the raw query calls' median."""
    raw_name = "driver.execute_query" if backend.name == "neo4j" else "embedded function"
    print(f"\nAPI latency over the raw catalog queries ({raw_name}), one client, {rounds} rounds:")
    print("\n| endpoint | queries | API p50 ms | raw p50 ms | API / raw |")
    print("|---|---|---:|---:|---:|")
    for (name, _path, queries), (_, api, raw) in zip(RATIO_CASES, rows, strict=True):
        names = " + ".join(q for q, _ in queries)
        print(f"| {name} | {names} | {_ms(api)} | {_ms(raw)} | {api / raw:.1f}x |")


def embedded_backend() -> Backend:
    from chainkg.graph_loader.store import EmbeddedStore

    store = EmbeddedStore.from_seed()
    return Backend(
        "embedded",
        {},
        lambda name, params: CATALOG[name].embedded(store.graph, **params),
    )


def neo4j_backend(workdir: Path) -> Backend:
    """Return the Neo4j backend: ``NEO4J_URI`` if set (must hold the seed), else our own."""
    from neo4j import GraphDatabase

    uri = os.environ.get("NEO4J_URI")
    database = os.environ.get("NEO4J_DATABASE", "neo4j")
    server = None
    if uri:
        auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    else:
        from chainkg.graph_loader.graph import build_graph
        from chainkg.graph_loader.neo4j_loader import load_graph
        from chainkg.graph_loader.settings import shipped_seed
        from chainkg.graph_loader.validate import load_valid_seed
        from tools.neo4j_server import DEFAULT_PASSWORD, EmbeddedNeo4j, free_port

        server = EmbeddedNeo4j(free_port(), workdir / "neo4j", DEFAULT_PASSWORD)
        print(f"starting {server} …", file=sys.stderr)
        server.start()
        uri, auth = server.uri, server.auth
        with GraphDatabase.driver(uri, auth=auth) as loader:
            load_graph(loader, database, build_graph(load_valid_seed(shipped_seed())))
    driver = GraphDatabase.driver(uri, auth=auth)
    records, _, _ = driver.execute_query(
        "MATCH (c:Chain) RETURN count(c) AS n", database_=database, routing_="r"
    )
    if records[0]["n"] != 30:
        driver.close()
        if server:
            server.stop()
        raise SystemExit(f"{uri} does not hold the seed (30 chains); run `chainkg load` first")

    def raw(name: str, params: dict[str, Any]) -> object:
        return driver.execute_query(
            CATALOG[name].cypher, params, database_=database, routing_="r"
        ).records

    def close() -> None:
        driver.close()
        if server:
            server.stop()

    env = {
        "NEO4J_URI": uri,
        "NEO4J_USER": auth[0],
        "NEO4J_PASSWORD": auth[1],
        "NEO4J_DATABASE": database,
    }
    return Backend("neo4j", env, raw, close)


def run(backend: Backend, seconds: float, clients: int, rounds: int, warmup: float) -> None:
    """Serve the app on ``backend``, warm it up, drive it, and print the results."""
    with serve(backend.env) as base:
        drive(base, warmup, clients)  # JIT, caches and connection pools; not reported
        samples, elapsed = drive(base, seconds, clients)
        report(backend.name, samples, elapsed, clients)
        report_ratios(backend, ratios(base, backend, rounds), rounds)


def _bounded(low: float, high: float, kind: type[int] | type[float]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        value = kind(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low:g} and {high:g}")
        return value

    return parse


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seconds", type=_bounded(1, 600, float), default=15.0)
    parser.add_argument("--clients", type=_bounded(1, 64, int), default=8)
    parser.add_argument("--rounds", type=_bounded(10, 10_000, int), default=200)
    parser.add_argument("--warmup", type=_bounded(0.1, 60, float), default=5.0)
    parser.add_argument("--backend", choices=["both", "embedded", "neo4j"], default="both")
    parser.add_argument("--smoke", action="store_true", help="About 2 s per backend, 2 clients.")
    args = parser.parse_args(argv)
    if args.smoke:
        args.seconds, args.clients, args.rounds, args.warmup = 2.0, 2, 20, 0.5
    names = ["embedded", "neo4j"] if args.backend == "both" else [args.backend]
    print(
        f"chainkg API benchmark: {args.seconds:g} s per backend after {args.warmup:g} s of "
        f"warm-up, {args.clients} clients, uvicorn (1 worker) on {HOST}, "
        f"Python {sys.version.split()[0]}"
    )
    with tempfile.TemporaryDirectory(prefix="chainkg-bench-") as tmp:
        for name in names:
            backend = embedded_backend() if name == "embedded" else neo4j_backend(Path(tmp))
            try:
                run(backend, args.seconds, args.clients, args.rounds, args.warmup)
            finally:
                backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
