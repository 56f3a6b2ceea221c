"""A map looks the same every time: its positions do not depend on Python's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RENDER = (
    "from graph_loader.store import EmbeddedStore\n"
    "from viz.maps import render_map\n"
    "store = EmbeddedStore.from_seed()\n"
    "print(render_map(store, 'park', 'park.pharma_hitech_zone'))\n"
    "print(render_map(store, 'chain', 'chain.pv'))\n"
)


def _render(hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", RENDER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout


def test_layout_is_the_same_under_different_hash_seeds() -> None:
    first = _render("1")
    assert "park.pharma_hitech_zone" in first
    assert _render("2") == first
