"""Neo4j goes away while the API is serving: 503 problems, then answers again without a restart.

The test runs its own Neo4j (not the session's), so stopping it disturbs no other test.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from chainkg.api.main import create_app
from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.neo4j_loader import load_graph
from chainkg.graph_loader.store import make_driver
from tests.api.conftest import PROBLEM_JSON, TestClient
from tests.conftest import own_neo4j


@pytest.mark.neo4j
def test_api_survives_a_neo4j_outage(tmp_path: Path, graph: PlanGraph) -> None:
    with own_neo4j(tmp_path / "neo4j", neo4j_timeout=2.0) as (server, settings):
        with make_driver(settings) as driver:
            load_graph(driver, settings.neo4j_database, graph)

        # The app opens its own store from the settings, as `chainkg serve` does.
        with TestClient(create_app(settings=settings)) as client:
            before = client.get("/api/v1/chains")
            assert before.status_code == 200 and before.json()["total"] == 30
            assert client.get("/api/v1/health").json()["backend"] == "neo4j"

            server.stop()
            # Answers seen before may come from the caches until the next version check
            # (at most CHAINKG_VERSION_CHECK_SECONDS after the last one), then 503.
            time.sleep(settings.version_check_seconds)
            for url in ("/api/v1/chains", "/api/v1/health", "/api/v1/chains/chain.pv/parks"):
                down = client.get(url)
                assert down.status_code == 503, down.text
                assert down.headers["content-type"] == PROBLEM_JSON
                assert down.headers["retry-after"]
                body = down.json()
                assert body["title"] == "Graph database unavailable"
                assert body["status"] == 503 and server.uri not in down.text  # log only
            assert client.get("/api/v1/health").json()["reachable"] is False
            # a page asked by a browser gets a readable page in its language, not JSON
            for url, heading in (
                ("/maps/chains/chain.pv", "图数据库暂时无法访问"),
                ("/?lang=en", "The graph database is unavailable"),
            ):
                page = client.get(url)
                assert page.status_code == 503 and page.headers["retry-after"]
                assert page.headers["content-type"] == "text/html; charset=utf-8"
                assert heading in page.text and server.uri not in page.text

            server.start()  # same data directory: the graph is still there
            deadline = time.monotonic() + 30
            after = client.get("/api/v1/chains")
            while after.status_code != 200 and time.monotonic() < deadline:
                time.sleep(0.5)
                after = client.get("/api/v1/chains")
            assert after.status_code == 200, after.text
            assert after.content == before.content
            assert client.get("/maps/chains/chain.pv").status_code == 200  # no restart needed
            health = client.get("/api/v1/health")
            assert health.status_code == 200 and health.json()["reachable"] is True
