"""``bench/api.py --smoke`` runs end to end (no timing assertions): uvicorn, clients, ratios."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from chainkg.graph_loader.store import Neo4jStore
from tests.conftest import Neo4jServer

BENCH = Path(__file__).resolve().parents[2] / "bench" / "api.py"


def run_smoke(backend: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--smoke", "--backend", backend],
        env={**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def check_report(output: str, backend: str) -> None:
    assert f"### {backend}: 2 clients" in output
    assert "| **all** |" in output and "API / raw |" in output
    for name in ("chains", "chain parks", "park chains", "search", "path", "health"):
        assert f"| {name} `" in output
    all_row = next(line for line in output.splitlines() if line.startswith("| **all** |"))
    assert all_row.endswith("| 0 |"), all_row  # no errors
    assert int(all_row.split("|")[2]) > 0


def test_bench_smoke_embedded() -> None:
    check_report(run_smoke("embedded", {}), "embedded")


def test_bench_smoke_neo4j(neo4j_server: Neo4jServer, neo4j_store: Neo4jStore) -> None:
    output = run_smoke("neo4j", neo4j_server.env())
    check_report(output, "neo4j")
    assert "driver.execute_query" in output
