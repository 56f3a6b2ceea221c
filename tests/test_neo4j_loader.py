"""The Neo4j loader against a real Neo4j: idempotent, exact, atomic, with clear errors."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import CypherTypeError
from typer.testing import CliRunner

from chainkg.cli import app
from chainkg.graph_loader.errors import Neo4jConfigError, StoreUnavailable
from chainkg.graph_loader.graph import Edge, Node, PlanGraph
from chainkg.graph_loader.neo4j_loader import LoadError, load_graph
from chainkg.graph_loader.store import EmbeddedStore, Neo4jStore
from chainkg.graph_loader.store.neo4j_backend import check_server
from tests.conftest import NEO4J_DB, Neo4jServer
from tools.neo4j_server import free_port


def _snapshot(store: Neo4jStore | EmbeddedStore) -> dict[str, object]:
    return store.run("subgraph", labels=None)[0]


@pytest.fixture
def db(neo4j_store: Neo4jStore, graph: PlanGraph) -> Iterator[Neo4jStore]:
    """The session's Neo4j; whatever a test does, the shipped seed is loaded again after it."""
    yield neo4j_store
    load_graph(neo4j_store.driver, NEO4J_DB, graph)


def _wipe(driver: Driver) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=NEO4J_DB)


def test_load_from_scratch_then_reload_changes_nothing(db: Neo4jStore, graph: PlanGraph) -> None:
    _wipe(db.driver)
    first = load_graph(db.driver, NEO4J_DB, graph)
    assert (first.nodes_created, first.relationships_created) == (
        len(graph.nodes),
        len(graph.edges),
    )
    assert first.nodes_updated == first.nodes_deleted == 0
    second = load_graph(db.driver, NEO4J_DB, graph)
    assert not second.changed, second


def test_database_equals_embedded_store_label_by_label(
    db: Neo4jStore, embedded_store: EmbeddedStore, graph: PlanGraph
) -> None:
    health = db.health()
    assert health.labels == graph.label_counts()
    assert health.types == graph.type_counts()
    assert _snapshot(db) == _snapshot(embedded_store)
    pv = db.run("node", id="chain.pv")[0]["node"]
    assert pv["target_2027"] == 352 and isinstance(pv["target_2027"], int)
    assert pv["revenue_2024"] == 304 and isinstance(pv["revenue_2024"], int)
    assert pv["aliases"] == ["光伏产业", "太阳能光伏", "PV"]  # a list, in the seed's order
    drugs = db.run("node", id="chain.chemical_drugs")[0]["node"]
    assert drugs["revenue_2024"] == 177.6 and isinstance(drugs["revenue_2024"], float)


def _changed(graph: PlanGraph) -> PlanGraph:
    """A new version of the seed graph: one node gone, one edited, one added, one relabelled."""
    nodes = dict(graph.nodes)
    del nodes["tech.perovskite_cell"]
    pv = nodes["chain.pv"]
    nodes["chain.pv"] = dataclasses.replace(pv, props={**pv.props, "target_2027": 400})
    nodes["tech.new_thing"] = Node(
        "tech.new_thing",
        "Technology",
        {
            "name": "新东西",
            "name_en": "New thing",
            "kind": "product",
            "source": "附件#22",
            "evidence": "光伏",
        },
    )
    edges = [e for e in graph.edges if "tech.perovskite_cell" not in (e.source, e.target)]
    edges.append(
        Edge("chain.pv", "FOCUSES_ON", "tech.new_thing", {"source": "附件#22", "evidence": "光伏"})
    )
    edges[0] = dataclasses.replace(edges[0], props={**edges[0].props, "evidence": "光伏"})
    return PlanGraph(nodes, sorted(edges, key=lambda e: e.key))


def test_changed_seed_makes_the_database_equal_the_new_seed(
    db: Neo4jStore, graph: PlanGraph
) -> None:
    new = _changed(graph)
    removed_edges = len(graph.edges) - (len(new.edges) - 1)
    report = load_graph(db.driver, NEO4J_DB, new)
    assert (report.nodes_created, report.nodes_updated, report.nodes_deleted) == (1, 1, 1)
    assert report.relationships_created == 1
    assert report.relationships_updated == 1
    assert report.relationships_deleted == removed_edges
    assert _snapshot(db) == _snapshot(EmbeddedStore(new))
    assert not load_graph(db.driver, NEO4J_DB, new).changed


def test_relabelled_node_is_replaced(db: Neo4jStore, graph: PlanGraph) -> None:
    nodes = dict(graph.nodes)
    node = next(n for n in nodes.values() if n.label == "Platform")
    nodes[node.id] = dataclasses.replace(node, label="Project")
    new = PlanGraph(nodes, graph.edges)
    load_graph(db.driver, NEO4J_DB, new)
    assert db.run("node", id=node.id)[0]["node"]["label"] == "Project"
    assert _snapshot(db) == _snapshot(EmbeddedStore(new))


def test_failing_batch_leaves_previous_graph_intact(
    db: Neo4jStore, embedded_store: EmbeddedStore, graph: PlanGraph
) -> None:
    before = _snapshot(db)
    edited = {
        k: dataclasses.replace(n, props={**n.props, "rev": 2}) for k, n in graph.nodes.items()
    }
    bad = PlanGraph(edited, graph.edges)
    # Neo4j refuses a map as a property value: the last batch of nodes fails on the server,
    # after every other node was already rewritten in the same transaction.
    bad.nodes["zzz.bad"] = Node("zzz.bad", "Technology", {"name": "坏", "nested": {"a": 1}})  # type: ignore[dict-item]
    written: list[int] = []
    with pytest.raises(
        CypherTypeError, match=r"Property values can only be of primitive types or arrays"
    ):
        load_graph(db.driver, NEO4J_DB, bad, batch_size=50, progress=written.append)
    assert sum(written) >= len(graph.nodes) - 50, "the failure came after the earlier batches"
    assert _snapshot(db) == before == _snapshot(embedded_store)


def test_interrupted_load_leaves_previous_graph_intact(
    db: Neo4jStore, embedded_store: EmbeddedStore, graph: PlanGraph
) -> None:
    _wipe(db.driver)
    load_graph(db.driver, NEO4J_DB, graph)

    def interrupt(_: int) -> None:
        raise KeyboardInterrupt  # as Ctrl-C would, between two batches

    with pytest.raises(KeyboardInterrupt):
        load_graph(db.driver, NEO4J_DB, _changed(graph), batch_size=10, progress=interrupt)
    assert _snapshot(db) == _snapshot(embedded_store)


def test_concurrent_loads_run_one_after_the_other(db: Neo4jStore, graph: PlanGraph) -> None:
    new = _changed(graph)
    holding, release = threading.Event(), threading.Event()

    def hold(_: int) -> None:
        holding.set()
        release.wait(60)

    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(load_graph, db.driver, NEO4J_DB, new, progress=hold)
        try:
            assert holding.wait(60), "the first load started writing"
            second = pool.submit(load_graph, db.driver, NEO4J_DB, new)
            time.sleep(1.0)
            assert not second.done(), "the second load waits for the first to commit"
        finally:
            release.set()
        assert first.result(60).changed
        # It read the database after the first committed: nothing left to do, no duplicates.
        assert not second.result(60).changed
    assert _snapshot(db) == _snapshot(EmbeddedStore(new))
    records, _, _ = db.driver.execute_query(
        "MATCH (l:LoadLock) RETURN count(l) AS n", database_=NEO4J_DB
    )
    assert records[0]["n"] == 0, "the lock node is never committed"


def test_relationship_without_end_node_fails_the_whole_load(
    db: Neo4jStore, graph: PlanGraph
) -> None:
    before = _snapshot(db)
    dangling = Edge("chain.pv", "FOCUSES_ON", "tech.not_there", {"source": "附件#22"})
    edited = {
        k: dataclasses.replace(n, props={**n.props, "rev": 2}) for k, n in graph.nodes.items()
    }
    bad = PlanGraph(edited, [*graph.edges, dangling])
    with pytest.raises(LoadError, match="1 of 1 relationships had no end node"):
        load_graph(db.driver, NEO4J_DB, bad)
    assert _snapshot(db) == before


def test_wrong_password_is_one_clear_error(neo4j_server: Neo4jServer) -> None:
    with GraphDatabase.driver(neo4j_server.uri, auth=("neo4j", "wrong-password")) as driver:
        with pytest.raises(Neo4jConfigError, match="rejected the credentials"):
            check_server(driver, neo4j_server.uri, NEO4J_DB)
    result = CliRunner().invoke(
        app, ["load", "--neo4j-uri", neo4j_server.uri, "--password", "wrong-password"]
    )
    assert result.exit_code == 1
    assert "rejected the credentials" in result.output and "Traceback" not in result.output


def test_unreachable_host_is_one_clear_error() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    with GraphDatabase.driver(uri, auth=("neo4j", "x")) as driver:
        with pytest.raises(StoreUnavailable, match=r"cannot reach Neo4j at .*Connection refused"):
            check_server(driver, uri, NEO4J_DB)
    result = CliRunner().invoke(app, ["load", "--neo4j-uri", uri, "--password", "x"])
    assert result.exit_code == 1
    assert f"cannot reach Neo4j at {uri}" in result.output and "Traceback" not in result.output


def _load_args(server: Neo4jServer, *extra: str) -> list[str]:
    user, password = server.auth
    return ["load", "--neo4j-uri", server.uri, "--user", user, "--password", password, *extra]


def test_unknown_database_is_one_clear_error(neo4j_server: Neo4jServer) -> None:
    result = CliRunner().invoke(app, _load_args(neo4j_server, "--database", "nosuchdb"))
    assert result.exit_code == 1
    assert "has no database named 'nosuchdb'" in result.output


def test_cli_load_reports_and_is_idempotent(db: Neo4jStore, neo4j_server: Neo4jServer) -> None:
    result = CliRunner().invoke(app, _load_args(neo4j_server))
    assert result.exit_code == 0, result.output
    # a load that changes nothing says so in one line, not a table of zeros
    (line,) = result.output.strip().splitlines()
    assert line.startswith("nothing written: Neo4j 5.26"), line
    assert line.endswith("already holds exactly this seed")
    dry = CliRunner().invoke(app, _load_args(neo4j_server, "--dry-run"))
    assert dry.exit_code == 0, dry.output
    (line,) = dry.output.strip().splitlines()
    assert line.startswith("a load would write nothing: Neo4j 5.26"), line
