"""``bench/maps.py --smoke`` runs end to end in chromium (no timing assertions)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.maps import synthetic_spec

pytestmark = pytest.mark.slow  # a benchmark's smoke run: in make test, not make test-fast

BENCH = Path(__file__).resolve().parents[2] / "bench" / "maps.py"


def test_synthetic_graph_has_the_plan_graphs_shape() -> None:
    spec = synthetic_spec(1000)
    assert len(spec.nodes) == 1000
    assert 1.2 <= len(spec.edges) / len(spec.nodes) <= 1.3  # the seed has 1.28
    labels = {n.type for n in spec.nodes}
    assert {"Plan", "Tier", "Group", "Chain", "Park", "Technology"} <= labels


@pytest.mark.browser
def test_smoke_run(chromium: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--smoke"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "| ours: positions from Python" in out and "| pyvis default" in out
    assert "ratio (pyvis default / ours)" in out
    assert out.count("| 60/60 |") == 2
