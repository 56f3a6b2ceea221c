"""The version-keyed result cache on a store: asked once per version, memos computed once."""

from __future__ import annotations

import dataclasses
import threading
import time
from typing import Any

import pytest

from chainkg.graph_loader.cache import CachedStore
from chainkg.graph_loader.catalog import Query, Row
from chainkg.graph_loader.errors import StoreUnavailable
from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.store import EmbeddedStore, GraphStore
from chainkg.graph_loader.version import VersionTracker


class Swappable(GraphStore):
    """A real embedded store that can be replaced by another (a new load), counting queries."""

    backend = "swappable"

    def __init__(self, graph: PlanGraph) -> None:
        self.current = EmbeddedStore(graph)
        self.queries = 0

    def load(self, graph: PlanGraph) -> None:
        self.current = EmbeddedStore(graph)

    def version(self) -> str | None:
        return self.current.version()

    def _run(self, query: Query, params: dict[str, Any]) -> list[Row]:
        self.queries += 1
        return self.current._run(query, params)


def _renamed(graph: PlanGraph, name_en: str) -> PlanGraph:
    nodes = dict(graph.nodes)
    pv = nodes["chain.pv"]
    nodes["chain.pv"] = dataclasses.replace(pv, props={**pv.props, "name_en": name_en})
    return PlanGraph(nodes, list(graph.edges))


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("node", {"id": "chain.pv"}),
        ("chain_parks", {"id": "chain.pv"}),
        ("search", {"q": "光伏", "lucene": "光伏"}),
        ("subgraph", {"labels": ["Chain", "Group"]}),
        ("neighborhood", {"id": "park.taixing_edz", "depth": 2, "types": None}),
    ],
)
def test_answers_equal_the_store_and_are_asked_once(
    graph: PlanGraph, embedded_store: EmbeddedStore, name: str, params: dict[str, Any]
) -> None:
    inner = Swappable(graph)
    store = CachedStore(inner, VersionTracker(5))
    first = store.run(name, **params)
    assert first == embedded_store.run(name, **params)
    for _ in range(5):
        assert store.run(name, **params) == first
    assert inner.queries == 1


def test_a_new_version_is_asked_again_within_the_interval(graph: PlanGraph) -> None:
    inner = Swappable(graph)
    store = CachedStore(inner, VersionTracker(0.3))
    assert store.run("node", id="chain.pv")[0]["node"]["name_en"] == "Photovoltaics"
    inner.load(_renamed(graph, "Solar"))
    deadline = time.monotonic() + 0.3 + 0.5
    while store.run("node", id="chain.pv")[0]["node"]["name_en"] != "Solar":
        assert time.monotonic() < deadline, "the new version was not seen within the interval"
        time.sleep(0.02)
    assert inner.queries == 2


def test_different_parameters_are_different_answers(graph: PlanGraph) -> None:
    store = CachedStore(Swappable(graph))
    assert store.run("node", id="chain.pv") != store.run("node", id="chain.ev")


def test_a_store_without_version_is_not_cached(graph: PlanGraph) -> None:
    class Unversioned(Swappable):
        def version(self) -> str | None:
            return None

    inner = Unversioned(graph)
    store = CachedStore(inner)
    store.run("node", id="chain.pv")
    store.run("node", id="chain.pv")
    assert inner.queries == 2
    assert store.memo("x", object) is not store.memo("x", object)


def test_memo_computes_once_per_version_even_when_asked_together(graph: PlanGraph) -> None:
    inner = Swappable(graph)
    store = CachedStore(inner, VersionTracker(0))
    calls: list[int] = []
    barrier = threading.Barrier(6)

    def slow() -> str:
        calls.append(1)
        time.sleep(0.2)
        return f"layout {len(calls)}"

    results: list[str] = []

    def ask() -> None:
        barrier.wait()
        results.append(store.memo(("map", "graph", None), slow))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1] and results == ["layout 1"] * 6
    inner.load(_renamed(graph, "Solar"))  # a new version: computed again
    assert store.memo(("map", "graph", None), slow) == "layout 2"


def test_a_failed_memo_is_not_kept(graph: PlanGraph) -> None:
    store = CachedStore(Swappable(graph))

    def fail() -> str:
        raise LookupError("no such map")

    for _ in range(3):
        with pytest.raises(LookupError):
            store.memo(("map", "chain", "chain.nope"), fail)
    assert store.memo(("map", "chain", "chain.nope"), lambda: "ok") == "ok"
    assert not store._computing


def test_health_is_as_fresh_as_the_version_check(graph: PlanGraph) -> None:
    class Reached(Swappable):
        reached = 0
        down = False

        def version(self) -> str | None:
            Reached.reached += 1
            if self.down:
                raise StoreUnavailable("down")
            return super().version()

    inner = Reached(graph)
    store = CachedStore(inner, VersionTracker(0.2))
    first, second = store.health(), store.health()
    assert first == second and first.reachable and first.backend == "swappable"
    assert first.labels == graph.label_counts() and first.types == graph.type_counts()
    assert inner.queries == 1, "the counts are cached per version"
    assert Reached.reached == 1, "one version check within the interval"
    inner.down = True
    time.sleep(0.25)
    down = store.health()
    assert down.reachable is False and down.detail == "down", "asked again after the interval"
    assert store.health().reachable is False, "a failure is not remembered: asked again"
    assert Reached.reached == 3
