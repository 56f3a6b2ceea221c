"""The graph version: a content hash, stamped into Neo4j by every load in its transaction, and
a tracker that asks the sources at most once per interval and combines them."""

from __future__ import annotations

import dataclasses
import threading

import pytest
from neo4j import Driver

from chainkg.graph_loader.errors import StoreUnavailable
from chainkg.graph_loader.graph import PlanGraph, PropValue
from chainkg.graph_loader.neo4j_loader import load_graph
from chainkg.graph_loader.store import EmbeddedStore, Neo4jStore
from chainkg.graph_loader.version import MAX_INTERVAL, VersionTracker, graph_version
from tests.conftest import NEO4J_DB
from tests.test_neo4j_loader import _changed, _wipe, db  # noqa: F401 - db is a fixture


def _edited(graph: PlanGraph, node_id: str, **props: PropValue) -> PlanGraph:
    nodes = dict(graph.nodes)
    nodes[node_id] = dataclasses.replace(nodes[node_id], props={**nodes[node_id].props, **props})
    return PlanGraph(nodes, list(graph.edges))


# ----------------------------------------------------------------- the content hash


def test_equal_graphs_have_equal_versions(graph: PlanGraph) -> None:
    copy = PlanGraph(dict(reversed(list(graph.nodes.items()))), list(reversed(graph.edges)))
    assert graph_version(copy) == graph_version(graph)
    assert EmbeddedStore(graph).version() == graph_version(graph)


@pytest.mark.parametrize(
    ("node_id", "props"),
    [
        ("chain.pv", {"target_2027": 353}),
        ("chain.pv", {"name_en": "Solar PV"}),
        ("park.taixing_edz", {"evidence": "泰兴经济开发区"}),
        ("dept.miit", {"aliases": ["工信局", "工信"]}),
    ],
)
def test_any_change_changes_the_version(
    graph: PlanGraph, node_id: str, props: dict[str, PropValue]
) -> None:
    assert graph_version(_edited(graph, node_id, **props)) != graph_version(graph)


def test_an_edge_change_changes_the_version(graph: PlanGraph) -> None:
    edges = list(graph.edges)
    edges[5] = dataclasses.replace(edges[5], props={**edges[5].props, "role": "核心"})
    assert graph_version(PlanGraph(dict(graph.nodes), edges)) != graph_version(graph)
    assert graph_version(PlanGraph(dict(graph.nodes), edges[1:])) != graph_version(graph)


# ----------------------------------------------------------------- the tracker


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Source:
    """A version source that counts how often it is asked."""

    def __init__(self, version: str | None) -> None:
        self.version = version
        self.asked = 0
        self.fail = False

    def __call__(self) -> str | None:
        self.asked += 1
        if self.fail:
            raise StoreUnavailable("down")
        return self.version


def test_tracker_asks_at_most_once_per_interval() -> None:
    clock, plan = Clock(), Source("p1")
    tracker = VersionTracker(2.0, clock=clock)
    tracker.add_source("plan", plan)
    first = tracker.current()
    for _ in range(50):
        assert tracker.current() == first
    clock.now += 1.9
    assert tracker.current() == first and plan.asked == 1
    plan.version = "p2"
    assert tracker.current() == first, "a change is not seen before the interval is over"
    clock.now += 0.1
    assert tracker.current() != first and plan.asked == 2
    assert tracker.part("plan") == "p2"


def test_invalidate_asks_again_at_once() -> None:
    clock, plan = Clock(), Source("p1")
    tracker = VersionTracker(5.0, clock=clock)
    tracker.add_source("plan", plan)
    before = tracker.current()
    plan.version = "p2"
    tracker.invalidate()
    assert tracker.current() != before and plan.asked == 2


def test_a_second_source_changes_the_combined_version() -> None:
    """The hook for the staff records: a write that bumps its source changes the version."""
    clock, plan, records = Clock(), Source("p1"), Source("r1")
    tracker = VersionTracker(2.0, clock=clock)
    tracker.add_source("plan", plan)
    plan_only = tracker.current()
    tracker.add_source("records", records)
    both = tracker.current()
    assert both is not None and both != plan_only
    records.version = "r2"
    tracker.invalidate()
    assert tracker.current() not in (both, None)
    assert tracker.part("plan") == "p1" and tracker.part("records") == "r2"
    records.version = None  # a source with no version: nothing may be cached
    tracker.invalidate()
    assert tracker.current() is None


def test_a_failing_source_is_asked_again_next_time() -> None:
    clock, plan = Clock(), Source("p1")
    tracker = VersionTracker(2.0, clock=clock)
    tracker.add_source("plan", plan)
    tracker.current()
    clock.now += 3
    plan.fail = True
    with pytest.raises(StoreUnavailable):
        tracker.current()
    plan.fail = False
    assert tracker.current() is not None and plan.asked == 3


def test_no_source_means_no_version() -> None:
    assert VersionTracker().current() is None


def test_interval_is_bounded() -> None:
    with pytest.raises(ValueError, match="0 to 5"):
        VersionTracker(MAX_INTERVAL + 1)


def test_concurrent_callers_ask_once() -> None:
    plan = Source("p1")
    tracker = VersionTracker(5.0)
    tracker.add_source("plan", plan)
    barrier = threading.Barrier(8)

    def call() -> None:
        barrier.wait()
        tracker.current()

    threads = [threading.Thread(target=call) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert plan.asked == 1


# ----------------------------------------------------------------- the Neo4j stamp


def test_load_stamps_the_version_in_its_transaction(
    db: Neo4jStore,  # noqa: F811
    graph: PlanGraph,
) -> None:
    assert db.version() == graph_version(graph)
    new = _changed(graph)
    load_graph(db.driver, NEO4J_DB, new)
    assert db.version() == graph_version(new) != graph_version(graph)
    assert db.version() == EmbeddedStore(new).version()
    # the stamp is not an :Entity: the graph's answers do not see it
    assert db.run("subgraph", labels=None) == EmbeddedStore(new).run("subgraph", labels=None)


def test_a_failed_load_keeps_the_old_stamp(
    db: Neo4jStore,  # noqa: F811
    graph: PlanGraph,
) -> None:
    before = db.version()

    def interrupt(_: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load_graph(db.driver, NEO4J_DB, _changed(graph), batch_size=10, progress=interrupt)
    assert db.version() == before == graph_version(graph)


def test_an_unstamped_database_has_no_version(
    db: Neo4jStore,  # noqa: F811
    graph: PlanGraph,
    neo4j_driver: Driver,
) -> None:
    neo4j_driver.execute_query("MATCH (v:GraphVersion) DELETE v", database_=NEO4J_DB)
    assert db.version() is None
    report = load_graph(db.driver, NEO4J_DB, graph)  # same data: only the stamp is written
    assert not report.changed and db.version() == graph_version(graph)
    _wipe(db.driver)
    assert db.version() is None
