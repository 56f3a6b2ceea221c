"""``bench/ask.py --smoke`` runs end to end on both stores (no timing assertions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chainkg.graph_loader.store import Neo4jStore
from tests.api.test_bench import run_smoke
from tests.conftest import Neo4jServer

pytestmark = pytest.mark.slow  # a benchmark's smoke run: in make test, not make test-fast

BENCH = Path(__file__).resolve().parents[2] / "bench" / "ask.py"


def check_report(output: str, backend: str) -> None:
    assert f"### {backend}: one client, 3 rounds" in output
    assert "| **/ask, all** |" in output and "| **/search (baseline)** |" in output
    assert "/ask p50 / /search p50: " in output


def test_ask_bench_smoke_embedded() -> None:
    check_report(run_smoke("embedded", {}, BENCH), "embedded")


def test_ask_bench_smoke_neo4j(neo4j_server: Neo4jServer, neo4j_store: Neo4jStore) -> None:
    check_report(run_smoke("neo4j", neo4j_server.env(), BENCH), "neo4j")
