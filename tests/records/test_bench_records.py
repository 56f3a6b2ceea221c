"""``bench/records.py --smoke`` runs end to end on both records stores (no timing assertions)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chainkg.graph_loader.store import Neo4jStore
from tests.conftest import NEO4J_DB, Neo4jServer

pytestmark = pytest.mark.slow  # a benchmark's smoke run: in make test, not make test-fast

BENCH = Path(__file__).resolve().parent.parent.parent / "bench" / "records.py"


def run(*args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--smoke", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_records_benchmark_smoke_sqlite() -> None:
    out = run("--backend", "sqlite")
    assert "one checked and audited write" in out and "plan_progress" in out


def test_records_benchmark_smoke_neo4j(neo4j_server: Neo4jServer, neo4j_store: Neo4jStore) -> None:
    out = run("--backend", "neo4j", "--allow-wipe", env={**os.environ, **neo4j_server.env()})
    assert "Neo4j" in out and "records per second" in out
    rows, _, _ = neo4j_store.driver.execute_query(
        "MATCH (n) WHERE n:Record OR n:AuditEntry RETURN count(n) AS n", database_=NEO4J_DB
    )
    assert rows[0]["n"] == 0  # the benchmark wiped what it wrote
