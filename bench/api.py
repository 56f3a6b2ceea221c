"""API benchmark: the served API against a bare FastAPI app, on both stores, and a soak test.

Every server runs on 127.0.0.1 in a child process, the way ``chainkg serve`` runs: uvicorn,
one worker, no access log.  In one run, with every server up at once:

1. ``/maps/graph`` on the fresh embedded API: the first request (layout and render) against
   the median of the next ones (from the caches);
2. the series, each ``--seconds`` in all, taken in ``--slices`` turns in rotation so that
   they share the machine's quiet and busy moments (it is shared, and its load drifts):
   - **embedded**: ``chainkg serve`` on the embedded store, the main endpoints; the detail
     endpoints; the detail endpoints again sending the ETag they hold (``If-None-Match``:
     every answer a 304);
   - **bare**: a FastAPI app served the same way (``bench/bare.py``) that answers each
     detail path with a constant JSON body of the size the API answers there: the limit
     of the stack;
   - the embedded API without its response cache (``CHAINKG_CACHE_MB=0``), for reference;
   - **neo4j**: ``chainkg serve`` on Neo4j (with its version-keyed caches), the main
     endpoints;
3. per store, one client times four endpoints beside the raw calls of their catalog queries;
4. ``--soak-clients`` clients for ``--soak-seconds`` on the Neo4j-backed API, over the main
   endpoints and the maps: no error is allowed.

The goals are ratios within the run; the table at the end says which are met.  Clients
are threads with one keep-alive connection each, speaking HTTP/1.1 over a socket
(:class:`Connection`): httpx spends about 450 µs of CPU per request on this machine, more
than a cached answer costs the server, so with it the benchmark would measure the client.
Clients ask for ``Accept-Encoding: identity``, as the bare app does not compress.

Neo4j is an embedded Neo4j 5.26 started for the run (``tools/neo4j_server.py``), loaded with
the seed, unless ``NEO4J_URI`` (with ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``)
is set; that database must already hold the seed (``chainkg load``): the benchmark never
writes to it.

    .venv/bin/python bench/api.py                   # about 4 minutes
    .venv/bin/python bench/api.py --seconds 5 --soak-seconds 10 --backend embedded
    .venv/bin/python bench/api.py --smoke           # seconds per phase (a test)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import socket
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
if str(REPO_ROOT) not in sys.path:  # run as a script: make `tools` and `bench` importable
    sys.path.insert(0, str(REPO_ROOT))


from chainkg.graph_loader.catalog import CATALOG  # noqa: E402
from chainkg.graph_loader.search import lucene_query  # noqa: E402

HOST = "127.0.0.1"
V1 = "/api/v1"
CHAINKG = Path(sys.executable).with_name("chainkg")

ENDPOINTS: list[tuple[str, str]] = [
    ("chains", V1 + "/chains"),
    ("chain", V1 + "/chains/chain.pv"),
    ("chain parks", V1 + "/chains/chain.pv/parks"),
    ("park chains", V1 + "/parks/park.taixing_edz/chains"),
    ("group", V1 + "/groups/group.health"),
    ("group parks", V1 + "/groups/group.new_materials"),
    ("action", V1 + "/actions/action.innovation"),
    ("department", V1 + "/departments/dept.miit"),
    ("search", V1 + "/search?q=%E5%85%89%E4%BC%8F"),
    ("neighborhood", V1 + "/graph/neighborhood?id=chain.pv&depth=2"),
    ("path", V1 + "/graph/path?from=park.taixing_edz&to=dept.miit"),
    ("health", V1 + "/health"),
]
"""The main endpoints the clients drive: (name, request target)."""

DETAIL: list[tuple[str, str]] = [
    ("chain", V1 + "/chains/chain.pv"),
    ("park", V1 + "/parks/park.taixing_edz"),
    ("group", V1 + "/groups/group.health"),
    ("action", V1 + "/actions/action.innovation"),
    ("department", V1 + "/departments/dept.miit"),
    ("enterprise", V1 + "/enterprises/ent.great_wall_motor"),
]
"""The detail endpoints (one entity each), for the comparison with the bare app."""

MAPS: list[tuple[str, str]] = [
    ("chain map", "/maps/chains/chain.pv"),
    ("park map", "/maps/parks/park.taixing_edz"),
    ("front page", "/"),
    ("whole graph", "/maps/graph"),
]
"""Pages added to the main endpoints in the soak test."""

RATIO_CASES: list[tuple[str, str, list[tuple[str, dict[str, Any]]]]] = [
    (
        "chain parks",
        V1 + "/chains/chain.pv/parks",
        [("node", {"id": "chain.pv"}), ("chain_parks", {"id": "chain.pv"})],
    ),
    (
        "park chains",
        V1 + "/parks/park.taixing_edz/chains",
        [("node", {"id": "park.taixing_edz"}), ("park_chains", {"id": "park.taixing_edz"})],
    ),
    (
        "group parks",
        V1 + "/groups/group.new_materials",
        [
            ("node", {"id": "group.new_materials"}),
            ("links", {"id": "group.new_materials"}),
            ("group_parks", {"id": "group.new_materials"}),
            ("subgraph", {"labels": ["Plan", "Tier", "Group", "Chain", "Indicator"]}),
        ],
    ),
    (
        "search",
        V1 + "/search?q=%E5%85%89%E4%BC%8F",
        [("search", {"q": "光伏", "lucene": lucene_query("光伏")})],
    ),
    (
        "neighborhood",
        V1 + "/graph/neighborhood?id=chain.pv&depth=2",
        [("neighborhood", {"id": "chain.pv", "depth": 2, "types": None})],
    ),
]
"""For the latency ratio: the endpoint and the catalog queries it runs, in order."""


# ----------------------------------------------------------------- the client


class Connection:
    """One keep-alive HTTP/1.1 connection that sends GETs and reads whole answers."""

    def __init__(self, base: str, headers: dict[str, str] | None = None) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.host = host
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        extra = {"Accept-Encoding": "identity", **(headers or {})}
        self.headers = "".join(f"{k}: {v}\r\n" for k, v in extra.items())
        self.buffer = b""

    def get(self, target: str, headers: str = "") -> tuple[int, bytes, dict[str, str]]:
        """Return the status, body and headers (lower-case names) of ``GET target``."""
        request = f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n{self.headers}{headers}\r\n"
        self.sock.sendall(request.encode())
        data = self.buffer
        while b"\r\n\r\n" not in data:
            data += self._recv()
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        fields = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            fields[name.strip().lower()] = value.strip()
        if "chunked" in fields.get("transfer-encoding", ""):
            raise RuntimeError(f"{target}: chunked answers are not expected")
        length = int(fields.get("content-length", "0"))
        while len(rest) < length:
            rest += self._recv()
        self.buffer = rest[length:]
        return status, rest[:length], fields

    def _recv(self) -> bytes:
        chunk = self.sock.recv(1 << 20)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        return chunk

    def close(self) -> None:
        self.sock.close()


# ----------------------------------------------------------------- driving


@dataclass
class Samples:
    """Latencies (seconds) and errors per endpoint, and the run's length."""

    targets: list[tuple[str, str]]
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def rate(self) -> float:
        return self.total / self.elapsed if self.elapsed else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """Return the ``q`` quantile (0..1) of ``values`` by nearest rank.

    >>> percentile([1, 2, 3, 4], 0.5), percentile([1, 2, 3, 4], 0.99)
    (2, 4)
    """
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q * len(ordered))) - 1]


def drive(
    base: str,
    targets: list[tuple[str, str]],
    seconds: float,
    clients: int,
    etags: dict[str, str] | None = None,
) -> Samples:
    """Run ``clients`` threads cycling through ``targets`` for ``seconds``.

    With ``etags`` every request sends ``If-None-Match`` and only a 304 counts as success;
    otherwise only a 200 does.
    """
    samples = Samples(targets)
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    stop_at: list[float] = []
    expected = 304 if etags else 200

    def client(offset: int) -> None:
        local: dict[str, list[float]] = {}
        errors: dict[str, int] = {}
        connection: Connection | None = None
        start.wait()
        i = offset
        while time.monotonic() < stop_at[0]:
            name, target = targets[i % len(targets)]
            i += 1
            condition = f"If-None-Match: {etags[target]}\r\n" if etags else ""
            began = time.perf_counter()
            try:
                connection = connection or Connection(base)
                ok = connection.get(target, condition)[0] == expected
            except OSError:
                ok = False
                if connection:
                    connection.close()
                connection = None
            elapsed = time.perf_counter() - began
            if ok:
                local.setdefault(name, []).append(elapsed)
            else:
                errors[name] = errors.get(name, 0) + 1
        if connection:
            connection.close()
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
    samples.elapsed = time.monotonic() - began
    return samples


def fetch(base: str, targets: list[tuple[str, str]]) -> dict[str, tuple[int, str]]:
    """Return the body size and ETag of every target (one client)."""
    connection = Connection(base)
    try:
        answers = {}
        for _, target in targets:
            status, body, headers = connection.get(target)
            if status != 200:
                raise RuntimeError(f"{target} answered {status}")
            answers[target] = (len(body), headers.get("etag", ""))
        return answers
    finally:
        connection.close()


def first_and_again(base: str, target: str, again: int) -> tuple[float, float]:
    """Return the time of the first GET of ``target`` and the median of ``again`` more."""
    connection = Connection(base)
    try:
        began = time.perf_counter()
        if connection.get(target)[0] != 200:
            raise RuntimeError(f"{target} did not answer 200")
        first = time.perf_counter() - began
        times = []
        for _ in range(again):
            began = time.perf_counter()
            connection.get(target)
            times.append(time.perf_counter() - began)
        return first, statistics.median(times)
    finally:
        connection.close()


# ----------------------------------------------------------------- serving


def _free_port() -> int:
    from tools.neo4j_server import free_port

    return free_port(HOST)


@contextlib.contextmanager
def serve(command: list[str], env: dict[str, str], logs: Path) -> Iterator[str]:
    """Run a server command (it gets ``--host`` and ``--port``); yield its base URL."""
    port = _free_port()
    child_env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "CHAINKG_"))}
    child_env.update(env)
    log = logs.open("ab")
    process = subprocess.Popen(
        [*command, "--host", HOST, "--port", str(port)],
        cwd=REPO_ROOT,
        env=child_env,
        stdout=log,
        stderr=log,
    )
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited with code {process.returncode}: {logs}")
            with contextlib.suppress(OSError, RuntimeError):
                connection = Connection(base)
                status = connection.get("/api/v1/health")[0]
                connection.close()
                if status in (200, 404):  # the bare app has no /health of its own: 200 too
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not answer within 90 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


API = [str(CHAINKG), "serve", "--no-access-log"]
BARE = [sys.executable, "-m", "bench.bare"]


# ----------------------------------------------------------------- reporting


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} {five:.1f} {fifteen:.1f} (1, 5, 15 min)"


def report(title: str, samples: Samples, clients: int, load: bool = True) -> None:
    """Print requests per second and latency percentiles per endpoint."""
    print(
        f"\n### {title}: {clients} clients, {samples.elapsed:.1f} s, {samples.rate:.0f} req/s"
        + (f" ({load_average()})" if load else "")
    )
    print("\n| endpoint | requests | req/s | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, target in samples.targets:
        values = samples.latencies.get(name, [])
        errors = samples.errors.get(name, 0)
        if not values:
            print(f"| {name} `{target}` | 0 | 0 | - | - | {errors} |")
            continue
        print(
            f"| {name} `{target}` | {len(values)} | {len(values) / samples.elapsed:.0f} | "
            f"{_ms(percentile(values, 0.5))} | {_ms(percentile(values, 0.99))} | {errors} |"
        )
    everything = [v for values in samples.latencies.values() for v in values]
    if everything:
        print(
            f"| **all** | {samples.total} | {samples.rate:.0f} | "
            f"{_ms(percentile(everything, 0.5))} | {_ms(percentile(everything, 0.99))} | "
            f"{samples.error_count} |"
        )


@dataclass
class Backend:
    """A store to serve: its name, the server's environment and the raw query runner."""

    name: str
    env: dict[str, str]
    raw: Callable[[str, dict[str, Any]], object]
    close: Callable[[], None] = lambda: None


def ratios(base: str, backend: Backend, rounds: int) -> None:
    """Print, per ratio case, the median latency of the API over the raw query calls."""
    raw_name = "driver.execute_query" if backend.name == "neo4j" else "embedded function"
    print(f"\nAPI latency over the raw catalog queries ({raw_name}), one client, {rounds} rounds:")
    print("\n| endpoint | queries | API p50 ms | raw p50 ms | API / raw |")
    print("|---|---|---:|---:|---:|")
    connection = Connection(base)
    try:
        for name, target, queries in RATIO_CASES:
            api, raw = [], []
            for _ in range(max(3, rounds // 10)):  # warm-up
                connection.get(target)
                for query, params in queries:
                    backend.raw(query, params)
            for _ in range(rounds):
                began = time.perf_counter()
                if connection.get(target)[0] != 200:
                    raise RuntimeError(f"{target} did not answer 200")
                api.append(time.perf_counter() - began)
                began = time.perf_counter()
                for query, params in queries:
                    backend.raw(query, params)
                raw.append(time.perf_counter() - began)
            a, r = statistics.median(api), statistics.median(raw)
            names = " + ".join(q for q, _ in queries)
            print(f"| {name} | {names} | {_ms(a)} | {_ms(r)} | {a / r:.1f}x |")
    finally:
        connection.close()


# ----------------------------------------------------------------- backends


def embedded_backend() -> Backend:
    from chainkg.graph_loader.store import EmbeddedStore

    store = EmbeddedStore.from_seed()
    return Backend(
        "embedded", {}, lambda name, params: CATALOG[name].embedded(store.graph, **params)
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


# ----------------------------------------------------------------- the run


@dataclass
class Args:
    seconds: float
    clients: int
    rounds: int
    warmup: float
    slices: int
    soak_seconds: float
    soak_clients: int
    backend: str


@dataclass
class Series:
    """One measured series: its name in the goals, what it drives, where, and its samples."""

    key: str
    title: str
    base: str
    targets: list[tuple[str, str]]
    etags: dict[str, str] | None = None
    samples: Samples | None = None

    def add(self, samples: Samples) -> None:
        if self.samples is None:
            self.samples = samples
            return
        for name, values in samples.latencies.items():
            self.samples.latencies.setdefault(name, []).extend(values)
        for name, n in samples.errors.items():
            self.samples.errors[name] = self.samples.errors.get(name, 0) + n
        self.samples.elapsed += samples.elapsed


def interleave(series: list[Series], args: Args) -> dict[str, float]:
    """Drive every series for ``args.seconds`` in all, in ``args.slices`` turns; return rates.

    The machine is shared, and its load drifts over minutes.  Slices taken in turn give
    every series the same mix of quiet and busy moments, so the ratios between them hold.
    """
    for item in series:  # JIT, caches, connection pools: not reported
        drive(item.base, item.targets, args.warmup, args.clients, item.etags)
    before = load_average()
    for _ in range(args.slices):
        for item in series:
            slice_ = args.seconds / args.slices
            item.add(drive(item.base, item.targets, slice_, args.clients, item.etags))
    print(f"\nThe series were measured between {before} and {load_average()}.")
    rates = {}
    for item in series:
        assert item.samples is not None
        report(item.title, item.samples, args.clients, load=False)
        rates[item.key] = item.samples.rate
    return rates


@dataclass
class Results:
    """The numbers the goals are about."""

    rates: dict[str, float] = field(default_factory=dict)
    map_first: float | None = None
    map_again: float | None = None
    soak_errors: int | None = None
    soak_requests: int = 0

    def goals(self, args: Args) -> list[tuple[str, str, str, bool | None]]:
        """Return (measure, value, goal, met) rows."""
        rows: list[tuple[str, str, str, bool | None]] = []

        def ratio(name: str, over: str, goal: float, what: str) -> None:
            a, b = self.rates.get(name), self.rates.get(over)
            if a is None or b is None:
                rows.append((what, "not measured", f">= {goal}x", None))
            else:
                value = f"{a / b:.2f}x ({a:.0f} / {b:.0f} req/s)"
                rows.append((what, value, f">= {goal}x", a / b >= goal))

        ratio("neo4j", "embedded", 0.8, "cached Neo4j throughput / embedded")
        ratio("embedded detail", "bare detail", 0.6, "embedded detail endpoints / bare app")
        ratio("embedded 304", "bare detail", 0.8, "304 revalidations / bare app")
        if self.map_first is not None and self.map_again is not None:
            speedup = self.map_first / self.map_again
            value = f"{speedup:.0f}x ({_ms(self.map_first)} ms / {_ms(self.map_again)} ms)"
            rows.append(
                ("`/maps/graph` served again / first render", value, ">= 50x", speedup >= 50)
            )
        soak = f"{args.soak_clients} clients for {args.soak_seconds:g} s"
        if self.soak_errors is None:
            rows.append((soak, "not run", "0 errors", None))
        else:
            value = f"{self.soak_errors} errors in {self.soak_requests} requests"
            rows.append((soak, value, "0 errors", self.soak_errors == 0))
        return rows


def maps_first_and_again(base: str, results: Results) -> None:
    """Time ``/maps/graph`` on a server that has not drawn it yet, then again."""
    first, again = first_and_again(base, "/maps/graph", 20)
    results.map_first, results.map_again = first, again
    print(
        f"\n`/maps/graph` on a fresh server: first {_ms(first)} ms (layout and render), "
        f"then {_ms(again)} ms (median of 20, from the caches): {first / again:.0f}x"
    )
    en_first, en_again = first_and_again(base, "/maps/graph?lang=en", 5)
    print(
        f"`/maps/graph?lang=en` next: first {_ms(en_first)} ms (layout cached, "
        f"rendered), then {_ms(en_again)} ms"
    )


def embedded_series(stack: contextlib.ExitStack, results: Results, tmp: Path) -> list[Series]:
    """Start the embedded API, the bare app and the API without response cache."""
    api = stack.enter_context(serve(API, {}, tmp / "embedded.log"))
    maps_first_and_again(api, results)
    known = fetch(api, DETAIL)
    sizes = {target: size for target, (size, _) in known.items()}
    bodies = tmp / "bodies.json"
    bodies.write_text(json.dumps(sizes), encoding="utf-8")
    print(
        "\nbare app bodies (bytes, as the API answers): "
        + ", ".join(f"{name} {sizes[target]:,}" for name, target in DETAIL)
    )
    bare = stack.enter_context(serve([*BARE, "--bodies", str(bodies)], {}, tmp / "bare.log"))
    uncached = stack.enter_context(
        serve(API, {"CHAINKG_CACHE_MB": "0"}, tmp / "no-response-cache.log")
    )
    etags = {target: etag for target, (_, etag) in known.items()}
    return [
        Series("embedded", "embedded: main endpoints", api, ENDPOINTS),
        Series("embedded detail", "embedded: detail endpoints", api, DETAIL),
        Series(
            "embedded 304",
            "embedded: detail endpoints revalidated (If-None-Match, 304)",
            api,
            DETAIL,
            etags,
        ),
        Series("bare detail", "bare FastAPI app: detail paths, constant bodies", bare, DETAIL),
        Series(
            "embedded no response cache",
            "embedded, no response cache (CHAINKG_CACHE_MB=0): detail endpoints",
            uncached,
            DETAIL,
        ),
    ]


def run(args: Args, results: Results, tmp: Path) -> None:
    """Start every server, measure the series in turns, the ratios, then soak Neo4j."""
    with contextlib.ExitStack() as stack:
        series: list[Series] = []
        embedded = embedded_backend()
        if args.backend in ("both", "embedded"):
            series += embedded_series(stack, results, tmp)
        neo4j: Backend | None = None
        if args.backend in ("both", "neo4j"):
            neo4j = neo4j_backend(tmp)
            stack.callback(neo4j.close)
            graph = stack.enter_context(serve(API, neo4j.env, tmp / "neo4j.log"))
            series.append(Series("neo4j", "neo4j (cached): main endpoints", graph, ENDPOINTS))
        print(
            f"\nEach series: {args.seconds:g} s in {args.slices} turns taken in rotation, "
            f"after {args.warmup:g} s of warm-up; {args.clients} clients; {load_average()}"
        )
        results.rates.update(interleave(series, args))
        if args.backend in ("both", "embedded"):
            ratios(series[0].base, embedded, args.rounds)
        if neo4j is not None:
            ratios(graph, neo4j, args.rounds)
            soak = drive(graph, ENDPOINTS + MAPS, args.soak_seconds, args.soak_clients)
            report("neo4j (cached): soak, main endpoints and maps", soak, args.soak_clients)
            results.soak_errors, results.soak_requests = soak.error_count, soak.total


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
    parser.add_argument("--slices", type=_bounded(1, 100, int), default=5)
    parser.add_argument("--soak-seconds", type=_bounded(1, 600, float), default=60.0)
    parser.add_argument("--soak-clients", type=_bounded(1, 128, int), default=64)
    parser.add_argument("--backend", choices=["both", "embedded", "neo4j"], default="both")
    parser.add_argument("--smoke", action="store_true", help="Seconds per phase (a test).")
    ns = parser.parse_args(argv)
    if ns.smoke:
        ns.seconds, ns.clients, ns.rounds, ns.warmup, ns.slices = 1.0, 2, 10, 0.3, 2
        ns.soak_seconds, ns.soak_clients = 2.0, 8
    args = Args(
        ns.seconds,
        ns.clients,
        ns.rounds,
        ns.warmup,
        ns.slices,
        ns.soak_seconds,
        ns.soak_clients,
        ns.backend,
    )
    print(
        f"chainkg API benchmark: {args.seconds:g} s per series after {args.warmup:g} s of warm-up, "
        f"{args.clients} clients; soak {args.soak_clients} clients for {args.soak_seconds:g} s; "
        f"uvicorn (1 worker) on {HOST}; Python {sys.version.split()[0]}; "
        f"{os.cpu_count()} CPUs, {load_average()}"
    )
    results = Results()
    with tempfile.TemporaryDirectory(prefix="chainkg-bench-") as name:
        run(args, results, Path(name))
    print(f"\n### Goals ({load_average()} at the end)\n")
    print("| measure | this run | goal | met |")
    print("|---|---|---|---|")
    for what, value, goal, met in results.goals(args):
        print(f"| {what} | {value} | {goal} | {'-' if met is None else 'yes' if met else 'NO'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
