"""``bench/mechanism.py --smoke`` runs end to end (no timing assertions)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a child process writing thousands of records: not in test-fast

BENCH = Path(__file__).resolve().parent.parent.parent / "bench" / "mechanism.py"


def test_mechanism_benchmark_smoke() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--smoke"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "gap view of chain.pv" in result.stdout and "stage histories" in result.stdout
    assert result.stdout.count("audit entries") == 2
