"""Shared fixtures: the shipped seed, both stores, and a real Neo4j for the session.

Neo4j comes from ``NEO4J_URI`` when set, otherwise the embedded Neo4j 5.26 server of
``neo4j-embedded/`` is built (first use) and started for the session.  With
``REQUIRE_NEO4J=1`` (CI) a skipped Neo4j test is a failure, and so is a run in which
no Neo4j test passed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from neo4j import Driver, GraphDatabase
from pydantic import SecretStr
from starlette.types import ASGIApp

from chainkg.api.main import SERVER_OPTIONS
from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.neo4j_loader import load_graph
from chainkg.graph_loader.settings import Settings
from chainkg.graph_loader.store import Neo4jStore
from tests.plan_fixtures import (
    SEED_DIR,
    embedded_store,
    graph,
    plan_text,
    pytest_collection_modifyitems,
    seed,
    seed_dir,
    store,
)
from tools.neo4j_server import DEFAULT_PASSWORD, EmbeddedNeo4j, free_port

# Records written by apps the tests open without a records store of their own go to a
# directory of this session, never to the user's CHAINKG_DATA_DIR.
os.environ["CHAINKG_DATA_DIR"] = tempfile.mkdtemp(prefix="chainkg-test-records-")
os.environ.pop("CHAINKG_REQUIRE_KEY_FOR_READ", None)

__all__ = [  # the plan's fixtures and hooks, from tests/plan_fixtures.py
    "SEED_DIR",
    "embedded_store",
    "graph",
    "plan_text",
    "pytest_collection_modifyitems",
    "seed",
    "seed_dir",
    "store",
]
REQUIRE_NEO4J = os.environ.get("REQUIRE_NEO4J") == "1"
_neo4j_passed = 0


@contextlib.contextmanager
def serve_app(app: ASGIApp) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1, as ``chainkg serve`` does; yield its base URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", **SERVER_OPTIONS)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


class Neo4jServer:
    """Where the session's Neo4j is, and (when we started it) the process to stop/start."""

    def __init__(self, uri: str, auth: tuple[str, str], process: EmbeddedNeo4j | None) -> None:
        self.uri = uri
        self.auth = auth
        self.process = process

    def env(self) -> dict[str, str]:
        """Return the NEO4J_* variables that point a child process at this server."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USER": self.auth[0],
            "NEO4J_PASSWORD": self.auth[1],
            "NEO4J_DATABASE": os.environ.get("NEO4J_DATABASE", "neo4j"),
        }


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
        yield Neo4jServer(uri, auth, None)
        return
    server = EmbeddedNeo4j(free_port(), tmp_path_factory.mktemp("neo4j"), DEFAULT_PASSWORD)
    try:
        server.start()
    except Exception as exc:
        pytest.skip(f"cannot start the embedded Neo4j: {exc}")
    try:
        yield Neo4jServer(server.uri, server.auth, server)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: Neo4jServer) -> Iterator[Driver]:
    driver = GraphDatabase.driver(neo4j_server.uri, auth=neo4j_server.auth)
    yield driver
    driver.close()


NEO4J_DB = os.environ.get("NEO4J_DATABASE", "neo4j")


@contextmanager
def own_neo4j(path: Path, **settings: Any) -> Iterator[tuple[EmbeddedNeo4j, Settings]]:
    """Start a Neo4j of a test's own (to stop and start at will) with the settings that reach
    it; skip when it cannot start; stop it afterwards."""
    server = EmbeddedNeo4j(free_port(), path, DEFAULT_PASSWORD)
    try:
        server.start()
    except Exception as exc:
        pytest.skip(f"cannot start the embedded Neo4j: {exc}")
    try:
        yield (
            server,
            Settings(
                neo4j_uri=server.uri,
                neo4j_user=server.auth[0],
                neo4j_password=SecretStr(server.auth[1]),
                **settings,
            ),
        )
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_store(neo4j_server: Neo4jServer, neo4j_driver: Driver, graph: PlanGraph) -> Neo4jStore:
    """A Neo4j store holding the shipped seed (tests that change it restore it)."""
    load_graph(neo4j_driver, NEO4J_DB, graph)
    return Neo4jStore(neo4j_driver, neo4j_server.uri, NEO4J_DB)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    global _neo4j_passed  # noqa: PLW0603 - a session-wide tally
    report = yield
    if item.get_closest_marker("neo4j"):
        if report.skipped and REQUIRE_NEO4J:
            report.outcome = "failed"
            report.longrepr = f"REQUIRE_NEO4J=1 but this Neo4j test was skipped: {report.longrepr}"
        elif report.when == "call" and report.passed:
            _neo4j_passed += 1
    return report


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if REQUIRE_NEO4J and _neo4j_passed == 0 and session.testscollected:
        print("\nREQUIRE_NEO4J=1 but no Neo4j test passed: the Neo4j half did not run.")
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    terminalreporter.write_line(f"Neo4j tests passed: {_neo4j_passed}")
