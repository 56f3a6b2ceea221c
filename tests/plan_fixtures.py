"""The shipped plan's fixtures, light enough to run without the rest of the suite's set-up.

``tests/conftest.py`` takes these fixtures from here, so the suite has them as before.  A
mutation run of a module whose tests need only these loads this file alone (``--noconftest
-p tests.plan_fixtures``, ``tools/mutation.toml``): no Neo4j driver, web server or API is
imported, which is most of a short run's time.  The ``store`` fixture's Neo4j half is marked
``neo4j`` here, so ``-m "not neo4j"`` leaves it out either way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chainkg.graph_loader.graph import PlanGraph, build_graph
from chainkg.graph_loader.seed_io import Seed
from chainkg.graph_loader.settings import shipped_seed
from chainkg.graph_loader.store import EmbeddedStore, GraphStore
from chainkg.graph_loader.validate import load_valid_seed

SEED_DIR = shipped_seed()
"""The seed the package ships (the checkout's seed/ in an editable install)."""


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return SEED_DIR


@pytest.fixture(scope="session")
def plan_text() -> str:
    return (SEED_DIR / "source" / "plan.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed() -> Seed:
    return load_valid_seed(SEED_DIR)


@pytest.fixture(scope="session")
def graph(seed: Seed) -> PlanGraph:
    return build_graph(seed)


@pytest.fixture(scope="session")
def embedded_store(graph: PlanGraph) -> EmbeddedStore:
    return EmbeddedStore(graph)


@pytest.fixture(params=["embedded", "neo4j"])
def store(request: pytest.FixtureRequest) -> GraphStore:
    """Each store in turn: the contract tests run against both (``neo4j_store`` is
    tests/conftest.py's)."""
    name = "embedded_store" if request.param == "embedded" else "neo4j_store"
    result: GraphStore = request.getfixturevalue(name)
    return result


def uses_neo4j(item: pytest.Item) -> bool:
    """Return whether a test needs Neo4j (its fixtures, or the Neo4j half of ``store``)."""
    names = getattr(item, "fixturenames", ())
    callspec = getattr(item, "callspec", None)
    params: dict[str, Any] = callspec.params if callspec else {}
    return "neo4j_server" in names or "neo4j_store" in names or params.get("store") == "neo4j"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if uses_neo4j(item):
            item.add_marker(pytest.mark.neo4j)
