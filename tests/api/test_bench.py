"""``bench/api.py --smoke`` runs end to end (no timing assertions): every run, the bare app,
the ratios and the goals table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chainkg.graph_loader.store import Neo4jStore
from tests.conftest import Neo4jServer

BENCH = Path(__file__).resolve().parents[2] / "bench" / "api.py"


def run_smoke(backend: str, env: dict[str, str], bench: Path = BENCH) -> str:
    """Return the output of ``bench --smoke`` on ``backend`` (the run must succeed)."""
    result = subprocess.run(
        [sys.executable, str(bench), "--smoke", "--backend", backend],
        env={**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def check_runs(output: str, titles: list[str]) -> None:
    """Every run is reported, with its endpoints, and no request failed."""
    for title in titles:
        assert f"### {title}" in output, title
    all_rows = [line for line in output.splitlines() if line.startswith("| **all** |")]
    assert len(all_rows) == len(titles)
    for row in all_rows:
        assert row.endswith("| 0 |"), row  # no errors
        assert int(row.split("|")[2]) > 0
    assert "### Goals" in output and "| measure | this run | goal | met |" in output


@pytest.mark.slow
def test_bench_smoke_embedded() -> None:
    output = run_smoke("embedded", {})
    check_runs(
        output,
        [
            "embedded: main endpoints: 2 clients",
            "embedded: detail endpoints: 2 clients",
            "embedded: detail endpoints revalidated (If-None-Match, 304): 2 clients",
            "embedded, no response cache (CHAINKG_CACHE_MB=0): detail endpoints: 2 clients",
            "bare FastAPI app: detail paths, constant bodies: 2 clients",
        ],
    )
    for name in ("chains", "chain parks", "park chains", "search", "path", "health", "enterprise"):
        assert f"| {name} `" in output
    assert "`/maps/graph` on a fresh server: first" in output and "API / raw |" in output
    assert "| embedded detail endpoints / bare app |" in output


def test_bench_smoke_neo4j(neo4j_server: Neo4jServer, neo4j_store: Neo4jStore) -> None:
    output = run_smoke("neo4j", neo4j_server.env())
    check_runs(
        output,
        [
            "neo4j (cached): main endpoints: 2 clients",
            "neo4j (cached): soak, main endpoints and maps: 8 clients",
        ],
    )
    assert "driver.execute_query" in output and "| 8 clients for 2 s | 0 errors in" in output
