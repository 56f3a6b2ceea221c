"""Loader benchmark: the project's batched loader against a naive one-``MERGE``-per-row loader.

A synthetic graph of the plan graph's shape (the same labels, relationship types between the
same labels, and properties: names, aliases, ``source``/``evidence`` quotes, roles,
assumptions), ``--scale`` times larger (default 100: about 49,000 nodes and 70,000
relationships, with thousands of enterprises, projects, technologies and parks), is loaded
into one Neo4j server in the same run:

(a) with :func:`graph_loader.neo4j_loader.load_graph` into an empty database (one
    transaction, ``UNWIND`` batches), then a second time, which must change nothing;
(b) with the naive baseline the open-source chain graphs use: one ``MERGE`` per row, each in
    its own auto-commit transaction.  To keep the run bounded it loads a random sample of
    rows (default 5,000 nodes and 5,000 relationships); its rate is rows per second over that
    sample.

The database is wiped and the schema (constraints and indexes) created before both.  The
server is an embedded Neo4j 5.26 started for the run (``tools/neo4j_server.py``) unless
``NEO4J_URI`` (with ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) is set; a
non-empty database there is only wiped with ``--allow-wipe``.

    .venv/bin/python bench/load.py              # scale 100
    .venv/bin/python bench/load.py --smoke      # a tiny run, a few seconds
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: make `tools` importable
    sys.path.insert(0, str(REPO_ROOT))

from neo4j import Driver, GraphDatabase, Session  # noqa: E402

from chainkg.graph_loader.graph import Edge, Node, PlanGraph, PropValue  # noqa: E402
from chainkg.graph_loader.neo4j_loader import BATCH_SIZE, ChangeSet, ensure_schema, load_graph  # noqa: E402

PLAN_TEXT = REPO_ROOT / "seed" / "source" / "plan.txt"

UNIT: dict[str, int] = {
    "Chain": 30,
    "Technology": 280,
    "Enterprise": 40,
    "Project": 30,
    "Park": 15,
    "District": 6,
    "Platform": 13,
    "Department": 12,
    "Action": 5,
    "Measure": 15,
    "Target": 18,
    "Indicator": 17,
    "Safeguard": 5,
}
"""Nodes per unit of scale: the plan's counts, with more enterprises and projects."""

PREFIX = {
    "Chain": "chain",
    "Technology": "tech",
    "Enterprise": "ent",
    "Project": "proj",
    "Park": "park",
    "District": "district",
    "Platform": "platform",
    "Department": "dept",
    "Action": "action",
    "Measure": "measure",
    "Target": "target",
    "Indicator": "ind",
    "Safeguard": "safeguard",
}

NAIVE_NODE = "MERGE (n:Entity {id: $id}) SET n += $props SET n:$($label)"
BATCH_NODES = "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n = row.props, n:$(row.label)"
WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"


class Synth:
    """A deterministic generator of names, quotes and props in the plan graph's style."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        try:
            text = PLAN_TEXT.read_text(encoding="utf-8")
        except OSError:
            text = "培育提升具有较强创新能力和核心竞争力的重点产业链。" * 50
        self.text = "".join(text.split())

    def quote(self, low: int = 8, high: int = 60) -> str:
        n = self.rng.randint(low, high)
        start = self.rng.randrange(0, len(self.text) - n)
        return self.text[start : start + n]

    def source(self) -> str:
        return self.rng.choice(
            [f"附件#{self.rng.randint(1, 30)}", "一(二)", "二(一)", "二(三)", "三(一)", "三(五)"]
        )

    def common(self, label: str, unit: int, i: int) -> dict[str, PropValue]:
        name = f"{self.quote(2, 6)}{unit}-{i}"
        props: dict[str, PropValue] = {
            "name": name,
            "name_en": f"{label} {unit}-{i}",
            "source": self.source(),
            "evidence": self.quote(),
        }
        aliases = [f"{name}{s}" for s in ("集团", "有限公司", "项目")[: self.rng.randint(0, 3)]]
        if aliases:
            props["aliases"] = aliases
        if self.rng.random() < 0.05:
            props["assumption"] = "The text does not say so; assumed by analogy with the annex."
        return props

    def edge_props(self, role: str | None = None) -> dict[str, PropValue]:
        props: dict[str, PropValue] = {"source": self.source(), "evidence": self.quote()}
        if role:
            props["role"] = role
        if self.rng.random() < 0.05:
            props["assumption"] = "The text names no role; the generic carrier role is assumed."
        return props


def _label_props(s: Synth, label: str, i: int) -> dict[str, PropValue]:
    rng = s.rng
    if label == "Chain":
        revenue = round(rng.uniform(20, 400), 1)
        return {
            "rank": i + 1,
            "revenue_2024": revenue,
            "target_2027": int(revenue * 1.2),
            "target_2030": int(revenue * 1.5),
            "directions": s.quote(80, 200),
        }
    if label == "Technology":
        return {"kind": rng.choice(["product", "technology", "material", "equipment", "service"])}
    if label == "District":
        return {"kind": rng.choice(["区", "市"])}
    if label == "Park":
        return {"type": rng.choice(["高新区", "经济开发区", "产业园"])}
    if label in ("Platform", "Department"):
        return {"kind": rng.choice(["创新网络", "市级部门", "实验室"])}
    if label in ("Action", "Measure", "Safeguard"):
        props: dict[str, PropValue] = {"rank": i + 1}
        if label != "Action":
            props["text"] = s.quote(100, 250)
        return props
    if label == "Target":
        return {"value": rng.randint(1, 50), "unit": "个", "period": "每年", "at_least": True}
    if label == "Indicator":
        return {
            "metric": "revenue",
            "year": rng.choice([2027, 2030]),
            "value": rng.randint(100, 10000),
            "unit": "亿元",
            "comparison": "力争达",
        }
    return {}


def synthetic_graph(scale: int, seed: int = 0) -> PlanGraph:
    """Return a graph of the plan graph's shape with ``scale`` units of :data:`UNIT` nodes.

    >>> g = synthetic_graph(1)
    >>> g.label_counts()["Chain"], g.label_counts()["Plan"]
    (30, 1)
    >>> synthetic_graph(2, seed=7).edges == synthetic_graph(2, seed=7).edges
    True
    """
    s = Synth(seed)
    rng = s.rng
    nodes: dict[str, Node] = {}
    edges: dict[str, Edge] = {}

    def node(label: str, node_id: str, props: dict[str, PropValue]) -> str:
        nodes[node_id] = Node(node_id, label, props)
        return node_id

    def edge(src: str, rel: str, dst: str, role: str | None = None) -> None:
        if src != dst:
            e = Edge(src, rel, dst, s.edge_props(role))
            edges.setdefault(e.key, e)

    plan = node("Plan", "plan.synthetic", {**s.common("Plan", 0, 0), "base_year": 2024})
    tiers = [node("Tier", f"tier.{t}", {**s.common("Tier", 0, t), "rank": t + 1}) for t in range(3)]
    groups = [
        node("Group", f"group.{g}", {**s.common("Group", 0, g), "rank": g + 1}) for g in range(8)
    ]
    for t in tiers:
        edge(t, "PART_OF", plan)
    for g in groups:
        edge(g, "IN_TIER", rng.choice(tiers))
    edge(groups[1], "SUBGROUP_OF", groups[0])
    edge(groups[2], "SUBGROUP_OF", groups[0])

    for u in range(scale):
        ids: dict[str, list[str]] = {
            label: [
                node(
                    label,
                    f"{PREFIX[label]}.u{u}_{i}",
                    {**s.common(label, u, i), **_label_props(s, label, i)},
                )
                for i in range(count)
            ]
            for label, count in UNIT.items()
        }
        chains = ids["Chain"]
        for c in chains:
            edge(c, "IN_TIER", rng.choice(tiers))
            edge(c, "IN_GROUP", rng.choice(groups))
        for _ in range(25):
            a, b = rng.sample(chains, 2)
            rel = Edge(a, "RELATES_TO", b, s.edge_props())
            rel.props.update(id=f"rel.{a}_{b}", kind=rng.choice(["upstream", "downstream"]))
            edges.setdefault(rel.key, rel)
        for t in ids["Technology"]:
            edge(rng.choice(chains), "FOCUSES_ON", t)
            if rng.random() < 0.1:
                edge(rng.choice(chains), "FOCUSES_ON", t)
            if rng.random() < 0.15:
                edge(rng.choice(groups), "FOCUSES_ON", t)
        for e in ids["Enterprise"]:
            for c in rng.sample(chains, rng.randint(1, 2)):
                edge(e, "ANCHORS", c)
        for p in ids["Project"]:
            edge(rng.choice(ids["Enterprise"]), "OWNS", p)
            edge(p, "ANCHORS", rng.choice(chains) if rng.random() < 0.8 else rng.choice(groups))
        for k, park in enumerate(ids["Park"]):
            edge(park, "LOCATED_IN", rng.choice(ids["District"]))
            for c in rng.sample(chains, rng.randint(1, 3)):
                edge(park, "CARRIES", c, rng.choice(["核心", "支撑", "载体"]))
            if rng.random() < 0.5:
                edge(park, "CARRIES", rng.choice(groups), "核心")
            if k and rng.random() < 0.1:
                edge(park, "PART_OF", ids["Park"][0])
        for platform in ids["Platform"]:
            target = rng.choice([*ids["Action"], *rng.sample(chains, 2), rng.choice(groups)])
            edge(platform, "SUPPORTS", target, rng.choice(["牵引", "支撑"]))
        for a in ids["Action"]:
            edge(a, "PART_OF", plan)
            for d in rng.sample(ids["Department"], 6):
                edge(d, "RESPONSIBLE_FOR", a, "按职责分工负责")
        for k, m in enumerate(ids["Measure"]):
            edge(ids["Action"][k % 5], "HAS_MEASURE", m)
        for k, t in enumerate(ids["Target"]):
            edge(ids["Measure"][k % 15], "HAS_TARGET", t)
        for ind in ids["Indicator"]:
            edge(ind, "GOAL_OF", plan if rng.random() < 0.65 else rng.choice(groups))
        for sg in ids["Safeguard"]:
            edge(sg, "PART_OF", plan)
        for d in rng.sample(ids["Department"], 2):
            edge(d, "RESPONSIBLE_FOR", rng.choice(ids["Safeguard"]), "牵头")

    return PlanGraph(nodes, sorted(edges.values(), key=lambda e: e.key))


# --- the two loaders -----------------------------------------------------------------------


def naive_load_nodes(session: Session, nodes: Sequence[Node]) -> None:
    """One ``MERGE`` per node, each in its own auto-commit transaction."""
    for n in nodes:
        session.run(NAIVE_NODE, id=n.id, props={**n.props, "id": n.id}, label=n.label).consume()


def naive_edge_statement(rel_type: str) -> str:
    """Return the naive loader's statement for one relationship type.

    The open-source loaders format the type into the statement; with a literal type the
    planner finds an existing relationship by expanding from the two end nodes, the fastest
    plan a per-row ``MERGE`` can get (a dynamic ``$(...)`` type is planned as a scan of all
    relationships while the database is nearly empty).  The type is checked to be a plain
    identifier; it comes from the synthetic graph, never from a user.
    """
    if not re.fullmatch(r"[A-Z][A-Z_]*", rel_type):
        raise ValueError(f"not a relationship type: {rel_type!r}")
    return (
        "MATCH (a:Entity {id: $from}), (b:Entity {id: $to}) "
        f"MERGE (a)-[r:{rel_type}]->(b) SET r += $props"
    )


def naive_load_edges(session: Session, edges: Sequence[Edge]) -> None:
    """One ``MATCH … MERGE`` per relationship, each in its own auto-commit transaction."""
    statements: dict[str, str] = {}
    for e in edges:
        statement = statements.setdefault(e.type, naive_edge_statement(e.type))
        session.run(statement, {"from": e.source, "to": e.target, "props": e.props}).consume()


def wipe(driver: Driver, database: str) -> None:
    """Delete every node and relationship (in chunks: this is not a load)."""
    with driver.session(database=database) as session:
        session.run(WIPE).consume()


def counts(driver: Driver, database: str) -> tuple[int, int]:
    """Return the graph's nodes and relationships (the loader's version stamp is no :Entity)."""
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (n:Entity) RETURN count(n) AS nodes } "
        "CALL () { MATCH (:Entity)-[r]->() RETURN count(r) AS rels } RETURN nodes, rels",
        database_=database,
    )
    return int(records[0]["nodes"]), int(records[0]["rels"])


# --- the run -------------------------------------------------------------------------------


@dataclass
class Timed:
    rows: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else float("inf")

    def __str__(self) -> str:
        return f"{self.rows:,} rows in {self.seconds:.2f} s = {self.rate:,.0f} rows/s"


def timed(rows: int, action: Callable[[], object]) -> Timed:
    started = time.perf_counter()
    action()
    return Timed(rows, time.perf_counter() - started)


@contextmanager
def neo4j_target(heap: str, page_cache: str) -> Iterator[tuple[str, tuple[str, str], str, str]]:
    """Yield ``(uri, auth, database, description)``: NEO4J_URI or a fresh embedded server."""
    uri = os.environ.get("NEO4J_URI")
    database = os.environ.get("NEO4J_DATABASE", "neo4j")
    if uri:
        auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
        yield uri, auth, database, f"{uri} (from NEO4J_URI)"
        return
    from tools.neo4j_server import EmbeddedNeo4j, free_port

    with tempfile.TemporaryDirectory(prefix="chainkg-bench-") as tmp:
        server = EmbeddedNeo4j(free_port(), Path(tmp), heap=heap, page_cache=page_cache)
        with server:
            yield (
                server.uri,
                server.auth,
                database,
                f"{server.uri} (embedded, started for this run in "
                f"{server.startup_seconds or 0:.1f} s; heap {heap}, page cache {page_cache})",
            )


def say(line: str = "") -> None:
    print(line, flush=True)


def bench_batched(driver: Driver, db: str, graph: PlanGraph, batch_size: int) -> Timed | None:
    """Load ``graph`` into the empty database with the project's loader, then again."""
    rows = len(graph.nodes) + len(graph.edges)
    marks: dict[str, float] = {}

    def planned(_: ChangeSet) -> None:
        marks["planned"] = time.perf_counter()

    def wrote(_: int) -> None:
        marks["written"] = time.perf_counter()

    started = time.perf_counter()
    report = load_graph(driver, db, graph, batch_size=batch_size, on_plan=planned, progress=wrote)
    batched = Timed(rows, time.perf_counter() - started)
    assert report.nodes_created == len(graph.nodes), report
    assert report.relationships_created == len(graph.edges), report
    assert counts(driver, db) == (len(graph.nodes), len(graph.edges))
    say()
    say(
        "(a) batched: graph_loader.neo4j_loader.load_graph into the empty database, "
        f"one transaction, UNWIND batches of {batch_size:,}"
    )
    say(f"    {batched}")
    say(
        f"    of which schema check + snapshot + diff {marks['planned'] - started:.2f} s, "
        f"writes {marks['written'] - marks['planned']:.2f} s, "
        f"commit {started + batched.seconds - marks['written']:.2f} s"
    )
    say(
        f"    report: {report.nodes_created:,} nodes and "
        f"{report.relationships_created:,} relationships created"
    )
    started = time.perf_counter()
    second = load_graph(driver, db, graph, batch_size=batch_size)
    again = time.perf_counter() - started
    verdict = "changed nothing" if not second.changed else f"CHANGED {second}"
    say(f"    second load of the same graph: {again:.2f} s, {verdict}")
    return None if second.changed else batched


def bench_naive(
    driver: Driver,
    db: str,
    graph: PlanGraph,
    node_sample: Sequence[Node],
    edge_sample: Sequence[Edge],
    batch_size: int,
) -> Timed:
    """Load the samples into the empty database one auto-commit ``MERGE`` per row."""
    with driver.session(database=db) as session:
        nodes = timed(len(node_sample), lambda: naive_load_nodes(session, node_sample))
        # The relationships' end nodes must exist, as they would in a full naive load:
        # the other nodes are written untimed, in batches.
        sampled = {n.id for n in node_sample}
        rest = [n for n in graph.nodes.values() if n.id not in sampled]
        load_rest(driver, db, rest, batch_size)
        edges = timed(len(edge_sample), lambda: naive_load_edges(session, edge_sample))
    assert counts(driver, db) == (len(graph.nodes), len(edge_sample))
    naive = Timed(nodes.rows + edges.rows, nodes.seconds + edges.seconds)
    say()
    say("(b) naive: one MERGE per row, each in its own auto-commit transaction")
    say(
        f"    timed on a random sample of {len(node_sample):,} nodes + "
        f"{len(edge_sample):,} relationships (rows/s over the sample)"
    )
    say(f"    nodes:         {nodes}")
    say(f"    relationships: {edges}")
    say(f"    together:      {naive}")
    return naive


def warm_up(driver: Driver, db: str, seed: int, batch_size: int) -> float:
    """Run both loaders once on a small graph, so that neither pays the JIT's warm-up."""
    started = time.perf_counter()
    small = synthetic_graph(1, seed)
    wipe(driver, db)
    load_graph(driver, db, small, batch_size=batch_size)
    wipe(driver, db)
    nodes = list(small.nodes.values())
    with driver.session(database=db) as session:
        naive_load_nodes(session, nodes[:300])
        load_rest(driver, db, nodes[300:], batch_size)
        naive_load_edges(session, small.edges[:300])
    wipe(driver, db)
    return time.perf_counter() - started


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def run(args: argparse.Namespace) -> int:
    build_started = time.perf_counter()
    graph = synthetic_graph(args.scale, args.seed)
    n_rows = len(graph.nodes) + len(graph.edges)
    say(f"chainkg loader benchmark: scale {args.scale}, seed {args.seed}")
    say(
        f"graph: {len(graph.nodes):,} nodes + {len(graph.edges):,} relationships = "
        f"{n_rows:,} rows (generated in {time.perf_counter() - build_started:.1f} s)"
    )
    say("  nodes: " + ", ".join(f"{k} {v:,}" for k, v in graph.label_counts().items()))
    say("  relationships: " + ", ".join(f"{k} {v:,}" for k, v in graph.type_counts().items()))
    rng = random.Random(args.seed + 1)
    node_sample = rng.sample(list(graph.nodes.values()), min(args.naive_nodes, len(graph.nodes)))
    edge_sample = rng.sample(graph.edges, min(args.naive_edges, len(graph.edges)))

    with neo4j_target(args.heap, args.page_cache) as (uri, auth, db, where):
        with GraphDatabase.driver(uri, auth=auth) as driver:
            version = driver.execute_query(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS v", database_=db
            )[0][0]["v"]
            say(f"Neo4j {version} at {where}, database {db!r}")
            say(f"machine: {os.cpu_count()} CPUs, load average {load_average()} (1, 5, 15 min)")
            before = counts(driver, db)
            if before != (0, 0) and not args.allow_wipe:
                print(
                    f"refusing to run: database {db!r} holds {before[0]:,} nodes and "
                    f"{before[1]:,} relationships (pass --allow-wipe to delete them)",
                    file=sys.stderr,
                )
                return 2
            if args.warm_up:
                seconds = warm_up(driver, db, args.seed + 2, args.batch_size)
                say(f"warm-up: both loaders once on a scale-1 graph ({seconds:.1f} s, untimed)")
            # Both loads start from an empty database with the constraints and indexes in place.
            wipe(driver, db)
            ensure_schema(driver, db)
            batched = bench_batched(driver, db, graph, args.batch_size)
            if batched is None:
                return 1
            wipe(driver, db)
            ensure_schema(driver, db)
            naive = bench_naive(driver, db, graph, node_sample, edge_sample, args.batch_size)
            if os.environ.get("NEO4J_URI"):
                wipe(driver, db)
    say(
        f"    at that rate the whole graph would take {n_rows / naive.rate:,.0f} s "
        f"(batched: {batched.seconds:.1f} s)"
    )
    say()
    say(f"load average after the run: {load_average()}")
    say(
        f"ratio batched/naive: {batched.rate / naive.rate:,.1f}x "
        f"({batched.rate:,.0f} vs {naive.rate:,.0f} rows/s; goal >= 50x)"
    )
    return 0


def load_rest(driver: Driver, database: str, nodes: Sequence[Node], batch_size: int) -> None:
    """Write ``nodes`` in batches (untimed set-up for the naive relationships)."""
    rows = [{"id": n.id, "label": n.label, "props": {**n.props, "id": n.id}} for n in nodes]
    with driver.session(database=database) as session:
        for i in range(0, len(rows), batch_size):
            session.run(BATCH_NODES, rows=rows[i : i + batch_size]).consume()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench/load.py",
        description="Time the batched loader against a naive one-MERGE-per-row loader.",
    )
    parser.add_argument("--scale", type=int, default=100, help="units of ~500 nodes (100)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (0)")
    parser.add_argument("--naive-nodes", type=int, default=5000, help="naive sample (5000)")
    parser.add_argument("--naive-edges", type=int, default=5000, help="naive sample (5000)")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="UNWIND batch size")
    parser.add_argument("--heap", default="2g", help="embedded server heap (2g)")
    parser.add_argument("--page-cache", default="512m", help="embedded page cache (512m)")
    parser.add_argument(
        "--allow-wipe",
        action="store_true",
        help="with NEO4J_URI: delete what the database holds (it is left empty)",
    )
    parser.add_argument(
        "--no-warm-up",
        dest="warm_up",
        action="store_false",
        help="skip the untimed warm-up run of both loaders",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="a tiny run: scale 1, 200 + 200 naive rows, no warm-up",
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.scale, args.naive_nodes, args.naive_edges, args.warm_up = 1, 200, 200, False
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
