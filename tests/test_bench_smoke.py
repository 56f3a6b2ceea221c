"""``bench/load.py --smoke`` runs end to end against the session's Neo4j (no timing assertions)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import Driver

from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.neo4j_loader import load_graph
from tests.conftest import NEO4J_DB, Neo4jServer

pytestmark = pytest.mark.slow  # a benchmark's smoke run: in make test, not make test-fast

BENCH = Path(__file__).resolve().parent.parent / "bench" / "load.py"


def test_load_benchmark_smoke(
    neo4j_server: Neo4jServer, neo4j_driver: Driver, graph: PlanGraph
) -> None:
    env = {**os.environ, **neo4j_server.env()}
    try:
        result = subprocess.run(
            [sys.executable, str(BENCH), "--smoke", "--allow-wipe"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        # The benchmark leaves the database empty: put the shipped seed back for other tests.
        load_graph(neo4j_driver, NEO4J_DB, graph)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    out = result.stdout
    assert "second load of the same graph" in out and "changed nothing" in out
    assert "timed on a random sample of 200 nodes + 200 relationships" in out
    assert re.search(r"^ratio batched/naive: [\d,.]+x \(", out, re.MULTILINE), out
