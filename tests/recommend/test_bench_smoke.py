"""``bench/recommend.py --smoke`` runs end to end on both backends (no timing assertions)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chainkg.graph_loader.store import Neo4jStore
from tests.conftest import Neo4jServer

pytestmark = pytest.mark.slow  # a benchmark's smoke run: in make test, not make test-fast

BENCH = Path(__file__).resolve().parent.parent.parent / "bench" / "recommend.py"


def test_recommend_benchmark_smoke(neo4j_server: Neo4jServer, neo4j_store: Neo4jStore) -> None:
    env = {**os.environ, **neo4j_server.env()}
    result = subprocess.run(
        [sys.executable, str(BENCH), "--smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    for backend in ("## embedded", "## neo4j"):
        assert backend in result.stdout
    assert result.stdout.count("build list ") == 2 * 6
    assert result.stdout.count("right chain first") == 2
