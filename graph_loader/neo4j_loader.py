"""Loading the plan graph into Neo4j: schema first, then one atomic, idempotent transaction.

The loader reads what the database holds, computes the difference with the
seed graph, and writes only that difference, in ``UNWIND $rows`` batches,
inside **one** transaction.  A load that fails part-way (a bad batch, a lost
connection, Ctrl-C) is rolled back whole, so the previous graph stays intact
and queryable; a second load of the same seed writes nothing.

Loads are serialized: each transaction first takes the load lock (``MERGE`` of a
``:LoadLock`` node under a uniqueness constraint, deleted again before commit, so it
is never seen), and only then reads the snapshot.  A second load waits for the
first to finish and diffs against its result.  That makes the snapshot exact for
the whole transaction, so new relationships are written with ``CREATE`` and
changed ones by ``MATCH … SET``: a ``MERGE`` with a dynamic relationship type is
planned as a scan of all relationships while the committed database is (nearly)
empty, which made a first load of a large graph quadratic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from neo4j import Driver, ManagedTransaction, Transaction

from chainkg.graph_loader.catalog import CATALOG, load_cypher
from chainkg.graph_loader.errors import StoreUnavailable
from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.load_diff import ChangeSet, EdgeKey, LoadReport, diff, edge_row_key
from chainkg.graph_loader.version import graph_version

BATCH_SIZE = 1000


class LoadError(RuntimeError):
    """The database did not take a batch as the diff expected; the load was rolled back."""


Progress = Callable[[int], None]
"""Called with the number of rows just written."""


def schema_statements(name: str = "schema") -> list[str]:
    """Return the statements of ``cypher/<name>.cypher`` (default: the schema), in order."""
    text = "\n".join(line for line in load_cypher(name).splitlines() if not line.startswith("//"))
    return [s.strip() for s in text.split(";") if s.strip()]


def ensure_schema(driver: Driver, database: str) -> None:
    """Create the constraints and indexes (idempotent) and wait until they are online."""
    for statement in schema_statements():
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


def _snapshot(
    tx: ManagedTransaction | Transaction,
) -> tuple[dict[str, Any], dict[EdgeKey, Any]]:
    record = tx.run(CATALOG["subgraph"].cypher, labels=None).single()
    if record is None:
        return {}, {}
    nodes = {n["id"]: n for n in record["nodes"]}
    edges = {edge_row_key(e): e for e in record["edges"]}
    return nodes, edges


def _batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _write(
    tx: ManagedTransaction | Transaction,
    changes: ChangeSet,
    batch_size: int,
    progress: Progress | None,
) -> None:
    steps: list[tuple[str, str, list[Any]]] = [
        ("load_delete_edges", "rows", changes.edge_deletes),
        ("load_delete_nodes", "ids", changes.node_deletes),
        ("load_update_nodes", "rows", changes.node_updates),
        ("load_create_nodes", "rows", changes.node_creates),
        ("load_update_edges", "rows", changes.edge_updates),
        ("load_create_edges", "rows", changes.edge_creates),
    ]
    for name, param, rows in steps:
        cypher = load_cypher(name)
        for batch in _batches(rows, batch_size):
            summary = tx.run(cypher, {param: batch}).consume()
            created = summary.counters.relationships_created
            if name == "load_create_edges" and created != len(batch):
                raise LoadError(
                    f"{len(batch) - created} of {len(batch)} relationships had no end node "
                    "in the database; nothing was written"
                )
            if progress:
                progress(len(batch))


def _stamp(tx: ManagedTransaction | Transaction, version: str) -> None:
    """Commit ``version`` with the data, unless the database already carries it."""
    record = tx.run(load_cypher("graph_version")).single()
    if record is None or record["version"] != version:
        tx.run(load_cypher("load_stamp"), version=version).consume()


def plan_load(driver: Driver, database: str, graph: PlanGraph) -> ChangeSet:
    """Return the changes a load of ``graph`` would make, without writing."""
    with driver.session(database=database) as session:
        nodes, edges = session.execute_read(_snapshot)
    return diff(graph, nodes, edges)


def load_graph(
    driver: Driver,
    database: str,
    graph: PlanGraph,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    on_plan: Callable[[ChangeSet], None] | None = None,
) -> LoadReport:
    """Make the database hold exactly ``graph``, in one transaction; return what changed.

    The schema is created first.  The transaction takes the load lock before it reads
    the database, so concurrent loads run one after the other, and commits the graph's
    version stamp (:func:`~chainkg.graph_loader.version.graph_version`) with the data.
    ``on_plan`` is told the change set before writing (e.g. to size a progress bar).  On
    any error the transaction is rolled back.
    """
    ensure_schema(driver, database)
    with driver.session(database=database) as session, session.begin_transaction() as tx:
        tx.run(load_cypher("load_lock")).consume()
        nodes, edges = _snapshot(tx)
        changes = diff(graph, nodes, edges)
        if on_plan:
            on_plan(changes)
        if changes.size:
            _write(tx, changes, batch_size, progress)
        _stamp(tx, graph_version(graph))
        tx.run(load_cypher("load_unlock")).consume()
        tx.commit()
    return changes.report


__all__ = [
    "ChangeSet",
    "LoadError",
    "LoadReport",
    "StoreUnavailable",
    "diff",
    "ensure_schema",
    "load_graph",
    "plan_load",
]
